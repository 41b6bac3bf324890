"""Benchmark / test data: generate N townships × M items with years of fabricated history."""

from __future__ import annotations

import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from benchdata.city import CityGenerator, GeneratorError, Options


class Command(BaseCommand):
    help = (
        "【仅用于基准测试和测试数据】批量生成 N 个乡镇 × 每乡镇 M 条政府信息，"
        "连同审签记录、修订版本、附件记录、依申请公开、年度报告和访问量。"
        "直接写入数据库（PostgreSQL 上用 COPY），绕过审签流程，只可在测试或基准库上运行。"
        "DEBUG 关闭时须加 --allow-without-debug。 / Benchmark and test data only: "
        "writes fabricated history straight into the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--townships", type=int, default=200)
        parser.add_argument("--items-per-township", type=int, default=5000)
        parser.add_argument("--years", type=int, default=5,
                            help="years of history to spread items over (default 5)")
        parser.add_argument("--seed", type=int, default=20260101)
        parser.add_argument("--prefix", default="bench",
                            help="slug prefix of the generated townships (default 'bench')")
        parser.add_argument("--allow-without-debug", action="store_true",
                            help="run although DEBUG is off (a benchmark database only)")
        parser.add_argument("--check-foreign-keys", action="store_true",
                            help="keep PostgreSQL foreign-key checks on (slower; by default a "
                                 "superuser connection skips them while loading)")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_without_debug"]:
            raise CommandError(
                "generate_city 会向数据库写入大量虚构数据，只能用于测试或基准库。"
                "DEBUG 关闭时拒绝运行；确认是基准库后加 --allow-without-debug。")
        if options["townships"] < 1 or options["items_per_township"] < 1:
            raise CommandError("--townships 和 --items-per-township 须为正整数。")
        opts = Options(townships=options["townships"],
                       items_per_township=options["items_per_township"],
                       years=max(1, options["years"]), seed=options["seed"],
                       prefix=options["prefix"])
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            elapsed = time.monotonic() - started
            left = elapsed / done * (total - done)
            width = 30
            bar = "#" * (width * done // total)
            sys.stderr.write(f"\r[{bar:<{width}}] {done}/{total} 乡镇  "
                             f"{elapsed:6.0f}s，预计还需 {left:5.0f}s")
            sys.stderr.flush()

        try:
            generator = CityGenerator(opts, progress=progress,
                                      check_foreign_keys=options["check_foreign_keys"])
            counts = generator.run()
        except GeneratorError as exc:
            raise CommandError(str(exc)) from exc
        sys.stderr.write("\n")
        if connection.vendor == "postgresql":
            # Fresh statistics: without them the planner takes a million rows for a handful
            # and public pages run nested loops over every item (seconds, not milliseconds).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        elapsed = time.monotonic() - started
        for label, n in sorted(counts.items()):
            self.stdout.write(f"{label}: {n}")
        if generator.relaxed:
            self.stdout.write("（超级用户连接：载入时跳过了外键检查，数据按构造保证一致。）")
        self.stdout.write(f"用时 {elapsed:.1f} 秒。")
