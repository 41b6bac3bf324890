"""Run the wording checks (wording.py) over published content and before submission.

`scan_townships(townships, rules)` replaces the stored `WordingHit`s of those townships with
what the published items, reports and their attachments say now. Attachment text is read
once per distinct stored file per scan (the extractors of the personal-data scan).
`object_hits(obj)` scans one item, revision or report as the sign page shows it.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _

from disclosure import pii
from disclosure.attachment_text import text_preview
from disclosure.models import Attachment, DisclosureItem, ItemRevision
from reports.models import SECTION_FIELDS, AnnualReport, ReportAttachment

from . import wording
from .models import WordingDismissal, WordingHit

Source = WordingHit.Source
#: Characters of an attachment's text that are checked.
ATTACHMENT_CHARS = 200_000


def _html(value: str) -> str:
    return pii.html_to_text(value or "")


def _attachment_text(attachment, cache: dict) -> str:
    name = attachment.file.name if attachment.file else ""
    if not name:
        return ""
    if name not in cache:
        cache[name] = text_preview(attachment.file, attachment.extension,
                                   limit=ATTACHMENT_CHARS) or ""
    return cache[name]


def item_texts(title, summary, body) -> list[tuple[str, str]]:
    return [(_("标题"), title or ""), (_("内容概述"), summary or ""), (_("正文"), _html(body))]


def report_texts(report) -> list[tuple[str, str]]:
    fields = {f.name: str(f.verbose_name) for f in report._meta.fields}
    return [(fields["title"], report.title or ""),
            *((fields[name], _html(getattr(report, name))) for name in (*SECTION_FIELDS, "body"))]


def _texts(township_ids, cache) -> Iterator[tuple[int, str, int, str, str]]:
    """(township_id, source, object id, where, text) of every published text."""
    items = (DisclosureItem.objects.filter(township_id__in=township_ids,
                                           status=DisclosureItem.Status.PUBLISHED)
             .only("pk", "township_id", "title", "summary", "body").order_by("pk"))
    for item in items.iterator(chunk_size=500):
        for label, text in item_texts(item.title, item.summary, item.body):
            yield item.township_id, Source.ITEM, item.pk, f"{item.title[:150]} · {label}", text
    attachments = (Attachment.objects.filter(item__township_id__in=township_ids,
                                             item__status=DisclosureItem.Status.PUBLISHED)
                   .select_related("item").order_by("pk"))
    for a in attachments.iterator(chunk_size=500):
        yield (a.item.township_id, Source.ATTACHMENT, a.item_id,
               f"{a.item.title[:100]} · {_('附件：%(name)s') % {'name': a.display_title[:90]}}",
               _attachment_text(a, cache))
    reports = AnnualReport.objects.filter(township_id__in=township_ids,
                                          status="published").order_by("pk")
    for report in reports:
        for label, text in report_texts(report):
            yield report.township_id, Source.REPORT, report.pk, f"{report} · {label}", text
    files = (ReportAttachment.objects.filter(report__township_id__in=township_ids,
                                             report__status="published")
             .select_related("report").order_by("pk"))
    for a in files:
        yield (a.report.township_id, Source.REPORT_FILE, a.report_id,
               f"{a.report} · {_('附件：%(name)s') % {'name': a.display_title[:90]}}",
               _attachment_text(a, cache))


def scan_townships(township_ids, rules: wording.RuleSet) -> dict[int, dict]:
    """Rescan and store; returns per township {hits, severe, dismissed, chars}."""
    township_ids = list(township_ids)
    result = {tid: {"hits": 0, "severe": 0, "dismissed": 0, "chars": 0} for tid in township_ids}
    dismissed = set(WordingDismissal.objects.filter(township_id__in=township_ids)
                    .values_list("township_id", "fingerprint"))
    rows = []
    cache: dict = {}
    for tid, source, pk, where, text in _texts(township_ids, cache):
        result[tid]["chars"] += len(text)
        for hit in wording.scan_text(text, rules):
            fingerprint = hit.fingerprint(f"{source}:{pk}:{where}")
            counts = result[tid]
            if (tid, fingerprint) in dismissed:
                counts["dismissed"] += 1
            else:
                counts["hits"] += 1
                counts["severe"] += int(hit.severe)
            rows.append(WordingHit(
                township_id=tid, source=source, object_id=pk, where=where[:220], kind=hit.kind,
                phrase=hit.phrase[:80], right=hit.right[:80], note=hit.note[:200],
                sentence=hit.sentence, start=hit.start, end=hit.end, fingerprint=fingerprint))
    WordingHit.objects.filter(township_id__in=township_ids).delete()
    WordingHit.objects.bulk_create(rows, batch_size=1000)
    return result


def object_hits(obj, rules: wording.RuleSet) -> list[tuple[str, wording.Hit]]:
    """What the wording checks find in one item, revision or report (the sign page)."""
    texts: list[tuple[str, str]] = []
    attachments = []
    if isinstance(obj, ItemRevision):
        data = obj.data or {}
        texts = item_texts(data.get("title"), data.get("summary"), data.get("body"))
        removed = set(data.get("removed_attachments") or [])
        attachments = [a for a in obj.item.attachments.all() if a.pk not in removed]
        attachments += list(obj.new_attachments.all())
    elif isinstance(obj, DisclosureItem):
        texts = item_texts(obj.title, obj.summary, obj.body)
        attachments = list(obj.attachments.all())
    elif isinstance(obj, AnnualReport):
        texts = report_texts(obj)
        attachments = list(obj.attachments.all())
    cache: dict = {}
    for a in attachments:
        texts.append((_("附件：%(name)s") % {"name": a.display_title},
                      _attachment_text(a, cache)))
    return [(label, hit) for label, text in texts for hit in wording.scan_text(text, rules)]


def sign_page_notes(user, container, subject) -> list[dict]:
    """The `sign_page_checks` hook (signoff/hooks.py): wording hits of what is signed."""
    township = getattr(container, "township", None)
    if township is None:
        return []
    rules = wording.county_rules(township.county)
    target = subject if isinstance(subject, ItemRevision) else container
    return [{"where": label, "marked": wording.mark(hit.sentence, hit.start, hit.end),
             "right": hit.right, "note": hit.note or wording.KIND_LABELS[hit.kind]}
            for label, hit in object_hits(target, rules)]
