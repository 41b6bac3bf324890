"""The public-image index for items published before it existed (image_uses.py)."""

import re

from django.conf import settings
from django.db import migrations

_SRC = re.compile(r"""<img\b[^>]*?\ssrc=["']([^"']+)["']""", re.I)


def index_items(apps, schema_editor):
    Item = apps.get_model("disclosure", "DisclosureItem")
    Image = apps.get_model("disclosure", "RichTextImage")
    Use = apps.get_model("disclosure", "RichTextImageUse")
    ContentType = apps.get_model("contenttypes", "ContentType")
    owner_type, _created = ContentType.objects.get_or_create(app_label="disclosure",
                                                             model="disclosureitem")
    prefix = settings.MEDIA_URL
    items = Item.objects.filter(status="published", disclosure_mode="proactive",
                                body__contains="<img")
    for item in items.iterator():
        names = [src[len(prefix):] for src in _SRC.findall(item.body)
                 if src.startswith(prefix + "richtext/")]
        Use.objects.bulk_create(
            [Use(image_id=pk, owner_type=owner_type, owner_id=item.pk)
             for pk in Image.objects.filter(file__in=names).values_list("pk", flat=True)],
            ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("disclosure", "0007_document_import_and_public_images"),
    ]

    operations = [migrations.RunPython(index_items, migrations.RunPython.noop)]
