"""Keyword-only factories for applications."""

from __future__ import annotations

import datetime

from applications import transitions
from applications.models import Application

VALID_ID = "11010519491231002X"
VALID_CREDIT_CODE = "91350100M000100Y43"


def make_application(*, township, received_on: datetime.date = datetime.date(2024, 3, 4),
                     applicant_kind: str = "natural", channel: str = "in_person",
                     phone: str = "13800138000", **fields) -> Application:
    is_person = applicant_kind == "natural"
    app = Application(
        township=township, applicant_kind=applicant_kind,
        name=fields.pop("name", "王建国" if is_person else "青禾农业科技有限公司"),
        id_type="resident_id" if is_person else "credit_code",
        id_number=VALID_ID if is_person else VALID_CREDIT_CODE,
        contact_person="" if is_person else "李梅",
        phone=phone, address="清河县青石镇和平路8号",
        info_description=fields.pop("info_description", "2023年本镇高标准农田建设项目的验收报告"),
        provision_form="paper", provision_channel="post",
        channel=channel, submitted_on=fields.pop("submitted_on", received_on), **fields,
    )
    if channel == "in_person":
        return transitions.register(app)
    if channel == "registered_post":
        return transitions.register(app, signed_on=received_on)
    return transitions.register(app, confirmed_on=received_on)


def close(app: Application, *, user, outcome: str = "r3_1",
          on: datetime.date | None = None) -> Application:
    transitions.accept(app.pk, user=user)
    return transitions.reply(app.pk, user=user, outcome=outcome, text="答复如下。",
                             on=on or app.received_on + datetime.timedelta(days=10))
