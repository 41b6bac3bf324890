"""Seed the working-day calendar, 2004–2026, from data frozen next to this migration.

`data/calendar_2004_2026.json` was exported once from the chinesecalendar package (version
named in the file), so replaying this migration never depends on the installed library or
on live application code. Later years are added with `manage.py load_calendar` or by hand.
"""

import datetime
import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).with_name("data") / "calendar_2004_2026.json"


def seed(apps, schema_editor):
    calendar_year = apps.get_model("townships", "CalendarYear")
    calendar_day = apps.get_model("townships", "CalendarDay")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    existing = set(calendar_day.objects.values_list("date", flat=True))
    calendar_day.objects.bulk_create([
        calendar_day(date=day, kind=kind, name=name)
        for day, kind, name in ((datetime.date.fromisoformat(d), k, n) for d, k, n in data["days"])
        if day not in existing
    ])
    for year in data["years"]:
        calendar_year.objects.get_or_create(year=year, defaults={"source": data["source"],
                                                                  "complete": True})


class Migration(migrations.Migration):
    dependencies = [("townships", "0002_calendar")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
