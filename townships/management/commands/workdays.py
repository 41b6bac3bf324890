"""Print the Nth working day after a date: `manage.py workdays 2024-03-04 20`."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from townships.calendar import CalendarMissing, add_working_days


class Command(BaseCommand):
    help = "计算某日期之后第N个工作日（自次日起算），输出 YYYY-MM-DD。"

    def add_arguments(self, parser):
        parser.add_argument("start", help="起算日期 YYYY-MM-DD")
        parser.add_argument("n", type=int, help="工作日数")

    def handle(self, *args, start, n, **options):
        try:
            day = datetime.date.fromisoformat(start)
        except ValueError as exc:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{start}") from exc
        if n < 0:
            raise CommandError("工作日数不能为负数。")
        try:
            result = add_working_days(day, n)
        except CalendarMissing as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(result.isoformat())
