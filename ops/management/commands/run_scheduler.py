"""`manage.py run_scheduler`: run the periodic commands (SCHEDULER_JOBS) until stopped."""

import signal
import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from ops import scheduler

TICK_SECONDS = 5


class Command(BaseCommand):
    help = _("按计划运行定期任务（访问量写回、期限提醒、备份），直到收到停止信号。")

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help=_("只检查并运行一次到期任务"))

    def handle(self, *args, **options):
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_args: stopping.append(True))
        for job in scheduler.jobs():
            when = f"every {job.every}s" if job.every is not None else f"daily at {job.at:%H:%M}"
            self.stdout.write(f"{job.command}: {when}")
        while not stopping:
            scheduler.run_due()
            if options["once"]:
                return
            for _tick in range(TICK_SECONDS):
                if stopping:
                    break
                time.sleep(1)
