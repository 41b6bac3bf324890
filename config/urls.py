from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("visits/", include("visits.urls")),
    path("", include("townships.urls")),
    path("", include("site_pages.urls")),
    path("", include("disclosure.urls")),
    path("", include("applications.urls")),
    path("", include("reports.urls")),
    path("", include("feedback.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
