"""Caches never outlive the truth on any node (tests/pagecache/test_truth.py checks the same in
one process): a county name change, a release (`bump_page_cache`, then a node on a new build
id) and a `restore` are each visible on the next request through both gunicorn nodes, pages
both had cached included."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import pytest

from tests.production import stack
from tests.production.conftest import BASE_PORT

pytestmark = pytest.mark.production

HTTPS = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}


def _cached_on(nodes, paths) -> dict:
    """Ask every node for every path until each answers from the cache; the last answers."""
    seen = {}
    for node in nodes:
        for path in paths:
            for _ in range(3):
                answer = stack.fetch(node + path, headers=HTTPS)
                if answer.headers.get("x-page-cache") == "hit":
                    break
            seen[(node, path)] = answer.headers.get("x-page-cache")
    return seen


def _next_answers(nodes, paths) -> dict:
    return {(node, path): stack.fetch(node + path, headers=HTTPS)
            for node in nodes for path in paths}


def _first_after(nodes, paths) -> dict:
    """Each path asked of both nodes, a different node first for each path; the first
    answer's X-Page-Cache per (first node, path) and every answer's status and text."""
    first, answers = {}, {}
    for i, path in enumerate(paths):
        order = nodes[i % 2:] + nodes[:i % 2]
        for node in order:
            answers[(node, path)] = stack.fetch(node + path, headers=HTTPS)
        first[(order[0], path)] = answers[(order[0], path)].headers.get("x-page-cache")
    return first, answers


def test_a_county_name_change_shows_on_both_nodes_at_once(site):
    paths = ["/", site.data["township_url"], site.data["item_url"]]
    before = _cached_on([site.a, site.b], paths)
    changed = stack.seed(site.env, "county", "改名验证县人民政府信息公开平台")
    first, after = _first_after([site.a, site.b], paths)
    assert set(before.values()) == {"hit"}
    assert changed["before"] != changed["site_name"]
    assert set(first.values()) == {"miss"}  # neither node served its copy from before
    for key, answer in after.items():
        assert answer.status == 200, key
        assert changed["site_name"] in answer.text, key
        assert changed["before"] not in answer.text, key


def test_a_release_drops_every_cached_page_on_both_nodes(site, tmp_path):
    paths = ["/", site.data["township_url"], site.data["item_url"]]
    before = _cached_on([site.a, site.b], paths)
    bumped = stack.run([sys.executable, "manage.py", "bump_page_cache"], site.env)  # release.sh
    first, _after = _first_after([site.a, site.b], paths)
    assert set(before.values()) == {"hit"}
    assert bumped.returncode == 0, bumped.stderr
    assert set(first.values()) == {"miss"}
    assert {node for node, _path in first} == {site.a, site.b}
    # The new build's processes never read the previous build's copies (generations.build_id):
    # a node started on another APP_BUILD_ID misses what both old nodes hit.
    procs = stack.Stack(tmp_path, {**site.env, "APP_BUILD_ID": "release-next",
                                   "WEB_CONCURRENCY": "1"})
    try:
        port = BASE_PORT + 70
        procs.gunicorn(port)
        new = f"http://127.0.0.1:{port}"
        old_hits = _cached_on([site.a, site.b], paths)
        new_first = _next_answers([new], paths)
        new_second = _next_answers([new], paths)
    finally:
        procs.stop()
    assert set(old_hits.values()) == {"hit"}
    assert {a.headers.get("x-page-cache") for a in new_first.values()} == {"miss"}
    assert {a.headers.get("x-page-cache") for a in new_second.values()} == {"hit"}


def test_a_restore_drops_post_backup_pages_on_both_nodes(site):
    """A backup, then an item published and cached on both nodes, then the documented restore
    into the same database name and the same Redis (an empty database and media root,
    `manage.py restore latest`): the item, which is not in the backup, is gone from both
    nodes on the next request, though both had it cached. The site ends as it was backed up."""
    started = time.monotonic()
    backup = stack.run([sys.executable, "manage.py", "backup"], site.env)
    assert backup.returncode == 0, backup.stdout + backup.stderr
    late = stack.seed(site.env, "publish", site.data["township_slug"], "备份之后发布的通知")
    nodes = [site.a, site.b]
    paths = [late["item_url"], site.data["township_url"]]
    before = _cached_on(nodes, paths)
    # docs/DEPLOY.md: restore into an empty database and an empty media root.
    stack.empty_database(site.database_url)
    media = Path(site.env["MEDIA_ROOT"])
    shutil.rmtree(media)
    media.mkdir()
    restored = stack.run([sys.executable, "manage.py", "restore", "latest"], site.env)
    assert restored.returncode == 0, restored.stdout + restored.stderr
    first, after = _first_after(nodes, paths)
    kept = _next_answers(nodes, [site.data["item_url"]])
    print(f"\nrestore across nodes: {time.monotonic() - started:.1f}s; "  # noqa: T201
          f"{restored.stdout.strip()}")
    assert "计数器" in restored.stdout  # it says it bumped the page cache's counters
    assert set(before.values()) == {"hit"}
    # the township page rendered afresh, the item's 404 never stored (no X-Page-Cache)
    assert sorted(map(str, first.values())) == ["None", "miss"]
    for node in nodes:
        gone = after[(node, late["item_url"])]
        assert gone.status == 404, (node, gone.status)
        assert gone.headers.get("x-page-cache") != "hit"
        township = after[(node, site.data["township_url"])]
        assert township.status == 200
        assert late["title"] not in township.text
        assert kept[(node, site.data["item_url"])].status == 200
