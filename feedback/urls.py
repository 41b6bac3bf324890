from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("zhaocuo/", views.report, name="report"),
    path("zhaocuo/yitijiao/", views.thanks, name="thanks"),
    path("zhaocuo/chaxun/", views.answer_lookup, name="answer_lookup"),
]
