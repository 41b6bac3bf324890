"""Scheduled (every 10–15 minutes): recompute the county oversight dashboard."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from oversight.refresh import RefreshRunning, refresh
from townships.models import County


class Command(BaseCommand):
    help = ("重新计算县级监督检查总览的汇总数据（建议每10至15分钟运行一次）："
            "各乡镇信息发布、栏目更新、发布及时性、年报、依申请公开、审签用时、内容问题和专栏要素。")

    def add_arguments(self, parser):
        parser.add_argument("--county", type=int, help="only this county (id)")

    def handle(self, *args, **options):
        counties = County.objects.order_by("id")
        if options["county"]:
            counties = counties.filter(pk=options["county"])
        verbose = options["verbosity"] > 1
        for county in counties:
            started = time.monotonic()
            try:
                run = refresh(county, log=self.stdout.write if verbose else None)
            except RefreshRunning as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"{county.name}: {run.townships.count()} 个乡镇，"
                              f"用时 {time.monotonic() - started:.1f} 秒。")
