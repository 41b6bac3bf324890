"""Demo annual reports: per township a 2018 free-form report, a 2020 trial-format report,
published 2021 onward reports, and a draft for the current year. Idempotent.

All text is written for the fictional demo county; numbers reconcile and carry over.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from signoff import chain
from signoff.models import Review
from signoff.walkthrough import publish_through_chain
from townships.models import Role

from . import schemas
from .models import AnnualReport

FOCUS = ["农村人居环境整治", "高标准农田建设", "乡村振兴衔接资金使用", "农村低保动态管理",
         "宅基地审批", "防汛抗旱应急预案"]
PROBLEMS = [
    "部分站所报送信息不够及时，栏目更新存在滞后",
    "政策解读形式较为单一，图解、音视频解读偏少",
    "村级公开栏内容更新与镇级平台衔接不够紧密",
    "依申请公开办理人员业务培训覆盖面不足",
]


def _p(*lines: str) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def _numbers(index: int, year: int, carried: int) -> dict:
    new = 1 + (index * 3 + year) % 5
    carry_out = 1 if (index + year) % 4 == 0 else 0
    done = new + carried - carry_out
    partial = 1 if done >= 3 else 0
    missing = 1 if done >= 4 else 0
    return {"new": new, "carried": carried, "carry_out": carry_out,
            "disclosed": done - partial - missing, "partial": partial, "missing": missing,
            "done": done, "company": 1 if new >= 3 else 0}


def _table3(schema: str, n: dict) -> dict:
    table = {row: dict.fromkeys(schemas.TABLE3_COLUMN_IDS, 0)
             for row in schemas.table3_row_ids(schema)}

    def put(row, value, company=0):
        table[row].update({"natural": value - company, "commercial": company, "total": value})

    put("r1", n["new"], n["company"])
    put("r2", n["carried"])
    put("r3_1", n["disclosed"], n["company"])
    put("r3_2", n["partial"])
    put("r3_4_1", n["missing"])
    put("r3_7", n["done"], n["company"])
    put("r4", n["carry_out"])
    return table


def _tables(schema: str, index: int, year: int, carried: int, in_force: int) -> tuple:
    n = _numbers(index, year, carried)
    issued = (index + year) % 3
    repealed = 1 if in_force and (index + year) % 5 == 0 else 0
    tables = schemas.empty_tables(schema)
    tables["table3"] = _table3(schema, n)
    if schema == schemas.SCHEMA_2021:
        tables["table2"]["normative_documents"] = {
            "issued": issued, "repealed": repealed, "in_force": in_force + issued - repealed}
        tables["table2"]["licensing"] = {"decisions": 12 + (index * 7 + year) % 20}
        tables["table2"]["penalties"] = {"decisions": (index + year) % 4}
    else:
        tables["table2"]["normative_documents"] = {
            "made": issued, "published": issued, "total_public": in_force + issued}
        tables["table2"]["licensing"] = {"previous": 18, "change": 0,
                                         "decisions": 10 + index}
    if (index + year) % 6 == 1:
        tables["table4"]["review"] = {"upheld": 1, "corrected": 0, "other": 0, "pending": 0,
                                      "total": 1}
    return tables, n, in_force + issued - repealed


def _sections(name: str, year: int, index: int, n: dict) -> dict:
    focus = FOCUS[(index + year) % len(FOCUS)]
    problem = PROBLEMS[(index + year) % len(PROBLEMS)]
    return {
        "section_1": _p(
            f"根据《中华人民共和国政府信息公开条例》规定，{name}人民政府编制本报告。"
            f"本报告所列数据的统计期限为{year}年1月1日至{year}年12月31日。",
            f"{year}年，{name}围绕{focus}等群众关注事项，依托县政府门户网站乡镇信息公开专栏"
            "集中发布政府信息，同步在村务公开栏张贴与群众切身利益相关的事项。",
            f"依申请公开方面，全年新收申请{n['new']}件，均在法定期限内答复。"
            "政府信息管理方面，对本镇历年规范性文件开展清理，及时标注有效性。",
            "监督保障方面，镇党委将政务公开纳入年度目标考核，邀请群众代表开展社会评议，"
            "全年未发生因政务公开工作被责任追究的情形。"),
        "section_2": _p("本年度主动公开政府信息情况见下表。"),
        "section_3": _p("本年度收到和处理政府信息公开申请情况见下表。"),
        "section_4": _p("本年度因政府信息公开引起的行政复议、行政诉讼情况见下表。"),
        "section_5": _p(f"一是{problem}。二是公开内容的系统性、完整性还有提升空间。",
                        "改进措施：明确各站所信息员职责，每月通报信息报送情况；"
                        "加强对村级公开工作的指导，确保镇村两级公开内容同步更新。"),
        "section_6": _p("本年度未收取政府信息公开信息处理费。",
                        f"{name}将按照县政务公开办部署，落实{year + 1}年政务公开工作要点。"),
    }


def _legacy_body(name: str, year: int) -> str:
    return (
        "<h2>一、概述</h2>" + _p(
            f"{year}年，{name}认真贯彻《中华人民共和国政府信息公开条例》，"
            "由党政综合办公室具体负责政府信息公开日常工作，各站所确定一名兼职信息员。")
        + "<h2>二、主动公开政府信息的情况</h2>" + _p(
            "全年通过县政府门户网站、镇便民服务中心和村务公开栏主动公开政府信息，"
            "重点公开财政收支、惠农补贴发放和低保对象评议结果。")
        + "<h2>三、依申请公开政府信息和不予公开政府信息的情况</h2>" + _p(
            "全年收到政府信息公开申请2件，均已按期答复，无不予公开情形。")
        + "<h2>四、政府信息公开的收费及减免情况</h2>" + _p("未收取任何费用。")
        + "<h2>五、因政府信息公开申请行政复议、提起行政诉讼的情况</h2>" + _p("无。")
        + "<h2>六、存在的主要问题及改进情况</h2>" + _p(
            "信息公开的及时性有待提高，下一步将建立信息报送台账，按月督促。")
    )


def _publish(ctx, report: AnnualReport, on: datetime.date) -> None:
    """Publish through the report's chain, then date it when it historically went online."""
    township = report.township
    report.created_by = ctx.user(township, Role.AUTHOR)
    report.save(update_fields=["created_by", "updated_at"])
    publish_through_chain(report, lambda role: ctx.user(township, role),
                          comment="年度报告已完成，请审核。")
    AnnualReport.objects.filter(pk=report.pk).update(
        published_at=timezone.make_aware(datetime.datetime.combine(on, datetime.time(9, 30))))


def _seed_township(ctx, township, index: int) -> int:
    today = ctx.today
    created = 0
    name, body = township.name, township.full_name
    if not AnnualReport.objects.filter(township=township, year=2018).exists():
        report = AnnualReport.objects.create(
            township=township, year=2018, body=_legacy_body(name, 2018),
            tables={"schema": "legacy", "statistics": {"主动公开政府信息数（条）": 96 + index,
                                                       "依申请公开申请数（件）": 2}},
            signing_body=body, signing_date=datetime.date(2019, 3, 12))
        _publish(ctx, report, datetime.date(2019, 3, 15))
        created += 1
    carried, in_force = 0, 4 + index
    for year in [2020, *range(2021, today.year + 1)]:
        schema = schemas.schema_for_year(year)
        tables, numbers, next_in_force = _tables(schema, index, year, carried, in_force)
        late = index == 1 and year == 2023  # one late report for the county view
        on = datetime.date(year + 1, 2, 3) if late else datetime.date(year + 1, 1, 20 + index % 8)
        if not AnnualReport.objects.filter(township=township, year=year).exists():
            draft = on > today
            report = AnnualReport.objects.create(
                township=township, year=year, tables=tables,
                signing_body="" if draft else body,
                signing_date=None if draft else datetime.date(year + 1, 1, 16 + index % 3),
                **_sections(name, year, index, numbers))
            if not draft:
                _publish(ctx, report, on)
            created += 1
        carried = numbers["carry_out"]
        in_force = next_in_force if schema == schemas.SCHEMA_2021 else in_force
    return created


def _submit_current_draft(ctx) -> bool:
    """Put the first township's current-year draft into the sign-off chain (once)."""
    if not ctx.townships:
        return False
    township = ctx.townships[0]
    author = ctx.users.get((township.slug, Role.AUTHOR))
    report = AnnualReport.objects.filter(township=township, year=ctx.today.year,
                                         status=AnnualReport.Status.DRAFT).first()
    if author is None or report is None or Review.objects.for_object(report).exists():
        return False
    report.created_by = author
    report.signing_body = township.full_name
    report.save(update_fields=["created_by", "signing_body", "updated_at"])
    chain.submit(report, author, comment="年度报告初稿已完成，统计数已核对，请审核。")
    return True


def seed(ctx) -> None:
    created = sum(_seed_township(ctx, t, i) for i, t in enumerate(ctx.townships))
    ctx.stdout.write(f"年度报告：新建 {created} 份。\n")
    if _submit_current_draft(ctx):
        ctx.stdout.write("年度报告：1 份已提交审签。\n")
