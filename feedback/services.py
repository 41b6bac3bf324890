"""Receiving a 找错 report: which township it belongs to and when it must be answered."""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from townships.calendar import CalendarMissing, WorkCalendar
from townships.models import Township

from .models import ErrorReport

#: Township channel pages live under /xxgk/<township slug>/.
TOWNSHIP_PAGE = re.compile(r"^/xxgk/(?P<slug>[-\w]+)/")


def reply_days() -> int:
    return int(getattr(settings, "ERROR_REPORT_REPLY_DAYS", 3))


def township_for_path(path: str) -> Township | None:
    """The township whose channel holds `path`, or None for a county page."""
    match = TOWNSHIP_PAGE.match(path or "")
    if match is None:
        return None
    return Township.objects.filter(slug=match["slug"]).first()


def page_path(value: str, host: str) -> str:
    """A path on this site (with its query string) from a path or a full URL of this site."""
    value = (value or "").strip()
    parts = urlsplit(value)
    if parts.scheme and parts.scheme not in ("http", "https"):
        raise ValidationError(_("请填写本网站页面的网址。"))
    if parts.netloc and parts.netloc.lower() != (host or "").lower():
        raise ValidationError(_("请填写本网站页面的网址，其他网站的问题请向该网站反映。"))
    path = parts.path or "/"
    if not path.startswith("/") or path.startswith("//"):
        raise ValidationError(_("网址格式不正确，请从浏览器地址栏复制本网站页面的网址。"))
    return path + (f"?{parts.query}" if parts.query else "")


def page_title(title: str, site_name: str = "") -> str:
    """The page's own title: " - <site name>" dropped, at most 200 characters."""
    title = " ".join((title or "").split())
    suffix = f" - {site_name}" if site_name else ""
    if suffix and title.endswith(suffix):
        title = title[: -len(suffix)]
    return title[:200]


def reply_due(received: datetime.date) -> datetime.date | None:
    """The last day to answer, in working days; None when the calendar has no data yet."""
    try:
        return WorkCalendar().add_working_days(received, reply_days())
    except CalendarMissing:
        return None


@transaction.atomic
def receive(report: ErrorReport) -> ErrorReport:
    """Save a new report with its township and reply deadline."""
    report.received_at = report.received_at or timezone.now()
    report.township = township_for_path(report.page_url)
    report.due_on = reply_due(timezone.localdate(report.received_at))
    report.save()
    return report


def responsible_body(report: ErrorReport, county) -> str:
    if report.township_id:
        return report.township.full_name
    return getattr(county, "sponsor", "") or _("网站主办单位")
