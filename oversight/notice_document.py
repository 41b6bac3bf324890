"""The 督促整改通知 as an official document (officialdocs, GB/T 9704 信函格式): the county's
notice to a township, with the problems, the requirement and the deadline, signed by the
county office (the site's 主办单位, else the county government) for its seal."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

import officialdocs
from officialdocs import OfficialLetter


def notice_letter(notice) -> OfficialLetter:
    county, township = notice.county, notice.township
    issuer = county.sponsor or county.full_name
    lines = [line.strip() for line in notice.body.splitlines() if line.strip()]
    due = officialdocs.official_date(notice.due_on)
    body = [_("事由：%(title)s。") % {"title": notice.title.rstrip("。")}, *lines,
            _("整改期限：%(due)s前。请按期完成整改，并在管理后台“督促整改通知”中反馈整改情况。")
            % {"due": due}]
    sent = timezone.localdate(notice.sent_at) if notice.sent_at else None
    return OfficialLetter(issuer=issuer, title=_("督促整改通知"), addressee=township.full_name,
                          body=body, signer=issuer, date=sent, sealed=True)


def notice_docx(notice) -> bytes:
    return officialdocs.letter_docx(notice_letter(notice))


def notice_pdf(notice) -> bytes:
    """Raises officialdocs.PDFUnavailableError without LibreOffice."""
    return officialdocs.to_pdf(notice_docx(notice))
