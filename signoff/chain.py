"""Sign-off chain transitions (审稿制度, DESIGN.md §2).

Every move has one shape: atomic; lock the rows (in the one order below) with
select_for_update; refuse a stale form; check the permission predicate; check the move is
allowed from the current state; write; append to the insert-only SignOff log; notify after
commit.

LOCK ORDER (every chain move, and any code that locks these rows: disclosure/revising.py,
disclosure/subjects.py): **root object first**, then the review, then the subject, then any
other dependent. The root is the object a subject belongs to: a revision's item
(`ChainSubject.root`), or the subject itself. So withdrawing an item (item → its revision's
review → the revision) and publishing a revision (item → review → revision) take their
locks in the same order and cannot deadlock; `_lock_review` and `_lock_object` lock the
root before anything else. Locking a row this transaction already holds again is free.

Allowed moves (review state -> review state; who may make the move):

    =================  =================  ===========================  =========================
    move               from               to                           who
    =================  =================  ===========================  =========================
    submit             no active review   in_review, first step        the author
    approve            in_review, step k  in_review step k+1, or       holder of step k's role;
                                          approved after the last one  not the author; no other
                                                                       step of this review signed
    request_changes    in_review          changes_requested            who may approve now
    request_changes    approved           changes_requested            who may publish now
    resubmit           changes_requested  in_review, first step,       the author
                                          next round (the chain of
                                          the new importance if the
                                          author changed it)
    publish            approved           published                    党政办; not the author;
                                                                       no step of it signed
    withdraw           subject published  subject withdrawn; open      党政办
                                          reviews of its dependents
                                          (revisions) cancelled
    cancel             an active review   cancelled                    its author (discarding a
                                                                       revision), or the 党政办
    =================  =================  ===========================  =========================

The first step carries the 保密审查 attestation. Submit, resubmit and publish scan for
personal data; findings block unless a reason is given (at publish: the publisher's
override), and the reason and count are logged.
"""

from __future__ import annotations

from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from townships.models import Role, Township

from . import permissions
from .models import DEFAULT_CHAINS, PUBLISH_ROLE, ChainStep, ChainTemplate, Review, SignOff
from .subjects import ChainSubject, adapter_class

State = Review.State
Action = SignOff.Action


class PIIBlockedError(ValidationError):
    """Unmasked personal data found and no reason given; `findings` lists (source, [Finding])."""

    def __init__(self, findings):
        self.findings = findings
        count = sum(len(source.findings) for source in findings)
        super().__init__(_("发现%(n)s处疑似未脱敏的个人信息（身份证号、手机号码或银行卡号），"
                           "请脱敏后再提交；确需公开的，须填写理由。") % {"n": count})


# -- chains ---------------------------------------------------------------------------------


def ensure_default_chains(township: Township) -> None:
    """Create the DESIGN.md §2 default chains a township does not have yet."""
    for importance, steps in DEFAULT_CHAINS.items():
        template, created = ChainTemplate.objects.get_or_create(township=township,
                                                                importance=importance)
        if created:
            ChainStep.objects.bulk_create(
                ChainStep(template=template, order=n, role=role, label=label)
                for n, (role, label) in enumerate(steps, start=1)
            )


def chain_steps(township: Township | int, importance: str) -> list[dict]:
    township_id = township if isinstance(township, int) else township.pk
    template = ChainTemplate.objects.filter(township_id=township_id,
                                            importance=importance).first()
    if template is None:
        ensure_default_chains(Township.objects.get(pk=township_id))
        template = ChainTemplate.objects.get(township_id=township_id, importance=importance)
    return template.snapshot()


def active_review(obj) -> Review | None:
    return Review.objects.active().for_object(obj).first()


# -- helpers --------------------------------------------------------------------------------


def _lock_root(model, object_id: int) -> None:
    """The first lock of every move (see LOCK ORDER above)."""
    adapter_class(model).lock_root(object_id)


def _lock_review(review: Review) -> Review:
    _lock_root(review.content_type.model_class(), review.object_id)
    return Review.objects.select_for_update().get(pk=review.pk)


def _lock_subject(review: Review) -> ChainSubject:
    adapter_cls = adapter_class(review.content_type.model_class())
    return adapter_cls(adapter_cls.lock(review.object_id))


def _lock_object(obj) -> ChainSubject:
    adapter_cls = adapter_class(type(obj))
    adapter_cls.lock_root(obj.pk)
    return adapter_cls(adapter_cls.lock(obj.pk))


def _refuse_stale(review: Review, expected_version: int | None) -> None:
    if expected_version is None or int(expected_version) == review.version:
        return
    last = review.signoffs.order_by("-created_at", "-pk").first()
    if last is None:
        raise ValidationError(_("页面内容已过期，请刷新后重试。"))
    raise ValidationError(
        _("您打开页面后，%(actor)s已于%(time)s“%(action)s”，页面内容已过期，本次操作未执行。"
          "请刷新页面，查看最新状态后再操作。") % {
            "actor": last.actor, "action": last.get_action_display(),
            "time": timezone.localtime(last.created_at).strftime("%H:%M:%S")},
        code="stale",
    )


def _refuse(reason: str | None) -> None:
    if reason:
        raise PermissionDenied(reason)


def _check_pii(subject: ChainSubject, reason: str) -> tuple[int, str]:
    findings = subject.pii_findings()
    count = sum(len(source.findings) for source in findings)
    reason = (reason or "").strip()
    if count and not reason:
        raise PIIBlockedError(findings)
    return count, reason if count else ""


def _move(review: Review, **fields) -> None:
    fields.setdefault("waiting_since", timezone.now())
    for name, value in fields.items():
        setattr(review, name, value)
    review.version += 1
    review.save(update_fields=[*fields, "version"])


def _log(review: Review | None, actor, action: str, *, subject_obj, township_id: int,
         role: str = "", step: int | None = None, from_state: str = "", to_state: str = "",
         comment: str = "", attested: bool = False, pii_reason: str = "",
         pii_count: int = 0, title_withheld: bool = False) -> SignOff:
    return SignOff.objects.create(
        review=review, content_type=ContentType.objects.get_for_model(subject_obj),
        object_id=subject_obj.pk, township_id=township_id, actor=actor, role=role,
        action=action, step=step,
        step_label=review.step_label(step) if review and step is not None else "",
        round=review.round if review else 1, from_state=from_state, to_state=to_state,
        comment=(comment or "").strip(), confidentiality_attested=attested,
        pii_override_reason=pii_reason, pii_findings=pii_count, title_withheld=title_withheld,
    )


def _notify_later(review: Review) -> None:
    from .notifications import notify_next

    transaction.on_commit(partial(notify_next, review.pk))


def _cancel(review: Review, user, subject: ChainSubject, *, reason: str, role: str) -> None:
    from_state = review.state
    _move(review, state=State.CANCELLED, current_role="", finished_at=timezone.now())
    subject.set_state(State.CANCELLED)
    _log(review, user, Action.CANCEL, subject_obj=subject.obj, township_id=review.township_id,
         role=role, from_state=from_state, to_state=State.CANCELLED, comment=reason)


# -- transitions ----------------------------------------------------------------------------


@transaction.atomic
def submit(obj, user, *, comment: str = "", pii_reason: str = "") -> Review:
    """The author sends a draft (item, revision, report) into its chain."""
    subject = _lock_object(obj)
    _refuse(permissions.why_not_submit(user, subject))
    if active_review(subject.obj):
        raise ValidationError(_("该信息已在审签流程中，不能重复提交。"), code="stale")
    subject.check_submittable()
    steps = chain_steps(subject.township_id, subject.importance)
    if not steps:
        raise ValidationError(_("本乡镇该重要程度的审签流程没有审核环节，请联系乡镇管理员配置。"))
    pii_count, pii_reason = _check_pii(subject, pii_reason)
    try:
        with transaction.atomic():
            review = Review.objects.create(
                township_id=subject.township_id, content_type=ContentType.objects
                .get_for_model(subject.obj), object_id=subject.obj.pk, title=subject.title[:200],
                importance=subject.importance, steps=steps, state=State.IN_REVIEW,
                current_step=0, current_role=steps[0]["role"], author=user,
            )
    except IntegrityError:
        raise ValidationError(_("该信息已在审签流程中，不能重复提交。"), code="stale") from None
    subject.set_state(State.IN_REVIEW)
    _log(review, user, Action.SUBMIT, subject_obj=subject.obj, township_id=review.township_id,
         role=Role.AUTHOR, to_state=State.IN_REVIEW, comment=comment, pii_reason=pii_reason,
         pii_count=pii_count)
    _notify_later(review)
    return review


@transaction.atomic
def approve(review: Review, user, *, expected_version: int | None = None, comment: str = "",
            attest_confidentiality: bool = False) -> Review:
    """Sign the current step; after the last step the review waits for the 党政办."""
    review = _lock_review(review)
    _refuse_stale(review, expected_version)
    _refuse(permissions.why_not_sign(user, review))
    step = review.current_step
    if step == 0 and not attest_confidentiality:
        raise ValidationError(_("第一审核环节须进行保密审查：请确认本信息不涉及国家秘密、"
                                "商业秘密和个人隐私。"))
    subject = _lock_subject(review)
    role = review.steps[step]["role"]
    if step + 1 < len(review.steps):
        _move(review, current_step=step + 1, current_role=review.steps[step + 1]["role"])
    else:
        _move(review, current_step=step + 1, current_role=PUBLISH_ROLE, state=State.APPROVED)
        subject.set_state(State.APPROVED)
    _log(review, user, Action.APPROVE, subject_obj=subject.obj, township_id=review.township_id,
         role=role, step=step, from_state=State.IN_REVIEW, to_state=review.state,
         comment=comment, attested=step == 0 and attest_confidentiality)
    _notify_later(review)
    return review


@transaction.atomic
def request_changes(review: Review, user, *, comment: str,
                    expected_version: int | None = None) -> Review:
    """Send the item back to its author with a mandatory comment (退回修改)."""
    review = _lock_review(review)
    _refuse_stale(review, expected_version)
    _refuse(permissions.why_not_request_changes(user, review))
    if not (comment or "").strip():
        raise ValidationError(_("退回修改须填写意见，说明需要修改的内容。"))
    subject = _lock_subject(review)
    from_state, step = review.state, review.current_step
    role = review.steps[step]["role"] if from_state == State.IN_REVIEW else PUBLISH_ROLE
    _move(review, state=State.CHANGES_REQUESTED, current_role="")
    subject.set_state(State.CHANGES_REQUESTED)
    _log(review, user, Action.REQUEST_CHANGES, subject_obj=subject.obj,
         township_id=review.township_id, role=role,
         step=step if from_state == State.IN_REVIEW else None, from_state=from_state,
         to_state=State.CHANGES_REQUESTED, comment=comment)
    _notify_later(review)
    return review


@transaction.atomic
def resubmit(review: Review, user, *, expected_version: int | None = None, comment: str = "",
             pii_reason: str = "") -> Review:
    """The author sends the corrected item back; every step signs again (a new round)."""
    review = _lock_review(review)
    _refuse_stale(review, expected_version)
    _refuse(permissions.why_not_resubmit(user, review))
    subject = _lock_subject(review)
    problems = subject.publish_problems()
    if problems:
        raise ValidationError(problems)
    pii_count, pii_reason = _check_pii(subject, pii_reason)
    changes = {}
    if subject.importance != review.importance:
        # The author changed the importance: the item now needs that importance's chain.
        changes = {"importance": subject.importance,
                   "steps": chain_steps(review.township_id, subject.importance)}
    steps = changes.get("steps", review.steps)
    _move(review, state=State.IN_REVIEW, current_step=0, current_role=steps[0]["role"],
          round=review.round + 1, title=subject.title[:200], **changes)
    subject.set_state(State.IN_REVIEW)
    _log(review, user, Action.RESUBMIT, subject_obj=subject.obj, township_id=review.township_id,
         role=Role.AUTHOR, from_state=State.CHANGES_REQUESTED, to_state=State.IN_REVIEW,
         comment=comment, pii_reason=pii_reason, pii_count=pii_count)
    _notify_later(review)
    return review


@transaction.atomic
def publish(review: Review, user, *, expected_version: int | None = None, comment: str = "",
            pii_reason: str = "") -> Review:
    """The 党政办 publishes once every step is signed (items: 索引号 and 发布日期 assigned)."""
    review = _lock_review(review)
    _refuse_stale(review, expected_version)
    _refuse(permissions.why_not_publish(user, review))
    subject = _lock_subject(review)
    pii_count, pii_reason = _check_pii(subject, pii_reason)
    subject.publish(user)
    _move(review, state=State.PUBLISHED, current_role="", finished_at=timezone.now())
    _log(review, user, Action.PUBLISH, subject_obj=subject.obj, township_id=review.township_id,
         role=PUBLISH_ROLE, from_state=State.APPROVED, to_state=State.PUBLISHED,
         comment=comment, pii_reason=pii_reason, pii_count=pii_count)
    _notify_later(review)
    return review


@transaction.atomic
def withdraw(obj, user, *, reason: str, withhold_title: bool = False):
    """撤回: take a published subject offline with a reason; its record stays for staff.
    `withhold_title`: withdrawn for its title or content, so its title is not listed either.

    Open reviews of its dependents (an item's revision in review) are cancelled and logged.
    """
    subject = _lock_object(obj)
    _refuse(permissions.why_not_withdraw(user, subject))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("撤回须填写理由。"))
    for dependent in subject.dependents():
        review = active_review(dependent)
        if review is not None:
            _cancel(_lock_review(review), user, _lock_object(dependent),
                    reason=_("信息已撤回：%(reason)s") % {"reason": reason}, role=PUBLISH_ROLE)
    subject.withdraw(user)
    _log(None, user, Action.WITHDRAW, subject_obj=subject.obj, township_id=subject.township_id,
         role=PUBLISH_ROLE, from_state=State.PUBLISHED, to_state="withdrawn", comment=reason,
         title_withheld=withhold_title)
    return subject.obj


@transaction.atomic
def cancel(review: Review, user, *, reason: str) -> Review:
    """终止审签: end an active review (its author dropping the draft, or the 党政办)."""
    review = _lock_review(review)
    _refuse(permissions.why_not_cancel(user, review))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("终止审签须说明原因。"))
    role = Role.AUTHOR if user.pk == review.author_id else PUBLISH_ROLE
    _cancel(review, user, _lock_subject(review), reason=reason, role=role)
    return review
