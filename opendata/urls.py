from django.urls import path

from .api import api
from .docs_page import api_docs

app_name = "opendata"
urlpatterns = [path("docs/", api_docs, name="docs"), *api.urls[0]]
