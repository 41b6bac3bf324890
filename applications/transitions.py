"""State changes of an application. Each one: atomic, row-locked, permission-checked,
then written, then logged (with old and new due dates), then notified on commit.

Allowed moves (登记 → 受理 → 补正中 | 征求意见中 | 延期 → 已答复 → 归档):
"""

from __future__ import annotations

import datetime
import logging
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import applicant_messages, deadlines, fees, notices, permissions
from .models import (
    LETTER_VARIANTS,
    MAX_EXTENSION_DAYS,
    Application,
    ApplicationEvent,
    Channel,
    NoticeKind,
    State,
)
from .numbering import number_letter
from .table3 import OUTCOME_ROWS

logger = logging.getLogger(__name__)

ALLOWED = {
    "confirm_receipt": {State.REGISTERED},
    "accept": {State.REGISTERED},
    "request_correction": {State.REGISTERED, State.ACCEPTED},
    "receive_correction": {State.CORRECTION},
    "close_uncorrected": {State.CORRECTION},
    "start_consultation": {State.ACCEPTED, State.EXTENDED},
    "end_consultation": {State.CONSULTATION},
    "extend": {State.ACCEPTED, State.CONSULTATION},
    "record_fee": {State.ACCEPTED, State.EXTENDED, State.CONSULTATION},
    "reply": {State.REGISTERED, State.ACCEPTED, State.EXTENDED},
    "archive": {State.REPLIED},
    "record_payment": {State.ACCEPTED, State.EXTENDED, State.CONSULTATION, State.REPLIED},
    "compute_due": {State.REGISTERED, State.ACCEPTED, State.EXTENDED},
}


def check_date(on: datetime.date | None, what: str,
               *after: tuple[datetime.date | None, str]) -> None:
    """DOMAIN.md rule 36: a dated event cannot lie in the future, nor before the step it
    follows (each `after` is (that step's date, its name)). Raises a ValidationError that
    names the rule broken."""
    if on is None:
        return
    today = timezone.localdate()
    if on > today:
        raise ValidationError(_("%(what)s（%(on)s）不能晚于今天（%(today)s）：办理记录只能登记已经"
                                "发生的事。") % {"what": what, "on": f"{on:%Y-%m-%d}",
                                             "today": f"{today:%Y-%m-%d}"})
    for step_on, step in after:
        if step_on is not None and on < step_on:
            raise ValidationError(_("%(what)s（%(on)s）不能早于%(step)s（%(d)s）。") % {
                "what": what, "on": f"{on:%Y-%m-%d}", "step": step, "d": f"{step_on:%Y-%m-%d}"})


def _clock(app: Application) -> tuple[datetime.date | None, str]:
    """The reply clock's (re)start: receipt, or receipt of the corrected application."""
    if app.clock_start and app.received_on and app.clock_start > app.received_on:
        return app.clock_start, _("收到补正申请之日")
    return app.received_on, _("收到申请之日")


def _load(app_id: int, user, action: str) -> Application:
    app = Application.objects.select_for_update().get(pk=app_id)
    if not permissions.can_handle(user, app.township_id):
        raise PermissionDenied
    if app.state not in ALLOWED[action]:
        raise ValidationError(_("当前状态（%(state)s）不能进行此操作。")
                              % {"state": app.get_state_display()})
    return app


def _log(app: Application, user, action: str, from_state: str, old_due, note: str = ""):
    ApplicationEvent.objects.create(
        application=app, action=action, from_state=from_state, to_state=app.state,
        old_due_on=old_due, new_due_on=app.due_on, note=note,
        actor=user if getattr(user, "pk", None) else None,
    )
    transaction.on_commit(lambda: logger.info("application %s: %s", app.pk, action))
    # A submission on the public form is answered by its receipt page: no message from the
    # visitor's own request (which would wait on the mail relay and the SMS gateway, and
    # would let anyone make the site write to any address typed into the form).
    public_submission = (action == "register" and app.channel == Channel.ONLINE
                         and not getattr(user, "pk", None))
    if action in applicant_messages.TOLD and not public_submission:
        transaction.on_commit(partial(applicant_messages.status_changed, app.pk, action))


def _save(app, user, action, from_state, old_due, fields, note=""):
    app.full_clean(exclude=["township", "handler"])
    app.save(update_fields=fields)
    _log(app, user, action, from_state, old_due, note)
    return app


@transaction.atomic
def register(app: Application, *, user=None, confirmed_on=None, signed_on=None,
             note: str = "") -> Application:
    """Save a new application; the receipt date follows the channel (Art. 31)."""
    if user is not None and getattr(user, "pk", None) and not permissions.can_handle(
        user, app.township_id
    ):
        raise PermissionDenied
    check_date(app.submitted_on, _("提交或寄出日期"))
    check_date(signed_on, _("签收日期"), (app.submitted_on, _("提交或寄出日期")))
    check_date(confirmed_on, _("确认日期"), (app.submitted_on, _("提交或寄出日期")))
    app.received_on = deadlines.receipt_date(app.channel, submitted_on=app.submitted_on,
                                             confirmed_on=confirmed_on, signed_on=signed_on)
    if app.received_on:
        app.clock_start = app.received_on
        note = _set_due(app) or note
    app.full_clean(exclude=["handler"])
    app.save()
    _log(app, user, "register", "", None, note)
    return app


def _set_due(app: Application) -> str:
    """Compute the due date. A year without holiday data gives a provisional date
    (DOMAIN.md rule 34), marked on the case and recomputed when the county enters it."""
    app.due_on, app.due_provisional = deadlines.reply_due_marked(app)
    return app.provisional_reason


@transaction.atomic
def compute_due(app_id: int, *, user) -> Application:
    """Fill in a due date that could not be computed for lack of calendar data."""
    app = _load(app_id, user, "compute_due")
    _require_received(app)
    old = app.due_on
    note = _set_due(app)
    return _save(app, user, "compute_due", app.state, old, ["due_on", "due_provisional"], note)


@transaction.atomic
def confirm_receipt(app_id: int, *, user, on: datetime.date) -> Application:
    """Ordinary post, online or fax: the office confirms receipt with the applicant."""
    app = _load(app_id, user, "confirm_receipt")
    if app.received_on:
        raise ValidationError(_("已确认收到，无需重复确认。"))
    check_date(on, _("收到日期"), (app.submitted_on, _("提交日期")))
    old = app.due_on
    app.received_on = app.clock_start = on
    note = _set_due(app)
    return _save(app, user, "confirm_receipt", app.state, old,
                 ["received_on", "clock_start", "due_on", "due_provisional"], note)


def _require_received(app):
    if not app.received_on:
        raise ValidationError(_("尚未确认收到申请之日，请先确认收到。"))


@transaction.atomic
def accept(app_id: int, *, user) -> Application:
    app = _load(app_id, user, "accept")
    _require_received(app)
    frm = app.state
    app.state = State.ACCEPTED
    return _save(app, user, "accept", frm, app.due_on, ["state"])


@transaction.atomic
def request_correction(app_id: int, *, user, notice_on: datetime.date,
                       correct_by: datetime.date, note: str = "") -> Application:
    """Art. 30: ask the applicant to correct; the reply clock stops until it arrives."""
    app = _load(app_id, user, "request_correction")
    _require_received(app)
    check_date(notice_on, _("补正通知日期"), (app.received_on, _("收到申请之日")))
    if correct_by <= notice_on:
        raise ValidationError(_("补正期限应晚于补正通知日期。"))
    frm, old = app.state, app.due_on
    app.state = State.CORRECTION
    app.correction_requested_on, app.correction_due_on = notice_on, correct_by
    app.due_on, app.due_provisional = None, False
    late = notice_on > deadlines.correction_notice_due(app, deadlines.provisional_calendar())
    text = note + (_("（补正通知超过7个工作日发出）") if late else "")
    _save(app, user, "request_correction", frm, old,
          ["state", "correction_requested_on", "correction_due_on", "due_on",
           "due_provisional"], text)
    notices.issue(app, NoticeKind.CORRECTION, notice_on)
    return app


@transaction.atomic
def receive_correction(app_id: int, *, user, received_on: datetime.date) -> Application:
    """The corrected application restarts the 20-working-day clock from its receipt."""
    app = _load(app_id, user, "receive_correction")
    check_date(received_on, _("收到补正日期"), (app.correction_requested_on, _("补正通知日期")))
    frm, old = app.state, app.due_on
    app.state = State.ACCEPTED
    app.clock_start = received_on
    app.paused_days = 0
    note = _set_due(app)
    return _save(app, user, "receive_correction", frm, old,
                 ["state", "clock_start", "paused_days", "due_on", "due_provisional"], note)


@transaction.atomic
def close_uncorrected(app_id: int, *, user, on: datetime.date) -> Application:
    """No correction by the stated date: closed as r3_6_1."""
    app = _load(app_id, user, "close_uncorrected")
    check_date(on, _("结案日期"), (app.correction_requested_on, _("补正通知日期")))
    if on <= app.correction_due_on:
        raise ValidationError(_("补正期限（%(d)s）尚未届满，不能按逾期不补正处理。")
                              % {"d": app.correction_due_on.isoformat()})
    frm, old = app.state, app.due_on
    app.state, app.outcome, app.replied_on = State.REPLIED, "r3_6_1", on
    app.reply_text = app.reply_text or _(
        "申请人无正当理由逾期不补正，视为放弃申请，本机关不再处理。")
    return _save(app, user, "close_uncorrected", frm, old,
                 ["state", "outcome", "replied_on", "reply_text", *number_letter(app)])


@transaction.atomic
def start_consultation(app_id: int, *, user, notice_on: datetime.date, third_party: bool = True,
                       note: str = "", third_party_name: str = "") -> Application:
    """Art. 32–34: consulting a third party or another agency; the clock pauses."""
    app = _load(app_id, user, "start_consultation")
    _require_received(app)
    check_date(notice_on, _("征求意见日期"), _clock(app),
               (app.extended_on, _("延期告知日期")))
    frm, old = app.state, app.due_on
    app.pause_resume_state, app.state = app.state, State.CONSULTATION
    app.pause_started_on = notice_on
    app.pause_reply_due_on = deadlines.third_party_due(notice_on)
    kind = _("征求第三方意见") if third_party else _("征求其他机关意见")
    _save(app, user, "start_consultation", frm, old,
          ["state", "pause_resume_state", "pause_started_on", "pause_reply_due_on"],
          f"{kind} {third_party_name} {note}".strip())
    if third_party:
        notices.issue(app, NoticeKind.THIRD_PARTY, notice_on,
                      recipient=third_party_name.strip() or _("第三方"))
    return app


@transaction.atomic
def end_consultation(app_id: int, *, user, on: datetime.date, note: str = "") -> Application:
    """The working days paused are added to the reply deadline."""
    app = _load(app_id, user, "end_consultation")
    check_date(on, _("征求意见结束日期"), (app.pause_started_on, _("征求意见开始日期")))
    frm, old = app.state, app.due_on
    paused = deadlines.provisional_calendar().working_days_between(app.pause_started_on, on)
    app.paused_days += paused
    app.state = app.pause_resume_state or State.ACCEPTED
    app.pause_started_on = app.pause_reply_due_on = None
    _set_due(app)
    return _save(app, user, "end_consultation", frm, old,
                 ["state", "paused_days", "pause_started_on", "pause_reply_due_on", "due_on",
                  "due_provisional"],
                 note or _("征求意见用时%(n)d个工作日，不计入答复期限。") % {"n": paused})


@transaction.atomic
def extend(app_id: int, *, user, days: int, approver: str, reason: str,
           notice_on: datetime.date) -> Application:
    """Art. 33: one extension of at most 20 working days, approved and notified."""
    app = _load(app_id, user, "extend")
    if app.extension_days:
        raise ValidationError(_("答复期限只能延长一次，本申请已延长过。"))
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise ValidationError(_("延长期限最长不超过20个工作日。"))
    if not approver.strip() or not reason.strip():
        raise ValidationError(_("延期须填写批准人和延期理由。"))
    _require_received(app)
    check_date(notice_on, _("延期告知日期"), _clock(app),
               (app.pause_started_on, _("征求意见开始日期")))
    frm, old = app.state, app.due_on
    app.extension_days, app.extension_approver = days, approver.strip()
    app.extension_reason, app.extended_on = reason.strip(), notice_on
    if app.state != State.CONSULTATION:
        app.state = State.EXTENDED
    else:
        app.pause_resume_state = State.EXTENDED
    _set_due(app)
    _save(app, user, "extend", frm, old,
          ["state", "pause_resume_state", "extension_days", "extension_approver",
           "extension_reason", "extended_on", "due_on", "due_provisional"], reason)
    notices.issue(app, NoticeKind.EXTENSION, notice_on)
    return app


@transaction.atomic
def record_fee(app_id: int, *, user, nth_application: int | None = None,
               pages: int | None = None) -> Application:
    app = _load(app_id, user, "record_fee")
    method, quantity, amount = fees.compute_fee(nth_application=nth_application, pages=pages)
    if app.fee_method != "none" and method != app.fee_method:
        raise ValidationError(_("本申请已按另一种方式计费，同一申请不能同时适用两种收费方式。"))
    app.fee_method, app.fee_quantity, app.fee_amount = method, quantity, amount
    return _save(app, user, "record_fee", app.state, app.due_on,
                 ["fee_method", "fee_quantity", "fee_amount"],
                 _("信息处理费 %(a)s 元") % {"a": amount})


@transaction.atomic
def record_payment(app_id: int, *, user, on: datetime.date) -> Application:
    """The applicant paid the information-processing fee (reported in section 六)."""
    app = _load(app_id, user, "record_payment")
    if app.fee_method == "none" or not app.fee_amount:
        raise ValidationError(_("本申请未计收信息处理费。"))
    if app.fee_paid_on:
        raise ValidationError(_("已登记缴费，无需重复登记。"))
    check_date(on, _("缴费日期"), (app.received_on, _("收到申请之日")))
    app.fee_paid_on = on
    return _save(app, user, "record_payment", app.state, app.due_on, ["fee_paid_on"],
                 _("已缴纳信息处理费 %(a)s 元") % {"a": app.fee_amount})


@transaction.atomic
def reply(app_id: int, *, user, outcome: str, text: str, on: datetime.date,
          variant: str = "") -> Application:
    """Close with exactly one Table 3 outcome row (and, for the Art. 36 answers that share
    a row, the letter variant)."""
    app = _load(app_id, user, "reply")
    _require_received(app)
    if outcome not in OUTCOME_ROWS:
        raise ValidationError(_("请选择一项办理结果。"))
    if outcome == "r3_6_1":
        raise ValidationError(_("“逾期不补正”只能在补正期限届满后通过“逾期未补正结案”办理。"))
    if variant and LETTER_VARIANTS.get(variant, ("",))[0] != outcome:
        raise ValidationError(_("告知书类型与办理结果不符。"))
    check_date(on, _("答复日期"), _clock(app), (app.extended_on, _("延期告知日期")))
    if not text.strip():
        raise ValidationError(_("请填写答复内容。"))
    frm, old = app.state, app.due_on
    app.state, app.outcome, app.reply_text, app.replied_on = (
        State.REPLIED, outcome, text.strip(), on)
    app.letter_variant = variant
    return _save(app, user, "reply", frm, old,
                 ["state", "outcome", "letter_variant", "reply_text", "replied_on",
                  *number_letter(app)])


@transaction.atomic
def archive(app_id: int, *, user, on: datetime.date) -> Application:
    app = _load(app_id, user, "archive")
    check_date(on, _("归档日期"), (app.replied_on, _("答复日期")))
    frm = app.state
    app.state, app.archived_on = State.ARCHIVED, on
    return _save(app, user, "archive", frm, app.due_on, ["state", "archived_on"])
