"""`make bench`: the platform under gunicorn (production settings, PostgreSQL, Redis) beside the
framework floor (bench/floor.py: a bare Django view returning the item page's bytes) in the
same run and gunicorn configuration, driven over loopback; prints one table.

    python bench/run_bench.py --townships 200 --items 5000      # the city-scale run
    python bench/run_bench.py --townships 5 --items 200 --seconds 5   # a quick look

The database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/township_bench)
is created, migrated and filled by `generate_city` when it holds no generated city of that
size; later runs reuse it. Redis: BENCH_REDIS_URL (default redis://127.0.0.1:6379/12,
flushed at the start). See docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import math
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import loader  # noqa: E402

PROXY = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1",
         "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0 Safari/537.36"}
FLOOR_PORT = 8190  # the app nodes on the next ports


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--townships", type=int, default=200)
    parser.add_argument("--items", type=int, default=5000, help="items per township")
    parser.add_argument("--seconds", type=float, default=10, help="per scenario")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per node")
    parser.add_argument("--nodes", type=int, choices=(1, 2), default=1,
                        help="2: two app instances on two ports sharing PostgreSQL and Redis")
    parser.add_argument("--only", default="", help="comma-separated scenario names")
    parser.add_argument("--port", type=int, default=FLOOR_PORT,
                        help="first of the loopback ports used (floor; the app nodes next)")
    parser.add_argument("--compare-fragments", action="store_true",
                        help="also an app node with FRAGMENT_CACHE=0: each uncached page once "
                             "more without the fragment cache, in the same run")
    parser.add_argument("--compare-early-hits", action="store_true",
                        help="also an app node with PAGE_CACHE_EARLY_HITS=0: each cached page "
                             "once more with hits served by the middleware, in the same run")
    parser.add_argument("--compare-checkout", metavar="PATH", default="",
                        help="also an app node run from another checkout of the platform "
                             "(e.g. a git worktree of the last release) on the same database "
                             "and Redis: each page row once more on it, in the same run")
    parser.add_argument("--compare-database", metavar="URL", default="",
                        help="with --compare-checkout: that node's own database (e.g. a copy "
                             "made with CREATE DATABASE ... TEMPLATE and migrated back), for "
                             "a change of the schema")
    parser.add_argument("--compare-rounds", type=int, default=1,
                        help="each comparison this many times, the order alternating (ABBA), "
                             "and a table of this node's rate over the other's per pair")
    parser.add_argument("--rebuild-sample", type=int, default=5,
                        help="re-index this many townships' items in the run and show the "
                             "rate as a row (0: none)")
    parser.add_argument("--index-townships", type=int, default=0,
                        help="search-index only the first K townships' items (0: all; the "
                             "full index of a million items takes hours on two cores)")
    return parser.parse_args()


def environment(args, tmp: Path) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/township_bench"),
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12"),
        # cold(): the throw-away parameter that forces a page-cache miss (docs/PERFORMANCE.md)
        "PAGE_CACHE_MISS_PARAM": "_b",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
        "WEB_CONCURRENCY": str(args.workers),
        "GUNICORN_LOG_LEVEL": "warning",
        "TRUSTED_PROXIES": "127.0.0.1",
        # The loader is one address: the per-address 访问量 cap would only add log lines.
        "VISITS_PER_ADDRESS_PER_MINUTE": "100000000",
        # The bench's county clerk signs in with a password only (its own loopback server).
        "TWO_FACTOR_REQUIRED": "0",
    }


def _connect(params: dict, dbname: str):
    import psycopg2

    conn = psycopg2.connect(dbname=dbname, user=params["USER"], password=params["PASSWORD"],
                            host=params["HOST"], port=params["PORT"] or 5432)
    conn.autocommit = True
    return conn


def ensure_database(url: str, townships: int, items: int) -> bool:
    """Keep a database that holds this city already (True); otherwise start a fresh one."""
    import dj_database_url
    import psycopg2

    params = dj_database_url.parse(url)
    try:
        conn = _connect(params, params["NAME"])
        with conn.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM townships_township WHERE slug LIKE 'bench%%'")
            have_townships = cursor.fetchone()[0]
            cursor.execute("SELECT count(*) FROM disclosure_disclosureitem")
            have_items = cursor.fetchone()[0]
        conn.close()
        if have_townships == townships and have_items >= townships * items * 0.95:
            return True
    except psycopg2.Error:
        pass
    conn = _connect(params, "postgres")
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{params["NAME"]}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{params["NAME"]}"')
    conn.close()
    return False


def prepare(args, reuse: bool) -> dict:
    """Migrate, generate the city if needed, index it; return the scenario URLs."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.PAGE_CACHE = False  # this process reads the database directly
    call_command("migrate", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)

    if not reuse:
        print(f"generating {args.townships} × {args.items} items …", flush=True)
        started = time.monotonic()
        call_command("generate_city", townships=args.townships,
                     items_per_township=args.items, allow_without_debug=True)
        print(f"generated in {time.monotonic() - started:.0f} s", flush=True)
        started = time.monotonic()
        indexed = build_search_index(args.index_townships)
        print(f"search index: {indexed} items in {time.monotonic() - started:.0f} s", flush=True)
    only = set(filter(None, args.only.split(",")))
    if not only or "county_dashboard" in only:  # the dashboard's figures (a minute at 1M)
        call_command("refresh_oversight", verbosity=0)
    import redis

    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    return scenario_urls()


def build_search_index(townships: int) -> int:
    """The whole index, or the first `townships` townships' (search/rebuild.py: chunked, one
    process per core); prints the rate."""
    from search.rebuild import rebuild
    from townships.models import Township

    chosen = None
    if townships > 0:
        chosen = list(Township.objects.filter(slug__startswith="bench").order_by("pk")
                      .values_list("pk", flat=True)[:townships])

    def progress(done, total, seconds):
        print(f"\r  indexed {done}/{total} ({done / max(seconds, 0.001):.0f}/s)", end="",
              flush=True)

    outcome = rebuild(workers=os.cpu_count() or 1, township_ids=chosen, progress=progress)
    print(f"\n  rebuild: {outcome.items} items, {outcome.rate:.0f} items/s, "
          f"{outcome.workers} processes", flush=True)
    return outcome.items


def scenario_urls() -> dict:
    import random

    from django.db.models import Count
    from django.urls import reverse

    from disclosure.models import DisclosureItem
    from reports.models import AnnualReport
    from townships.models import Role, Township, User

    rng = random.Random(7)
    township = Township.objects.filter(slug__startswith="bench").order_by("pk").first()
    public = DisclosureItem.objects.published()
    biggest = (public.filter(township=township).values("category_id")
               .annotate(n=Count("id")).order_by("-n").first())
    deep_page = max(1, math.ceil(biggest["n"] / 20))
    category = reverse("disclosure:category_detail", args=[township.slug,
                                                           biggest["category_id"]])
    ids = list(public.values_list("pk", "township__slug")[:200000])
    rng.shuffle(ids)
    item_urls = [reverse("disclosure:item_detail", args=[slug, pk]) for pk, slug in ids]
    hot = public.filter(township=township).order_by("-published_on", "-pk").first()
    report = AnnualReport.objects.published().filter(township=township).order_by("-year").first()
    words = ["公示", "通知", "补贴", "农村", "工程", "低保", "防汛", "道路", "医疗", "教育"]
    county, _created = User.objects.get_or_create(
        username="bench_county", defaults={"is_staff": True, "full_name": "基准测试县级账号"})
    from townships.models import Membership
    Membership.objects.get_or_create(user=county, role=Role.COUNTY_ADMIN,
                                     defaults={"county": township.county})
    return {
        "county_home": [reverse("disclosure:county_home")],
        "township_home": [township.get_absolute_url()],
        "category_p1": [category],
        "category_deep": [f"{category}?page={deep_page}"],
        "item_hot": [hot.get_absolute_url()],
        "items_many": item_urls[:2000],
        "items_each_once": item_urls[2000:],  # not the 2,000 the row before has cached
        "report": [report.get_absolute_url()] if report else [],
        "search": [f"{reverse('search:results')}?{urlencode({'q': w})}" for w in words],
        "admin_item_list": ["/admin/disclosure/disclosureitem/"],
        "signoff_log": ["/admin/signoff/signoff/"],
        "county_dashboard": ["/admin/oversight/oversightdashboard/"],
        "_user": county,
        "_deep_page": deep_page,
    }


def count_queries(path: str, user=None) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_USER_AGENT=PROXY["User-Agent"])
    if user is not None:
        client.force_login(user)
    client.get(path, secure=True)  # warm per-process lookups
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, secure=True)
    if response.status_code != 200:
        raise SystemExit(f"{path}: HTTP {response.status_code}")
    return len(ctx.captured_queries)


def session_cookie(user) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


class Server:
    def __init__(self, name: str, target: str, port: int, env: dict, tmp: Path,
                 cwd: Path = ROOT):
        self.log = tmp / f"{name}.log"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py",
             "--access-logfile", str(tmp / f"{name}-access.log"), target],
            cwd=cwd, env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
            stdout=self.log.open("w"), stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=2)  # noqa: S310
                return
            except OSError as exc:
                if getattr(exc, "code", None):  # any HTTP answer: it is up
                    return
                if self.proc.poll() is not None:
                    raise SystemExit(f"{name} exited:\n{self.log.read_text()[-3000:]}") from exc
                time.sleep(0.3)
        raise SystemExit(f"{name} did not start:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def cold(paths: list[str], n: int) -> list[str]:
    """Distinct URLs the page cache has never seen (a throw-away query parameter)."""
    return [f"{p}{'&' if '?' in p else '?'}_b={i}" for i, p in
            zip(range(n), (paths[i % len(paths)] for i in range(n)), strict=True)]


def warm(bases: list[str], paths: list[str], headers: dict) -> None:
    """Visit every path once on every node (what earlier visitors would have done)."""
    from concurrent.futures import ThreadPoolExecutor

    def fetch(url: str) -> None:
        request = urllib.request.Request(url, headers=headers)  # noqa: S310 (loopback)
        urllib.request.urlopen(request, timeout=30).read()  # noqa: S310

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(fetch, [b + p for b in bases for p in paths]))


def drive(bases: list[str], paths: list[str], args, headers: dict,
          connections: int | None = None) -> dict:
    """Load spread over the nodes; requests add up, latencies are the worst node's."""
    results: list[dict] = []
    failures: list[Exception] = []
    total = connections or args.connections

    def one(base: str) -> None:
        try:
            results.append(loader.run(base, paths, seconds=args.seconds,
                                      connections=max(1, total // len(bases)),
                                      headers=headers))
        except Exception as exc:
            failures.append(exc)

    threads = [threading.Thread(target=one, args=(b,)) for b in bases]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    return {"rps": sum(r["requests"] / r["seconds"] for r in results),
            **{k: max(r[k] for r in results) for k in ("p50_ms", "p95_ms", "p99_ms")},
            "errors": sum(r["errors"] for r in results)}


def main() -> None:
    args = parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    env = environment(args, tmp)
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    reuse = ensure_database(env["DATABASE_URL"], args.townships, args.items)
    urls = prepare(args, reuse)
    user = urls.pop("_user")
    deep_page = urls.pop("_deep_page")
    cookie = {"Cookie": f"sessionid={session_cookie(user)}"}
    only = set(filter(None, args.only.split(",")))

    app = [Server(f"app{n}", "config.wsgi:application", args.port + 1 + n, env, tmp)
           for n in range(args.nodes)]
    servers = list(app)
    rebuild_row = measure_rebuild(args.rebuild_sample)
    try:
        body = urllib.request.urlopen(urllib.request.Request(  # noqa: S310
            app[0].base + urls["item_hot"][0], headers=PROXY)).read()
        (tmp / "item.html").write_bytes(body)
        floor = Server("floor", "bench.floor:application", args.port,
                       {**env, "BENCH_FLOOR_BODY": str(tmp / "item.html")}, tmp)
        servers.append(floor)
        bases = [s.base for s in app]
        n_cold = 200000
        plan = [
            ("floor (same bytes)", [floor.base], urls["item_hot"], {}, None),
            ("county home", bases, urls["county_home"], {}, "county_home"),
            ("county home, uncached", bases, cold(urls["county_home"], n_cold), {},
             "county_home"),
            ("township home", bases, urls["township_home"], {}, "township_home"),
            ("township home, uncached", bases, cold(urls["township_home"], n_cold), {},
             "township_home"),
            ("category page 1", bases, urls["category_p1"], {}, "category_p1"),
            ("category page 1, uncached", bases, cold(urls["category_p1"], n_cold), {},
             "category_p1"),
            (f"category page {deep_page}", bases, urls["category_deep"], {}, "category_deep"),
            (f"category page {deep_page}, uncached", bases,
             cold(urls["category_deep"], n_cold), {}, "category_deep"),
            ("item, one hot", bases, urls["item_hot"], {}, "item_hot"),
            ("item, one hot, uncached", bases, cold(urls["item_hot"], n_cold), {}, "item_hot"),
            ("items, 2,000 different (each seen once before)", bases, urls["items_many"], {},
             "items_many", {"warm": True}),
            ("items, each once (uncached)", bases, urls["items_each_once"], {},
             "items_each_once"),
            ("report", bases, urls["report"], {}, "report"),
            ("report, uncached", bases, cold(urls["report"], n_cold), {}, "report"),
            ("search, 10 terms", bases, urls["search"], {}, "search"),
            ("search, uncached", bases, cold(urls["search"], n_cold), {}, "search"),
            # The back office: one clerk per worker, the latency a person waits.
            ("admin item list (county, all townships)", bases, urls["admin_item_list"],
             cookie, "admin_item_list", {"connections": args.workers}),
            ("sign-off log (county, all townships)", bases, urls["signoff_log"], cookie,
             "signoff_log", {"connections": args.workers}),
            ("county dashboard", bases, urls["county_dashboard"], cookie, "county_dashboard",
             {"connections": args.workers}),
        ]
        plan = with_other_nodes(plan, args, env, tmp, servers)
        rows = []
        floor_rps = None
        primed: set[tuple[str, ...]] = set()
        for label, targets, paths, extra, key, *more in plan:
            options = more[0] if more else {}
            if not paths or (only and key and key not in only):
                continue
            if options.get("warm"):
                warm(targets, paths, {**PROXY, **extra})
            # Unmeasured first seconds: neither node runs cold, and the first row measured on
            # a server does not carry its workers' start (their first requests, 0.3 s each).
            if options.get("prime") or tuple(targets) not in primed:
                primed.add(tuple(targets))
                drive(targets, paths[len(paths) // 2:], argparse.Namespace(
                    **{**vars(args), "seconds": min(3.0, args.seconds)}), {**PROXY, **extra})
            queries = "—"
            if key is not None:
                logged_in = user if extra else None
                queries = str(count_queries(paths[0].split("?_b=")[0].split("&_b=")[0],
                                            logged_in))
            result = drive(targets, paths, args, {**PROXY, **extra},
                           options.get("connections"))
            if floor_rps is None:
                floor_rps = result["rps"]
            rows.append((label, result, queries))
            print(f"  {label}: {result['rps']:.0f} req/s", flush=True)
        rows.extend(extra_rows(rebuild_row, app))
        print_table(rows, floor_rps, args)
        if args.compare_checkout and args.compare_rounds > 1:
            print_pairs(rows, f"{Path(args.compare_checkout).resolve().name} checkout")
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def with_other_nodes(plan: list, args, env: dict, tmp: Path, servers: list) -> list:
    """The plan with the rows that --compare-fragments, --compare-early-hits and
    --compare-checkout add, each on a node of its own (started here, stopped with the rest)."""
    if args.compare_fragments:
        plain = Server("nofrag", "config.wsgi:application", args.port + 1 + args.nodes,
                       {**env, "FRAGMENT_CACHE": "0"}, tmp)
        servers.append(plain)
        plan = with_comparison(plan, [plain.base], "no fragment cache", uncached_page)
    if args.compare_early_hits:
        late = Server("late", "config.wsgi:application", args.port + 2 + args.nodes,
                      {**env, "PAGE_CACHE_EARLY_HITS": "0"}, tmp)
        servers.append(late)
        plan = with_comparison(plan, [late.base], "hits through Django's middleware",
                               cached_page)
    if args.compare_checkout:
        other = Path(args.compare_checkout).resolve()
        if not (other / "config" / "wsgi.py").is_file():
            raise SystemExit(f"--compare-checkout: no checkout of the platform at {other}")
        # Its own build id: the two nodes never read each other's stored pages.
        database = {"DATABASE_URL": args.compare_database} if args.compare_database else {}
        checkout = Server("checkout", "config.wsgi:application", args.port + 3 + args.nodes,
                          {**env, **database, "APP_BUILD_ID": "bench-other-checkout"}, tmp,
                          cwd=other)
        servers.append(checkout)
        plan = with_comparison(plan, [checkout.base], f"{other.name} checkout",
                               lambda label: uncached_page(label) or cached_page(label),
                               args.compare_rounds)
    return plan


def print_table(rows, floor_rps, args) -> None:
    loaded = "wrk" if loader.have_wrk() else "bundled loader"
    print(f"\n{args.townships} townships × {args.items} items, {args.nodes} node(s) × "
          f"{args.workers} gunicorn workers, {args.connections} connections, "
          f"{args.seconds:g} s per scenario, {loaded}, {os.cpu_count()} CPUs\n")
    print("| scenario | req/s | p50 ms | p95 ms | p99 ms | × floor | queries | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, r, queries in rows:
        if "note" in r:  # a figure that is not a request rate (rebuild rate, memory)
            print(f"| {label} | {r['note']} | | | | — | {queries} | — |")
            continue
        print(f"| {label} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | "
              f"{r['p99_ms']:.1f} | {r['rps'] / floor_rps:.2f} | {queries} | {r['errors']} |")


def with_comparison(plan: list, other: list[str], suffix: str, chosen,
                    rounds: int = 1) -> list:
    """Before or after each row `chosen(label)` picks, the same pages on the `other` node
    (the row that runs first alternates from pair to pair, so neither order is favoured);
    `rounds` pairs of each, labelled [1], [2] …, each round on throw-away parameters of its
    own (a later round would otherwise hit what the first stored)."""
    out = []
    first = True
    for row in plan:
        label, _targets, paths, extra, key, *more = row
        if not chosen(label):
            out.append(row)
            continue
        options = {**(more[0] if more else {}), "prime": True}
        for n in range(1, rounds + 1):
            tag = f" [{n}]" if rounds > 1 else ""
            these = [p.replace("_b=", f"_b=r{n}-") for p in paths] if rounds > 1 else paths
            pair = [(f"{label}{tag}", _targets, these, extra, key, options),
                    (f"{label}, {suffix}{tag}", other, these, extra, key, options)]
            out.extend(pair[::-1] if first else pair)
            first = not first
    return out


def print_pairs(rows: list, suffix: str) -> None:
    """This node's rate over the other node's, pair by pair (--compare-rounds)."""
    rates = {label: r["rps"] for label, r, _queries in rows if "rps" in r}
    print(f"\n| page | this ÷ {suffix}, pair by pair | sum ÷ sum |\n|---|---|---:|")
    for label in rates:
        base, _sep, tag = label.rpartition(" [")
        if tag != "1]" or f", {suffix}" in base:
            continue
        mine = [v for k, v in rates.items() if k.startswith(f"{base} [")]
        theirs = [v for k, v in rates.items() if k.startswith(f"{base}, {suffix} [")]
        pairs = " ".join(f"{a / b:.2f}" for a, b in zip(mine, theirs, strict=True))
        print(f"| {base} | {pairs} | {sum(mine) / sum(theirs):.2f} |")


def uncached_page(label: str) -> bool:
    return label.endswith("uncached") and not label.startswith(("search", "items"))


def cached_page(label: str) -> bool:
    return "uncached" not in label and not label.startswith(
        ("floor", "search", "admin", "sign-off", "county dashboard"))


def measure_rebuild(townships: int) -> dict | None:
    """Re-index the first `townships` generated townships (search/rebuild.py, one process
    per core) and return the rate, wall time and the peak RSS of this process."""
    if townships <= 0:
        return None
    import resource

    from search.rebuild import rebuild
    from townships.models import Township

    chosen = list(Township.objects.filter(slug__startswith="bench").order_by("pk")
                  .values_list("pk", flat=True)[:townships])
    started = time.monotonic()
    outcome = rebuild(workers=os.cpu_count() or 1, township_ids=chosen)
    seconds = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"note": f"{outcome.items / max(seconds, 0.001):.0f} items/s",
            "detail": f"{outcome.items} items of {len(chosen)} townships in {seconds:.0f} s, "
                      f"{outcome.workers} processes, parent peak RSS {peak:.0f} MB"}


def worker_rss_mb(server) -> list[float]:
    """Resident memory of each gunicorn worker of a node (Linux /proc)."""
    pid = server.proc.pid
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    sizes = []
    for child in children:
        try:
            status = Path(f"/proc/{child}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def extra_rows(rebuild_row: dict | None, app: list) -> list:
    rows = []
    if rebuild_row is not None:
        rows.append((f"search index rebuild ({rebuild_row['detail']})", rebuild_row, "—"))
    sizes = [size for server in app for size in worker_rss_mb(server)]
    if sizes:
        rows.append(("RSS per gunicorn worker after the run (max_requests "
                     f"{os.environ.get('GUNICORN_MAX_REQUESTS', '100000')})",
                     {"note": f"{max(sizes):.0f} MB"}, "—"))
    return rows


if __name__ == "__main__":
    main()
