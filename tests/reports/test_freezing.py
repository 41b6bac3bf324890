"""Publication freezes the numbers; later edits of items never change a published report."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from disclosure.models import DisclosureItem
from reports import services
from tests.factories import crew, make_item, make_member, make_township, publish
from tests.reports.factories import make_report
from townships.models import Role

pytestmark = pytest.mark.django_db


def _normative(township, n):
    return make_item(township=township, doc_type="normative", validity="valid",
                     doc_number=f"测政规〔2024〕{n}号", written_on=datetime.date(2024, 3, n),
                     published=True)


def test_published_numbers_stay_when_items_change_afterwards(client):
    township = make_township()
    publisher = make_member(township=township, role=Role.PUBLISHER)
    first = _normative(township, 1)
    report = services.derive_report(make_report(township=township, year=2024), publisher)
    report = publish(report)
    assert report.frozen_tables["table2"]["normative_documents"]["issued"] == 1

    _normative(township, 2)
    DisclosureItem.objects.filter(pk=first.pk).update(validity="repealed",
                                                      repealed_on=datetime.date(2024, 6, 1))
    with pytest.raises(ValidationError, match="已发布"):
        services.derive_report(report, publisher)
    report.refresh_from_db()
    assert report.shown_tables()["table2"]["normative_documents"] == {
        "issued": 1, "repealed": 0, "in_force": 1}
    page = client.get(report.get_absolute_url()).content.decode()
    assert 'headers="t2-b1 t2-b1-issued t2-normative_documents">1<' in page


def test_publication_blocked_when_tables_have_errors():
    township = make_township()
    report = make_report(township=township, year=2024)
    report.tables["table3"]["r4"]["total"] = 5
    report.save()
    with pytest.raises(ValidationError) as exc:
        publish(report)
    assert any(m.startswith("四、结转下年度继续办理 › 总计：") for m in exc.value.messages)
    report.refresh_from_db()
    assert (report.status, report.frozen_tables) == ("draft", None)


def test_published_report_refuses_table_edits():
    township = make_township()
    publisher = make_member(township=township, role=Role.PUBLISHER)
    report = publish(make_report(township=township, year=2024))
    with pytest.raises(ValidationError):
        services.save_tables(report, report.tables, publisher, reason="x")


def test_publication_blocked_when_tables_use_another_years_schema():
    township = make_township()
    report = make_report(township=township, year=2022)
    report.tables["schema"] = "2019"
    report.save()
    with pytest.raises(ValidationError, match="报告格式："):
        publish(report, author=crew(township)(Role.AUTHOR))
