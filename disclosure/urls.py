from django.urls import path

from . import entries, views

app_name = "disclosure"

urlpatterns = [
    path("", views.county_home, name="county_home"),
    path("zuixin/", views.latest, name="latest"),
    path("wzdt/", views.site_map, name="site_map"),
    path("gkrk/<slug:kind>/", entries.channel_entry, name="channel_entry"),
    path("xxgk/<slug:township_slug>/", views.township_home, name="township_home"),
    path("xxgk/<slug:township_slug>/zuixin/", views.township_latest, name="township_latest"),
    path("xxgk/<slug:township_slug>/zhinan/", views.guide, name="guide"),
    path("xxgk/<slug:township_slug>/zhidu/", views.system, name="system"),
    path("xxgk/<slug:township_slug>/mulu/<int:category_id>/", views.category_detail,
         name="category_detail"),
    path("xxgk/<slug:township_slug>/content/<int:item_id>/", views.item_detail,
         name="item_detail"),
    path("xxgk/<slug:township_slug>/content/<int:item_id>/file/<int:attachment_id>/",
         views.attachment_download, name="attachment_download"),
]
