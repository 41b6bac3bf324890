"""The chain demo puts items into every state of every chain, idempotently."""

import datetime
import io

import pytest

from demo.context import DemoContext
from demo.item_chain import seed_chain_demo
from disclosure.models import DisclosureItem, ItemRevision
from signoff.models import Review
from tests.disclosure.chain_factories import make_staff
from tests.factories import make_county, make_item, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db


def demo_context():
    township = make_township()
    staff = make_staff(township=township, email=False, roles=[
        Role.AUTHOR, Role.OFFICE_HEAD, Role.SUPERVISOR, Role.INFO_LEADER, Role.PRINCIPAL,
        Role.PUBLISHER, Role.TOWNSHIP_ADMIN])
    for n in range(2):
        make_item(township=township, published=True, title=f"关于第{n + 1}批惠民资金发放的公示")
    users = {(township.slug, role.value): user for role, user in staff.items()}
    return DemoContext(county=make_county(), townships=[township], users=users,
                       stdout=io.StringIO(), today=datetime.date.today())  # noqa: DTZ011


def test_every_step_of_every_chain_has_an_item_after_seeding():
    ctx = demo_context()
    seed_chain_demo(ctx)
    township = ctx.townships[0]
    in_review = {(r.importance, r.current_step) for r in
                 Review.objects.filter(township=township, state="in_review",
                                       content_type__model="disclosureitem")}
    assert in_review == {("normal", 0), ("normal", 1), ("important", 0), ("important", 1),
                         ("important", 2), ("critical", 0), ("critical", 1), ("critical", 2),
                         ("critical", 3)}
    approved = set(Review.objects.filter(state="approved").values_list("importance", flat=True))
    assert approved == {"normal", "important", "critical"}
    assert Review.objects.filter(state="changes_requested").count() == 1
    assert ItemRevision.objects.filter(status="in_review").count() == 1
    assert DisclosureItem.objects.filter(status="withdrawn").count() == 1
    for role in (Role.OFFICE_HEAD, Role.SUPERVISOR, Role.INFO_LEADER, Role.PRINCIPAL,
                 Role.PUBLISHER, Role.AUTHOR):
        assert Review.objects.waiting_for(ctx.user(township, role)).exists(), role


def test_seeding_twice_changes_nothing():
    ctx = demo_context()
    seed_chain_demo(ctx)
    counts = (Review.objects.count(), DisclosureItem.objects.count())
    seed_chain_demo(ctx)
    assert (Review.objects.count(), DisclosureItem.objects.count()) == counts
