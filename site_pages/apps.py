from django.apps import AppConfig


class SitePagesConfig(AppConfig):
    name = "site_pages"
    verbose_name = "站点公共页面"
    #: 关怀版 pages are stored apart from standard ones (pagecache/hooks.py).
    page_cache_variants = ("site_pages.care.cache_variant",)
