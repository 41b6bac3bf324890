"""The personal-data registry (security/personal_data.py) is complete, and no registered field
reaches the public.

Generated, not hand-kept: the demo county (two townships) is built, every registered field of
every row gets a marker of its own (`qzxaah`, or an address from 198.51.100.0/24 for IP
fields), and every public URL pattern of the site (everything outside /admin/: pages, item
and attachment downloads, annual reports in HTML, .docx, .xlsx and .pdf, feeds, sitemaps,
robots.txt, search results, the open-data API and its description) is requested anonymously
for every township, a sample of items, every category with items and every published report.
No answer may contain any marker. A search for each marker finds nothing, and the search
index holds none. A URL pattern the walk cannot fill fails the test, so a new public view is
covered (or the test says why not) as soon as it is added.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.apps import apps
from django.db import transaction
from django.db.models import GenericIPAddressField
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from security.personal_data import NOT_PERSONAL, REGISTRY, unregistered_lookalikes

#: Items (published, with attachments first) requested per township.
ITEMS_PER_TOWNSHIP = 6
CHECKED: dict[str, int] = {}
CONTROL = "qzxctl"


def test_every_field_that_looks_personal_is_registered_or_explained():
    assert unregistered_lookalikes() == []


def test_registry_names_only_fields_that_exist():
    for label in [f.label for f in REGISTRY] + list(NOT_PERSONAL):
        app_model, field = label.rsplit(".", 1)
        apps.get_model(app_model)._meta.get_field(field)  # raises if renamed or removed
    assert len({f.label for f in REGISTRY}) == len(REGISTRY)
    assert not {f.label for f in REGISTRY} & set(NOT_PERSONAL)


def test_the_lookalike_check_catches_a_new_personal_field(monkeypatch):
    from django.db import models

    from townships.models import Office

    extra = models.CharField(max_length=20)
    extra.set_attributes_from_name("mobile_phone")
    extra.model = Office
    monkeypatch.setattr(Office._meta, "concrete_fields",
                        (*Office._meta.concrete_fields, extra))
    assert unregistered_lookalikes() == ["townships.Office.mobile_phone"]


def marker(n: int, field) -> str:
    if isinstance(field, GenericIPAddressField):
        return f"198.51.100.{n + 1}"
    # letters only: a search would split digits off as a token of their own
    return "qzx" + "".join(chr(ord("a") + n // 26 ** k % 26) for k in (2, 1, 0))


def _seed_rows_the_demo_lacks(town) -> None:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth import get_user_model
    from django.core.files.base import ContentFile

    from reports.models import AnnualReport, ReportAttachment
    from townships.models import NotificationFailure

    now = timezone.now()
    for model in (AccessLog, AccessFailureLog, AccessAttempt):
        if not model.objects.exists():
            extra = {"failures_since_start": 1} if model is AccessAttempt else {}
            model.objects.create(username="demo", ip_address="192.0.2.1", user_agent="x",
                                 attempt_time=now, **extra)
    report = AnnualReport.objects.filter(township=town, status="published").first()
    if not report.attachments.exists():
        ReportAttachment.objects.create(report=report, title="附件", original_name="a.pdf",
                                        extension="pdf", size=4,
                                        file=ContentFile(b"%PDF", name="a.pdf"))
    if not NotificationFailure.objects.exists():
        NotificationFailure.objects.create(
            township=town, recipient=get_user_model().objects.first(), channel="email",
            kind="reminder", address="x@example.org", subject="提醒", error="refused")


def _mark_every_registered_field() -> dict[str, str]:
    """label -> marker; every row of the model carries it. The audit log is insert-only, so
    its markers go into a new entry."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    markers = {}
    for n, entry in enumerate(REGISTRY):
        model = entry.model()
        field = model._meta.get_field(entry.name)
        value = marker(n, field)
        if field.max_length:
            assert len(value) <= field.max_length, entry.label
        markers[entry.label] = value
        if model is LogEntry:
            LogEntry.objects.create(content_type=ContentType.objects.get_for_model(LogEntry),
                                    object_pk="1", object_repr="x", action=0,
                                    changes_text="", **{entry.name: value})
        else:
            model._default_manager.update(**{entry.name: value})
        assert model._default_manager.filter(**{entry.name: value}).exists(), entry.label
    return markers


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, demo_media):
    from demo.seeding import build_demo
    from townships.models import Township

    with (django_db_blocker.unblock(), transaction.atomic(),
          override_settings(MEDIA_ROOT=demo_media)):
        ctx = build_demo(io.StringIO(), townships=2)
        _seed_rows_the_demo_lacks(ctx.townships[0])
        markers = _mark_every_registered_field()
        # A positive control: the township's office phone is public (NOT_PERSONAL), so the
        # walk must find its marker, or it would not find a leak either.
        Township.objects.update(phone=CONTROL)
        yield {"townships": ctx.townships, "markers": markers}
        transaction.set_rollback(True)


@pytest.fixture
def demo_files(settings, demo_media):
    settings.MEDIA_ROOT = demo_media  # the files the demo wrote


def public_patterns() -> list[str]:
    """namespace:name of every URL pattern outside /admin/."""
    names = []

    def walk(patterns, namespace, prefix):
        for p in patterns:
            if isinstance(p, URLResolver):
                route = prefix + str(p.pattern)
                if route.startswith("admin/"):
                    continue
                walk(p.url_patterns, p.namespace or namespace, route)
            elif p.name:
                names.append(f"{namespace}:{p.name}" if namespace else p.name)

    walk(get_resolver().url_patterns, None, "")
    return names


def _items(town):
    from disclosure.models import DisclosureItem

    published = DisclosureItem.objects.filter(township=town, status="published")
    with_files = list(published.filter(attachments__isnull=False).distinct()[:3])
    rest = published.exclude(pk__in=[i.pk for i in with_files]).order_by("-pk")
    return with_files + list(rest[:ITEMS_PER_TOWNSHIP - len(with_files)])


COUNTY_PAGES = (
    "site_pages:care_on", "site_pages:care_off", "site_pages:accessibility_statement",
    "site_pages:toolbar_help", "disclosure:county_home", "disclosure:latest",
    "disclosure:site_map", "search:results", "feeds:county_feed", "feeds:sitemap",
    "feeds:robots", "opendata:openapi-json", "opendata:api-root", "opendata:list_items",
    "opendata:withdrawn_items", "opendata:list_reports", "opendata:list_townships",
    "feedback:report", "feedback:thanks", "healthz", "readyz", "visits:hit",
    "site_pages:text_on", "site_pages:text_off", "opendata:docs", "feedback:answer_lookup")
TOWNSHIP_PAGES = (
    "disclosure:township_home", "disclosure:township_latest", "disclosure:guide",
    "disclosure:system", "applications:apply", "applications:receipt", "applications:status",
    "reports:report_list", "feeds:township_feed")


def _item_urls(add, urls, town) -> None:
    from django.core.files.base import ContentFile

    from disclosure.models import Category, DisclosureItem

    categories = Category.objects.filter(items__township=town,
                                         items__status="published").distinct()
    for category in categories:
        add("disclosure:category_detail", town.slug, category.pk)
        add("feeds:category_feed", town.slug, category.pk)
    for item in _items(town):
        add("disclosure:item_detail", town.slug, item.pk)
        add("opendata:get_item", item.pk)
        for attachment in item.attachments.all():
            storage = attachment.file.storage  # the demo writes files on commit
            if not storage.exists(attachment.file.name):
                storage.save(attachment.file.name, ContentFile(b"demo attachment"))
            add("disclosure:attachment_download", town.slug, item.pk, attachment.pk)
            urls["protected_media"].append(f"/media/{attachment.file.name}")
    for item in DisclosureItem.objects.filter(township=town, status="withdrawn")[:2]:
        add("disclosure:item_detail", town.slug, item.pk)


def _report_urls(add, town) -> None:
    from reports.models import AnnualReport

    for report in AnnualReport.objects.filter(township=town, status="published"):
        for name in ("reports:report_detail", "reports:report_docx", "reports:report_xlsx"):
            add(name, town.slug, report.year)
        add("opendata:get_report", report.pk)
        for attachment in report.attachments.all():
            add("reports:attachment_download", town.slug, report.year, attachment.pk)


def urls_by_pattern(world) -> dict[str, list[str]]:
    from applications.models import Notice
    from disclosure.entries import ENTRIES
    from feeds.sitemaps import SITEMAPS
    from reports.models import AnnualReport
    from townships.portal_identity import SITE_IMAGE_FIELDS

    towns = world["townships"]
    urls: dict[str, list[str]] = {name: [] for name in public_patterns()}

    def add(name, *args, query=""):
        urls[name].append(reverse(name, args=args) + query)

    for kind in SITE_IMAGE_FIELDS:
        add("townships:site_image", kind)
    for entry in ENTRIES:
        add("disclosure:channel_entry", entry.kind)
    for name in COUNTY_PAGES:
        add(name)
    add("opendata:list_items", query="?limit=200")
    for section in SITEMAPS:
        add("feeds:sitemap_section", section)
    for town in towns:
        for name in TOWNSHIP_PAGES:
            add(name, town.slug)
        add("search:results", query=f"?township={town.slug}&q=公开")
        _item_urls(add, urls, town)
        _report_urls(add, town)
        # a document addressed to an applicant: only after the query-code lookup (not here)
        for notice in Notice.objects.filter(application__township=town)[:3]:
            add("applications:document", town.slug, f"notice-{notice.pk}")
    # The PDF is the .docx converted by LibreOffice (seconds each): one is enough.
    latest = AnnualReport.objects.filter(township=towns[0], status="published").latest("year")
    add("reports:report_pdf", towns[0].slug, latest.year)
    return urls


def body_text(response) -> str:
    data = (b"".join(response.streaming_content) if response.streaming
            else response.content)
    if data[:2] == b"PK":  # .docx, .xlsx: the XML parts inside
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            data = b"".join(archive.read(n) for n in archive.namelist()
                            if n.endswith((".xml", ".rels")))
    return data.decode("utf-8", "replace").lower()


@pytest.mark.django_db  # so the test database is set up when this file runs alone
@pytest.mark.usefixtures("demo_files")
def test_no_registered_field_reaches_any_public_page_feed_sitemap_search_or_api(world):
    markers = world["markers"]
    urls = urls_by_pattern(world)
    unfilled = sorted(name for name, found in urls.items() if not found)
    assert unfilled == []
    client = Client(raise_request_exception=False)
    leaks, statuses, requested, control_seen = [], {}, 0, 0
    for name, pattern_urls in urls.items():
        for url in pattern_urls:
            response = client.get(url, HTTP_USER_AGENT="Mozilla/5.0 Chrome/124.0")
            requested += 1
            statuses.setdefault(name, set()).add(response.status_code)
            text = body_text(response)
            leaks += [(url, label) for label, value in markers.items() if value in text]
            control_seen += CONTROL in text
            client.cookies.clear()
    assert leaks == []
    assert control_seen > 10  # the walk sees what the pages show
    server_errors = {n: s for n, s in statuses.items() if any(c >= 500 for c in s)}
    assert server_errors == {}
    # the walk reached real content, not only error pages
    for name in ("disclosure:item_detail", "opendata:list_items", "feeds:county_feed",
                 "feeds:sitemap_section", "reports:report_detail", "search:results",
                 "disclosure:attachment_download"):
        assert 200 in statuses[name], name
    CHECKED.update(fields=len(markers), patterns=len(urls), urls=requested,
                   pairs=len(markers) * len(urls), url_checks=len(markers) * requested)
    print(f"personal data: {len(markers)} registered fields x {len(urls)} public URL "  # noqa: T201
          f"patterns = {len(markers) * len(urls)} field-view pairs; {requested} responses, "
          f"{len(markers) * requested} field-response checks, 0 leaks")


@pytest.mark.django_db
def test_search_for_each_marker_finds_nothing_and_the_index_holds_none(world):
    from search.models import SearchEntry

    client = Client()
    for label, value in world["markers"].items():
        if not value[0].isdigit():  # an address is split into numbers, which match dates
            page = client.get(reverse("search:results"), {"q": value}).content.decode()
            assert "没有找到与" in page, label
        for column in ("title", "summary", "meta", "content", "doc_number", "index_no"):
            assert not SearchEntry.objects.filter(**{f"{column}__icontains": value}).exists(), (
                label, column)
