from django.urls import path

from . import views

app_name = "townships"

urlpatterns = [
    path("wangzhan/tupian/<slug:kind>/", views.site_image, name="site_image"),
]
