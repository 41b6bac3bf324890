from django.contrib import admin
from django.urls import path

from . import views

app_name = "security"

urlpatterns = [
    path("logins/", admin.site.admin_view(views.my_logins), name="my_logins"),
    path("otp/", admin.site.admin_view(views.otp_verify), name="otp_verify"),
    path("otp/setup/", admin.site.admin_view(views.otp_setup), name="otp_setup"),
    path("otp/recovery/", admin.site.admin_view(views.otp_recovery_codes),
         name="otp_recovery_codes"),
    path("erase/application/<int:object_id>/", admin.site.admin_view(views.erase_case),
         name="erase_case"),
]
