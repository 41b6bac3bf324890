"""Fault suite on the production sequence, each phase on processes of its own (spare ports,
never the machine's services), under a load of public GETs:

- Redis killed (a redis-server of its own): 0 answers >= 500 and the p95; a publish and a
  withdrawal while it is down show through both instances; caching resumes by itself.
- PostgreSQL restarted (a cluster of its own): failures only inside the restart window.
- One of two nodes killed behind nginx: 0 failed answers."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time

import pytest

from tests.production import stack
from tests.production.conftest import BASE_PORT

pytestmark = pytest.mark.production

HTTPS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
REDIS_PORT = int(os.environ.get("FAULT_TEST_REDIS_PORT", str(BASE_PORT + 40)))
FIGURES: list[str] = []


def _load(urls, stop, results, lock, context=None):
    """GET the URLs in turn until `stop`; (time, status, seconds) per answer, 599 for none.
    Straight to gunicorn with HTTPS headers, or through nginx with a TLS `context`."""
    headers = None if context else HTTPS
    while not stop.is_set():
        for url in urls:
            started = time.monotonic()
            try:
                status = stack.fetch(url, headers=headers, context=context, timeout=15).status
            except OSError:
                status = 599  # no answer at all counts as a failure
            with lock:
                results.append((time.monotonic(), status, time.monotonic() - started))


def _p95(values):
    values = sorted(values)
    return values[int(len(values) * 0.95) - 1] if values else 0.0


def test_redis_killed_under_load(site, tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server not installed")
    url = f"redis://127.0.0.1:{REDIS_PORT}/0"
    redis_proc = stack.redis_server(tmp_path, REDIS_PORT)
    stack.wait_redis(tmp_path, REDIS_PORT)
    env = {**site.env, "REDIS_URL": url, "VISITS_REDIS_URL": url, "PAGE_CACHE_REDIS_URL": url,
           "REDIS_RETRY_SECONDS": "2"}
    procs = stack.Stack(tmp_path, env)
    stop = threading.Event()  # set in `finally`: the load threads never outlive the test
    try:
        port_a, port_b = BASE_PORT + 41, BASE_PORT + 42
        procs.gunicorns(port_a, port_b)
        nodes = [f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"]
        paths = [site.data["item_url"], site.data["township_url"], "/",
                 "/search/?q=%E9%80%9A%E7%9F%A5"]
        urls = [n + p for n in nodes for p in paths]
        redis_env = site.env | {"REDIS_URL": url, "VISITS_REDIS_URL": url,
                                "PAGE_CACHE_REDIS_URL": url}
        # An item cached on both nodes before the outage, withdrawn during it.
        doomed = stack.seed(redis_env, "publish", site.data["township_slug"],
                            "Redis故障期间撤回的通知")
        for u in [*urls, *(n + doomed["item_url"] for n in nodes)]:  # cached before the outage
            stack.fetch(u, headers=HTTPS)
        cached_before = {n: stack.fetch(n + doomed["item_url"], headers=HTTPS).headers.get(
            "x-page-cache") for n in nodes}
        lock, results = threading.Lock(), []
        threads = [threading.Thread(target=_load, args=(urls[i::4], stop, results, lock))
                   for i in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(3)
        killed_at = time.monotonic()
        os.killpg(redis_proc.pid, signal.SIGKILL)
        redis_proc.wait(10)
        # A publish while Redis is down: succeeds and shows through both instances.
        published = stack.seed(redis_env, "publish", site.data["township_slug"],
                               "Redis故障期间发布的通知")
        published_at = time.monotonic()
        visible = {n: stack.fetch(n + published["item_url"], headers=HTTPS).status for n in nodes}
        township_pages = [stack.fetch(n + site.data["township_url"], headers=HTTPS).text
                          for n in nodes]
        stack.seed(redis_env, "withdraw", str(doomed["item_id"]))
        gone_down = {n: stack.fetch(n + doomed["item_url"], headers=HTTPS).status for n in nodes}
        time.sleep(max(0.0, 10 - (time.monotonic() - killed_at)))
        restarted_at = time.monotonic()
        redis_proc = stack.redis_server(tmp_path, REDIS_PORT)
        stack.wait_redis(tmp_path, REDIS_PORT)
        time.sleep(5)
        stop.set()
        for thread in threads:
            thread.join(30)
        # Caching resumes by itself: within a few retry intervals every node hits again.
        resumed = {}
        for n in nodes:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                if stack.fetch(n + site.data["item_url"],
                               headers=HTTPS).headers.get("x-page-cache") == "hit":
                    resumed[n] = True
                    break
                time.sleep(0.5)
        # After Redis is back, the copies cached before the outage must not return.
        gone_after = {n: stack.fetch(n + doomed["item_url"], headers=HTTPS).status
                      for n in nodes}
    finally:
        stop.set()
        procs.stop()
        if redis_proc.poll() is None:
            os.killpg(redis_proc.pid, signal.SIGTERM)
            redis_proc.wait(10)
    down = [r for r in results if killed_at <= r[0] < restarted_at]
    failed_down = sum(1 for r in down if r[1] >= 500)
    failed_all = sum(1 for r in results if r[1] >= 500)
    FIGURES.append(
        f"Redis killed under load: {len(results)} answers ({len(down)} while down), "
        f"{failed_all} >= 500 ({failed_down} while down); p95 while down "
        f"{_p95([r[2] for r in down]) * 1000:.0f} ms, before "
        f"{_p95([r[2] for r in results if r[0] < killed_at]) * 1000:.0f} ms; publish while "
        f"down visible on both nodes {published_at - killed_at:.1f}s after the kill "
        f"({visible}); withdrawal while down: {gone_down} (cached before: {cached_before}), "
        f"after Redis returned: {gone_after}; caching resumed on {len(resumed)}/2 nodes")
    print(FIGURES[-1])  # noqa: T201
    assert failed_all == 0
    assert len(down) > 20
    assert set(visible.values()) == {200}
    assert all(published["title"] in page for page in township_pages)
    assert set(cached_before.values()) == {"hit"}
    assert set(gone_down.values()) == {410}
    assert set(gone_after.values()) == {410}
    assert len(resumed) == 2


def test_one_node_killed_behind_nginx(site, tmp_path):
    """Two gunicorn nodes behind nginx (both in the template's upstream); one is killed with
    SIGKILL under load. nginx passes a GET that meets a dead node to the other one
    (proxy_next_upstream: error, timeout) and leaves the dead node out for fail_timeout
    (10 s): no visitor sees the failure."""
    import ssl

    port_a, port_b = BASE_PORT + 43, BASE_PORT + 44
    port_http, port_https = BASE_PORT + 45, BASE_PORT + 46
    procs = stack.Stack(tmp_path, site.env)
    stop = threading.Event()  # set in `finally`: the load threads never outlive the test
    try:
        procs.gunicorns(port_a, port_b)
        victim = procs.processes[1]
        cert, key = stack.self_signed_certificate(tmp_path)
        site_conf = tmp_path / "site.conf"
        site_conf.write_text(stack.render_nginx_site({
            "SERVER_NAME": "127.0.0.1 localhost", "TLS_CERTIFICATE": str(cert),
            "TLS_CERTIFICATE_KEY": str(key), "HTTP_PORT": f"127.0.0.1:{port_http}",
            "HTTPS_PORT": f"127.0.0.1:{port_https}",
            # two nodes, as DEPLOY.md shows for a second server
            "UPSTREAM": f"127.0.0.1:{port_a}; server 127.0.0.1:{port_b}",
            "STATIC_ROOT": site.env["STATIC_ROOT"], "MEDIA_ROOT": site.env["MEDIA_ROOT"],
            "REQUEST_MAX_MB": site.env["REQUEST_MAX_MB"],
        }))
        conf = stack.nginx_main_config(tmp_path, site_conf)
        nginx, nginx_log = procs.start(["nginx", "-c", str(conf), "-p", str(tmp_path)],
                                       "nginx.log")
        tls = ssl.create_default_context(cafile=str(cert))
        base = f"https://127.0.0.1:{port_https}"
        stack.wait_until_up(base + "/static/css/site.css", nginx, nginx_log, context=tls,
                            seconds=20)
        paths = [site.data["item_url"], site.data["township_url"], "/",
                 "/search/?q=%E9%80%9A%E7%9F%A5"]
        lock, results = threading.Lock(), []
        threads = [threading.Thread(target=_load,
                                    args=([base + p for p in paths], stop, results, lock, tls))
                   for _ in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(3)
        killed_at = time.monotonic()
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait(10)
        time.sleep(12)  # past nginx's fail_timeout (10 s)
        stop.set()
        for thread in threads:
            thread.join(30)
    finally:
        stop.set()
        procs.stop()
    before = [r for r in results if r[0] < killed_at]
    window = [r for r in results if killed_at <= r[0] < killed_at + 10]
    after = [r for r in results if r[0] >= killed_at + 10]
    failed = {name: sum(1 for r in rows if r[1] >= 500)
              for name, rows in (("before", before), ("window", window), ("after", after))}
    FIGURES.append(
        f"one node killed behind nginx: {len(results)} answers ({len(before)} before, "
        f"{len(window)} in the 10 s after the kill, {len(after)} after); failed {failed}; "
        f"p95 after the kill {_p95([r[2] for r in window + after]) * 1000:.0f} ms")
    print(FIGURES[-1])  # noqa: T201
    assert len(window) > 20
    assert len(after) > 20
    assert failed == {"before": 0, "window": 0, "after": 0}


def test_postgres_restarted_under_load(site):
    """A PostgreSQL cluster of its own (initdb on a spare port, the site's data copied in),
    restarted with `pg_ctl restart -m fast` under a load of uncached public GETs on two
    nodes: answers fail only inside the restart window, and none after it (Django's
    connection health checks drop the dead persistent connections)."""
    bindir = stack.postgres_bin()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not installed")
    work = stack.new_cluster_dir()
    cluster = stack.Cluster(bindir, work, "data", BASE_PORT + 50,
                            "-c fsync=off -c full_page_writes=off")
    procs = None
    stop = threading.Event()  # set in `finally`: the load threads never outlive the test
    try:
        cluster.initdb()
        cluster.start()
        url = cluster.copy_in(site.database_url)
        env = {**site.env, "DATABASE_URL": url, "PAGE_CACHE": "0"}  # every answer reads it
        procs = stack.Stack(work, env)
        port_a, port_b = BASE_PORT + 47, BASE_PORT + 48
        procs.gunicorns(port_a, port_b)
        urls = [f"http://127.0.0.1:{port}{path}" for port in (port_a, port_b)
                for path in (site.data["item_url"], site.data["township_url"], "/")]
        lock, results = threading.Lock(), []
        threads = [threading.Thread(target=_load, args=(urls[i::3], stop, results, lock))
                   for i in range(3)]
        for thread in threads:
            thread.start()
        time.sleep(3)
        restart_started = time.monotonic()
        # -l: the restarted server logs to its file, not to this pipe (which would stay open)
        cluster.pg_ctl("-m", "fast", "-o", cluster.options, "-l", str(work / "data.log"),
                       "restart")
        restart_done = time.monotonic()
        time.sleep(6)
        stop.set()
        for thread in threads:
            thread.join(30)
    finally:
        stop.set()
        if procs is not None:
            procs.stop()
        cluster.stop()
        shutil.rmtree(work, ignore_errors=True)
    before = [r for r in results if r[0] < restart_started]
    # an answer that started before the restart finished belongs to the window
    window = [r for r in results if restart_started <= r[0] - r[2] < restart_done]
    after = [r for r in results if r[0] - r[2] >= restart_done]
    failed = {name: sum(1 for r in rows if r[1] >= 500)
              for name, rows in (("before", before), ("restart", window), ("after", after))}
    FIGURES.append(
        f"PostgreSQL restarted under load: restart took {restart_done - restart_started:.1f} s; "
        f"{len(results)} answers ({len(before)} before, {len(window)} during, {len(after)} "
        f"after); failed {failed}")
    print(FIGURES[-1])  # noqa: T201
    assert failed["before"] == 0
    assert len(after) > 20
    assert failed["after"] == 0
