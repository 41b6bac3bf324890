"""Demo applications for every township: every state, some overdue or due soon, some closed
last year, one carried over. Applicants are fictional. Idempotent: demo rows carry fixed
tracking numbers and are only created when missing."""

from __future__ import annotations

import datetime
import hashlib

from applications import deliveries, transitions
from applications.models import LETTER_KEY, TRACKING_ALPHABET, Application, DeliveryMethod
from townships.calendar import CalendarMissing, WorkCalendar
from townships.models import Role

PEOPLE = [
    ("natural", "刘春梅", "本村2025年度村级财务收支公开明细"),
    ("natural", "黄德明", "东河桥加固工程的施工合同和验收意见"),
    ("commercial", "禾丰生态农业有限公司", "镇农业产业园2025年入园企业扶持资金分配方案"),
    ("natural", "郑海燕", "本镇2024年城乡居民最低生活保障对象名单及复核结果"),
    ("research", "清河县农业科学研究所", "近三年本镇耕地轮作休耕试点面积统计"),
    ("social", "清河县助老志愿服务协会", "镇敬老院床位数量及入住条件"),
    ("legal", "清河县明正律师事务所", "南岭村集体土地征收补偿安置方案及公告"),
    ("natural", "吴建华", "我家宅基地使用审批的审核意见"),
    ("other", "清河县种植业协会", "2025年农机购置补贴发放名单"),
    ("natural", "马小芳", "镇卫生院改扩建项目的招标公告和中标通知"),
    ("natural", "周立新", "2023年度镇政府信息公开工作年度报告中依申请公开数据的统计口径"),
    ("commercial", "青岭建筑工程有限公司", "镇区排水管网改造工程预算审核结果"),
]
ID_FOR = {"natural": "11010519491231002X"}
CREDIT_CODE = "91350100M000100Y43"


def _tracking(slug: str, index: int) -> str:
    digest = hashlib.sha256(f"demo:{slug}:{index}".encode()).digest()
    return "".join(TRACKING_ALPHABET[b % len(TRACKING_ALPHABET)] for b in digest[:10])


def _working_days_back(cal: WorkCalendar, today: datetime.date, n: int) -> datetime.date:
    day = today
    while n:
        day -= datetime.timedelta(days=1)
        if cal.is_working_day(day):
            n -= 1
    return day


#: The first case of the plan with a reply (its notice downloadable on the status page).
REPLIED = 7


def _plan(today: datetime.date, cal: WorkCalendar):
    """(received_on, steps) for each demo case; steps run in order."""
    back = lambda n: _working_days_back(cal, today, n)  # noqa: E731
    last_year = today.year - 1
    return [
        (None, []),                                                   # online, unconfirmed
        (back(2), ["accept"]),                                        # fresh
        (back(17), ["accept"]),                                       # due soon
        (back(24), ["accept"]),                                       # overdue
        (back(5), ["correction"]),                                    # awaiting correction
        (back(8), ["accept", "consult"]),                             # third party consulted
        (back(22), ["accept", "extend"]),                             # extended
        (back(15), ["accept", ("reply", "r3_1")]),
        (back(30), ["accept", ("reply", "r3_4_1"), "archive"]),
        (datetime.date(last_year, 3, 12), ["accept", ("reply", "r3_2"), "archive"]),
        (datetime.date(last_year, 9, 9), ["accept", ("reply", "r3_5_2"), "archive"]),
        (datetime.date(last_year, 12, 22), ["accept", "consult"]),    # carried over
        # The other Art. 36 letters, each closed and delivered last year.
        (datetime.date(last_year, 4, 8), ["accept", ("reply", "r3_1", "r3_1_pub"), "archive"]),
        (datetime.date(last_year, 5, 13), ["accept", ("reply", "r3_4_1", "r3_4_1_nr"),
                                           "archive"]),
        (datetime.date(last_year, 6, 10), ["accept", ("reply", "r3_3_4"), "archive"]),
        (datetime.date(last_year, 10, 14), ["correction", "close_uncorrected", "archive"]),
    ]

#: The reply text that goes with each outcome or letter kind in the demo.
REPLY_TEXT = {
    "r3_1_pub": "该信息已在本镇政府信息公开专栏“财政预决算”栏目主动公开，可登录本站查阅、下载。",
    "r3_4_1_nr": "该信息由清河县交通运输局负责公开，请向该局政府信息公开工作机构提出申请。",
    "r3_3_4": "所申请的合同含有第三方企业的报价构成和银行账户等商业秘密，第三方不同意公开。",
}


def _run(app: Application, step, user, today: datetime.date, cal: WorkCalendar) -> None:
    received = app.received_on
    if step == "accept":
        transitions.accept(app.pk, user=user)
    elif step == "correction":
        transitions.request_correction(
            app.pk, user=user, notice_on=cal.add_working_days(received, 2),
            correct_by=cal.add_working_days(received, 17),
            note="请明确所需信息的时间范围和具体项目名称。")
    elif step == "consult":
        transitions.start_consultation(app.pk, user=user,
                                       notice_on=cal.add_working_days(received, 3),
                                       note="涉及第三方企业经营信息，已书面征求意见。",
                                       third_party_name="青岭建筑工程有限公司")
    elif step == "extend":
        transitions.extend(app.pk, user=user, days=15, approver="党政办主任",
                           reason="涉及多年度档案，需逐卷检索。",
                           notice_on=cal.add_working_days(received, 18))
    elif step == "close_uncorrected":
        transitions.close_uncorrected(app.pk, user=user,
                                      on=min(cal.add_working_days(received, 20), today))
    elif step == "archive":
        transitions.archive(app.pk, user=user, on=app.replied_on)
    else:
        outcome, variant = step[1], (step[2] if len(step) > 2 else "")
        on = min(cal.add_working_days(received, 12), today)
        transitions.reply(app.pk, user=user, outcome=outcome, on=on, variant=variant,
                          text=REPLY_TEXT.get(variant or outcome,
                                              "经检索，现将有关情况答复如下。"))
    app.refresh_from_db()


def _deliver(app: Application, user, today: datetime.date) -> None:
    """送达 of each notice and letter: notices online the day they were issued, the third
    party's letter and the reply by registered post two days later."""
    for doc in deliveries.documents(app):
        by_post = doc.key == LETTER_KEY or not doc.to_applicant
        on = min(doc.issued_on + datetime.timedelta(days=2 if by_post else 0), today)
        serial = int(hashlib.sha256(f"{app.tracking_number}{doc.key}".encode()).hexdigest(),
                     16) % 10**9
        deliveries.record(app.pk, user=user, document=doc.key,
                          method=DeliveryMethod.POST if by_post else DeliveryMethod.ONLINE,
                          delivered_on=on, tracking_no=f"11{serial:09d}" if by_post else "")


def seed(ctx) -> None:
    cal = WorkCalendar(provisional=True)  # a January seed before the new year is entered
    created = 0
    try:
        plan = _plan(ctx.today, cal)
        for township in ctx.townships:
            user = ctx.user(township, Role.PUBLISHER)
            # In the order received, so each year's 文号 follow the dates of the letters.
            for index, (received_on, steps) in sorted(
                    enumerate(plan), key=lambda pair: pair[1][0] or datetime.date.max):
                number = _tracking(township.slug, index)
                if Application.objects.filter(tracking_number=number).exists():
                    continue
                kind, name, wanted = PEOPLE[index % len(PEOPLE)]
                online = received_on is None
                app = Application(
                    township=township, tracking_number=number, applicant_kind=kind, name=name,
                    id_type="resident_id" if kind == "natural" else "credit_code",
                    id_number=ID_FOR.get(kind, CREDIT_CODE),
                    contact_person="" if kind == "natural" else "王晓东",
                    phone=f"1390000{index:04d}", email="",
                    address=f"{township.name}人民路{index + 1}号", info_description=wanted,
                    provision_form="paper", provision_channel="post",
                    channel="online" if online else ("in_person" if index % 2 else
                                                     "registered_post"),
                    submitted_on=ctx.today if online else received_on,
                )
                app = transitions.register(app, user=user, signed_on=received_on)
                for step in steps:
                    _run(app, step, user, ctx.today, cal)
                _deliver(app, user, ctx.today)
                created += 1
    except CalendarMissing as exc:
        ctx.stdout.write(f"依申请公开演示数据未完整生成：{exc}")
    ctx.stdout.write(f"依申请公开：新建演示申请 {created} 件。")
    if ctx.townships:
        ctx.notes.append(
            f"依申请公开演示申请：查询码 {_tracking(ctx.townships[0].slug, 1)}，"
            f"电话 13900000001（{ctx.townships[0].name}）")
        ctx.notes.append(
            f"告知书与送达演示：查询码 {_tracking(ctx.townships[0].slug, REPLIED)}，"
            f"电话 1390000{REPLIED:04d}"
            f"（已答复，答复告知书已邮寄送达，可在进度查询页下载）")
