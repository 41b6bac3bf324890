"""Print the Nth working day after a date: `manage.py workdays 2024-03-04 20`."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from townships.calendar import CalendarMissing, WorkCalendar


class Command(BaseCommand):
    help = "计算某日期之后第N个工作日（自次日起算），输出 YYYY-MM-DD。"

    def add_arguments(self, parser):
        parser.add_argument("start", help="起算日期 YYYY-MM-DD")
        parser.add_argument("n", type=int, help="工作日数")
        parser.add_argument(
            "--provisional", action="store_true",
            help="某年尚未录入节假日安排时，按《全国年节及纪念日放假办法》的法定节假日暂定计算"
                 "（不含调休），并注明暂定。")

    def handle(self, *args, start, n, provisional=False, **options):
        try:
            day = datetime.date.fromisoformat(start)
        except ValueError as exc:
            raise CommandError(f"日期格式应为 YYYY-MM-DD：{start}") from exc
        if n < 0:
            raise CommandError("工作日数不能为负数。")
        cal = WorkCalendar(provisional=provisional)
        try:
            result = cal.add_working_days(day, n)
        except CalendarMissing as exc:
            raise CommandError(str(exc)) from exc
        years = cal.provisional_in(day, result)
        if not years:
            self.stdout.write(result.isoformat())
            return
        listed = "、".join(map(str, years))
        self.stdout.write(f"{result.isoformat()}（暂定：{listed}年节假日安排尚未录入，"
                          "按法定节假日推算，未计调休）")
