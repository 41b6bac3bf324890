from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("站内搜索")
    # The search form's fields and the page number (search/forms.py); others are ignored.
    page_cache_query_params = {"search:results": (
        "q", "township", "category", "year", "validity", "mode", "kind", "sort", "page")}

    def ready(self):
        from . import signals  # noqa: F401  (the index follows publication and withdrawal)
