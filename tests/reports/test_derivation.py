"""Table 2 derived from the year's disclosure items; Table 3 from applications."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from disclosure.models import DisclosureItem
from reports import services, statistics
from reports.models import TableOverride
from tests.factories import make_item, make_member, make_township
from tests.reports.factories import make_report
from townships.models import Role

pytestmark = pytest.mark.django_db
D = datetime.date


def _normative(township, written_on, n, **fields):
    return make_item(township=township, doc_type=DisclosureItem.DocType.NORMATIVE,
                     doc_number=f"测政规〔{written_on.year}〕{n}号", validity="valid",
                     written_on=written_on, published=True, **fields)


def _repeal(item, on):
    DisclosureItem.objects.filter(pk=item.pk).update(validity="repealed", repealed_on=on)


def test_normative_documents_counted_by_written_on_repeal_and_year_end():
    township = make_township()
    _normative(township, D(2023, 5, 1), 1)
    old = _normative(township, D(2023, 6, 1), 2)
    _normative(township, D(2024, 3, 1), 3)
    late = _normative(township, D(2024, 12, 30), 4)
    DisclosureItem.objects.filter(pk=late.pk).update(published_on=D(2025, 1, 6))
    _repeal(old, D(2024, 8, 1))
    make_item(township=township, doc_type=DisclosureItem.DocType.NORMATIVE,
              doc_number="测政规〔2024〕9号", validity="valid", written_on=D(2024, 4, 1))  # draft
    counts = statistics.document_counts(township, 2024, DisclosureItem.DocType.NORMATIVE)
    assert counts == {"issued": 2, "repealed": 1, "in_force": 3}
    assert statistics.document_counts(township, 2023, "normative") == {
        "issued": 2, "repealed": 0, "in_force": 2}


def test_decisions_counted_by_doc_type_in_year():
    township = make_township()
    for doc_type, n in (("licensing", 3), ("penalty", 2), ("enforcement", 1)):
        for _ in range(n):
            make_item(township=township, doc_type=doc_type, written_on=D(2024, 2, 1),
                      published=True)
    make_item(township=township, doc_type="penalty", written_on=D(2023, 2, 1), published=True)
    assert statistics.decision_counts(township, 2024) == {
        "licensing": 3, "penalties": 2, "enforcement": 1}


def test_derive_fills_table2_and_keeps_hand_entered_fee_and_table4():
    township = make_township()
    user = make_member(township=township, role=Role.PUBLISHER)
    _normative(township, D(2024, 3, 1), 1)
    report = make_report(township=township, year=2024)
    report.tables["table2"]["fees"]["amount_wan_yuan"] = 1.25
    report.tables["table4"]["review"] = {"upheld": 1, "total": 1}
    report.save()
    report = services.derive_report(report, user)
    assert report.tables["table2"]["normative_documents"] == {
        "issued": 1, "repealed": 0, "in_force": 1}
    assert report.tables["table2"]["fees"]["amount_wan_yuan"] == 1.25
    assert report.tables["table4"]["review"]["total"] == 1
    assert report.derived_tables["table2"]["normative_documents"]["issued"] == 1


def test_table3_derived_from_applications_selector(monkeypatch):
    township = make_township()
    user = make_member(township=township, role=Role.PUBLISHER)
    rows = {"r1": {"natural": 4, "total": 4}, "r2": {"natural": 1, "total": 1},
            "r3_1": {"natural": 3, "total": 3}, "r3_7": {"natural": 3, "total": 3},
            "r4": {"natural": 2, "total": 2}}
    monkeypatch.setattr(statistics.applications_selectors, "table3", lambda t, y: rows)
    report = services.derive_report(make_report(township=township, year=2024), user)
    assert report.tables["table3"]["r4"]["total"] == 2
    assert report.tables["table3"]["r2"]["natural"] == 1


def test_changing_derived_cell_without_reason_is_refused():
    township = make_township()
    user = make_member(township=township, role=Role.PUBLISHER)
    _normative(township, D(2024, 3, 1), 1)
    report = services.derive_report(make_report(township=township, year=2024), user)
    tables = report.tables
    tables["table2"]["normative_documents"]["issued"] = 2
    with pytest.raises(ValidationError, match="修改须填写理由"):
        services.save_tables(report, tables, user)
    report.refresh_from_db()
    assert report.tables["table2"]["normative_documents"]["issued"] == 1


def test_override_recorded_and_difference_visible_when_reason_given():
    township = make_township()
    user = make_member(township=township, role=Role.PUBLISHER)
    _normative(township, D(2024, 3, 1), 1)
    report = services.derive_report(make_report(township=township, year=2024), user)
    tables = report.tables
    tables["table2"]["normative_documents"]["issued"] = 2
    services.save_tables(report, tables, user, reason="一件纸质文件未录入平台")
    override = TableOverride.objects.get(report=report)
    assert (override.path, override.derived_value, override.value) == (
        "table2.normative_documents.issued", 1, 2)
    diff = services.differences(report)
    assert [(d["path"], d["derived"], d["value"], d["reason"]) for d in diff] == [
        ("table2.normative_documents.issued", 1, 2, "一件纸质文件未录入平台")]
    # A later derivation keeps the hand-changed value.
    report = services.derive_report(report, user)
    assert report.tables["table2"]["normative_documents"]["issued"] == 2


def test_hand_entered_cells_change_without_reason():
    township = make_township()
    user = make_member(township=township, role=Role.PUBLISHER)
    report = services.derive_report(make_report(township=township, year=2024), user)
    tables = report.tables
    tables["table4"]["review"] = {"upheld": 2, "total": 2}
    services.save_tables(report, tables, user)
    assert not TableOverride.objects.exists()
