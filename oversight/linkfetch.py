"""Link checks that fetch: request every published page, the links in their bodies and their
attachments, and record what each answered.

`run_check(county)` (the `check_links` command, scheduled nightly) collects the targets of
the county's active townships — each published item's page, the internal links in its body,
each attachment of published items and reports, each published report page and, when the
county enables it (`InspectionSettings.check_external_links`), the links to other sites —
and requests each distinct address once:

- bounded concurrency (`link_concurrency` threads) and per-host politeness (at most
  `link_per_host` requests at a time to one host, and `link_delay_ms` between two requests
  to the same external host);
- a timeout per request (`link_timeout`); GET without reading the body;
- redirects followed by hand (up to 5) and recorded hop by hop; a redirect back to an
  address already visited is a loop;
- an external address (or a redirect hop) whose host resolves to a private, loopback or
  link-local address is not requested (recorded as blocked), so page content cannot make
  the server probe its own network.

Internal addresses are requested at `base_url` (LINK_CHECK_BASE_URL, default
https://SITE_DOMAIN). Each run's results are kept (`LinkCheckResult`); the last
`KEEP_RUNS` runs per county stay.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import requests
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from disclosure.models import Attachment, DisclosureItem
from reports.models import AnnualReport, ReportAttachment

from .linkscan import LINK_RE, internal_path, own_hosts
from .models import InspectionSettings, LinkCheckResult, LinkCheckRun

Kind = LinkCheckResult.Kind
Error = LinkCheckResult.Error
MAX_REDIRECTS = 5
KEEP_RUNS = 10
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
USER_AGENT = "township-disclosure-linkcheck/1.0"


@dataclass
class Target:
    url: str
    kind: str
    township_id: int | None
    item_id: int | None
    found_on: str


def default_base_url() -> str:
    return (getattr(settings, "LINK_CHECK_BASE_URL", "") or f"https://{settings.SITE_DOMAIN}"
            ).rstrip("/")


def collect(county, base_url: str, *, external: bool) -> list[Target]:
    """Every distinct address to request, with where it was first found."""
    base_url = base_url.rstrip("/")
    hosts = own_hosts()
    townships = {t.pk: t.slug for t in county.townships.active()}
    found: dict[str, Target] = {}

    def add(url, kind, tid, item_id, where):
        if url not in found:
            found[url] = Target(url[:500], kind, tid, item_id, where[:220])

    items = (DisclosureItem.objects.filter(township_id__in=townships,
                                           status=DisclosureItem.Status.PUBLISHED)
             .only("pk", "township_id", "title", "body").order_by("pk"))
    for item in items.iterator(chunk_size=500):
        slug = townships[item.township_id]
        page = reverse("disclosure:item_detail", args=[slug, item.pk])
        add(base_url + page, Kind.PAGE, item.township_id, item.pk, item.title)
        for match in LINK_RE.finditer(item.body or ""):
            href = (match.group(1) or match.group(2) or "").strip()
            path = internal_path(href, hosts)
            if path is not None:
                query = urlsplit(href).query
                add(base_url + path + (f"?{query}" if query else ""), Kind.INTERNAL,
                    item.township_id, item.pk, item.title)
            elif external and urlsplit(href).scheme in ("http", "https"):
                add(href.split("#", 1)[0], Kind.EXTERNAL, item.township_id, item.pk, item.title)
    attachments = (Attachment.objects.filter(item__township_id__in=townships,
                                             item__status=DisclosureItem.Status.PUBLISHED)
                   .select_related("item").order_by("pk"))
    for a in attachments.iterator(chunk_size=500):
        slug = townships[a.item.township_id]
        add(base_url + reverse("disclosure:attachment_download", args=[slug, a.item_id, a.pk]),
            Kind.ATTACHMENT, a.item.township_id, a.item_id, a.item.title)
    reports = AnnualReport.objects.filter(township_id__in=townships,
                                          status=AnnualReport.Status.PUBLISHED)
    for report in reports.order_by("pk"):
        slug = townships[report.township_id]
        add(base_url + reverse("reports:report_detail", args=[slug, report.year]), Kind.PAGE,
            report.township_id, None, str(report))
    files = (ReportAttachment.objects.filter(report__township_id__in=townships,
                                             report__status=AnnualReport.Status.PUBLISHED)
             .select_related("report").order_by("pk"))
    for a in files:
        slug = townships[a.report.township_id]
        add(base_url + reverse("reports:attachment_download",
                               args=[slug, a.report.year, a.pk]),
            Kind.ATTACHMENT, a.report.township_id, None, str(a.report))
    return list(found.values())


def is_private_host(host: str) -> bool:
    """Whether a host name resolves to an address the public cannot reach."""
    try:
        infos = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return False  # unresolvable: the request fails as a connection error
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if (address.is_private or address.is_loopback or address.is_link_local
                or address.is_reserved or address.is_multicast or address.is_unspecified):
            return True
    return False


class Politeness:
    """Per-host limits: a semaphore of `per_host` slots and a minimum gap between starts."""

    def __init__(self, per_host: int, delay: float):
        self.per_host, self.delay = per_host, delay
        self.lock = threading.Lock()
        self.slots: dict[str, threading.BoundedSemaphore] = {}
        self.next_start: dict[str, float] = {}

    def slot(self, host: str) -> threading.BoundedSemaphore:
        with self.lock:
            return self.slots.setdefault(host, threading.BoundedSemaphore(self.per_host))

    def wait_turn(self, host: str, external: bool) -> None:
        """Wait for the host's next start time (external sites only: ours is not spared)."""
        if not external or self.delay <= 0:
            return
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next_start.get(host, now))
            self.next_start[host] = start + self.delay
        if start > now:
            time.sleep(start - now)


def fetch(session, url: str, *, timeout: float, politeness: Politeness, external: bool,
          check_private: bool) -> dict:
    """Request `url`, following redirects by hand; what it answered."""
    chain: list[dict] = []
    seen = {url}
    current = url
    started = time.monotonic()

    def result(**fields):
        fields.setdefault("status", None)
        fields.setdefault("final_url", current)
        return {"redirects": chain, "elapsed_ms": int((time.monotonic() - started) * 1000),
                **fields}

    for _hop in range(MAX_REDIRECTS + 1):
        host = (urlsplit(current).hostname or "").lower()
        if check_private and host and is_private_host(host):
            return result(error=Error.BLOCKED, ok=False)
        with politeness.slot(host):
            politeness.wait_turn(host, external)
            try:
                with session.get(current, timeout=timeout, allow_redirects=False,
                                 stream=True) as response:
                    status = response.status_code
                    location = response.headers.get("Location")
            except requests.Timeout:
                return result(error=Error.TIMEOUT, ok=False)
            except (requests.RequestException, ValueError):
                return result(error=Error.CONNECTION, ok=False)
        if status in REDIRECT_CODES and location:
            target = urljoin(current, location)
            chain.append({"status": status, "from": current, "to": target})
            if target in seen:
                return result(status=status, error=Error.LOOP, ok=False)
            seen.add(target)
            current = target
            continue
        ok = status < 400
        return result(status=status, error="" if ok else Error.HTTP, ok=ok)
    return result(error=Error.TOO_MANY, ok=False)


def fetch_all(targets: Iterable[Target], options: InspectionSettings, *,
              allow_private: bool = False) -> list[LinkCheckResult]:
    targets = list(targets)
    politeness = Politeness(options.link_per_host, options.link_delay_ms / 1000)
    local = threading.local()

    def session():
        if not hasattr(local, "session"):
            local.session = requests.Session()
            local.session.headers["User-Agent"] = USER_AGENT
            local.session.trust_env = False  # never through a proxy from the environment
        return local.session

    def one(target: Target) -> LinkCheckResult:
        answer = fetch(session(), target.url, timeout=options.link_timeout,
                       politeness=politeness, external=target.kind == Kind.EXTERNAL,
                       check_private=target.kind == Kind.EXTERNAL and not allow_private)
        return LinkCheckResult(
            township_id=target.township_id, item_id=target.item_id, url=target.url,
            kind=target.kind, found_on=target.found_on, status=answer["status"],
            error=answer["error"], final_url=answer["final_url"][:500],
            redirects=answer["redirects"], elapsed_ms=answer["elapsed_ms"], ok=answer["ok"])

    with ThreadPoolExecutor(max_workers=options.link_concurrency) as pool:
        return list(pool.map(one, targets))


def run_check(county, *, base_url: str | None = None, external: bool | None = None,
              allow_private: bool = False) -> LinkCheckRun:
    options = InspectionSettings.for_county(county)
    external = options.check_external_links if external is None else external
    base_url = (base_url or default_base_url()).rstrip("/")
    started = time.monotonic()
    run = LinkCheckRun.objects.create(county=county, base_url=base_url[:200],
                                      external=external)
    results = fetch_all(collect(county, base_url, external=external), options,
                        allow_private=allow_private)
    with transaction.atomic():
        for row in results:
            row.run = run
        LinkCheckResult.objects.bulk_create(results, batch_size=1000)
        run.checked = len(results)
        run.broken = sum(1 for r in results if not r.ok)
        run.redirected = sum(1 for r in results if r.redirects)
        run.seconds = round(time.monotonic() - started, 2)
        run.finished_at = timezone.now()
        run.save()
        old = LinkCheckRun.objects.filter(county=county).order_by("-started_at", "-pk")[KEEP_RUNS:]
        LinkCheckRun.objects.filter(pk__in=[r.pk for r in old]).delete()
    return run


def latest_run(county) -> LinkCheckRun | None:
    return (LinkCheckRun.objects.filter(county=county, finished_at__isnull=False)
            .order_by("-started_at", "-pk").first())
