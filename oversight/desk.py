"""Desk panels: notices a township admin must answer; for the county, answers to review."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from townships import desk

from . import permissions
from .models import RectificationNotice

State = RectificationNotice.State
LIMIT = 8
URGENT_DAYS = 3


def notices_to_answer(request) -> desk.Panel | None:
    received = permissions.received_notices(request.user)
    if received is None:
        return None
    qs = (RectificationNotice.objects.filter(received, state=State.OPEN)
          .select_related("township").order_by("due_on", "pk"))
    today = timezone.localdate()
    notices = list(qs[:LIMIT])
    entries = [desk.Entry(
        f"{n.township.name} · {n.title}",
        reverse("admin:oversight_rectificationnotice_answer", args=[n.pk]),
        ((_("已逾期（期限 %(date)s）") if n.due_on < today else _("整改期限 %(date)s"))
         % {"date": f"{n.due_on:%Y-%m-%d}"})
        + (_("；已退回：%(reason)s") % {"reason": n.last_return().text[:60]}
           if n.last_return() else ""),
        urgent=n.due_on <= today + datetime.timedelta(days=URGENT_DAYS))
        for n in notices]
    return desk.Panel(_("待反馈的督促整改通知"), qs.count() if len(notices) == LIMIT
                      else len(notices), entries,
                      more_url=reverse("admin:oversight_rectificationnotice_changelist"),
                      empty_text=_("没有待反馈的督促整改通知。"), key="oversight-notices")


def answers_to_review(request) -> desk.Panel | None:
    if not permissions.can_view_dashboard(request.user):
        return None
    county = permissions.county_for(request.user)
    qs = (RectificationNotice.objects.filter(county=county, state=State.ANSWERED)
          .select_related("township").order_by("answered_at", "pk"))
    notices = list(qs[:LIMIT])
    entries = [desk.Entry(f"{n.township.name} · {n.title}",
                          reverse("admin:oversight_rectificationnotice_review", args=[n.pk]),
                          _("%(date)s反馈") % {
                              "date": f"{timezone.localtime(n.answered_at):%Y-%m-%d}"})
               for n in notices]
    return desk.Panel(_("监督检查：待审核的整改反馈"), qs.count() if len(notices) == LIMIT
                      else len(notices), entries,
                      more_url=reverse("admin:oversight_dashboard"),
                      empty_text=_("没有待审核的整改反馈。查看监督检查总览了解各乡镇情况。"),
                      key="oversight-review")


def register() -> None:
    desk.register(notices_to_answer, order=15)
    desk.register(answers_to_review, order=60)
