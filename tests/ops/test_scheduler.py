"""The compose scheduler: interval jobs, daily jobs at their local time, no repeat after a
restart (last runs live in the cache), failures logged and not retried in a loop."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest

from ops import scheduler
from ops.scheduler import Job

TZ = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(hour: int, minute: int = 0, day: int = 10) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=TZ)


def test_interval_job_is_due_when_never_run_and_after_its_interval():
    job = Job("flush_visits", every=60)
    assert job.is_due(at(9), None)
    assert not job.is_due(at(9, 0) + datetime.timedelta(seconds=59), at(9))
    assert job.is_due(at(9, 1), at(9))


def test_daily_job_runs_once_after_its_time_each_day():
    job = Job("backup", at=datetime.time(2, 30))
    assert not job.is_due(at(2, 29), None)
    assert job.is_due(at(2, 30), None)
    assert not job.is_due(at(3), at(2, 30))
    assert job.is_due(at(2, 30, day=11), at(2, 30))
    assert job.is_due(at(8, day=11), at(2, 30))  # the machine was off at 02:30: catch up


@pytest.fixture
def jobs(settings):
    settings.SCHEDULER_JOBS = [{"command": "flush_visits", "every": 60},
                               {"command": "backup", "at": "02:30"}]


def test_run_due_runs_each_due_job_once_and_remembers_it(jobs):
    ran = []
    assert scheduler.run_due(at(2, 31), runner=lambda c: ran.append(c) or 0) == [
        "flush_visits", "backup"]
    assert scheduler.run_due(at(2, 31, ) + datetime.timedelta(seconds=30),
                             runner=lambda c: ran.append(c) or 0) == []
    assert scheduler.run_due(at(2, 32), runner=lambda c: ran.append(c) or 0) == ["flush_visits"]
    assert ran == ["flush_visits", "backup", "flush_visits"]


def test_failing_job_is_logged_and_waits_for_its_next_slot(jobs, caplog):
    assert scheduler.run_due(at(2, 31), runner=lambda c: 1) == ["flush_visits", "backup"]
    assert "backup finished with exit code 1" in caplog.text
    assert scheduler.run_due(at(3), runner=lambda c: 0) == ["flush_visits"]


def test_every_scheduled_command_exists():
    from django.conf import settings
    from django.core.management import get_commands

    assert {job["command"] for job in settings.SCHEDULER_JOBS} <= set(get_commands())
