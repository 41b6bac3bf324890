from .api import api

app_name = "opendata"
urlpatterns = api.urls[0]
