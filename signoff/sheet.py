"""The 审签单 (sign-off sheet) of an item or report, as offices file it: built from the
insert-only sign-off log, laid out by officialdocs (GB/T 9704 page, fonts and tables).

It lists what was signed (title, township, importance, the latest review's dates), every
move of the log — step, who signed in which role, what they did, when and with what comment —
and the 保密审查 attestation (条例第十七条): who attested and when, or that none is recorded.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

import officialdocs
from officialdocs import Grid, OfficialDocument

from .models import Review
from .selectors import object_log


def attestation() -> str:
    return _("经审查，本信息不涉及国家秘密、商业秘密和个人隐私，可以公开"
             "（《中华人民共和国政府信息公开条例》第十七条）。")


def _when(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _who(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _info_grid(rows: list[tuple[str, str]]) -> Grid:
    grid = Grid(rows=[[label, value] for label, value in rows])
    grid.heads = {(r, 0) for r in range(len(rows))}
    return grid


def _log_grid(entries) -> Grid:
    head = [_("序号"), _("环节"), _("签署人"), _("角色"), _("操作"), _("意见"), _("时间")]
    rows = [head]
    for n, entry in enumerate(entries, start=1):
        action = entry.get_action_display()
        if entry.round > 1:
            action += _("（第%(r)s轮）") % {"r": entry.round}
        comment = entry.comment.strip()
        if entry.confidentiality_attested:
            comment = (comment + "；" if comment else "") + _("已作保密审查")
        if entry.pii_override_reason:
            comment = (comment + "；" if comment else "") + _(
                "个人信息疑似项%(n)s处，说明：%(r)s") % {"n": entry.pii_findings,
                                                     "r": entry.pii_override_reason}
        rows.append([str(n), entry.step_label or "—", _who(entry.actor),
                     entry.get_role_display() or "—", action, comment or "—",
                     _when(entry.created_at)])
    grid = Grid(rows=rows, header_rows=1)
    grid.heads = {(0, c) for c in range(len(head))}
    # The comment column is the one that takes the room (a "label" column in the fit).
    grid.heads |= {(r, 5) for r in range(1, len(rows))}
    return grid


def sheet_document(obj, *, title: str = "") -> OfficialDocument:
    """The sign-off sheet of `obj` (a registered chain subject: item or annual report)."""
    entries = list(object_log(obj))
    township = obj.township
    review = (Review.objects.filter(pk__in={e.review_id for e in entries if e.review_id})
              .order_by("-submitted_at", "-pk").first())
    doc = OfficialDocument()
    doc.title(title or _("政府信息公开审签单"))
    doc.blank()
    info = [(_("信息标题"), str(getattr(obj, "title", obj))),
            (_("发布机关"), township.full_name)]
    if review is not None:
        info += [(_("重要程度"), review.get_importance_display()),
                 (_("审签状态"), review.get_state_display()),
                 (_("提交时间"), _when(review.submitted_at)),
                 (_("完成时间"), _when(review.finished_at) or "—")]
    doc.table(_info_grid(info), landscape=False)
    doc.blank()
    doc.heading(_("一、审签记录"), 1)
    if entries:
        doc.table(_log_grid(entries), landscape=False)
    else:
        doc.paragraph(_("尚无审签记录。"))
    doc.heading(_("二、保密审查"), 1)
    attested = [e for e in entries if e.confidentiality_attested]
    if attested:
        for entry in attested:
            doc.paragraph(_("%(who)s（%(role)s）于%(when)s确认：") % {
                "who": _who(entry.actor), "role": entry.get_role_display() or "—",
                "when": _when(entry.created_at)} + attestation())
    else:
        doc.paragraph(_("审签日志中没有保密审查记录。"))
    doc.signature(township.full_name, timezone.localdate(), sealed=False)
    return doc


def sheet_docx(obj, **kwargs) -> bytes:
    return sheet_document(obj, **kwargs).to_bytes()


def sheet_pdf(obj, **kwargs) -> bytes:
    """Raises officialdocs.PDFUnavailableError without LibreOffice."""
    return officialdocs.to_pdf(sheet_docx(obj, **kwargs))
