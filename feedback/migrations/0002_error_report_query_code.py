"""The 查询码 of each 找错 report: existing reports get a code of their own each."""

from django.db import migrations, models
from django.utils.crypto import get_random_string

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def give_each_report_a_code(apps, schema_editor):
    ErrorReport = apps.get_model("feedback", "ErrorReport")
    for report in ErrorReport.objects.filter(query_code="").only("pk").iterator():
        ErrorReport.objects.filter(pk=report.pk).update(
            query_code=get_random_string(10, ALPHABET))


class Migration(migrations.Migration):

    dependencies = [
        ("feedback", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="errorreport",
            name="query_code",
            field=models.CharField(default="", editable=False, max_length=16,
                                   verbose_name="查询码"),
        ),
        migrations.RunPython(give_each_report_a_code, migrations.RunPython.noop),
    ]
