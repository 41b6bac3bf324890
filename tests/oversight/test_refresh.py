"""The scheduled refresh: runs every check, keeps a few runs, one at a time per county."""

import pytest
from django.core.cache import cache
from django.core.management import call_command

from oversight import refresh as refresh_module
from oversight.models import DayIndex, SnapshotRun
from tests.factories import make_township
from townships.calendar import WorkCalendar

pytestmark = pytest.mark.django_db


def test_command_stores_one_snapshot_per_active_township(county):
    town = make_township(county=county)
    hidden = make_township(county=county)
    hidden.is_active = False
    hidden.save()
    call_command("refresh_oversight", verbosity=0)
    run = SnapshotRun.objects.get()
    assert run.finished_at is not None
    assert list(run.townships.values_list("township", flat=True)) == [town.pk]
    assert set(run.townships.get().data) == {
        "items", "columns", "art26", "report", "applications", "signoff", "pii", "links",
        "files", "guide", "pages", "wording", "readings", "fetch", "inspection"}


def test_only_the_latest_runs_are_kept(county):
    make_township(county=county)
    for _n in range(refresh_module.KEEP_RUNS + 2):
        refresh_module.refresh(county)
    assert SnapshotRun.objects.count() == refresh_module.KEEP_RUNS


def test_a_second_refresh_of_the_same_county_is_refused_while_one_runs(county):
    make_township(county=county)
    cache.add(f"oversight:refresh:{county.pk}", 1, 60)
    with pytest.raises(refresh_module.RefreshRunning):
        refresh_module.refresh(county)
    assert not SnapshotRun.objects.exists()


def test_background_refresh_is_not_started_twice(county):
    cache.add(f"oversight:refresh:{county.pk}", 1, 60)
    assert refresh_module.refresh_in_background(county) is None


def test_working_day_index_matches_the_calendar(county):
    from oversight import workdays

    workdays.rebuild()
    calendar = WorkCalendar()
    row = DayIndex.objects.get(day="2024-03-20")
    assert row.art26_due == calendar.add_working_days(row.day, 20)
    later = DayIndex.objects.get(day="2024-04-18")
    assert later.workday_no - row.workday_no == 20


@pytest.mark.django_db(transaction=True)
def test_background_refresh_stores_a_run_on_its_own_connection():
    from tests.factories import make_county

    county = make_county()
    make_township(county=county)
    thread = refresh_module.refresh_in_background(county)
    thread.join(timeout=60)
    assert SnapshotRun.objects.filter(county=county, finished_at__isnull=False).count() == 1
