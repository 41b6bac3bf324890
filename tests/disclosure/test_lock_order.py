"""One lock order for chain moves (root object first, signoff/chain.py): withdrawing an item
while its approved revision is being published never deadlocks (PostgreSQL)."""

import os
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, connections

from disclosure import revising
from disclosure.models.revisions import snapshot_item
from signoff import chain
from signoff.models import Review
from tests.disclosure.chain_factories import make_draft, make_staff, sign_all
from tests.factories import make_township
from townships.models import Role

PAIRS = int(os.environ.get("LOCK_ORDER_PAIRS", "100"))
FIGURES: list[str] = []
pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail("REQUIRE_POSTGRES=1 but the database is not PostgreSQL")
        pytest.skip("the lock-order test needs PostgreSQL (set DATABASE_URL)")


def _published_with_approved_revision(township, staff, n):
    item = make_draft(township=township, author=staff[Role.AUTHOR], title=f"第{n}号通知",
                      body="<p>第一段。</p>")
    chain.publish(sign_all(chain.submit(item, staff[Role.AUTHOR]), staff), staff[Role.PUBLISHER])
    item.refresh_from_db()
    data = snapshot_item(item)
    data["body"] = "<p>修订后的第一段。</p>"
    revision = revising.save_revision(item, staff[Role.AUTHOR], data)
    review = sign_all(chain.submit(revision, staff[Role.AUTHOR]), staff)
    assert review.state == Review.State.APPROVED
    return item, review


@pytest.mark.django_db(transaction=True)
def test_withdraw_and_publish_revision_pairs_never_deadlock():
    township = make_township()
    staff = make_staff(township=township, email=False)
    pairs = [_published_with_approved_revision(township, staff, n) for n in range(PAIRS)]
    publisher = staff[Role.PUBLISHER]
    outcomes = {"deadlock": 0, "other error": 0, "refused": 0, "done": 0}
    lock = threading.Lock()

    def run(action):
        try:
            action()
            result = "done"
        except ValidationError:
            result = "refused"  # the other move won: a clear refusal, not an error
        except DatabaseError as exc:
            result = "deadlock" if "deadlock" in str(exc).lower() else "other error"
        finally:
            connections.close_all()
        with lock:
            outcomes[result] += 1

    for item, review in pairs:
        start = threading.Barrier(2)

        def withdraw(item=item, start=start):
            start.wait()
            chain.withdraw(item, publisher, reason="并发测试撤回")

        def publish(review=review, start=start):
            start.wait()
            chain.publish(Review.objects.get(pk=review.pk), publisher)

        threads = [threading.Thread(target=run, args=(withdraw,)),
                   threading.Thread(target=run, args=(publish,))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    FIGURES.append(f"{PAIRS} withdraw/publish-revision pairs: {outcomes}")
    print(FIGURES[-1])  # noqa: T201
    assert outcomes["deadlock"] == 0
    assert outcomes["other error"] == 0
    assert outcomes["done"] >= PAIRS  # every withdrawal succeeds; publishes may be refused
