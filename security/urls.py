from django.contrib import admin
from django.urls import path

from . import views

app_name = "security"

urlpatterns = [
    path("logins/", admin.site.admin_view(views.my_logins), name="my_logins"),
]
