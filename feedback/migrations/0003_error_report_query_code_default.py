import feedback.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("feedback", "0002_error_report_query_code"),
    ]

    operations = [
        migrations.AlterField(
            model_name="errorreport",
            name="query_code",
            field=models.CharField(default=feedback.models.new_query_code, editable=False,
                                   help_text="与受理编号一起告知报告人，用于查询答复。",
                                   max_length=16, verbose_name="查询码"),
        ),
    ]
