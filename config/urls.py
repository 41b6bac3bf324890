from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/account/", include("security.urls")),
    path("admin/", admin.site.urls),
    path("visits/", include("visits.urls")),
    path("media/", include("web.urls")),
    path("", include("ops.urls")),
    path("", include("townships.urls")),
    path("", include("site_pages.urls")),
    path("", include("disclosure.urls")),
    path("", include("applications.urls")),
    path("", include("reports.urls")),
    path("", include("search.urls")),
    path("", include("feeds.urls")),
    path("api/v1/", include("opendata.urls")),
    path("", include("feedback.urls")),
]

handler404 = "site_pages.errors.page_not_found"
handler500 = "site_pages.errors.server_error"
