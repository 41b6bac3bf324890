"""The demo seeder: idempotent, every format present, every published report consistent with
the township's own applications and items, and its prose with its tables."""

import datetime
import io

import pytest
from django.db import transaction
from django.test import override_settings

from demo import applications as applications_demo
from demo import items as disclosure_demo
from demo import reports as demo
from demo.context import DemoContext
from disclosure.models import DisclosureItem
from reports import statistics
from reports.models import AnnualReport
from reports.services import report_issues
from tests.factories import crew_users, make_county, make_township

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def ctx(django_db_setup, django_db_blocker, tmp_path_factory):
    """Two townships with their demo items and applications, reports seeded twice; once for
    the module, rolled back at the end."""
    settings = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with settings, django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            county = make_county()
            townships = [make_township(county=county) for _ in range(2)]
            users = {key: user for t in townships for key, user in crew_users(t).items()}
            context = DemoContext(county=county, townships=townships, users=users,
                                  stdout=io.StringIO(), today=datetime.date(2026, 11, 27))
            disclosure_demo.seed(context)
            applications_demo.seed(context)
            demo.seed(context)
            demo.seed(context)
            yield context
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_seed_is_idempotent_and_every_format_is_present(ctx):
    assert AnnualReport.objects.count() == 2 * 8
    township = ctx.townships[0]
    reports = {r.year: r for r in AnnualReport.objects.filter(township=township)}
    assert sorted(reports) == [2018, 2020, 2021, 2022, 2023, 2024, 2025, 2026]
    assert [reports[y].schema for y in (2018, 2020, 2025)] == ["legacy", "2019", "2021"]
    assert reports[2026].status == "draft"  # submittable only after 2026 ends (rule 38)
    assert AnnualReport.objects.get(township=ctx.townships[1], year=2026).status == "draft"
    assert all(reports[y].is_published for y in (2018, 2020, *range(2021, 2026)))


def test_published_demo_reports_agree_with_the_register_and_their_prose(ctx):
    for report in AnnualReport.objects.filter(year__gte=2022):
        derived = statistics.derive_tables(report.township, report.year)
        tables = report.shown_tables()
        assert tables["table3"] == derived["table3"], report
        for key, cells in derived["table2"].items():
            assert tables["table2"][key] == cells, (report, key)
    expired_years = set(DisclosureItem.objects.filter(
        doc_type="normative", validity="expired", status="published")
        .values_list("written_on__year", flat=True))
    for report in AnnualReport.objects.all():
        issues = report_issues(report)
        assert [str(i) for i in issues if i.is_error] == [], report
        # The one warning a derived report may carry: a 失效 document written this year is
        # never in force, so 现行有效 grows by less than 制发 (statistics.py).
        warnings = [i.path for i in issues if not i.is_error]
        assert warnings in ([], ["table2.normative_documents.in_force"]), report
        assert not warnings or report.year in expired_years


def test_last_years_report_quotes_the_registers_figures(ctx):
    township = ctx.townships[0]
    report = AnnualReport.objects.get(township=township, year=2025)
    table3 = statistics.derive_tables(township, 2025)["table3"]
    # The demo register's seven applications of 2025: three in the plan's first part, four
    # answered with the other Art. 36 letters (demo/applications.py).
    assert table3["r1"]["total"] == 7
    section = report.sections()[0][1]
    assert f"全年新收政府信息公开申请{table3['r1']['total']}件" in section
    assert f"结转下年度继续办理{table3['r4']['total']}件" in section


def test_old_reports_come_through_the_importer_with_their_tables(ctx):
    township = ctx.townships[1]
    old = AnnualReport.objects.get(township=township, year=2020)
    assert old.import_notes == "" or "请核对" not in old.import_notes
    assert old.shown_tables()["table2"]["procurement"]["projects"] == 3
    assert old.shown_tables()["table3"]["r4"]["total"] == 1
    newer = AnnualReport.objects.get(township=township, year=2021)
    assert newer.shown_tables()["table3"]["r2"]["total"] == 1  # carried over from 2020
    assert newer.shown_tables()["table3"]["r4"]["total"] == 0
    assert "统计期限为2021年1月1日" in newer.section_1
