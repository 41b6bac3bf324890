"""Run the wording checks and print what they find.

    manage.py check_wording                 # every township of the county: hits per 10,000 chars
    manage.py check_wording --file a.txt    # a text file (e.g. a report from another site)

The first form rescans and stores the hits (as `refresh_oversight` does); use it to
measure the false-positive rate after changing the lists.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from oversight import wording, wordscan
from townships.models import County
from townships.selectors import current_county


class Command(BaseCommand):
    help = "用词检查：扫描已公开内容或文本文件，列出疑似错误。"

    def add_arguments(self, parser):
        parser.add_argument("--file", action="append", default=[],
                            help="检查一个文本文件（UTF-8），可重复")
        parser.add_argument("--county", help="县的名称（默认：本平台的县）")

    def handle(self, *args, **options):
        counties = County.objects.filter(townships__is_active=True).distinct().order_by("pk")
        county = (counties.filter(name=options["county"]).first() if options["county"]
                  else current_county())
        if county is not None and not county.townships.active().exists():
            county = counties.first()
        rules = (wording.county_rules(county) if county else
                 wording.RuleSet(wording.builtin_rules()))
        if options["file"]:
            for name in options["file"]:
                try:
                    text = Path(name).read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as exc:
                    raise CommandError(f"无法读取 {name}：{exc}") from exc
                self._print(name, len(text), [("", h) for h in wording.scan_text(text, rules)])
            return
        if county is None:
            raise CommandError("没有县。")
        townships = list(county.townships.active().order_by("order", "pk"))
        result = wordscan.scan_townships([t.pk for t in townships], rules)
        from oversight.models import WordingHit

        for township in townships:
            counts = result[township.pk]
            hits = [(h.where, wording.Hit(h.kind, h.phrase, h.right, h.note, h.sentence,
                                          h.start, h.end))
                    for h in WordingHit.objects.filter(township=township).order_by("pk")]
            self._print(township.name, counts["chars"], hits)

    def _print(self, name, chars, hits):
        rate = len(hits) * 10000 / chars if chars else 0
        self.stdout.write(f"{name}: {chars} 字，{len(hits)} 处，每万字 {rate:.2f} 处")
        for where, hit in hits:
            sentence = (hit.sentence[:hit.start] + "【" + hit.phrase + "】"
                        + hit.sentence[hit.end:])
            self.stdout.write(f"  [{hit.kind}] {where} {hit.phrase} → {hit.right}：{sentence}")
