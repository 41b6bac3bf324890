"""Every allowed and refused move of the sign-off chain."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from disclosure.models import DisclosureItem
from signoff import chain
from signoff.models import ChainStep, ChainTemplate, Review, SignOff
from tests.disclosure.chain_factories import make_draft, make_staff, sign_all
from tests.factories import make_member, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db
State = Review.State
Status = DisclosureItem.Status


@pytest.fixture
def world():
    township = make_township()
    staff = make_staff(township=township)
    item = make_draft(township=township, author=staff[Role.AUTHOR])
    return township, staff, item


@pytest.mark.parametrize(("importance", "roles"), [
    ("normal", [Role.OFFICE_HEAD, Role.INFO_LEADER]),
    ("important", [Role.OFFICE_HEAD, Role.SUPERVISOR, Role.INFO_LEADER]),
    ("critical", [Role.OFFICE_HEAD, Role.SUPERVISOR, Role.INFO_LEADER, Role.PRINCIPAL]),
])
def test_item_is_published_when_every_step_of_default_chain_is_signed(importance, roles):
    township = make_township()
    staff = make_staff(township=township)
    item = make_draft(township=township, author=staff[Role.AUTHOR], importance=importance)
    review = chain.submit(item, staff[Role.AUTHOR])
    assert [s["role"] for s in review.steps] == roles
    for index, role in enumerate(roles):
        item.refresh_from_db()
        assert item.status == Status.IN_REVIEW
        assert review.current_role == role
        review = chain.approve(review, staff[role], expected_version=review.version,
                               attest_confidentiality=index == 0)
    item.refresh_from_db()
    assert (review.state, item.status) == (State.APPROVED, Status.APPROVED)
    review = chain.publish(review, staff[Role.PUBLISHER], expected_version=review.version)
    item.refresh_from_db()
    assert review.state == State.PUBLISHED
    assert item.status == Status.PUBLISHED
    assert item.index_no
    assert item.published_on
    actions = list(SignOff.objects.for_object(item).values_list("action", flat=True))
    assert actions == ["submit", *["approve"] * len(roles), "publish"]


def test_submit_is_refused_when_user_is_not_the_author(world):
    _township, staff, item = world
    with pytest.raises(PermissionDenied):
        chain.submit(item, staff[Role.OFFICE_HEAD])


def test_submit_is_refused_when_item_already_in_review(world):
    _township, staff, item = world
    chain.submit(item, staff[Role.AUTHOR])
    with pytest.raises(ValidationError):
        chain.submit(item, staff[Role.AUTHOR])


def test_submit_is_refused_when_user_belongs_to_another_township(world):
    _township, _staff, item = world
    stranger = make_member(township=make_township(), role=Role.AUTHOR)
    item.created_by = None
    item.save(update_fields=["created_by"])
    with pytest.raises(PermissionDenied):
        chain.submit(item, stranger)


def test_sign_is_refused_when_role_is_wrong(world):
    _township, staff, item = world
    review = chain.submit(item, staff[Role.AUTHOR])
    with pytest.raises(PermissionDenied, match="科室负责人"):
        chain.approve(review, staff[Role.PUBLISHER], attest_confidentiality=True)


def test_sign_is_refused_when_step_would_be_skipped(world):
    _township, staff, item = world
    review = chain.submit(item, staff[Role.AUTHOR])
    with pytest.raises(PermissionDenied):
        chain.approve(review, staff[Role.INFO_LEADER], attest_confidentiality=True)
    review.refresh_from_db()
    assert review.current_step == 0


def test_sign_is_refused_when_role_is_held_in_another_township(world):
    _township, staff, item = world
    other_head = make_member(township=make_township(), role=Role.OFFICE_HEAD)
    review = chain.submit(item, staff[Role.AUTHOR])
    with pytest.raises(PermissionDenied):
        chain.approve(review, other_head, attest_confidentiality=True)


def test_sign_is_refused_when_signer_is_the_author(world):
    township, staff, item = world
    make_member(township=township, role=Role.OFFICE_HEAD, user=staff[Role.AUTHOR])
    review = chain.submit(item, staff[Role.AUTHOR])
    with pytest.raises(PermissionDenied, match="报送人"):
        chain.approve(review, staff[Role.AUTHOR], attest_confidentiality=True)


def test_sign_is_refused_when_same_person_signed_another_step(world):
    township, staff, item = world
    head = staff[Role.OFFICE_HEAD]
    make_member(township=township, role=Role.INFO_LEADER, user=head)
    review = chain.submit(item, staff[Role.AUTHOR])
    review = chain.approve(review, head, attest_confidentiality=True)
    with pytest.raises(PermissionDenied, match="两个环节"):
        chain.approve(review, head)


def test_sign_is_refused_when_county_auditor_tries(world):
    _township, staff, item = world
    auditor = make_member(role=Role.COUNTY_AUDITOR)
    review = chain.submit(item, staff[Role.AUTHOR])
    with pytest.raises(PermissionDenied):
        chain.approve(review, auditor, attest_confidentiality=True)


def test_first_step_is_refused_when_confidentiality_not_attested(world):
    _township, staff, item = world
    review = chain.submit(item, staff[Role.AUTHOR])
    with pytest.raises(ValidationError, match="保密审查"):
        chain.approve(review, staff[Role.OFFICE_HEAD])
    review = chain.approve(review, staff[Role.OFFICE_HEAD], attest_confidentiality=True)
    log = SignOff.objects.get(review=review, action="approve")
    assert log.confidentiality_attested is True
    assert log.step_label == "科室负责人审核"


def test_move_is_refused_when_form_is_stale(world):
    township, staff, item = world
    head2 = make_member(township=township, role=Role.OFFICE_HEAD)
    review = chain.submit(item, staff[Role.AUTHOR])
    seen_version = review.version
    chain.approve(review, staff[Role.OFFICE_HEAD], expected_version=seen_version,
                  attest_confidentiality=True)
    with pytest.raises(ValidationError, match="已过期") as info:
        chain.approve(review, head2, expected_version=seen_version, attest_confidentiality=True)
    assert staff[Role.OFFICE_HEAD].get_full_name() in str(info.value)
    assert SignOff.objects.filter(review=review, action="approve").count() == 1


def test_publish_is_refused_before_every_step_is_signed(world):
    _township, staff, item = world
    review = chain.submit(item, staff[Role.AUTHOR])
    review = sign_all(review, staff, upto=1)
    with pytest.raises(PermissionDenied, match="签署完毕"):
        chain.publish(review, staff[Role.PUBLISHER])
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW
    assert item.index_no is None


def test_publish_is_refused_when_user_is_not_publisher(world):
    _township, staff, item = world
    review = sign_all(chain.submit(item, staff[Role.AUTHOR]), staff)
    with pytest.raises(PermissionDenied, match="党政办"):
        chain.publish(review, staff[Role.INFO_LEADER])


def test_publish_is_refused_when_publisher_signed_a_step(world):
    township, staff, item = world
    make_member(township=township, role=Role.PUBLISHER, user=staff[Role.INFO_LEADER])
    review = sign_all(chain.submit(item, staff[Role.AUTHOR]), staff)
    with pytest.raises(PermissionDenied):
        chain.publish(review, staff[Role.INFO_LEADER])


def test_publish_is_refused_the_second_time(world):
    _township, staff, item = world
    review = sign_all(chain.submit(item, staff[Role.AUTHOR]), staff)
    version = review.version
    chain.publish(review, staff[Role.PUBLISHER], expected_version=version)
    with pytest.raises((ValidationError, PermissionDenied)):
        chain.publish(review, staff[Role.PUBLISHER])
    assert SignOff.objects.filter(action="publish").count() == 1


def test_item_returns_to_author_with_comment_when_changes_requested(world):
    _township, staff, item = world
    review = chain.submit(item, staff[Role.AUTHOR])
    review = sign_all(review, staff, upto=1)
    review = chain.request_changes(review, staff[Role.INFO_LEADER], comment="请补充资金来源。",
                                   expected_version=review.version)
    item.refresh_from_db()
    assert (review.state, item.status) == (State.CHANGES_REQUESTED, Status.CHANGES_REQUESTED)
    assert review.current_role == ""
    assert list(Review.objects.waiting_for(staff[Role.AUTHOR])) == [review]
    log = SignOff.objects.filter(review=review).last()
    assert (log.action, log.comment) == ("request_changes", "请补充资金来源。")


def test_request_changes_is_refused_without_comment(world):
    _township, staff, item = world
    review = chain.submit(item, staff[Role.AUTHOR])
    with pytest.raises(ValidationError, match="意见"):
        chain.request_changes(review, staff[Role.OFFICE_HEAD], comment="  ")


def test_request_changes_is_refused_when_user_cannot_sign_now(world):
    _township, staff, item = world
    review = chain.submit(item, staff[Role.AUTHOR])
    with pytest.raises(PermissionDenied):
        chain.request_changes(review, staff[Role.INFO_LEADER], comment="不同意")


def test_publisher_can_send_back_when_approved(world):
    _township, staff, item = world
    review = sign_all(chain.submit(item, staff[Role.AUTHOR]), staff)
    review = chain.request_changes(review, staff[Role.PUBLISHER], comment="标题有错别字")
    assert review.state == State.CHANGES_REQUESTED


def test_resubmission_restarts_chain_and_keeps_history(world):
    _township, staff, item = world
    review = chain.submit(item, staff[Role.AUTHOR])
    review = sign_all(review, staff, upto=1)
    review = chain.request_changes(review, staff[Role.INFO_LEADER], comment="请修改")
    item.title = "关于调整村级公益岗位补贴标准的通知"
    item.save()
    review = chain.resubmit(review, staff[Role.AUTHOR], expected_version=review.version)
    item.refresh_from_db()
    assert (review.state, review.current_step, review.round) == (State.IN_REVIEW, 0, 2)
    assert item.status == Status.IN_REVIEW
    review = sign_all(review, staff)
    chain.publish(review, staff[Role.PUBLISHER])
    actions = list(SignOff.objects.filter(review=review).values_list("action", "round"))
    assert actions == [("submit", 1), ("approve", 1), ("request_changes", 1), ("resubmit", 2),
                       ("approve", 2), ("approve", 2), ("publish", 2)]


def test_resubmit_is_refused_when_user_is_not_the_author(world):
    _township, staff, item = world
    review = chain.submit(item, staff[Role.AUTHOR])
    review = chain.request_changes(review, staff[Role.OFFICE_HEAD], comment="请修改")
    with pytest.raises(PermissionDenied):
        chain.resubmit(review, staff[Role.OFFICE_HEAD])


def test_resubmit_is_refused_when_not_sent_back(world):
    _township, staff, item = world
    review = chain.submit(item, staff[Role.AUTHOR])
    with pytest.raises(PermissionDenied):
        chain.resubmit(review, staff[Role.AUTHOR])


def test_changing_a_chain_leaves_items_in_review_unchanged(world):
    township, staff, item = world
    review = chain.submit(item, staff[Role.AUTHOR])
    template = ChainTemplate.objects.get(township=township, importance="normal")
    ChainStep.objects.create(template=template, order=9, role=Role.PRINCIPAL, label="主要领导签发")
    review = sign_all(review, staff)
    assert review.state == State.APPROVED
    other = make_draft(township=township, author=staff[Role.AUTHOR])
    assert len(chain.submit(other, staff[Role.AUTHOR]).steps) == 3


def test_township_chain_is_used_when_adjusted(world):
    township, staff, item = world
    chain.ensure_default_chains(township)
    template = ChainTemplate.objects.get(township=township, importance="normal")
    template.steps.filter(role=Role.INFO_LEADER).update(role=Role.PRINCIPAL, label="镇长签发")
    review = chain.submit(item, staff[Role.AUTHOR])
    assert [s["label"] for s in review.steps] == ["科室负责人审核", "镇长签发"]


def test_default_chains_exist_for_every_importance_when_ensured():
    township = make_township()
    chain.ensure_default_chains(township)
    chain.ensure_default_chains(township)
    assert ChainTemplate.objects.filter(township=township).count() == 3
    assert ChainStep.objects.filter(template__township=township).count() == 2 + 3 + 4


def test_queue_lists_items_waiting_for_user_roles_oldest_first(world):
    township, staff, item = world
    newer = make_draft(township=township, author=staff[Role.AUTHOR])
    first = chain.submit(item, staff[Role.AUTHOR])
    second = chain.submit(newer, staff[Role.AUTHOR])
    assert list(Review.objects.waiting_for(staff[Role.OFFICE_HEAD])) == [first, second]
    assert list(Review.objects.waiting_for(staff[Role.INFO_LEADER])) == []
    other_head = make_member(township=make_township(), role=Role.OFFICE_HEAD)
    assert list(Review.objects.waiting_for(other_head)) == []


def test_resubmission_uses_new_chain_when_author_raised_importance(world):
    _township, staff, item = world
    review = chain.submit(item, staff[Role.AUTHOR])
    review = chain.request_changes(review, staff[Role.OFFICE_HEAD], comment="应列为特别重要")
    item.importance = "critical"
    item.save()
    review = chain.resubmit(review, staff[Role.AUTHOR])
    assert review.importance == "critical"
    assert len(review.steps) == 4
