"""Which rich-text images the public may open, and the `/media/` reader that serves them.

An image is public once something published shows it, and stops being public when nothing
published does. "Shows it" is recorded in `RichTextImageUse` rows, rewritten from the saved
row whenever an item or an annual report is saved or deleted (connected in signals.py and
reports/apps.py): one row per image in the body of a public item or report, none for drafts,
items in review, withdrawn items, or open revisions (their text lives in the revision, not
in the item row). `rebuild()` rewrites every row (migration, `manage.py sync_public_images`).

The reader is declared on DisclosureConfig (`media_readers`); web/media.py asks it after the
staff reader, and sends the file through the same path as attachments (X-Accel-Redirect
behind nginx, a signed URL on object storage).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from .models import RichTextImage, RichTextImageUse
from .richtext import is_platform_image

_SRC = re.compile(r"""<img\b[^>]*?\ssrc=["']([^"']+)["']""", re.I)

#: model -> function(instance) -> the HTML the public sees, or None when it is not public.
PUBLIC_HTML: dict[type, Callable] = {}


def image_names(html: str) -> set[str]:
    """Storage names (richtext/<township>/<hex>.png) of the platform images in `html`."""
    prefix = settings.MEDIA_URL
    return {src[len(prefix):] for src in _SRC.findall(html or "") if is_platform_image(src)}


def record_uses(owner, html: str | None) -> None:
    """Make the owner's use rows match the images of its public HTML (None: not public)."""
    owner_type = ContentType.objects.get_for_model(type(owner))
    names = image_names(html) if html else set()
    with transaction.atomic():
        current = RichTextImageUse.objects.filter(owner_type=owner_type, owner_id=owner.pk)
        ids = set(RichTextImage.objects.filter(file__in=names).values_list("pk", flat=True)) \
            if names else set()
        current.exclude(image_id__in=ids).delete()
        existing = set(current.values_list("image_id", flat=True))
        RichTextImageUse.objects.bulk_create(
            [RichTextImageUse(image_id=i, owner_type=owner_type, owner_id=owner.pk)
             for i in ids - existing], ignore_conflicts=True)


def owner_saved(sender, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    record_uses(instance, PUBLIC_HTML[sender](instance))


def owner_deleted(sender, instance, **kwargs) -> None:
    RichTextImageUse.objects.filter(owner_type=ContentType.objects.get_for_model(sender),
                                    owner_id=instance.pk).delete()


def track(model, public_html: Callable) -> None:
    """Keep `model`'s use rows: `public_html(instance)` is its public HTML or None."""
    from django.db.models.signals import post_delete, post_save

    PUBLIC_HTML[model] = public_html
    post_save.connect(owner_saved, sender=model, dispatch_uid=f"image-uses-{model.__name__}")
    post_delete.connect(owner_deleted, sender=model,
                        dispatch_uid=f"image-uses-{model.__name__}-delete")


def rebuild() -> int:
    """Rewrite every use row from the saved items and reports; the number of rows."""
    for model, public_html in PUBLIC_HTML.items():
        for instance in model._default_manager.iterator(chunk_size=200):
            record_uses(instance, public_html(instance))
    return RichTextImageUse.objects.count()


def public_image(user, name: str):
    """The media reader: (image, file) when a published page shows this image."""
    if not name.startswith("richtext/"):
        return None
    image = (RichTextImage.objects.filter(file=name, uses__isnull=False,
                                          township__is_active=True).first())
    return (image, image.file) if image is not None else None


def item_public_html(item) -> str | None:
    return item.body if item.is_public else None
