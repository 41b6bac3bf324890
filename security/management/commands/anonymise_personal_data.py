"""`manage.py anonymise_personal_data [--dry-run] [--as-of YYYY-MM-DD]`: blank personal data
past its retention period (security/retention.py; periods: PERSONAL_DATA_* settings)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from security.retention import anonymise


class Command(BaseCommand):
    help = "把超过保存期限的个人信息匿名化（--dry-run 只统计条数）。"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="只列出到期的条数，不修改。")
        parser.add_argument("--as-of", help="按这一天计算是否到期（YYYY-MM-DD，默认今天）。")

    def handle(self, *args, dry_run=False, as_of=None, **options):
        now = timezone.now()
        if as_of:
            try:
                day = datetime.date.fromisoformat(as_of)
            except ValueError:
                raise CommandError("--as-of 须为 YYYY-MM-DD 格式的日期。") from None
            now = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        outcomes = anonymise(now, dry_run=dry_run)
        verb = "到期待匿名化" if dry_run else "已匿名化"
        for o in outcomes:
            fields = ", ".join(f.name for f in o.fields)
            self.stdout.write(f"{o.model_label}（{fields}）：{verb} {o.count} 条"
                              f"（{o.retention.label}，{o.cutoff:%Y-%m-%d} 以前）")
        total = sum(o.count for o in outcomes)
        self.stdout.write(f"合计{verb} {total} 条" + ("（试运行，未修改）" if dry_run else ""))
