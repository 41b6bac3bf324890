"""Telling the applicant when their case's status changes: received, 补正 asked, corrected,
paused for consultation and resumed, extended, answered.

Sent after the transition commits, to the contact details the applicant gave and nothing
else: an e-mail when they gave an address, a text message to their phone when an SMS
gateway is configured (townships/sms.py; none by default). Each failure is a
NotificationFailure (kind 申请人通知, the address masked) on the township admins' desk, like
staff notifications (townships/messaging.py). The message names the township, the query
code, the new status and its date or deadline, and where to look it up; never the request.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

from townships import sms
from townships.messaging import Channel, record_failure

from .letters import official_date
from .masking import mask_email, mask_phone
from .models import Application

log = logging.getLogger(__name__)
KIND = "applicant_status"
#: The moves the applicant is told about (transitions.py sends after they commit).
TOLD = frozenset({"register", "confirm_receipt", "request_correction", "receive_correction",
                  "start_consultation", "end_consultation", "extend", "reply",
                  "close_uncorrected"})


def _due(app: Application) -> str:
    return official_date(app.due_on) + (_("（暂定）") if app.due_provisional else "")


def status_line(app: Application, action: str) -> str | None:
    """What happened, in one sentence; None for moves the applicant is not told about."""
    if action in ("register", "confirm_receipt"):
        if not app.received_on:
            return None
        return _("已于%(on)s收到，答复期限为%(due)s。") % {
            "on": official_date(app.received_on), "due": _due(app)}
    if action == "request_correction":
        return _("需要补正，请于%(by)s前提交补正后的申请（见补正告知书）。") % {
            "by": official_date(app.correction_due_on)}
    if action == "receive_correction":
        return _("已收到补正，答复期限重新计算为%(due)s。") % {"due": _due(app)}
    if action == "start_consultation":
        return _("正在征求意见（%(on)s起），征求意见所需时间不计入答复期限。") % {
            "on": official_date(app.pause_started_on)}
    if action == "end_consultation":
        return _("征求意见已结束，答复期限为%(due)s。") % {"due": _due(app)}
    if action == "extend":
        return _("答复期限延长至%(due)s（见延期答复告知书）。") % {"due": _due(app)}
    if action in ("reply", "close_uncorrected"):
        return _("已于%(on)s作出答复（%(no)s）。") % {
            "on": official_date(app.replied_on), "no": app.letter_no}
    return None


def message(app: Application, line: str) -> tuple[str, str]:
    """(subject, text) of the message."""
    township = app.township
    url = reverse("applications:status", args=[township.slug])
    subject = _("【%(town)s】政府信息公开申请办理进度") % {"town": township.full_name}
    text = _("您的政府信息公开申请（查询码%(no)s）%(line)s请凭查询码和申请时填写的联系电话在"
             "%(url)s查询进度、下载告知书。") % {
        "no": app.tracking_number, "line": line, "url": f"https://{settings.SITE_DOMAIN}{url}"}
    return subject, text


def _error_text(exc: Exception, address: str, masked: str) -> str:
    """The error for the failure record and the log, with the applicant's address masked:
    SMTP refusals name the recipient (SMTPRecipientsRefused: {'a@b.cn': (550, ...)})."""
    return f"{type(exc).__name__}: {exc}".replace(address, masked)


def status_changed(app_id: int, action: str) -> dict[str, bool | None]:
    """Tell the applicant; {"email": sent?, "sms": sent?} (None: not applicable)."""
    app = Application.objects.select_related("township").filter(pk=app_id).first()
    result: dict[str, bool | None] = {"email": None, "sms": None}
    line = status_line(app, action) if app else None
    if line is None:
        return result
    subject, text = message(app, line)
    if app.email:
        try:
            send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [app.email],
                      fail_silently=False)
            result["email"] = True
        except Exception as exc:  # any SMTP or backend error: recorded, the rest goes on
            result["email"] = False
            record_failure(township=app.township, recipient=None, channel=Channel.EMAIL,
                           kind=KIND, subject=f"{subject} {app.tracking_number}",
                           error=_error_text(exc, app.email, mask_email(app.email)),
                           address=mask_email(app.email))
    if sms.backend() is not None and app.phone:
        try:
            sms.send_sms(app.phone, f"{subject}{text}")
            result["sms"] = True
        except Exception as exc:  # gateway down, refused, misconfigured
            result["sms"] = False
            record_failure(township=app.township, recipient=None, channel=Channel.SMS,
                           kind=KIND, subject=f"{subject} {app.tracking_number}",
                           error=_error_text(exc, app.phone, mask_phone(app.phone)),
                           address=mask_phone(app.phone))
    return result
