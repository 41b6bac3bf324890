"""A small in-process scheduler for the periodic management commands (settings SCHEDULER_JOBS).

For docker compose, where there is no cron: one `scheduler` container runs
`manage.py run_scheduler`. Each job runs `manage.py <command>` in a child process (a failing
or leaking job cannot take the scheduler down) and its last run is kept in the cache (Redis
in production), so a restarted scheduler does not repeat today's backup. Jobs run one at a
time; a long backup only delays the next visit-counter flush, which loses nothing.
"""

from __future__ import annotations

import datetime
import logging
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

logger = logging.getLogger("ops.scheduler")
MANAGE = Path(settings.BASE_DIR) / "manage.py"
JOB_TIMEOUT = 6 * 3600


@dataclass(frozen=True)
class Job:
    command: str
    every: int | None = None  # seconds
    at: datetime.time | None = None  # local time of day

    @classmethod
    def from_setting(cls, entry: dict) -> Job:
        at = entry.get("at")
        if at:
            hour, minute = (int(part) for part in at.split(":"))
            return cls(entry["command"], at=datetime.time(hour, minute))
        return cls(entry["command"], every=int(entry["every"]))

    def is_due(self, now: datetime.datetime, last_run: datetime.datetime | None) -> bool:
        if self.every is not None:
            return last_run is None or (now - last_run).total_seconds() >= self.every
        target = datetime.datetime.combine(now.date(), self.at, tzinfo=now.tzinfo)
        return now >= target and (last_run is None or last_run < target)


def jobs() -> list[Job]:
    return [Job.from_setting(entry) for entry in settings.SCHEDULER_JOBS]


def _key(job: Job) -> str:
    return f"ops:scheduler:last:{job.command}"


def last_run(job: Job) -> datetime.datetime | None:
    value = cache.get(_key(job))
    return datetime.datetime.fromisoformat(value) if value else None


def run_command(command: str) -> int:
    result = subprocess.run([sys.executable, str(MANAGE), command],  # noqa: S603
                            check=False, timeout=JOB_TIMEOUT)
    return result.returncode


def run_due(now: datetime.datetime | None = None, runner=run_command) -> list[str]:
    """Run every job that is due; return the commands run."""
    now = now or timezone.localtime()
    ran = []
    for job in jobs():
        if not job.is_due(now, last_run(job)):
            continue
        logger.info("scheduler: running %s", job.command)
        try:
            code = runner(job.command)
        except subprocess.TimeoutExpired:
            code = -1
        # Recorded even on failure: a failing job is retried at its next slot, not in a loop.
        cache.set(_key(job), now.isoformat(), timeout=None)
        level = logging.INFO if code == 0 else logging.ERROR
        logger.log(level, "scheduler: %s finished with exit code %s", job.command, code)
        ran.append(job.command)
    return ran
