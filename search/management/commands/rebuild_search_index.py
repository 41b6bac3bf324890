"""Re-index every public item and annual report (after changing search/words.txt, after a
restore, or to fill the index of an existing database), in chunks and, on PostgreSQL, in
several processes (search/rebuild.py)."""

import os

from django.core.management.base import BaseCommand, CommandError

from search.rebuild import CHUNK_SIZE, rebuild


class Command(BaseCommand):
    help = "重建站内搜索索引：分批（PostgreSQL 上多进程）重新索引全部已公开的政府信息和年度报告。"

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                            help="并行进程数（仅 PostgreSQL；默认为 CPU 核数）")
        parser.add_argument("--chunk-size", type=int, default=CHUNK_SIZE,
                            help=f"每批条数，每批一个事务（默认 {CHUNK_SIZE}）")
        parser.add_argument("--resume", action="store_true",
                            help="继续上次未完成的重建，跳过其开始后已索引的条目")

    def handle(self, *args, workers, chunk_size, resume, **options):
        if workers < 1 or chunk_size < 1:
            raise CommandError("进程数和每批条数都必须是正整数。")
        verbose = options["verbosity"] >= 1
        self._last = 0.0

        def progress(done, total, seconds):
            if verbose and (seconds - self._last >= 5 or done == total):
                self._last = seconds
                rate = done / seconds if seconds else 0
                left = (total - done) / rate if rate else 0
                self.stdout.write(f"已索引 {done}/{total} 条，每秒 {rate:.0f} 条，"
                                  f"预计还需 {left / 60:.1f} 分钟")

        outcome = rebuild(workers=workers, chunk_size=chunk_size, resume=resume,
                          progress=progress)
        skipped = f"，跳过上次已索引 {outcome.skipped} 条" if outcome.skipped else ""
        self.stdout.write(self.style.SUCCESS(
            f"已索引政府信息 {outcome.items} 条、年度报告 {outcome.reports} 篇{skipped}，"
            f"清除过期条目 {outcome.removed} 条；用时 {outcome.seconds:.1f} 秒"
            f"（{outcome.workers} 个进程，每秒 {outcome.rate:.0f} 条）。"))
