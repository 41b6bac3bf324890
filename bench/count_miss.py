"""Instructions per uncached page, counted by valgrind's callgrind: a measure of a page-cache
miss that this machine's drifting speed does not move (docs/PERFORMANCE.md "Twelfth pass").

    DATABASE_URL=... REDIS_URL=... PAGE_CACHE_MISS_PARAM=_b \
        python bench/count_miss.py /xxgk/bench-0199/mulu/7804/ --misses 30

The page is requested as gunicorn calls the application (`config.wsgi`, the stored-page
wrapper included), each time with a new throw-away parameter, so every request misses the
page cache and is rendered and stored. After 30 warm-up misses the count is collected around
the measured misses only (a small C helper turns callgrind's collection on and off; it is
compiled on first use with gcc and valgrind's headers). Python's hash seed is fixed. Two
checkouts compare with `--checkout PATH` (a git worktree of the other version, its `.venv`
linked). Without valgrind, `--seconds` prints CPU time per miss instead (noisy here).
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELPER = r"""
#include <valgrind/callgrind.h>
void count_start(void) { CALLGRIND_ZERO_STATS; CALLGRIND_TOGGLE_COLLECT; }
void count_stop(void) { CALLGRIND_TOGGLE_COLLECT; CALLGRIND_DUMP_STATS_AT("misses"); }
"""
WARM = 30


def helper_library() -> Path:
    target = Path(tempfile.gettempdir()) / "township-count-miss.so"
    if not target.exists():
        source = target.with_suffix(".c")
        source.write_text(HELPER)
        subprocess.run(["gcc", "-shared", "-fPIC", "-O1", "-o", str(target), str(source)],
                       check=True)
    return target


def requester(path: str):
    """A function n -> one request of `path` as gunicorn makes it, a miss every time."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("PAGE_CACHE_MISS_PARAM", "_b")
    from config.wsgi import application

    page, _sep, query = path.partition("?")
    tag = uuid.uuid4().hex[:10]  # the cache keeps earlier processes' throw-away pages
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    def request(n) -> None:
        environ = {
            "REQUEST_METHOD": "GET", "PATH_INFO": page,
            "QUERY_STRING": f"{query}&_b={tag}{n}" if query else f"_b={tag}{n}",
            "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "8000", "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1", "HTTP_HOST": "127.0.0.1:8000",
            "HTTP_X_FORWARDED_PROTO": "https", "HTTP_USER_AGENT": "count_miss",
            "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(), "wsgi.errors": sys.stderr,
            "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False,
            "wsgi.version": (1, 0)}
        b"".join(application(environ, start_response))
        if not answer["status"].startswith("200"):
            raise SystemExit(f"{path}: {answer['status']}")
        if answer["headers"].get("X-Page-Cache") != "miss":
            raise SystemExit(f"{path}: not a stored miss (is PAGE_CACHE on, Redis up?)")

    return request


def run_inside(path: str, misses: int) -> None:
    """Under callgrind: warm up, then collect around the measured misses only."""
    import ctypes
    import gc

    request = requester(path)
    for n in range(WARM):
        request(f"w{n}")
    helper = ctypes.CDLL(str(helper_library()))
    gc.collect()
    helper.count_start()
    for n in range(misses):
        request(n)
    helper.count_stop()


def count(checkout: Path, path: str, misses: int) -> int:
    helper_library()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        subprocess.run(
            ["valgrind", "--tool=callgrind", "--collect-atstart=no",
             f"--callgrind-out-file={out}", str(checkout / ".venv/bin/python"),
             str(Path(__file__).resolve()), path, "--misses", str(misses), "--inside"],
            cwd=checkout, env={**os.environ, "PYTHONHASHSEED": "0",
                               "PYTHONPATH": str(checkout)},
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        total = sum(int(line.split()[1]) for dump in Path(folder).glob("callgrind.out*")
                    for line in dump.read_text().splitlines() if line.startswith("totals:"))
    return total // misses


def seconds(path: str, misses: int) -> None:
    request = requester(path)
    for n in range(WARM):
        request(f"w{n}")
    rounds = []
    for r in range(5):
        started = time.process_time()
        for n in range(misses):
            request(f"{r}-{n}")
        rounds.append((time.process_time() - started) / misses * 1e6)
    print(f"{path}: CPU per miss, best of 5 rounds {min(rounds):.0f} µs "
          f"(median {sorted(rounds)[2]:.0f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path")
    parser.add_argument("--misses", type=int, default=30)
    parser.add_argument("--checkout", action="append", default=[],
                        help="another checkout to count too (repeatable)")
    parser.add_argument("--seconds", action="store_true", help="CPU time, no valgrind")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        run_inside(args.path, args.misses)
        return
    if args.seconds:
        sys.path.insert(0, str(ROOT))
        seconds(args.path, args.misses)
        return
    for checkout in [ROOT, *map(Path, args.checkout)]:
        instructions = count(checkout.resolve(), args.path, args.misses)
        print(f"{checkout}: {args.path} {instructions / 1e6:.2f} M instructions per miss")


if __name__ == "__main__":
    main()
