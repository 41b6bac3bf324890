"""Find the links in item bodies that point at this site, and resolve what they point at.

`sync()` rescans only the bodies saved since the last scan (a watermark on `updated_at`,
with an overlap for transactions that committed late) and stores each internal link with
its resolved target in `InternalLink`. Whether a target is still public is decided by a
query at refresh time (`broken_links`), against the database, never over HTTP.
"""

from __future__ import annotations

import datetime
import html
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import Resolver404, resolve
from django.utils import timezone

from disclosure.models import Attachment, Category, DisclosureItem, RichTextImage
from reports.models import AnnualReport, ReportAttachment
from townships.models import Township

from .models import InternalLink, ScanState

Kind = InternalLink.Kind
LINK_RE = re.compile(r"""\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
WATERMARK = "links"
OVERLAP = datetime.timedelta(minutes=30)
BATCH = 2000

# Named URL → (kind, how to read target fields from the URL kwargs).
_ROUTES = {
    "disclosure:item_detail": (Kind.ITEM, "item_id", None),
    "disclosure:category_detail": (Kind.CATEGORY, "category_id", None),
    "disclosure:attachment_download": (Kind.ATTACHMENT, "item_id", "attachment_id"),
    "reports:report_detail": (Kind.REPORT, None, "year"),
    "reports:report_docx": (Kind.REPORT, None, "year"),
    "reports:report_xlsx": (Kind.REPORT, None, "year"),
    "reports:attachment_download": (Kind.REPORT_FILE, "attachment_id", "year"),
}


def own_hosts() -> set[str]:
    hosts = {settings.SITE_DOMAIN.lower()}
    hosts |= {h.lower() for h in settings.ALLOWED_HOSTS if h not in ("*",)
              and not h.startswith(".")}
    return hosts


def internal_path(url: str, hosts: set[str]) -> str | None:
    """The path of a link to this site, or None for external and non-web links."""
    parts = urlsplit(html.unescape(url.strip()))
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.netloc:
        if (parts.hostname or "").lower() not in hosts:
            return None
    elif not parts.path.startswith("/"):
        return None  # relative or fragment-only links
    return parts.path or "/"


def _resolve(path: str):
    for candidate in (path, path + "/") if not path.endswith("/") else (path,):
        try:
            return resolve(candidate)
        except Resolver404:
            continue
    return None


def classify(path: str) -> dict:
    """What a site path points at, as InternalLink target fields."""
    if path.startswith(settings.MEDIA_URL):
        return {"kind": Kind.MEDIA, "target_path": path[len(settings.MEDIA_URL):][:300]}
    if path.startswith(settings.STATIC_URL):
        return {"kind": Kind.PAGE}
    match = _resolve(path)
    if match is None:
        return {"kind": Kind.NONE}
    slug = match.kwargs.get("township_slug", "")
    if match.view_name in _ROUTES:
        kind, id_arg, part_arg = _ROUTES[match.view_name]
        return {"kind": kind, "target_slug": slug,
                "target_id": match.kwargs.get(id_arg) if id_arg else None,
                "target_part": match.kwargs.get(part_arg) if part_arg else None}
    if slug:
        return {"kind": Kind.TOWNSHIP, "target_slug": slug}
    return {"kind": Kind.PAGE}


def links_in(body: str, hosts: set[str]) -> list[tuple[str, dict]]:
    found = []
    for match in LINK_RE.finditer(body or ""):
        url = match.group(1) if match.group(1) is not None else match.group(2)
        path = internal_path(url, hosts)
        if path is not None:
            found.append((url[:500], classify(path)))
    return found


def sync(*, full: bool = False) -> int:
    """Rescan the bodies saved since the last scan; returns how many items were scanned."""
    state, _created = ScanState.objects.get_or_create(key=WATERMARK)
    started = timezone.now()
    qs = DisclosureItem.objects.all()
    if state.value is not None and not full:
        qs = qs.filter(updated_at__gt=state.value - OVERLAP)
    hosts = own_hosts()
    scanned, last_pk = 0, 0
    while True:
        batch = list(qs.filter(pk__gt=last_pk).order_by("pk")
                     .values_list("pk", "township_id", "body")[:BATCH])
        if not batch:
            break
        _store(batch, hosts)
        scanned += len(batch)
        last_pk = batch[-1][0]
    state.value = started
    state.save(update_fields=["value"])
    return scanned


@transaction.atomic
def _store(batch, hosts) -> None:
    InternalLink.objects.filter(item_id__in=[pk for pk, _t, _b in batch]).delete()
    InternalLink.objects.bulk_create([
        InternalLink(item_id=pk, township_id=township_id, url=url, **target)
        for pk, township_id, body in batch for url, target in links_in(body, hosts)
    ])


def _public_item(prefix: str = "") -> dict:
    """The conditions of DisclosureItem.objects.published(), seen through a relation."""
    return {f"{prefix}status": DisclosureItem.Status.PUBLISHED,
            f"{prefix}disclosure_mode": DisclosureItem.DisclosureMode.PROACTIVE,
            f"{prefix}township__is_active": True}


def broken() -> Q:
    """Links whose target is not (or no longer) a public page."""
    slug = OuterRef("target_slug")
    item_ok = DisclosureItem.objects.filter(pk=OuterRef("target_id"), township__slug=slug,
                                            **_public_item())
    attachment_ok = Attachment.objects.filter(
        pk=OuterRef("target_part"), item_id=OuterRef("target_id"), item__township__slug=slug,
        **_public_item("item__"))
    report_ok = AnnualReport.objects.filter(
        township__slug=slug, year=OuterRef("target_part"), status=AnnualReport.Status.PUBLISHED,
        township__is_active=True)
    report_file_ok = ReportAttachment.objects.filter(
        pk=OuterRef("target_id"), report__year=OuterRef("target_part"),
        report__township__slug=slug, report__status=AnnualReport.Status.PUBLISHED,
        report__township__is_active=True)
    media_ok = (Exists(Attachment.objects.filter(file=OuterRef("target_path")))
                | Exists(ReportAttachment.objects.filter(file=OuterRef("target_path")))
                # pictures in rich text (the link check that fetches found them answering 200)
                | Exists(RichTextImage.objects.filter(file=OuterRef("target_path"))))
    category_ok = Category.objects.filter(pk=OuterRef("target_id"), township__slug=slug,
                                          township__is_active=True)
    return (Q(kind=Kind.NONE)
            | Q(kind=Kind.ITEM) & ~Exists(item_ok)
            | Q(kind=Kind.CATEGORY) & ~Exists(category_ok)
            | Q(kind=Kind.TOWNSHIP) & ~Exists(Township.objects.active().filter(slug=slug))
            | Q(kind=Kind.ATTACHMENT) & ~Exists(attachment_ok)
            | Q(kind=Kind.REPORT) & ~Exists(report_ok)
            | Q(kind=Kind.REPORT_FILE) & ~Exists(report_file_ok)
            | Q(kind=Kind.MEDIA) & ~media_ok)


def broken_links(township_ids):
    """Broken internal links in the bodies of published items of these townships."""
    return (InternalLink.objects
            .filter(township_id__in=township_ids, **_public_item("item__"))
            .filter(broken()))
