"""Scheduled (nightly): record attachments of published items and reports whose file is
missing from storage."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from oversight.filecheck import check_files


class Command(BaseCommand):
    help = "检查已公开信息和年度报告的附件文件是否都在存储中，记录缺失的文件（建议每天夜间运行）。"

    def handle(self, *args, **options):
        def progress(checked: int) -> None:
            self.stderr.write(f"已检查 {checked} 个文件…")

        run = check_files(progress=progress if options["verbosity"] > 1 else None)
        self.stdout.write(f"检查 {run.files_checked} 个文件，缺失 {run.files_missing} 个。")
