from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("xxgk/<slug:township_slug>/yisqgk/", views.apply, name="apply"),
    path("xxgk/<slug:township_slug>/yisqgk/huizhi/", views.receipt, name="receipt"),
    path("xxgk/<slug:township_slug>/yisqgk/chaxun/", views.status, name="status"),
    path("xxgk/<slug:township_slug>/yisqgk/chaxun/wenshu/<slug:key>/", views.document,
         name="document"),
]
