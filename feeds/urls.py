from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import feeds, views
from .sitemaps import SITEMAPS

app_name = "feeds"

urlpatterns = [
    path("rss/", feeds.CountyFeed(), name="county_feed"),
    path("rss/<slug:township_slug>/", feeds.TownshipFeed(), name="township_feed"),
    path("rss/<slug:township_slug>/<int:category_id>/", feeds.CategoryFeed(),
         name="category_feed"),
    path("sitemap.xml", sitemap_views.index,
         {"sitemaps": SITEMAPS, "sitemap_url_name": "feeds:sitemap_section"}, name="sitemap"),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS},
         name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots"),
]
