"""Desk panel: open 找错 reports this person should answer, earliest deadline first."""

from __future__ import annotations

from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from townships import desk, permissions

from .models import ErrorReport

LIMIT = 8


def open_reports(request) -> desk.Panel | None:
    user = request.user
    townships = permissions.editable_township_ids(user)
    county = permissions.is_county_admin(user)
    if not townships and not county:
        return None
    scope = Q(township_id__in=townships)
    if county:
        scope |= Q(township__isnull=True)
    qs = (ErrorReport.objects.open().filter(scope).select_related("township")
          .order_by(F("due_on").asc(nulls_last=True), "received_at"))
    today = timezone.localdate()
    entries = []
    for report in qs[:LIMIT]:
        if report.due_on is None:
            note, urgent = _("缺少工作日历，期限待定"), True
        elif report.due_on < today:
            note = _("已超期（期限 %(date)s）") % {"date": f"{report.due_on:%Y-%m-%d}"}
            urgent = True
        else:
            note = _("答复期限 %(date)s") % {"date": f"{report.due_on:%Y-%m-%d}"}
            urgent = report.due_on <= today
        where = report.township.name if report.township_id else _("县级页面")
        entries.append(desk.Entry(
            f"{report.reference} {where}：{(report.page_title or report.page_url)[:24]}",
            reverse("admin:feedback_errorreport_change", args=[report.pk]), note, urgent))
    return desk.Panel(_("待答复的网站找错"), qs.count(), entries,
                      more_url=reverse("admin:feedback_errorreport_changelist")
                      + "?status__exact=open",
                      empty_text=_("没有待答复的网站找错。"), key="feedback-open")


def register() -> None:
    desk.register(open_reports, order=45)
