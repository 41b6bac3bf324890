from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = _("政府信息公开")
    # The only query parameters these pages read; the page cache ignores every other one
    # (pagecache/hooks.py), so junk parameters neither reach the view nor add cache entries.
    page_cache_query_params = {"disclosure:latest": ("page",),
                               "disclosure:township_latest": ("page",),
                               # a column's list filter (views._list_filter) too
                               "disclosure:category_detail": ("page", "year", "q")}
    #: 访问量 keys of this app's pages -> "is that page public now?" (visits/apps.py)
    visit_key_checks = {"item": "disclosure.selectors.item_is_public",
                        "township": "disclosure.selectors.township_is_public"}
    #: `/media/<name>` (web/media.py): anyone may open a rich-text image a published page
    #: shows; drafts' images stay private.
    media_readers = ("disclosure.image_uses.public_image",)

    def ready(self):
        from signoff.subjects import register_subject

        from . import desk, signals
        from .models import DisclosureItem, ItemRevision
        from .subjects import ItemSubject, RevisionSubject

        register_subject(DisclosureItem, ItemSubject)
        register_subject(ItemRevision, RevisionSubject)
        desk.register()
        signals.connect()
