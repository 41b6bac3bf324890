"""Annual reports go through the disclosure sign-off chain; publishing freezes the numbers."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from applications.models import Application
from reports import services
from reports.models import AnnualReport
from signoff import chain
from signoff.models import Review, SignOff
from tests.applications.factories import make_application
from tests.disclosure.chain_factories import make_staff
from tests.factories import make_member, make_township
from tests.reports.factories import make_report
from townships.models import Role

pytestmark = pytest.mark.django_db

Status = AnnualReport.Status
IMPORTANT_STEPS = (Role.OFFICE_HEAD, Role.SUPERVISOR, Role.INFO_LEADER)


def _draft(township, author, **fields):
    report = make_report(township=township, **fields)
    report.created_by = author
    report.save(update_fields=["created_by"])
    return report


def _sign_all(review, staff):
    for n, role in enumerate(IMPORTANT_STEPS):
        review = chain.approve(review, staff[role], attest_confidentiality=n == 0)
    return review


def test_report_is_frozen_when_published_after_every_step_signed():
    township = make_township()
    staff = make_staff(township=township, email=False)
    report = _draft(township, staff[Role.AUTHOR])
    review = chain.submit(report, staff[Role.AUTHOR])
    report.refresh_from_db()
    assert report.status == Status.IN_REVIEW
    assert [s["role"] for s in review.steps] == list(IMPORTANT_STEPS)

    review = _sign_all(review, staff)
    report.refresh_from_db()
    assert (review.state, report.status) == (Review.State.APPROVED, Status.APPROVED)
    assert report.frozen_tables is None

    chain.publish(review, staff[Role.PUBLISHER])
    report.refresh_from_db()
    assert report.status == Status.PUBLISHED
    assert report.frozen_tables == report.tables
    assert report.published_by == staff[Role.PUBLISHER]


def test_signoff_rows_are_logged_for_the_report_when_it_goes_through_the_chain():
    township = make_township()
    staff = make_staff(township=township, email=False)
    report = _draft(township, staff[Role.AUTHOR])
    review = chain.submit(report, staff[Role.AUTHOR])
    review = chain.request_changes(review, staff[Role.OFFICE_HEAD], comment="第五部分请补充。")
    report.refresh_from_db()
    assert report.status == Status.CHANGES_REQUESTED
    review = chain.resubmit(review, staff[Role.AUTHOR])
    chain.publish(_sign_all(review, staff), staff[Role.PUBLISHER])
    rows = SignOff.objects.filter(content_type=ContentType.objects.get_for_model(AnnualReport),
                                  object_id=report.pk).order_by("created_at", "pk")
    assert [r.action for r in rows] == ["submit", "request_changes", "resubmit", "approve",
                                        "approve", "approve", "publish"]
    assert {r.township_id for r in rows} == {township.pk}


def test_author_cannot_sign_when_the_report_is_their_own():
    township = make_township()
    staff = make_staff(township=township, email=False)
    author = staff[Role.OFFICE_HEAD]
    report = _draft(township, author)
    review = chain.submit(report, author)
    with pytest.raises(PermissionDenied):
        chain.approve(review, author, attest_confidentiality=True)


def test_signing_is_refused_when_the_signer_belongs_to_another_township():
    township, other = make_township(), make_township()
    staff = make_staff(township=township, email=False)
    stranger = make_member(township=other, role=Role.OFFICE_HEAD)
    review = chain.submit(_draft(township, staff[Role.AUTHOR]), staff[Role.AUTHOR])
    with pytest.raises(PermissionDenied):
        chain.approve(review, stranger, attest_confidentiality=True)
    with pytest.raises(PermissionDenied):
        chain.submit(_draft(township, None, year=2023), stranger)


def test_publishing_is_refused_when_steps_are_unsigned():
    township = make_township()
    staff = make_staff(township=township, email=False)
    report = _draft(township, staff[Role.AUTHOR])
    review = chain.submit(report, staff[Role.AUTHOR])
    review = chain.approve(review, staff[Role.OFFICE_HEAD], attest_confidentiality=True)
    with pytest.raises(PermissionDenied):
        chain.publish(review, staff[Role.PUBLISHER])
    report.refresh_from_db()
    assert (report.status, report.frozen_tables) == (Status.IN_REVIEW, None)


def test_submission_is_refused_when_the_tables_have_errors():
    township = make_township()
    staff = make_staff(township=township, email=False)
    report = _draft(township, staff[Role.AUTHOR])
    report.tables["table3"]["r3_7"]["total"] += 5
    report.save(update_fields=["tables"])
    with pytest.raises(ValidationError, match="（七）总计"):
        chain.submit(report, staff[Role.AUTHOR])
    report.refresh_from_db()
    assert report.status == Status.DRAFT
    assert not Review.objects.for_object(report).exists()


def test_publication_is_refused_when_errors_appear_after_signing():
    township = make_township()
    staff = make_staff(township=township, email=False)
    report = _draft(township, staff[Role.AUTHOR])
    review = _sign_all(chain.submit(report, staff[Role.AUTHOR]), staff)
    AnnualReport.objects.filter(pk=report.pk).update(
        tables={**report.tables, "table3": {**report.tables["table3"],
                                            "r1": {"natural": 99, "total": 99}}})
    with pytest.raises(ValidationError):
        chain.publish(review, staff[Role.PUBLISHER])
    report.refresh_from_db()
    assert report.status == Status.APPROVED
    assert report.frozen_tables is None


def _paid_application(township, amount):
    app = make_application(township=township, received_on=datetime.date(2024, 3, 4))
    Application.objects.filter(pk=app.pk).update(fee_amount=Decimal(amount),
                                                  fee_paid_on=datetime.date(2024, 4, 1))


def _fee_warnings(report):
    return [i for i in services.report_issues(report) if i.path == "sections.6"
            and "信息处理费" in i.message]


def test_fee_warning_fires_when_fees_were_collected_and_section_six_is_silent():
    township = make_township()
    _paid_application(township, "120.00")
    report = make_report(township=township, section_6="<p>无其他需要报告的事项。</p>")
    assert len(_fee_warnings(report)) == 1


def test_no_fee_warning_when_no_fees_were_collected():
    township = make_township()
    report = make_report(township=township, section_6="<p>无其他需要报告的事项。</p>")
    assert _fee_warnings(report) == []


def test_no_fee_warning_when_section_six_reports_the_fees():
    township = make_township()
    _paid_application(township, "120.00")
    report = make_report(township=township,
                         section_6="<p>本年度共收取信息处理费120元。</p>")
    assert _fee_warnings(report) == []


def test_report_is_in_the_signers_queue_when_it_waits_for_their_step(client):
    township = make_township()
    staff = make_staff(township=township, email=False)
    report = _draft(township, staff[Role.AUTHOR])
    chain.submit(report, staff[Role.AUTHOR])
    client.force_login(staff[Role.OFFICE_HEAD])
    html = client.get(reverse("admin:signoff_pendingreview_changelist")).content.decode()
    assert reverse("admin:reports_annualreport_change", args=[report.pk]) in html
    client.force_login(staff[Role.SUPERVISOR])
    html = client.get(reverse("admin:signoff_pendingreview_changelist")).content.decode()
    assert reverse("admin:reports_annualreport_change", args=[report.pk]) not in html


def test_fee_cross_check_warns_when_section_six_states_another_amount():
    township = make_township()
    _paid_application(township, "120.00")
    report = make_report(township=township,
                         section_6="<p>本年度共收取信息处理费80元。</p>")
    warnings = _fee_warnings(report)
    assert len(warnings) == 1
    assert "80" in warnings[0].message
    assert "120" in warnings[0].message


def test_tables_cannot_be_changed_when_the_report_is_in_review():
    township = make_township()
    staff = make_staff(township=township, email=False)
    report = _draft(township, staff[Role.AUTHOR])
    chain.submit(report, staff[Role.AUTHOR])
    report.refresh_from_db()
    with pytest.raises(ValidationError, match="审签中"):
        services.derive_report(report, staff[Role.AUTHOR])
    with pytest.raises(ValidationError, match="审签中"):
        services.save_tables(report, report.tables, staff[Role.AUTHOR])


def test_submission_is_refused_when_a_section_has_an_unmasked_id_number():
    township = make_township()
    staff = make_staff(township=township, email=False)
    report = _draft(township, staff[Role.AUTHOR],
                    section_3="<p>申请人张某（身份证号11010519491231002X）申请公开低保名单。</p>")
    with pytest.raises(chain.PIIBlockedError) as exc:
        chain.submit(report, staff[Role.AUTHOR])
    assert [source.field for source in exc.value.findings] == ["section_3"]
    report.refresh_from_db()
    assert report.status == Status.DRAFT
    report.section_3 = "<p>申请人张某（身份证号110105********002X）申请公开低保名单。</p>"
    report.save()
    chain.submit(report, staff[Role.AUTHOR])
    report.refresh_from_db()
    assert report.status == Status.IN_REVIEW
