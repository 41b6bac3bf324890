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

from .models import Application, LetterTemplate

REGULATION = "《中华人民共和国政府信息公开条例》"
_WITHHELD = "政府信息不予公开告知书"
_NOT_HANDLED = "政府信息公开申请不予处理告知书"
_UNAVAILABLE = "政府信息无法提供告知书"

#: Title and middle paragraph of each outcome's letter (and of the two Art. 36 variants
#: that share a Table 3 row), each naming the article it rests on.
LETTER_TEXT: dict[str, tuple[str, str]] = {
    "r3_1": ("政府信息公开申请答复告知书（予以公开）",
             "经审查，您申请获取的政府信息属于公开范围。根据" + REGULATION
             + "第三十六条第（二）项的规定，本机关决定予以公开。{答复内容}"),
    "r3_1_pub": ("政府信息公开申请答复告知书（已主动公开）",
                 "经审查，您申请获取的政府信息本机关已经主动公开。根据" + REGULATION
                 + "第三十六条第（一）项的规定，现告知您获取该政府信息的方式和途径：{答复内容}"),
    "r3_2": ("政府信息公开申请答复告知书（部分公开）",
             "经审查，您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。根据"
             + REGULATION + "第三十七条的规定，本机关向您提供可以公开的信息内容，"
             "对不予公开的内容说明理由如下：{答复内容}"),
    "r3_3_1": (_WITHHELD, "经审查，您申请获取的政府信息属于国家秘密。根据" + REGULATION
               + "第十四条和第三十六条第（三）项的规定，本机关决定不予公开。{答复内容}"),
    "r3_3_2": (_WITHHELD, "经审查，法律、行政法规禁止公开您申请获取的政府信息。根据"
               + REGULATION + "第十四条和第三十六条第（三）项的规定，本机关决定不予公开。"
               "{答复内容}"),
    "r3_3_3": (_WITHHELD, "经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、"
               "经济安全、社会稳定。根据" + REGULATION + "第十四条和第三十六条第（三）项的规定，"
               "本机关决定不予公开。{答复内容}"),
    "r3_3_4": (_WITHHELD, "经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方"
               "合法权益造成损害。根据" + REGULATION + "第十五条和第三十六条第（三）项的规定，"
               "本机关决定不予公开。{答复内容}"),
    "r3_3_5": (_WITHHELD, "经审查，您申请获取的政府信息属于人事管理、后勤管理、内部工作流程等"
               "方面的内部事务信息。根据" + REGULATION + "第十六条第一款和第三十六条第（三）项的"
               "规定，本机关决定不予公开。{答复内容}"),
    "r3_3_6": (_WITHHELD, "经审查，您申请获取的政府信息属于本机关在履行行政管理职能过程中形成的"
               "讨论记录、过程稿、磋商信函、请示报告等过程性信息。根据" + REGULATION
               + "第十六条第二款和第三十六条第（三）项的规定，本机关决定不予公开。{答复内容}"),
    "r3_3_7": (_WITHHELD, "经审查，您申请获取的政府信息属于行政执法案卷信息。根据" + REGULATION
               + "第十六条第二款和第三十六条第（三）项的规定，本机关决定不予公开。{答复内容}"),
    "r3_3_8": (_WITHHELD, "经审查，您申请获取的信息属于行政查询事项，有关法律、行政法规对该信息"
               "的获取有特别规定。根据" + REGULATION + "第三十六条第（七）项的规定，请您依照有关"
               "法律、行政法规的规定办理。{答复内容}"),
    "r3_4_1": ("政府信息不存在告知书", "经检索，本机关没有您申请公开的政府信息。根据"
               + REGULATION + "第三十六条第（四）项的规定，现告知您该政府信息不存在。"
               "{答复内容}"),
    "r3_4_1_nr": ("非本机关政府信息告知书", "经审查，您申请获取的政府信息不属于本机关负责"
                  "公开。根据" + REGULATION + "第三十六条第（五）项的规定，现告知如下（能够确定"
                  "负责公开该政府信息的行政机关的，列明其名称和联系方式）：{答复内容}"),
    "r3_4_2": (_UNAVAILABLE, "经审查，本机关没有您申请获取的现成信息，提供该信息需要对现有政府"
               "信息进行加工、分析或者另行制作。根据" + REGULATION + "第三十八条的规定，本机关"
               "不予提供。{答复内容}"),
    "r3_4_3": (_UNAVAILABLE, "本机关已通知您对申请作出补正，补正后的申请内容仍不明确，无法确定"
               "您所需政府信息的范围。根据" + REGULATION + "第三十条的规定，本机关无法提供。"
               "{答复内容}"),
    "r3_5_1": (_NOT_HANDLED, "经审查，您的申请属于以政府信息公开申请的形式进行信访、投诉、举报等"
               "活动。根据" + REGULATION + "第三十九条第一款的规定，本机关不作为政府信息公开申请"
               "处理，您可以通过信访、投诉、举报等相应渠道提出。{答复内容}"),
    "r3_5_2": (_NOT_HANDLED, "经审查，本机关已就您提出的相同政府信息公开申请作出答复。根据"
               + REGULATION + "第三十六条第（六）项的规定，本机关不予重复处理。{答复内容}"),
    "r3_5_3": (_NOT_HANDLED, "经审查，您申请获取的是政府公报、报刊、书籍等公开出版物。根据"
               + REGULATION + "第三十九条第二款的规定，现告知获取的途径：{答复内容}"),
    "r3_5_4": (_NOT_HANDLED, "经审查，您申请公开政府信息的数量、频次明显超过合理范围，本机关已"
               "要求您说明理由，您说明的理由不合理。根据" + REGULATION + "第三十五条的规定，"
               "本机关不予处理。{答复内容}"),
    "r3_5_5": (_NOT_HANDLED, "经审查，您的申请内容为要求本机关确认或者重新出具您已获取的信息，"
               "不属于" + REGULATION + "规定的政府信息公开申请，本机关不予处理。{答复内容}"),
    "r3_6_1": ("政府信息公开申请终止处理告知书", "本机关已书面通知您对申请作出补正，您无正当理由"
               "逾期未补正。根据" + REGULATION + "第三十条的规定，视为放弃申请，本机关不再处理"
               "该政府信息公开申请。{答复内容}"),
    "r3_6_2": ("政府信息公开申请终止处理告知书", "本机关已向您发出收取信息处理费的通知，您逾期"
               "未缴纳。根据" + REGULATION + "第四十二条和《政府信息公开信息处理费管理办法》的"
               "规定，视为放弃申请，本机关不再处理该政府信息公开申请。{答复内容}"),
    "r3_6_3": ("政府信息公开申请处理告知书", "根据" + REGULATION + "的有关规定，现答复如下："
               "{答复内容}"),
}
_OPENING = ("{申请人}：\n本机关于{收到日期}收到您提出的政府信息公开申请（查询码{查询码}），"
            "申请获取“{所需信息}”。\n")
_CLOSING = ("\n如对本答复不服，可以自收到本告知书之日起六十日内向{复议机关}申请行政复议，"
            "或者自收到本告知书之日起六个月内向{人民法院}提起行政诉讼。")


def default_templates() -> dict[str, tuple[str, str]]:
    """Default title and body per letter kind: each outcome row and each Art. 36 variant
    (seeded into LetterTemplate by migrations 0002 and 0007)."""
    return {key: (title, _OPENING + middle + _CLOSING)
            for key, (title, middle) in LETTER_TEXT.items()}


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
    """(title, body) of the case's letter (its Art. 36 variant, else its outcome's): the
    county's edited text or the default."""
    key = app.letter_variant or app.outcome
    tpl = LetterTemplate.objects.filter(outcome=key).first()
    return (tpl.title, tpl.body) if tpl else default_templates()[key]


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
