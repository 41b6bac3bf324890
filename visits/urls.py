from django.urls import path

from . import views

app_name = "visits"

urlpatterns = [
    path("hit/", views.hit, name="hit"),
]
