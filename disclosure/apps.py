from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = _("政府信息公开")

    def ready(self):
        from signoff.subjects import register_subject

        from . import desk, signals  # noqa: F401  (township creation copies the catalogue)
        from .models import DisclosureItem, ItemRevision
        from .subjects import ItemSubject, RevisionSubject

        register_subject(DisclosureItem, ItemSubject)
        register_subject(ItemRevision, RevisionSubject)
        desk.register()

        from visits.rules import register_key_check

        from .selectors import item_is_public, township_is_public

        register_key_check("item", item_is_public)
        register_key_check("township", township_is_public)
