from django.urls import path

from . import views

app_name = "site_pages"

urlpatterns = [
    path("guanhuai/", views.care_on, name="care_on"),
    path("guanhuai/tuichu/", views.care_off, name="care_off"),
    path("chunwenben/", views.text_on, name="text_on"),
    path("chunwenben/tuichu/", views.text_off, name="text_off"),
    path("wuzhangai/shengming/", views.accessibility_statement, name="accessibility_statement"),
    path("wuzhangai/bangzhu/", views.toolbar_help, name="toolbar_help"),
]
