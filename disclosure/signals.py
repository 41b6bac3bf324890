"""Hooks this app hangs on lower apps and on its own rows.

- A new township gets the county's catalogue: `townships` knows nothing of the catalogue;
  whichever way a township is created (the back office, the demo, a script), its tree is
  copied in the same transaction.
- Cached public pages go stale when what they show changes (townships/pages.py). Items and
  their attachments count when the item is public or has just stopped being so (published,
  withdrawn, deleted); drafts and reviews show nowhere public. Annual reports connect the
  same receivers (reports/apps.py). The catalogue is on every page.
- The public images index (image_uses.py) follows every saved item and report.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from townships.models import Township
from townships.pages import bump_township_pages, connect_every_page

from . import image_uses
from .catalogue import copy_template_to_township, ensure_county_template
from .interpretations import linked_township_ids
from .models import Attachment, Category, DisclosureItem
from .models.items import Status

PUBLIC_TRACE = {Status.PUBLISHED, Status.WITHDRAWN}
#: Attachment model -> (owner model, the attachment's field naming its owner).
FILE_OWNERS = {}


@receiver(post_save, sender=Township, dispatch_uid="disclosure.copy_catalogue")
def copy_catalogue(sender, instance: Township, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        ensure_county_template(instance.county)
        copy_template_to_township(instance)


def public_row_changed(sender, instance, **kwargs) -> None:
    """An item or annual report: saved while public (or just withdrawn), or deleted."""
    if kwargs.get("raw"):
        return
    if instance.status in PUBLIC_TRACE or kwargs.get("signal") is post_delete:
        bump_township_pages(instance.township_id)
        if sender is DisclosureItem:  # 政策解读 and 政策文件 list each other
            for township_id in sorted(linked_township_ids(instance.pk) - {instance.township_id}):
                bump_township_pages(township_id)


def file_changed(sender, instance, **kwargs) -> None:
    """An attachment of a public (or just withdrawn) item or report. The owner's
    `updated_at` moves too: the item page is kept whole under the item's version
    (`page_version` in disclosure/views.py, `{% fragment "page" … %}` in base.html)."""
    owner, field = FILE_OWNERS[sender]
    rows = owner.objects.filter(pk=getattr(instance, field))
    row = rows.values("status", "township_id").first()
    if row and row["status"] in PUBLIC_TRACE:
        if not kwargs.get("raw") and any(
                f.name == "updated_at" for f in owner._meta.concrete_fields):
            rows.update(updated_at=timezone.now())
        bump_township_pages(row["township_id"])


def connect_public(model, files: tuple = ()) -> None:
    """Cached pages follow `model`'s public rows and, for each (attachment model, owner
    field) in `files`, their attachments."""
    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(public_row_changed, sender=model,
                       dispatch_uid=f"pagecache-{model.__name__}-{name}")
        for file_model, field in files:
            FILE_OWNERS[file_model] = (model, field)
            signal.connect(file_changed, sender=file_model,
                           dispatch_uid=f"pagecache-{file_model.__name__}-{name}")


def connect() -> None:
    connect_public(DisclosureItem, files=((Attachment, "item_id"),))
    connect_every_page(Category)
    # Rich-text images are public while a published page shows them (image_uses.py).
    image_uses.track(DisclosureItem, image_uses.item_public_html)
