"""The index follows the objects: every save or delete of an item, a report or one of their
attachments re-indexes that object in the same transaction (publication, revision,
withdrawal and any other change all end in such a save; see docs/SEARCH.md).

The handlers live here, in the app above disclosure and reports, so neither of those apps
knows the index exists.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from disclosure.models import Attachment, DisclosureItem
from reports.models import AnnualReport, ReportAttachment

from . import indexing
from .models import Kind


@receiver(post_save, sender=DisclosureItem, dispatch_uid="search.item_saved")
def item_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if instance.is_public:
        indexing.index_item(instance.pk)
    else:
        indexing.remove(Kind.ITEM, instance.pk)


@receiver(post_delete, sender=DisclosureItem, dispatch_uid="search.item_deleted")
def item_deleted(sender, instance, **kwargs):
    indexing.remove(Kind.ITEM, instance.pk)


@receiver(post_save, sender=Attachment, dispatch_uid="search.attachment_saved")
@receiver(post_delete, sender=Attachment, dispatch_uid="search.attachment_deleted")
def attachment_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.index_item(instance.item_id)


@receiver(post_save, sender=AnnualReport, dispatch_uid="search.report_saved")
def report_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if instance.is_published:
        indexing.index_report(instance.pk)
    else:
        indexing.remove(Kind.REPORT, instance.pk)


@receiver(post_delete, sender=AnnualReport, dispatch_uid="search.report_deleted")
def report_deleted(sender, instance, **kwargs):
    indexing.remove(Kind.REPORT, instance.pk)


@receiver(post_save, sender=ReportAttachment, dispatch_uid="search.report_attachment_saved")
@receiver(post_delete, sender=ReportAttachment,
          dispatch_uid="search.report_attachment_deleted")
def report_attachment_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.index_report(instance.report_id)
