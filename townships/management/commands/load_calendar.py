"""Load (or refresh) holiday data from the chinesecalendar package. Idempotent."""

from django.core.management.base import BaseCommand

from townships.calendar_data import load_from_package


class Command(BaseCommand):
    help = "从 chinesecalendar 软件包导入节假日和调休上班日（可重复执行）。"

    def handle(self, *args, **options):
        years = load_from_package()
        self.stdout.write(f"已导入 {min(years)}–{max(years)} 年工作日历，共 {len(years)} 年。")
