"""Reply letters (告知书) as .docx, from editable per-outcome templates."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

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
_CLOSING = ("\n如对本答复不服，可以自收到本告知书之日起六十日内依法申请行政复议，"
            "或者自收到之日起六个月内依法提起行政诉讼。\n{乡镇}\n{答复日期}")


def default_templates() -> dict[str, tuple[str, str]]:
    """Default title and body per outcome row (seeded into LetterTemplate)."""
    result = {}
    for row in table3.OUTCOME_ROWS:
        group = row if row in ("r3_1", "r3_2") else row[:4]
        title, middle = _GROUP_TEXT[group]
        result[row] = (title, _OPENING + middle + _CLOSING)
    return result


def placeholders(app: Application) -> dict[str, str]:
    return {
        "申请人": app.name,
        "收到日期": f"{app.received_on:%Y年%m月%d日}" if app.received_on else "",
        "查询码": app.tracking_number,
        "所需信息": app.info_summary,
        "答复内容": app.reply_text,
        "乡镇": app.township.full_name,
        "答复日期": f"{app.replied_on:%Y年%m月%d日}" if app.replied_on else "",
    }


def render_text(template_body: str, app: Application) -> str:
    text = template_body
    for key, value in placeholders(app).items():
        text = text.replace("{" + key + "}", value)
    return text


def letter_docx(app: Application) -> bytes:
    """The reply letter for the application's outcome, as a Word document."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    if not app.outcome:
        raise ValueError(_("申请尚未答复，不能生成告知书。"))
    tpl = LetterTemplate.objects.filter(outcome=app.outcome).first()
    title, body = (tpl.title, tpl.body) if tpl else default_templates()[app.outcome]
    document = docx.Document()
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(app.township.full_name + "\n" + title).bold = True
    for line in render_text(body, app).splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
