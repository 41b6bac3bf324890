"""One uncached page render profiled with cProfile (page cache on, each request a miss
through the bench's throw-away parameter), for docs/PERFORMANCE.md and issue 28.

    DATABASE_URL=... REDIS_URL=... python bench/profile_render.py item --repeat 200

Prints the mean wall time per render and the top costs (own time) of the renders.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import math
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def urls() -> dict[str, str]:
    from django.urls import reverse

    from disclosure.models import DisclosureItem

    item = DisclosureItem.objects.published().order_by("-published_on", "-pk").first()
    township = item.township
    return {
        "item": item.get_absolute_url(),
        "category": reverse("disclosure:category_detail", args=[township.slug, item.category_id]),
        "township": township.get_absolute_url(),
        "county": "/",
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("shape", choices=["item", "category", "township", "county"])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--compare", action="store_true",
                        help="no profiler: FRAGMENT_CACHE off and on in alternating rounds "
                             "in this process; the best round of each and their ratio")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("PAGE_CACHE_MISS_PARAM", "_b")
    import django

    django.setup()
    from django.test import Client

    path = urls()[args.shape]
    client = Client(HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="127.0.0.1")
    sep = "&" if "?" in path else "?"
    for n in range(20):  # warm: per-process lookups, fragments
        if client.get(f"{path}{sep}_b=w{n}", secure=True).status_code != 200:
            raise SystemExit(f"{path}: not 200")
    if args.compare:
        compare(client, f"{path}{sep}", args.repeat)
        return
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    for n in range(args.repeat):
        client.get(f"{path}{sep}_b={time.time_ns()}{n}", secure=True)
    profile.disable()
    elapsed = time.perf_counter() - started
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats(args.sort).print_stats(args.top)
    print(f"{args.shape} {path}: {elapsed / args.repeat * 1000:.2f} ms per uncached render "
          f"(under cProfile, {args.repeat} renders, {stats.total_calls / args.repeat:.0f} "
          "function calls each)")
    print("\n".join(line for line in out.getvalue().splitlines()[6:] if line.strip()))


def compare(client, prefix: str, repeat: int) -> None:
    from django.conf import settings

    best = {False: math.inf, True: math.inf}
    for round_ in range(10):
        for flag in (False, True):
            settings.FRAGMENT_CACHE = flag
            started = time.perf_counter()
            for n in range(max(1, repeat // 10)):
                client.get(f"{prefix}_b=c{round_}{flag}{n}{time.time_ns()}", secure=True)
            best[flag] = min(best[flag], (time.perf_counter() - started) / max(1, repeat // 10))
    print(f"fragments off {best[False] * 1000:.2f} ms, on {best[True] * 1000:.2f} ms per "
          f"render (best of 10 rounds): {best[False] / best[True]:.2f} × faster")


if __name__ == "__main__":
    main()
