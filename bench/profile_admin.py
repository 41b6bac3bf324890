"""The back-office lists of a county user measured in process, for docs/PERFORMANCE.md
(issue 28, "Back office at a million").

    DATABASE_URL=... REDIS_URL=... python bench/profile_admin.py items --repeat 50
    ... python bench/profile_admin.py signoffs --explain      # every query, EXPLAIN ANALYZE
    ... python bench/profile_admin.py items --profile         # cProfile, top own time

Times: p50/p95 of `--repeat` requests through django.test.Client (force_login, page cache
off, after warm-up). `--explain` prints each query of one request with its time and the
top line of its plan; `--profile` the top costs of the renders.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PAGES = {"items": "/admin/disclosure/disclosureitem/", "signoffs": "/admin/signoff/signoff/"}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def explain(queries: list[dict]) -> None:
    from django.db import connection

    for n, query in enumerate(queries, 1):
        sql = query["sql"]
        print(f"\n#{n} {float(query['time']) * 1000:.1f} ms  {sql[:300]}")
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            plan = [row[0] for row in cursor.fetchall()]
        print("   " + "\n   ".join(plan[:12]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("page", choices=sorted(PAGES))
    parser.add_argument("--query", default="", help="query string, e.g. status__exact=draft")
    parser.add_argument("--user", default="bench_county")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["PAGE_CACHE"] = "0"
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from townships.models import User

    path = PAGES[args.page] + (f"?{args.query}" if args.query else "")
    client = Client(HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR="127.0.0.1")
    client.force_login(User.objects.get(username=args.user))
    for _ in range(3):
        response = client.get(path, secure=True)
        if response.status_code != 200:
            raise SystemExit(f"{path}: {response.status_code}")
    with CaptureQueriesContext(connection) as ctx:
        client.get(path, secure=True)
    slowest = max(float(q["time"]) for q in ctx.captured_queries) * 1000
    print(f"{path}: {len(ctx.captured_queries)} queries, "
          f"{sum(float(q['time']) for q in ctx.captured_queries) * 1000:.1f} ms in SQL, "
          f"slowest {slowest:.1f} ms, {len(response.content):,} bytes")
    if args.explain:
        explain(ctx.captured_queries)
        return
    profile = cProfile.Profile() if args.profile else None
    times = []
    for _ in range(args.repeat):
        if profile:
            profile.enable()
        started = time.perf_counter()
        client.get(path, secure=True)
        times.append((time.perf_counter() - started) * 1000)
        if profile:
            profile.disable()
    print(f"{args.repeat} requests: p50 {statistics.median(times):.1f} ms, "
          f"p95 {percentile(times, 0.95):.1f} ms, best {min(times):.1f} ms"
          f"{' (under cProfile)' if profile else ''}; load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if profile:
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        stats.sort_stats("tottime").print_stats(args.top)
        print(f"{stats.total_calls / args.repeat:.0f} function calls per request")
        print("\n".join(line for line in out.getvalue().splitlines()[6:] if line.strip()))


if __name__ == "__main__":
    main()
