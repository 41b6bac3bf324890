"""撤回: a withdrawn item's public URL answers 410 with a notice; unpublished stays 404."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from signoff import chain
from signoff.models import SignOff
from tests.disclosure.chain_factories import make_staff
from tests.factories import make_item, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    township = make_township()
    staff = make_staff(township=township)
    item = make_item(township=township, published=True, title="关于某村道路施工的公告")
    return township, staff, item


def test_withdrawn_item_answers_410_with_notice(world, client):
    _township, staff, item = world
    chain.withdraw(item, staff[Role.PUBLISHER], reason="信息有误，重新发布")
    response = client.get(item.get_absolute_url())
    assert response.status_code == 410
    page = response.content.decode()
    assert "已撤回" in page
    assert item.index_no in page
    assert "信息有误" not in page  # the reason is for staff
    log = SignOff.objects.get(action="withdraw")
    assert (log.comment, log.actor) == ("信息有误，重新发布", staff[Role.PUBLISHER])


def test_unpublished_item_still_answers_404(world, client):
    township, _staff, _item = world
    draft = make_item(township=township)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_withdraw_is_refused_without_reason(world):
    _township, staff, item = world
    with pytest.raises(ValidationError, match="理由"):
        chain.withdraw(item, staff[Role.PUBLISHER], reason=" ")


def test_withdraw_is_refused_when_user_is_not_publisher(world):
    _township, staff, item = world
    with pytest.raises(PermissionDenied):
        chain.withdraw(item, staff[Role.INFO_LEADER], reason="不需要了")


def test_withdraw_is_refused_when_publisher_is_from_another_township(world):
    _township, _staff, item = world
    other = make_staff(township=make_township(), roles=[Role.PUBLISHER])[Role.PUBLISHER]
    with pytest.raises(PermissionDenied):
        chain.withdraw(item, other, reason="不需要了")


def test_withdraw_is_refused_when_already_withdrawn(world):
    _township, staff, item = world
    chain.withdraw(item, staff[Role.PUBLISHER], reason="有误")
    with pytest.raises(PermissionDenied):
        chain.withdraw(item, staff[Role.PUBLISHER], reason="有误")


def test_log_list_names_the_withdrawn_item(world, client):
    from django.urls import reverse

    _township, staff, item = world
    chain.withdraw(item, staff[Role.PUBLISHER], reason="有误")
    client.force_login(staff[Role.PUBLISHER])
    page = client.get(reverse("admin:signoff_signoff_changelist")).content.decode()
    assert "关于某村道路施工的公告" in page


def _revision_in_review(item, author):
    from disclosure import revising
    from disclosure.models.revisions import snapshot_item

    data = {**snapshot_item(item), "summary": "补充施工时段说明"}
    revision = revising.save_revision(item, author, data)
    return revision, chain.submit(revision, author)


def test_withdrawing_cancels_an_open_revision_review_and_logs_who_and_why(world):
    _township, staff, item = world
    revision, review = _revision_in_review(item, staff[Role.AUTHOR])
    chain.withdraw(item, staff[Role.PUBLISHER], reason="施工取消")
    review.refresh_from_db()
    revision.refresh_from_db()
    assert (review.state, revision.status) == ("cancelled", "discarded")
    cancel = SignOff.objects.get(action="cancel", review=review)
    assert cancel.actor == staff[Role.PUBLISHER]
    assert "施工取消" in cancel.comment
    assert cancel.to_state == "cancelled"


def test_discarding_a_revision_sent_back_cancels_its_review_in_the_log(world):
    from disclosure import revising

    _township, staff, item = world
    revision, review = _revision_in_review(item, staff[Role.AUTHOR])
    chain.request_changes(review, staff[Role.OFFICE_HEAD], comment="请核实时段。")
    revising.discard_revision(item, staff[Role.AUTHOR])
    cancel = SignOff.objects.get(action="cancel", review=review)
    assert (cancel.actor, cancel.from_state) == (staff[Role.AUTHOR], "changes_requested")
    assert cancel.comment == "修改人放弃了本修订稿。"
    revision.refresh_from_db()
    assert revision.status == "discarded"
