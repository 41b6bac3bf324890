"""Throughput of one item page with visit counting on and off, measured in the same run.

"Off" = the page request alone; "on" = the page request plus its counting beacon (what a
visitor's browser does). Rounds alternate to spread noise evenly. Counts written during the
benchmark are rolled back.
"""

import re
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test import Client

UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120 Safari/537.36"
ITEM_LINK = re.compile(r'href="(/xxgk/[^"/]+/content/\d+/)"')
BEACON = re.compile(r'data-hit-url="([^"]+)"')


class _RollbackError(Exception):
    pass


class Command(BaseCommand):
    help = "测量信息详情页在开启和关闭访问量计数时的吞吐量（同一次运行内对比）。"

    def add_arguments(self, parser):
        parser.add_argument("--path", help="item page path; default: first item on the home page")
        parser.add_argument("--requests", type=int, default=300, help="requests per mode")
        parser.add_argument("--rounds", type=int, default=3)

    def handle(self, *args, **options):
        client = Client(HTTP_USER_AGENT=UA)
        path = options["path"] or self._first_item(client)
        page = client.get(path)
        if page.status_code != 200:
            raise CommandError(f"{path} answered {page.status_code}")
        beacon = BEACON.search(page.content.decode()).group(1).replace("&amp;", "&")
        per_round = max(1, options["requests"] // options["rounds"])
        elapsed = {"off": 0.0, "on": 0.0}
        try:
            with transaction.atomic():
                for _ in range(options["rounds"]):
                    for mode in ("off", "on"):
                        start = time.perf_counter()
                        for _ in range(per_round):
                            client.get(path)
                            if mode == "on":
                                client.post(beacon)
                        elapsed[mode] += time.perf_counter() - start
                raise _RollbackError
        except _RollbackError:
            pass
        total = per_round * options["rounds"]
        off, on = total / elapsed["off"], total / elapsed["on"]
        self.stdout.write(f"item page {path}: {total} views per mode")
        self.stdout.write(f"counting off: {off:8.1f} page views/s")
        self.stdout.write(f"counting on : {on:8.1f} page views/s (page + beacon)")
        self.stdout.write(f"ratio on/off: {on / off:.3f}")

    def _first_item(self, client):
        match = ITEM_LINK.search(client.get("/").content.decode())
        if not match:
            raise CommandError("no public item on the home page: run `manage.py seed_demo` "
                               "or pass --path")
        return match.group(1)
