"""Scan files, or every published item, for unmasked personal data.

Prints one JSON object per finding per line: {"file", "kind", "match", "line"}. Exit status
1 when anything was found, 0 when nothing was, 2 when a path could not be read.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from disclosure import pii


class Command(BaseCommand):
    help = ("扫描文件（.txt/.docx/.xlsx/.pdf）或全部已发布信息中"
            "未脱敏的身份证号、手机号码和银行卡号。")

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="要扫描的文件或目录")
        parser.add_argument("--published", action="store_true",
                            help="扫描所有已发布信息的标题、概述、正文和附件")

    def handle(self, *args, **options):
        if not options["paths"] and not options["published"]:
            raise CommandError("请指定要扫描的文件，或使用 --published。")
        found = 0
        failed = False
        for path in options["paths"]:
            for file in self._files(Path(path)):
                try:
                    findings = pii.scan_file(file)
                except (pii.UnreadableFileError, OSError) as exc:
                    self.stderr.write(f"{file}: 无法读取（{exc}）")
                    failed = True
                    continue
                found += self._emit(str(file), findings)
        if options["published"]:
            from disclosure.pii_sources import published_sources

            for label, findings in published_sources():
                found += self._emit(label, findings)
        if found:
            sys.exit(1)
        if failed:
            sys.exit(2)

    def _files(self, path: Path):
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*")
                              if p.is_file() and p.suffix.lower().lstrip(".")
                              in pii.SCANNABLE_EXTENSIONS)
        else:
            yield path

    def _emit(self, label: str, findings) -> int:
        for finding in findings:
            self.stdout.write(json.dumps({"file": label, "kind": finding.kind,
                                         "match": finding.match, "line": finding.line},
                                        ensure_ascii=False))
        return len(findings)
