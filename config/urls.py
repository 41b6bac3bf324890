from django.contrib import admin
from django.urls import include, path

from config.media import protected_media

urlpatterns = [
    path("admin/", admin.site.urls),
    path("visits/", include("visits.urls")),
    # Uploaded files, for back-office users only (config/media.py); never served directly.
    path("media/<path:path>", protected_media, name="protected_media"),
    path("", include("ops.urls")),
    path("", include("townships.urls")),
    path("", include("site_pages.urls")),
    path("", include("disclosure.urls")),
    path("", include("applications.urls")),
    path("", include("reports.urls")),
    path("", include("search.urls")),
    path("api/v1/", include("opendata.urls")),
    path("", include("feedback.urls")),
]

handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
