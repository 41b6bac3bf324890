"""Reply letters (告知书) as .docx, from editable per-outcome templates.

The letter carries its 文号 (applications/numbering.py, given when the case closes), names
the 行政复议机关 and the court from the township's settings, and ends with the issuing body,
room for its seal and the date written the official way (2026年6月1日), in the GB/T 9704
layout of officialdocs (A4, 版心 156 × 225 mm, 仿宋 body, 小标宋 title, 信函格式 版头).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

import officialdocs
from officialdocs import OfficialLetter

from . import table3
from .models import Application, LetterTemplate

_GROUP_TEXT = {
    "r3_1": ("政府信息公开申请答复告知书（予以公开）",
             "经审查，您申请获取的政府信息属于公开范围，本机关决定予以公开。{答复内容}"),
    "r3_2": ("政府信息公开申请答复告知书（部分公开）",
             "经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据《中华人民共和国"
             "政府信息公开条例》第三十七条，本机关向您提供可以公开的部分。{答复内容}"),
    "r3_3": ("政府信息不予公开告知书",
             "经审查，您申请获取的政府信息依法不予公开，理由如下：{答复内容}"),
    "r3_4": ("政府信息无法提供告知书", "经检索，本机关无法提供您申请获取的政府信息。{答复内容}"),
    "r3_5": ("政府信息公开申请不予处理告知书", "经审查，本机关对您的申请不予处理。{答复内容}"),
    "r3_6": ("政府信息公开申请处理告知书", "{答复内容}"),
}
_OPENING = ("{申请人}：\n本机关于{收到日期}收到您提出的政府信息公开申请（查询码{查询码}），"
            "申请获取“{所需信息}”。\n")
_CLOSING = ("\n如对本答复不服，可以自收到本告知书之日起六十日内向{复议机关}申请行政复议，"
            "或者自收到本告知书之日起六个月内向{人民法院}提起行政诉讼。")


def default_templates() -> dict[str, tuple[str, str]]:
    """Default title and body per outcome row (seeded into LetterTemplate)."""
    result = {}
    for row in table3.OUTCOME_ROWS:
        group = row if row in ("r3_1", "r3_2") else row[:4]
        title, middle = _GROUP_TEXT[group]
        result[row] = (title, _OPENING + middle + _CLOSING)
    return result


def official_date(day) -> str:
    """2026年6月1日: no leading zeros, as official documents write dates."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def placeholders(app: Application) -> dict[str, str]:
    township = app.township
    return {
        "申请人": app.name,
        "收到日期": official_date(app.received_on),
        "查询码": app.tracking_number,
        "所需信息": app.info_summary,
        "答复内容": app.reply_text,
        "乡镇": township.full_name,
        "答复日期": official_date(app.replied_on),
        "文号": app.letter_no,
        "复议机关": township.reconsideration_body_name,
        "人民法院": township.court_name,
    }


def render_text(template_body: str, app: Application) -> str:
    text = template_body
    for key, value in placeholders(app).items():
        text = text.replace("{" + key + "}", value)
    return text


def body_lines(body: str, app: Application) -> list[str]:
    """The template's lines filled in, without a signature the template itself still ends
    with (templates edited before the letter had its own signature block)."""
    lines = render_text(body, app).splitlines()
    signature = {app.township.full_name, official_date(app.replied_on),
                 f"{app.replied_on:%Y年%m月%d日}" if app.replied_on else ""}
    while lines and (not lines[-1].strip() or lines[-1].strip() in signature):
        lines.pop()
    return lines


def _addressee_and_body(lines: list[str], app: Application) -> tuple[str, list[str]]:
    """The first line "钱文静：" is the letter's addressee (主送), set 顶格 by the layout."""
    lines = list(lines)
    while lines and not lines[0].strip():
        lines.pop(0)
    if lines and lines[0].strip().endswith(("：", ":")) and len(lines[0].strip()) <= 40:
        return lines[0].strip(), lines[1:]
    return app.name, lines


def _template(app: Application) -> tuple[str, str]:
    """(title, body) of the outcome's letter: the county's edited text or the default."""
    tpl = LetterTemplate.objects.filter(outcome=app.outcome).first()
    return (tpl.title, tpl.body) if tpl else default_templates()[app.outcome]


def letter_title(app: Application) -> str:
    return _template(app)[0] if app.outcome else ""


def official_letter(app: Application) -> OfficialLetter:
    """The reply letter's content, laid out by officialdocs (GB/T 9704 信函格式)."""
    if not app.outcome:
        raise ValueError(_("申请尚未答复，不能生成告知书。"))
    title, body = _template(app)
    addressee, lines = _addressee_and_body(body_lines(body, app), app)
    township = app.township
    return OfficialLetter(
        issuer=township.full_name, number=app.letter_no, title=title, addressee=addressee,
        body=[line for line in lines if line.strip()], signer=township.full_name,
        date=app.replied_on, sealed=True)


def letter_docx(app: Application) -> bytes:
    """The reply letter for the application's outcome, as a GB/T 9704 Word document."""
    return officialdocs.letter_docx(official_letter(app))


def letter_pdf(app: Application) -> bytes:
    """The reply letter as PDF (LibreOffice); raises officialdocs.PDFUnavailableError."""
    return officialdocs.to_pdf(letter_docx(app))
