"""Demo oversight data: two rectification notices (one waiting for the township, one
answered and waiting for the county), the attachment file check and a first dashboard run.
Idempotent: the notices are created only when missing."""

from __future__ import annotations

import datetime

from oversight import filecheck, notices
from oversight.models import LeaderTitle, RectificationNotice, WordingRule
from oversight.refresh import refresh
from townships.calendar import CalendarMissing, WorkCalendar
from townships.models import Role

DEMO_NOTICES = [
    ("政策文件栏目超过6个月未更新", "columns",
     "经检查，你镇“本级文件”“行政规范性文件”栏目超过6个月没有发布信息。"
     "请梳理本年度制发的文件，按规定公开，并在后台反馈整改情况。"),
    ("公开指南联系方式不完整", "pages",
     "你镇政府信息公开指南中的传真号码、电子邮箱需核实更新，请完善后反馈。"),
]


#: The county's list of 严重表述错误 (wrong → right, note) the wording check uses.
DEMO_WORDING_RULES = [
    ("台湾总统", "台湾地区领导人", "涉台表述，依据新华社新闻信息报道中的禁用词"),
    ("全面建成小康社会决胜阶段", "全面建设社会主义现代化国家新征程", "已过时的表述"),
    ("两学一做学习教育常态化", "党纪学习教育", "按县委宣传部最新口径更新"),
]
#: Fictional county leaders (names used nowhere else in the demo).
DEMO_LEADERS = [("周明远", "县委书记"), ("陈立华", "县长")]


def _due(today: datetime.date) -> datetime.date:
    try:
        return WorkCalendar().add_working_days(today, 10)
    except CalendarMissing:
        return today + datetime.timedelta(days=14)


def seed(ctx) -> None:
    auditor = ctx.user(None, Role.COUNTY_AUDITOR)
    for index, (title, check_key, body) in enumerate(DEMO_NOTICES):
        township = ctx.townships[index % len(ctx.townships)]
        if RectificationNotice.objects.filter(township=township, title=title).exists():
            continue
        notice = notices.send_notice(RectificationNotice(
            township=township, title=title, check_key=check_key, body=body,
            due_on=_due(ctx.today)), user=auditor)
        if index == 1:
            notices.answer_notice(notice.pk, user=ctx.user(township, Role.TOWNSHIP_ADMIN),
                                  text="已核实并更新指南中的传真号码和电子邮箱。")
    for wrong, right, note in DEMO_WORDING_RULES:
        WordingRule.objects.get_or_create(county=ctx.county, wrong=wrong,
                                          defaults={"right": right, "note": note})
    for name, title in DEMO_LEADERS:
        LeaderTitle.objects.get_or_create(county=ctx.county, name=name,
                                          defaults={"title": title})
    filecheck.check_files()
    refresh(ctx.county)
    ctx.notes.append("监督检查总览：http://127.0.0.1:8000/admin/oversight/oversightdashboard/"
                     "（县级审计 county_auditor 或县级管理员 county_admin 登录）")
