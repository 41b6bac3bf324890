"""Load drivers for `make bench`: wrk when installed, else a bundled threaded loader.

Both return {"requests", "seconds", "p50_ms", "p95_ms", "p99_ms", "errors"} for a fixed
duration and number of keep-alive connections over loopback.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

LUA = Path(__file__).resolve().parent / "lua" / "report.lua"


def have_wrk() -> bool:
    return shutil.which("wrk") is not None


def run(base: str, paths: list[str], *, seconds: float, connections: int,
        headers: dict[str, str] | None = None, threads: int = 2) -> dict:
    if have_wrk():
        return _wrk(base, paths, seconds=seconds, connections=connections,
                    headers=headers or {}, threads=threads)
    return _bundled(base, paths, seconds=seconds, connections=connections,
                    headers=headers or {})


def _wrk(base, paths, *, seconds, connections, headers, threads) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(paths))
    env = {**os.environ, "BENCH_PATHS": listing.name if len(paths) > 1 else "",
           "BENCH_HEADERS": "|".join(f"{k}: {v}" for k, v in headers.items())}
    try:
        out = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s",
             "--timeout", "10s", "-s", str(LUA), base + paths[0]],
            env=env, capture_output=True, text=True, check=False, timeout=seconds + 60)
    finally:
        os.unlink(listing.name)
    if out.returncode != 0:
        raise RuntimeError(f"wrk failed: {out.stderr or out.stdout}")
    line = next(x for x in out.stdout.splitlines() if x.startswith("BENCH_JSON "))
    return json.loads(line.removeprefix("BENCH_JSON "))


def _bundled(base, paths, *, seconds, connections, headers) -> dict:
    parts = urlsplit(base)
    deadline = time.monotonic() + seconds
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors = [0] * connections

    def worker(n: int) -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        i = n
        while time.monotonic() < deadline:
            path = paths[i % len(paths)]
            i += connections
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    errors[n] += 1
            except (OSError, http.client.HTTPException):
                errors[n] += 1
                conn.close()
                conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
                continue
            latencies[n].append((time.perf_counter() - started) * 1000)
        conn.close()

    started = time.monotonic()
    pool = [threading.Thread(target=worker, args=(n,)) for n in range(connections)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.monotonic() - started
    flat = sorted(x for per in latencies for x in per)
    if not flat:
        return {"requests": 0, "seconds": elapsed, "p50_ms": 0, "p95_ms": 0, "p99_ms": 0,
                "errors": sum(errors)}
    cuts = statistics.quantiles(flat, n=100, method="inclusive")
    return {"requests": len(flat), "seconds": elapsed, "p50_ms": cuts[49], "p95_ms": cuts[94],
            "p99_ms": cuts[98], "errors": sum(errors)}
