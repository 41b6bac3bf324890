"""Written notices issued while a case is handled (DOMAIN.md rule 37), as numbered .docx.

补正告知书 (Art. 30), 延期答复告知书 (Art. 33) and 征求第三方意见书 (Art. 32) are issued by the
transitions that need them (request_correction, extend, start_consultation with a third
party), numbered per township, kind and year (`NoticeCode` sets each kind's 机关代字), listed
on the case and downloaded from it. Their layout is the reply letter's: officialdocs'
OfficialLetter (GB/T 9704 信函格式: 版头, 文号, 主送, body, 落款 with room for the seal).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

import officialdocs
from officialdocs import OfficialLetter
from townships.sequences import next_serial

from .letters import official_date
from .models import NOTICE_CODE_ENDINGS, Notice, NoticeCode, NoticeKind, NoticeSerial


def notice_code(township, kind: str) -> str:
    own = NoticeCode.objects.filter(township=township, kind=kind).first()
    if own:
        return own.code
    base = township.letter_code
    base = base[:-1] if base.endswith("复") else base
    return base + NOTICE_CODE_ENDINGS[kind]


def issue(app, kind: str, on, *, recipient: str = "") -> Notice:
    """Number and record a notice (inside the caller's transaction)."""
    serial = next_serial(NoticeSerial, township=app.township, kind=kind, year=on.year)
    number = f"{notice_code(app.township, kind)}〔{on.year}〕{serial}号"
    return Notice.objects.create(application=app, kind=kind, number=number, issued_on=on,
                                 recipient=recipient or app.name)


def body(notice: Notice) -> list[str]:
    """The notice's paragraphs: facts, legal basis and what follows."""
    app = notice.application
    received = official_date(app.received_on)
    wanted = app.info_summary
    if notice.kind == NoticeKind.CORRECTION:
        return [
            _("本机关于%(received)s收到您提出的政府信息公开申请（查询码%(no)s），申请获取“%(wanted)s”。")
            % {"received": received, "no": app.tracking_number, "wanted": wanted},
            _("经审查，您的申请内容不明确。根据《中华人民共和国政府信息公开条例》第三十条的规定，"
              "请您对申请作出补正：%(what)s") % {"what": _correction_items(app)},
            _("请于%(by)s前提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算。"
              "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。")
            % {"by": official_date(app.correction_due_on)},
        ]
    if notice.kind == NoticeKind.EXTENSION:
        return [
            _("本机关于%(received)s收到您提出的政府信息公开申请（查询码%(no)s），申请获取“%(wanted)s”。")
            % {"received": received, "no": app.tracking_number, "wanted": wanted},
            _("因%(reason)s，不能在规定期限内答复。根据《中华人民共和国政府信息公开条例》第三十三条"
              "第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长%(days)d个工作日，"
              "本机关将于%(due)s前作出答复。") % {
                "reason": app.extension_reason.rstrip("。"), "days": app.extension_days,
                "due": official_date(app.due_on) + (_("（暂定）") if app.due_provisional else "")},
        ]
    return [
        _("本机关收到政府信息公开申请，申请获取“%(wanted)s”。经审查，公开该政府信息可能损害"
          "第三方合法权益。") % {"wanted": wanted},
        _("根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求你方意见。请自收到本"
          "意见书之日起15个工作日内（即%(due)s前）提出书面意见；逾期未提出意见的，由本机关依照"
          "条例的规定决定是否公开。第三方不同意公开且有合理理由的，本机关不予公开；本机关认为"
          "不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的内容和理由书面"
          "告知第三方。") % {"due": official_date(app.pause_reply_due_on)},
    ]


def _correction_items(app) -> str:
    event = app.events.filter(action="request_correction").order_by("-created_at").first()
    text = (event.note if event else "").split("（补正通知超过")[0].strip()
    return text or _("请明确所需政府信息的名称、文号或者便于本机关查询的其他特征性描述。")


def official_letter(notice: Notice) -> OfficialLetter:
    township = notice.application.township
    return OfficialLetter(
        issuer=township.full_name, number=notice.number, title=notice.get_kind_display(),
        addressee=f"{notice.recipient}：", body=body(notice), signer=township.full_name,
        date=notice.issued_on, sealed=True)


def notice_docx(notice: Notice) -> bytes:
    """The notice as a GB/T 9704 Word document (officialdocs)."""
    return officialdocs.letter_docx(official_letter(notice))
