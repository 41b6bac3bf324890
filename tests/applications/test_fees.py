"""Information-processing fees, 国办函〔2020〕109号 (DOMAIN.md §6 items 19–21)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from applications import transitions
from applications.fees import compute_fee, per_application_fee, per_page_fee
from tests.applications.factories import make_application
from tests.factories import make_member, make_township
from townships.models import Role


@pytest.mark.parametrize(("count", "fee"), [(10, 0), (11, 100), (30, 2000), (35, 3000),
                                            (41, 4300)])
def test_per_application_fee_is_progressive_when_counted_per_month(count, fee):
    assert per_application_fee(count) == Decimal(fee)


@pytest.mark.parametrize(("pages", "fee"), [(30, 0), (100, 700), (150, 1700), (250, 4700)])
def test_per_page_fee_is_progressive_when_counted_by_pages(pages, fee):
    assert per_page_fee(pages) == Decimal(fee)


def test_both_methods_refused_when_charged_on_one_application():
    with pytest.raises(ValidationError, match="只能选择"):
        compute_fee(nth_application=41, pages=250)


@pytest.mark.django_db
def test_fee_recorded_and_switch_refused_when_method_already_chosen():
    township = make_township()
    handler = make_member(township=township, role=Role.PUBLISHER)
    app = make_application(township=township, received_on=datetime.date(2024, 3, 4))
    transitions.accept(app.pk, user=handler)
    transitions.record_fee(app.pk, user=handler, pages=150)
    app.refresh_from_db()
    assert (app.fee_method, app.fee_quantity, app.fee_amount) == ("per_page", 150, 1700)
    with pytest.raises(ValidationError, match="两种收费方式"):
        transitions.record_fee(app.pk, user=handler, nth_application=41)
    transitions.record_fee(app.pk, user=handler, pages=100)  # a corrected page count is fine
    app.refresh_from_db()
    assert app.fee_amount == 700


@pytest.mark.django_db
def test_payment_counted_in_year_when_fee_paid():
    from applications.selectors import applicant_month_position, fees_collected

    township = make_township()
    handler = make_member(township=township, role=Role.PUBLISHER)
    apps = [make_application(township=township, received_on=datetime.date(2024, 3, day))
            for day in (4, 5, 6)]
    assert [applicant_month_position(a) for a in apps] == [1, 2, 3]
    app = apps[0]
    transitions.accept(app.pk, user=handler)
    with pytest.raises(ValidationError, match="未计收"):
        transitions.record_payment(app.pk, user=handler, on=datetime.date(2024, 3, 20))
    transitions.record_fee(app.pk, user=handler, pages=100)
    transitions.record_payment(app.pk, user=handler, on=datetime.date(2024, 3, 20))
    assert fees_collected(township, 2024) == 700
    assert fees_collected(township, 2023) == 0
