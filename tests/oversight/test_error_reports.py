"""政府网站找错 on the dashboard: reports about a township's pages, open and answered,
and the ones open past their reply deadline as problems; other townships' are not counted."""

import datetime

import pytest
from django.utils import timezone

from feedback import services
from feedback.models import ErrorReport
from oversight.checks.feedback import ErrorReports
from oversight.dashboard import build
from oversight.refresh import refresh
from tests.factories import make_member, make_township
from tests.oversight.conftest import findings
from townships.models import Role

pytestmark = pytest.mark.django_db


def report(township, text="页面中的联系电话已停用。"):
    return services.receive(ErrorReport(page_url=f"/xxgk/{township.slug}/zhinan/",
                                        page_title="政府信息公开指南", kind="content",
                                        description=text))


def test_open_answered_and_overdue_reports_are_counted_per_township(county):
    town = make_township(county=county, name="青石镇")
    other = make_township(county=county, name="柳湾镇")
    overdue = report(town)
    ErrorReport.objects.filter(pk=overdue.pk).update(
        due_on=timezone.localdate() - datetime.timedelta(days=1))
    answered = report(town, "错别字")
    answered.resolve(status=ErrorReport.Status.ANSWERED, answer="已更正。",
                     user=make_member(township=town, role=Role.PUBLISHER))
    answered.save()
    report(other)
    refresh(county)
    rows = {row.township.name: row for row in build(county).rows}
    assert rows["青石镇"].data["feedback"] == {"received": 2, "open": 1, "answered": 1,
                                              "overdue": 1}
    assert "1条找错报告逾期未答复" in [p.text for p in rows["青石镇"].problems]
    assert rows["柳湾镇"].data["feedback"]["overdue"] == 0


def test_drill_down_lists_the_reports_with_links(county):
    town = make_township(county=county)
    made = report(town)
    found = findings(ErrorReports(), town)
    assert found.total == 1
    assert found.rows[0].public_url == f"/xxgk/{town.slug}/zhinan/"
    assert found.rows[0].url.endswith(f"/feedback/errorreport/{made.pk}/change/")
