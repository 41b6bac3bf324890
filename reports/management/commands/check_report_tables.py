"""Check a report's tables (JSON interchange format, docs/REPORT_TABLES.md)."""

import json

from django.core.management.base import BaseCommand, CommandError

from reports.validation import errors, validate_tables


class Command(BaseCommand):
    help = "校验年度报告统计表（JSON）：每个错误或提示一行，有错误时退出码为1。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON 文件路径")
        parser.add_argument("--previous", help="上一年度报告的 JSON 文件，用于跨年度核对")

    def _load(self, path):
        try:
            with open(path, encoding="utf-8-sig") as handle:
                return json.load(handle)
        except OSError as exc:
            raise CommandError(f"无法读取文件：{path}（{exc.strerror}）") from exc
        except json.JSONDecodeError as exc:
            raise CommandError(f"JSON 格式错误：{path} 第{exc.lineno}行：{exc.msg}") from exc

    def handle(self, *args, **options):
        tables = self._load(options["file"])
        previous = self._load(options["previous"]) if options.get("previous") else None
        issues = validate_tables(tables, previous=previous)
        for issue in issues:
            self.stdout.write(f"{issue.level} {issue.path}: {issue.display}")
        if errors(issues):
            raise SystemExit(1)
