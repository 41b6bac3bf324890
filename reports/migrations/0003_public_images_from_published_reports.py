"""The public-image index for reports published before it existed (disclosure/image_uses.py)."""

import re

from django.conf import settings
from django.db import migrations

_SRC = re.compile(r"""<img\b[^>]*?\ssrc=["']([^"']+)["']""", re.I)
FIELDS = ("section_1", "section_2", "section_3", "section_4", "section_5", "section_6", "body")


def index_reports(apps, schema_editor):
    Report = apps.get_model("reports", "AnnualReport")
    Image = apps.get_model("disclosure", "RichTextImage")
    Use = apps.get_model("disclosure", "RichTextImageUse")
    ContentType = apps.get_model("contenttypes", "ContentType")
    owner_type, _created = ContentType.objects.get_or_create(app_label="reports",
                                                             model="annualreport")
    prefix = settings.MEDIA_URL
    for report in Report.objects.filter(status="published").iterator():
        html = "".join(getattr(report, name) or "" for name in FIELDS)
        names = [src[len(prefix):] for src in _SRC.findall(html)
                 if src.startswith(prefix + "richtext/")]
        if names:
            Use.objects.bulk_create(
                [Use(image_id=pk, owner_type=owner_type, owner_id=report.pk)
                 for pk in Image.objects.filter(file__in=names).values_list("pk", flat=True)],
                ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("disclosure", "0008_public_images_from_published_items"),
        ("reports", "0002_report_versions"),
    ]

    operations = [migrations.RunPython(index_reports, migrations.RunPython.noop)]
