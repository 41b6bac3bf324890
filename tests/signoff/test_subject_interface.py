"""The chain's subject interface fails closed: an incomplete adapter cannot be registered,
and every registered subject is scanned for personal data before it goes out."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from reports.models import AnnualReport
from reports.subjects import ReportSubject
from signoff import chain
from signoff.subjects import ChainSubject, adapter_class, register_subject, registered_models
from tests.disclosure.chain_factories import make_staff
from tests.factories import make_township
from tests.reports.factories import make_report
from townships.models import Role


class _Thing:
    pass


def _complete_methods(exclude: str) -> dict:
    methods = {name: getattr(ReportSubject, name) for name in ChainSubject.__abstractmethods__}
    methods.pop(exclude)
    return methods


@pytest.mark.parametrize("missing", ["pii_findings", "diff", "why_not_submit", "publish"])
def test_adapter_missing_a_required_method_cannot_be_registered(missing):
    incomplete = type("Incomplete", (ChainSubject,), {"model": _Thing,
                                                       **_complete_methods(missing)})
    with pytest.raises(ImproperlyConfigured, match=missing):
        register_subject(_Thing, incomplete)
    with pytest.raises(TypeError):
        adapter_class(_Thing)


def test_a_base_subject_that_says_nothing_cannot_be_used():
    with pytest.raises(TypeError):
        ChainSubject(object())


def test_every_registered_subject_implements_the_whole_interface():
    models = registered_models()
    assert {m.__name__ for m in models} >= {"DisclosureItem", "ItemRevision", "AnnualReport"}
    for model in models:
        assert not adapter_class(model).__abstractmethods__, model


@pytest.mark.django_db
def test_report_with_an_unmasked_id_number_cannot_be_submitted():
    township = make_township()
    staff = make_staff(township=township, email=False, roles=[Role.AUTHOR])
    report = make_report(township=township, year=2024)
    report.created_by = staff[Role.AUTHOR]
    report.section_6 = "<p>经办人：张某，身份证号11010519491231002X。</p>"
    report.save()
    with pytest.raises(chain.PIIBlockedError) as info:
        chain.submit(report, staff[Role.AUTHOR])
    [source] = info.value.findings
    assert source.field == "section_6"
    assert source.findings[0].match == "11010519491231002X"
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.DRAFT
