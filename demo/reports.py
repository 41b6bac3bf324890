"""Demo annual reports, consistent with each township's own demo data. Idempotent.

- 2018, 2020 and 2021: the township's old reports, imported as a clerk would, by pasting
  their text into the legacy importer (report_texts.py), then published through the chain.
- 2022 up to last year: started from the numbers the platform derives from the township's
  published items and its application register, with prose that quotes those numbers
  through placeholders (【本年新收申请数】…), then published through the chain.
- This year: a derived draft; the first township's is in its sign-off chain.

So every published demo report agrees with the applications and items in the system, and its
prose agrees with its tables.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from demo import report_texts
from demo.walkthrough import publish_through_chain
from reports import importer, services
from reports.import_draft import create_draft
from reports.models import AnnualReport
from signoff import chain
from signoff.models import Review
from townships.models import Role


def _p(*lines: str) -> str:
    return "".join(f"<p>{line}</p>" for line in lines)


def derived_sections(name: str, year: int, index: int) -> dict:
    """Section texts quoting the tables through placeholders, so they always agree."""
    focus = report_texts.FOCUS[(index + year) % len(report_texts.FOCUS)]
    problem = report_texts.PROBLEMS[(index + year) % len(report_texts.PROBLEMS)]
    return {
        "section_1": _p(
            f"根据《中华人民共和国政府信息公开条例》规定，{name}人民政府编制本报告。"
            f"本报告所列数据的统计期限为{year}年1月1日至{year}年12月31日。",
            f"主动公开方面，{name}围绕{focus}等群众关注事项，依托县政府门户网站乡镇信息公开"
            "专栏集中发布政府信息。本年制发规范性文件【本年制发规范性文件数】件，现行有效"
            "【现行有效规范性文件数】件；公开行政许可决定【行政许可决定数】件、行政处罚决定"
            "【行政处罚决定数】件。",
            "依申请公开方面，全年新收政府信息公开申请【本年新收申请数】件，上年结转"
            "【上年结转申请数】件，办结【办结申请数】件，结转下年度继续办理"
            "【结转下年度申请数】件，均在法定期限内办理。",
            f"监督保障方面，{report_texts.party_committee(name)}将政务公开纳入年度目标考核，"
            "邀请群众代表开展社会评议，全年未发生因政务公开工作被责任追究的情形。"),
        "section_2": _p("本年度主动公开政府信息情况见下表。"),
        "section_3": _p("本年度收到和处理政府信息公开申请情况见下表。"),
        "section_4": _p("本年度因政府信息公开引起的行政复议、行政诉讼情况见下表。"),
        "section_5": _p(f"一是{problem}。二是公开内容的系统性、完整性还有提升空间。",
                        "改进措施：明确各站所信息员职责，每月通报信息报送情况；"
                        "加强对村级公开工作的指导，确保上下两级公开内容同步更新。"),
        "section_6": _p("本年度未收取政府信息公开信息处理费。",
                        f"{name}将按照县政务公开办部署，落实{year + 1}年政务公开工作要点。"),
    }


def _people(ctx, township):
    return lambda role: ctx.user(township, role)


def _publish(ctx, report: AnnualReport, on: datetime.date) -> None:
    """Publish through the report's chain on the working days before it historically went
    online (demo/clock.py), so its publication date, sign-off log and search entry carry
    that date."""
    publish_through_chain(report, _people(ctx, report.township),
                          comment="年度报告已完成，请审核。", seed=report.pk,
                          not_before=report.signing_date,
                          published=timezone.make_aware(
                              datetime.datetime.combine(on, datetime.time(9, 30))))


def _import_old(ctx, township, index: int) -> int:
    created = 0
    author = ctx.user(township, Role.AUTHOR)
    writers = {2018: report_texts.text_2018, 2020: report_texts.text_2020,
               2021: report_texts.text_2021}
    for year, write in writers.items():
        if AnnualReport.objects.filter(township=township, year=year).exists():
            continue
        result = importer.parse_text(write(township.name, township.full_name, index))
        report = create_draft(result, township, author)
        _publish(ctx, report, datetime.date(year + 1, 3 if year <= 2018 else 1, 24))
        created += 1
    return created


def _derived(ctx, township, index: int, year: int) -> AnnualReport:
    author = ctx.user(township, Role.AUTHOR)
    report = AnnualReport.objects.create(
        township=township, year=year, created_by=author,
        **derived_sections(township.name, year, index))
    report = services.derive_report(report, author)
    tables = report.tables
    # The fee amount (万元) and Table 4 are entered by hand: the register has neither.
    tables["table2"]["fees"] = {"amount_wan_yuan": round(0.3 + index * 0.15, 2)}
    return services.save_tables(report, tables, author)


def _seed_township(ctx, township, index: int) -> int:
    created = _import_old(ctx, township, index)
    for year in range(2022, ctx.today.year + 1):
        if AnnualReport.objects.filter(township=township, year=year).exists():
            continue
        report = _derived(ctx, township, index, year)
        on = datetime.date(year + 1, 1, 20 + index % 8)
        late = index == 1 and year == 2023  # one late report for the county view
        if year < ctx.today.year:
            report.signing_body = township.full_name
            report.signing_date = datetime.date(year + 1, 1, 16 + index % 3)
            report.save(update_fields=["signing_body", "signing_date", "updated_at"])
            _publish(ctx, report, datetime.date(year + 1, 2, 3) if late else on)
        created += 1
    return created


def _submit_current_draft(ctx) -> bool:
    """Put the first township's draft of a finished year into the sign-off chain (once).

    A year's report can be submitted only after that year ends (DOMAIN.md rule 38): during
    the year the current draft stays a draft, its 落款单位 filled in."""
    if not ctx.townships:
        return False
    township = ctx.townships[0]
    author = ctx.users.get((township.slug, Role.AUTHOR))
    current = AnnualReport.objects.filter(township=township, year=ctx.today.year,
                                          status=AnnualReport.Status.DRAFT).first()
    if current is not None and not current.signing_body:
        current.signing_body = township.full_name
        current.save(update_fields=["signing_body", "updated_at"])
    report = (AnnualReport.objects.filter(township=township, year__lt=ctx.today.year,
                                          status=AnnualReport.Status.DRAFT)
              .order_by("-year").first())
    if author is None or report is None or Review.objects.for_object(report).exists():
        return False
    report.signing_body = report.signing_body or township.full_name
    report.signing_date = report.signing_date or ctx.today
    report.save(update_fields=["signing_body", "signing_date", "updated_at"])
    chain.submit(report, author, comment="年度报告初稿已完成，统计数已核对，请审核。")
    return True


def seed(ctx) -> None:
    created = sum(_seed_township(ctx, t, i) for i, t in enumerate(ctx.townships))
    ctx.stdout.write(f"年度报告：新建 {created} 份。\n")
    if _submit_current_draft(ctx):
        ctx.stdout.write("年度报告：1 份已提交审签。\n")


