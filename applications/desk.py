"""Desk panel: open applications I handle (or my township's unassigned ones), by deadline."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from townships import desk

from .deadlines import due_soon_limit, lateness_label
from .models import PAUSED_STATES, Application, State
from .permissions import handled_township_ids

LIMIT = 8


def my_deadlines(request) -> desk.Panel | None:
    townships = handled_township_ids(request.user)
    if not townships:
        return None
    qs = (Application.objects.open().filter(township_id__in=townships)
          .filter(Q(handler=request.user) | Q(handler__isnull=True))
          .order_by("due_on", "created_at"))
    count = qs.count()
    today = timezone.localdate()
    soon = due_soon_limit(today)  # across a year without data too (provisional count)
    entries = []
    for app in qs[:LIMIT]:
        urgent = app.due_on is not None and app.due_on <= soon
        late = lateness_label(app, today)
        if app.state in PAUSED_STATES:  # the pause's own limit, not the stopped reply clock
            limit = (app.pause_reply_due_on if app.state == State.CONSULTATION
                     else app.correction_due_on)
            note = (_("%(late)s（期限 %(date)s）") if late else _("%(state)s，期限 %(date)s")) % {
                "late": late, "state": app.get_state_display(),
                "date": f"{limit:%Y-%m-%d}" if limit else "-"}
            urgent = bool(late)
        elif late:
            note = _("%(late)s（期限 %(date)s）") % {"late": late, "date": app.due_label}
        elif app.due_on:
            note = _("答复期限 %(date)s") % {"date": app.due_label}
        else:
            note = app.get_state_display()
        if app.due_provisional and app.state not in PAUSED_STATES:
            note += _("：%(why)s") % {"why": app.provisional_reason}
        entries.append(desk.Entry(
            f"{app.tracking_number} {app.info_title or app.info_description[:30]}",
            reverse("admin:applications_application_change", args=[app.pk]), note, urgent))
    return desk.Panel(_("我承办的依申请公开"), count, entries,
                      more_url=reverse("admin:applications_application_changelist"),
                      empty_text=_("没有待办的申请。"), key="applications-deadlines")


def register() -> None:
    desk.register(my_deadlines, order=40)
