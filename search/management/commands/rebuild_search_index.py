"""Re-index every public item and annual report (after changing search/words.txt, after a
restore, or to fill the index of an existing database)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from search.indexing import rebuild


class Command(BaseCommand):
    help = "重建站内搜索索引：重新索引全部已公开的政府信息和年度报告。"

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = rebuild()
        self.stdout.write(self.style.SUCCESS(
            f"已索引政府信息 {counts['items']} 条、年度报告 {counts['reports']} 篇，"
            f"清除过期条目 {counts['removed']} 条。"))
