"""Request every published page, internal link and attachment (and external links where the
county enables them), and keep the results of this run (oversight/linkfetch.py).

    manage.py check_links                       # nightly
    manage.py check_links --base-url http://127.0.0.1:8000 --external
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from oversight import linkfetch
from townships.models import County


class Command(BaseCommand):
    help = "链接检查：逐个访问已公开页面、站内链接和附件，记录结果。"

    def add_arguments(self, parser):
        parser.add_argument("--base-url", help="本站地址（默认 LINK_CHECK_BASE_URL 或 https://SITE_DOMAIN）")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--external", action="store_true", default=None,
                           help="本次也检查外部链接（不论县里的设置）")
        group.add_argument("--no-external", dest="external", action="store_false",
                           help="本次不检查外部链接")

    def handle(self, *args, **options):
        base = options["base_url"]
        if base and not base.startswith(("http://", "https://")):
            raise CommandError("--base-url 须以 http:// 或 https:// 开头。")
        counties = County.objects.filter(townships__is_active=True).distinct().order_by("pk")
        if not counties:
            raise CommandError("没有乡镇。")
        for county in counties:
            run = linkfetch.run_check(county, base_url=base, external=options["external"])
            self.stdout.write(f"{county.name}：访问 {run.checked} 个地址，{run.broken} 个不可用，"
                              f"{run.redirected} 个跳转，用时 {run.seconds} 秒。")
