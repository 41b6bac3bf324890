"""Link checks that fetch, against local HTTP servers only (no outside address)."""

import itertools
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.files.base import ContentFile

from disclosure.models import Attachment
from oversight import linkfetch
from oversight.checks import get
from oversight.models import InspectionSettings, LinkCheckResult, LinkCheckRun
from tests.factories import make_item, make_township

from .conftest import findings, snapshot

pytestmark = pytest.mark.django_db
Error = LinkCheckResult.Error


class Handler(BaseHTTPRequestHandler):
    hits: list = []  # shared on purpose: the test reads what was requested
    broken_paths: set = set()

    def do_GET(self):
        Handler.hits.append((self.path, time.monotonic()))
        if self.path.startswith("/slow"):
            time.sleep(2)
            code = 200
        elif self.path.startswith("/loop-a"):
            return self._redirect("/loop-b")
        elif self.path.startswith("/loop-b"):
            return self._redirect("/loop-a")
        elif self.path.startswith("/moved"):
            return self._redirect("/ok")
        elif self.path.startswith("/missing") or self.path in Handler.broken_paths:
            code = 404
        elif self.path.startswith("/error"):
            code = 500
        else:
            code = 200
        self.send_response(code)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")
        return None

    def _redirect(self, to):
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def serve(host):
    httpd = ThreadingHTTPServer((host, 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://{host}:{httpd.server_address[1]}"


@pytest.fixture
def server():
    Handler.hits = []
    Handler.broken_paths = set()
    httpd, url = serve("127.0.0.1")
    yield url
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def outside():
    """Another local server, on a loopback address that is not one of this site's hosts."""
    httpd, url = serve("127.0.0.2")
    yield url
    httpd.shutdown()
    httpd.server_close()


def settings_for(county, **fields):
    options = InspectionSettings(county=county, **{"link_timeout": 1, "link_delay_ms": 0,
                                                   **fields})
    options.save()
    return options


def test_each_answer_kind_is_recognised(server):
    town = make_township()
    options = settings_for(town.county)
    paths = ["/ok", "/missing", "/error", "/slow", "/loop-a", "/moved"]
    targets = [linkfetch.Target(server + p, "external", town.pk, None, p) for p in paths]
    results = {r.url[len(server):]: r for r in
               linkfetch.fetch_all(targets, options, allow_private=True)}
    summary = {p: (r.status, r.error, r.ok) for p, r in results.items()}
    assert summary == {
        "/ok": (200, "", True), "/missing": (404, Error.HTTP, False),
        "/error": (500, Error.HTTP, False), "/slow": (None, Error.TIMEOUT, False),
        "/loop-a": (302, Error.LOOP, False), "/moved": (200, "", True)}
    assert [hop["to"] for hop in results["/moved"].redirects] == [server + "/ok"]
    assert results["/moved"].final_url == server + "/ok"
    assert [hop["to"][len(server):] for hop in results["/loop-a"].redirects] == [
        "/loop-b", "/loop-a"]


def test_external_addresses_on_private_networks_are_not_requested(server):
    town = make_township()
    options = settings_for(town.county)
    [result] = linkfetch.fetch_all(
        [linkfetch.Target(server + "/ok", "external", town.pk, None, "")], options)
    assert (result.error, result.ok) == (Error.BLOCKED, False)
    assert Handler.hits == []


def test_per_host_politeness_spaces_requests_to_an_external_host(server):
    town = make_township()
    options = settings_for(town.county, link_delay_ms=300, link_concurrency=4)
    targets = [linkfetch.Target(f"{server}/ok?{n}", "external", town.pk, None, "")
               for n in range(4)]
    linkfetch.fetch_all(targets, options, allow_private=True)
    starts = sorted(t for _p, t in Handler.hits)
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert len(starts) == 4
    assert min(gaps) >= 0.25


def test_run_checks_pages_links_and_attachments_and_keeps_each_run(server, outside):
    town = make_township()
    settings_for(town.county, check_external_links=True)
    item = make_item(township=town, published=True,
                     body=f'<p><a href="/missing/page/">旧链接</a>'
                          f'<a href="{outside}/error">外部</a></p>')
    attachment = Attachment.objects.create(item=item, title="方案",
                                           file=ContentFile(b"x", name="fangan.txt"))
    make_item(township=town, body='<p><a href="/missing/draft/">草稿</a></p>')  # not public
    Handler.broken_paths = {
        f"/xxgk/{town.slug}/content/{item.pk}/file/{attachment.pk}/"}
    run = linkfetch.run_check(town.county, base_url=server, allow_private=True)
    by_kind = {(r.kind, r.url.replace(server, "").replace(outside, ""), r.ok)
               for r in run.results.all()}
    assert by_kind == {
        ("page", f"/xxgk/{town.slug}/content/{item.pk}/", True),
        ("internal", "/missing/page/", False),
        ("external", "/error", False),
        ("attachment", f"/xxgk/{town.slug}/content/{item.pk}/file/{attachment.pk}/", False),
    }
    assert (run.checked, run.broken) == (4, 3)
    assert snapshot(town)["fetch"]["broken"] == 3
    rows = findings(get("fetch"), town).rows
    assert {row.cells["answer"] for row in rows} == {"404 错误状态码", "500 错误状态码"}
    assert all(row.url == f"/admin/disclosure/disclosureitem/{item.pk}/change/" for row in rows)
    linkfetch.run_check(town.county, base_url=server, external=False)
    assert LinkCheckRun.objects.count() == 2
    assert linkfetch.latest_run(town.county).results.filter(kind="external").count() == 0
