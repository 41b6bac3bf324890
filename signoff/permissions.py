"""May this user make this move on the sign-off chain?

Each `why_not_*` returns None when the move is allowed, else the Chinese reason it is not;
the `can_*` predicates are their boolean forms. Separation of duties (DESIGN.md §2): the
author never signs their own item; one person never signs two steps of one review, nor
publishes a review they signed; only members holding the step's role in the review's
township may sign it. County roles hold no township role, so they can never act.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from townships import permissions as tp
from townships.models import Role

from .models import PUBLISH_ROLE, Review, SignOff
from .subjects import ChainSubject

State = Review.State


def signed_steps(user, review: Review) -> set[int]:
    """The steps of this review (any round) the user has approved."""
    return set(
        SignOff.objects.filter(review=review, actor=user, action=SignOff.Action.APPROVE)
        .values_list("step", flat=True)
    )


def why_not_submit(user, subject: ChainSubject) -> str | None:
    if not (user.is_active and tp.roles_in(user, subject.township_id) & tp.EDITOR_ROLES):
        return _("只有本乡镇的工作人员可以提交审核。")
    return subject.why_not_submit(user)


def why_not_sign(user, review: Review) -> str | None:
    if review.state != State.IN_REVIEW:
        return _("该信息当前不在审核环节。")
    step = review.steps[review.current_step]
    if not tp.has_role(user, review.township_id, step["role"]):
        return _("“%(step)s”须由本乡镇的%(role)s签署。") % {
            "step": step["label"], "role": Role(step["role"]).label}
    if user.pk == review.author_id:
        return _("报送人不能审核自己报送的信息。")
    if signed_steps(user, review) - {review.current_step}:
        return _("同一人不能在同一审签流程中签署两个环节。")
    return None


def why_not_publish(user, review: Review) -> str | None:
    if review.state != State.APPROVED:
        return _("须在所有审核环节签署完毕后才能发布。")
    if not tp.has_role(user, review.township_id, PUBLISH_ROLE):
        return _("只有本乡镇党政办人员可以发布信息。")
    if user.pk == review.author_id:
        return _("报送人不能发布自己报送的信息。")
    if signed_steps(user, review):
        return _("已在本流程中签署审核环节的人员不能再发布。")
    return None


def why_not_request_changes(user, review: Review) -> str | None:
    if review.state == State.IN_REVIEW:
        return why_not_sign(user, review)
    if review.state == State.APPROVED:
        return why_not_publish(user, review)
    return _("该信息当前不能退回。")


def why_not_resubmit(user, review: Review) -> str | None:
    if review.state != State.CHANGES_REQUESTED:
        return _("只有被退回修改的信息才能重新提交。")
    if user.pk != review.author_id:
        return _("只有报送人本人可以重新提交。")
    return None


def why_not_withdraw(user, subject: ChainSubject) -> str | None:
    if not subject.supports_withdraw:
        return _("该类内容不能撤回。")
    if not subject.is_published():
        return _("只有已发布的信息才能撤回。")
    if not tp.has_role(user, subject.township_id, PUBLISH_ROLE):
        return _("只有本乡镇党政办人员可以撤回信息。")
    return None


def why_not_cancel(user, review: Review) -> str | None:
    if review.state not in (State.IN_REVIEW, State.CHANGES_REQUESTED, State.APPROVED):
        return _("该审签已经结束。")
    if user.pk == review.author_id or tp.has_role(user, review.township_id, PUBLISH_ROLE):
        return None
    return _("只有报送人本人或本乡镇党政办人员可以终止审签。")


def can_sign(user, review: Review) -> bool:
    return why_not_sign(user, review) is None


def can_publish(user, review: Review) -> bool:
    return why_not_publish(user, review) is None


def can_resubmit(user, review: Review) -> bool:
    return why_not_resubmit(user, review) is None


def can_withdraw(user, subject: ChainSubject) -> bool:
    return why_not_withdraw(user, subject) is None


def can_act(user, review: Review) -> bool:
    """Whether the review is waiting for this user (the 待我处理 queue)."""
    return (can_sign(user, review) or can_publish(user, review)
            or can_resubmit(user, review))

