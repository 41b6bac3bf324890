"""送达 (delivery): the documents of a case, how and when each reached its addressee, and
which of them the applicant may download with the query code.

A case's documents are its notices (补正告知书, 延期答复告知书, 征求第三方意见书) and, once
answered, the reply letter (答复告知书). Staff record each delivery (online, post with its
tracking number, in person, other) from the case page; the record is checked (not in the
future, not before the document's date, a tracking number for post), kept, logged on the case
(办理记录) and in the audit log. The applicant sees every document addressed to them on the
public status page once the query code and phone match; the 征求第三方意见书 goes to the
third party and is never shown to the applicant.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import letters, notices, permissions
from .models import (
    LETTER_KEY,
    Application,
    ApplicationEvent,
    Delivery,
    DeliveryMethod,
    Notice,
    NoticeKind,
)
from .transitions import check_date


@dataclass
class Document:
    """One notice or the reply letter, as listed on the case and the status page."""

    key: str  # "letter" or "notice-<pk>"
    title: str
    number: str
    issued_on: datetime.date
    to_applicant: bool
    notice: Notice | None = None
    deliveries: list[Delivery] = field(default_factory=list)

    @property
    def delivered(self) -> Delivery | None:
        """The first delivery recorded (its date is when the document was 送达)."""
        return self.deliveries[0] if self.deliveries else None


def documents(app: Application) -> list[Document]:
    """The case's documents in date order, each with its deliveries."""
    by_key: dict[str, list[Delivery]] = {}
    for delivery in app.deliveries.order_by("delivered_on", "id"):
        by_key.setdefault(delivery.document_key, []).append(delivery)
    result = [Document(key=f"notice-{n.pk}", title=n.get_kind_display(), number=n.number,
                       issued_on=n.issued_on, to_applicant=n.kind != NoticeKind.THIRD_PARTY,
                       notice=n, deliveries=by_key.get(f"notice-{n.pk}", []))
              for n in app.notices.order_by("issued_on", "id")]
    if app.outcome and app.replied_on:
        result.append(Document(key=LETTER_KEY, title=letters.letter_title(app),
                               number=app.letter_no, issued_on=app.replied_on,
                               to_applicant=True, deliveries=by_key.get(LETTER_KEY, [])))
    return result


def applicant_documents(app: Application) -> list[Document]:
    """What the applicant may see and download: every document addressed to them."""
    return [doc for doc in documents(app) if doc.to_applicant]


def find(app: Application, key: str, *, applicant: bool = False) -> Document | None:
    pool = applicant_documents(app) if applicant else documents(app)
    return next((doc for doc in pool if doc.key == key), None)


def docx(app: Application, doc: Document) -> bytes:
    return notices.notice_docx(doc.notice) if doc.notice else letters.letter_docx(app)


def file_stem(app: Application, doc: Document) -> str:
    kind = doc.notice.kind if doc.notice else "gaozhishu"
    return f"{kind}-{app.tracking_number}" + (f"-{doc.notice.pk}" if doc.notice else "")


@transaction.atomic
def record(app_id: int, *, user, document: str, method: str, delivered_on: datetime.date,
           tracking_no: str = "", note: str = "") -> Delivery:
    """Record how and when one document reached its addressee; ValidationError names the
    rule broken."""
    app = Application.objects.select_for_update().get(pk=app_id)
    if not permissions.can_handle(user, app.township_id):
        raise PermissionDenied
    doc = find(app, document)
    if doc is None:
        raise ValidationError(_("请选择本申请已生成的告知书。"))
    if method not in DeliveryMethod.values:
        raise ValidationError(_("请选择送达方式。"))
    tracking_no, note = tracking_no.strip(), note.strip()
    check_date(delivered_on, _("送达日期"),
               (doc.issued_on, _("%(title)s落款日期") % {"title": doc.title}))
    if method == DeliveryMethod.POST and not tracking_no:
        raise ValidationError(_("邮寄送达须填写邮件号（挂号信或特快专递的单号）。"))
    if method == DeliveryMethod.OTHER and not note:
        raise ValidationError(_("选择“其他方式”时，请在说明中写明送达方式。"))
    delivery = Delivery(application=app, notice=doc.notice, method=method,
                        delivered_on=delivered_on, tracking_no=tracking_no, note=note,
                        recorded_by=user if getattr(user, "pk", None) else None)
    delivery.full_clean()
    delivery.save()
    text = _("%(title)s %(number)s：%(method)s，%(on)s") % {
        "title": doc.title, "number": doc.number, "method": delivery.get_method_display(),
        "on": f"{delivered_on:%Y-%m-%d}"}
    # The tracking number and the note (who signed, say) stay on the delivery record only,
    # where anonymise_personal_data finds them (security/personal_data.py).
    ApplicationEvent.objects.create(
        application=app, action="record_delivery", from_state=app.state, to_state=app.state,
        old_due_on=app.due_on, new_due_on=app.due_on, note=text, actor=delivery.recorded_by)
    return delivery
