from django.urls import path

from .media import protected_media

urlpatterns = [
    # Uploaded files, through the apps' readers (web/media.py); never served directly.
    path("<path:path>", protected_media, name="protected_media"),
]
