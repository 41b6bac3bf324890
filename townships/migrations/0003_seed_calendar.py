from django.db import migrations


def seed(apps, schema_editor):
    from townships.calendar_data import load_from_package

    load_from_package(apps.get_model("townships", "CalendarYear"),
                      apps.get_model("townships", "CalendarDay"))


class Migration(migrations.Migration):
    dependencies = [("townships", "0002_calendar")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
