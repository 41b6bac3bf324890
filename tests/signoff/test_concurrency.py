"""Two reviewers acting on one step at the same moment: exactly one wins (PostgreSQL)."""

import os
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections

from disclosure.models import DisclosureItem
from signoff import chain
from signoff.models import Review, SignOff
from tests.disclosure.chain_factories import make_draft, make_staff, sign_all
from tests.factories import make_member, make_township
from townships.models import Role


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail("REQUIRE_POSTGRES is set but the database is not PostgreSQL")
        pytest.skip("row-lock concurrency needs PostgreSQL")


def race(*calls):
    """Run the calls in parallel threads (own connections), released together."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = ("ok", call())
        except (ValidationError, PermissionDenied) as exc:
            results[index] = ("refused", exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@pytest.mark.django_db(transaction=True)
def test_exactly_one_signoff_when_two_heads_sign_same_step_at_once():
    township = make_township()
    staff = make_staff(township=township)
    second_head = make_member(township=township, role=Role.OFFICE_HEAD)
    item = make_draft(township=township, author=staff[Role.AUTHOR])
    review = chain.submit(item, staff[Role.AUTHOR])
    version = review.version

    def sign(user):
        return lambda: chain.approve(Review.objects.get(pk=review.pk), user,
                                     expected_version=version, attest_confidentiality=True)

    results = race(sign(staff[Role.OFFICE_HEAD]), sign(second_head))
    outcomes = sorted(r[0] for r in results)
    assert outcomes == ["ok", "refused"]
    refusal = next(r[1] for r in results if r[0] == "refused")
    assert "已过期" in " ".join(refusal.messages)
    assert SignOff.objects.filter(review=review, action="approve").count() == 1
    review.refresh_from_db()
    assert (review.current_step, review.version) == (1, version + 1)


@pytest.mark.django_db(transaction=True)
def test_item_is_published_once_when_two_publishers_click_at_once():
    township = make_township()
    staff = make_staff(township=township)
    second_publisher = make_member(township=township, role=Role.PUBLISHER)
    item = make_draft(township=township, author=staff[Role.AUTHOR])
    review = sign_all(chain.submit(item, staff[Role.AUTHOR]), staff)

    def publish(user):
        return lambda: chain.publish(Review.objects.get(pk=review.pk), user,
                                     expected_version=review.version)

    results = race(publish(staff[Role.PUBLISHER]), publish(second_publisher))
    assert sorted(r[0] for r in results) == ["ok", "refused"]
    assert SignOff.objects.filter(review=review, action="publish").count() == 1
    item = DisclosureItem.objects.get(pk=item.pk)
    assert item.status == DisclosureItem.Status.PUBLISHED
    assert item.revisions.count() == 1
