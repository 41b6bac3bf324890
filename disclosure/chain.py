"""Sign-off chain transitions (审稿制度, DESIGN.md §2).

Every move has one shape: atomic; lock the review (and the object) with select_for_update;
refuse a stale form; check the permission predicate; check the move is allowed from the
current state; write; append to the insert-only SignOff log; notify after commit.

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
    withdraw (item)    item published     item withdrawn; an open      党政办
                                          revision is cancelled
    discard_revision   revision draft or  revision discarded (its      the revision's author
                       changes_requested  review cancelled)
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
from .models import ChainStep, ChainTemplate, DisclosureItem, ItemRevision, Review, SignOff
from .models.chain import DEFAULT_CHAINS, PUBLISH_ROLE
from .models.revisions import OPEN_REVISION_STATES
from .subjects import ChainSubject, ItemSubject, RevisionSubject

State = Review.State
Action = SignOff.Action

_SUBJECTS: dict[type, type[ChainSubject]] = {
    DisclosureItem: ItemSubject,
    ItemRevision: RevisionSubject,
}


class PIIBlockedError(ValidationError):
    """Unmasked personal data found and no reason given; `findings` lists (source, [Finding])."""

    def __init__(self, findings):
        self.findings = findings
        count = sum(len(found) for _label, found in findings)
        super().__init__(_("发现%(n)s处疑似未脱敏的个人信息（身份证号、手机号码或银行卡号），"
                           "请脱敏后再提交；确需公开的，须填写理由。") % {"n": count})


def register_subject(model: type, adapter: type[ChainSubject]) -> None:
    """Let another app put its objects through the chain."""
    _SUBJECTS[model] = adapter


def adapter_for(obj) -> ChainSubject:
    try:
        return _SUBJECTS[type(obj)](obj)
    except KeyError:
        raise TypeError(f"{type(obj).__name__} is not registered for the sign-off chain") from None


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


def _lock_review(review: Review) -> Review:
    return Review.objects.select_for_update().get(pk=review.pk)


def _lock_subject(review: Review) -> ChainSubject:
    adapter_cls = _SUBJECTS[review.content_type.model_class()]
    return adapter_cls(adapter_cls.lock(review.object_id))


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
    count = sum(len(found) for _label, found in findings)
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
         pii_count: int = 0) -> SignOff:
    return SignOff.objects.create(
        review=review, content_type=ContentType.objects.get_for_model(subject_obj),
        object_id=subject_obj.pk, township_id=township_id, actor=actor, role=role,
        action=action, step=step,
        step_label=review.step_label(step) if review and step is not None else "",
        round=review.round if review else 1, from_state=from_state, to_state=to_state,
        comment=(comment or "").strip(), confidentiality_attested=attested,
        pii_override_reason=pii_reason, pii_findings=pii_count,
    )


def _notify_later(review: Review) -> None:
    from .notifications import notify_next

    transaction.on_commit(partial(notify_next, review.pk))


# -- transitions ----------------------------------------------------------------------------


@transaction.atomic
def submit(obj, user, *, comment: str = "", pii_reason: str = "") -> Review:
    """The author sends a draft (item or revision) into its chain."""
    adapter_cls = _SUBJECTS[type(obj)]
    subject = adapter_cls(adapter_cls.lock(obj.pk))
    _refuse(permissions.why_not_submit(user, township_id=subject.township_id,
                                       author_id=subject.author_id))
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
def withdraw(item: DisclosureItem, user, *, reason: str) -> DisclosureItem:
    """撤回: take a published item offline with a reason; its record stays for staff."""
    item = DisclosureItem.objects.select_for_update().get(pk=item.pk)
    _refuse(permissions.why_not_withdraw(user, item))
    if not (reason or "").strip():
        raise ValidationError(_("撤回须填写理由。"))
    for revision in ItemRevision.objects.select_for_update().filter(
            item=item, status__in=OPEN_REVISION_STATES):
        review = active_review(revision)
        if review is not None:
            _move(_lock_review(review), state=State.CANCELLED, current_role="",
                  finished_at=timezone.now())
        revision.status = ItemRevision.Status.DISCARDED
        revision.save(update_fields=["status", "updated_at"])
    item.status = DisclosureItem.Status.WITHDRAWN
    item.save(update_fields=["status", "updated_at"])
    _log(None, user, Action.WITHDRAW, subject_obj=item, township_id=item.township_id,
         role=PUBLISH_ROLE, from_state=DisclosureItem.Status.PUBLISHED,
         to_state=DisclosureItem.Status.WITHDRAWN, comment=reason)
    return item


# -- revisions ------------------------------------------------------------------------------


@transaction.atomic
def save_revision(item: DisclosureItem, user, data: dict, *, note: str = "") -> ItemRevision:
    """Record an edit of a published item as its open revision (created when needed)."""
    item = DisclosureItem.objects.select_for_update().get(pk=item.pk)
    if item.status != DisclosureItem.Status.PUBLISHED:
        raise ValidationError(_("只有已发布的信息通过修订进行修改。"))
    if not permissions_can_edit(user, item.township_id):
        raise PermissionDenied(_("您没有修改本乡镇信息的权限。"))
    revision = item.revisions.filter(status__in=OPEN_REVISION_STATES).first()
    if revision is None:
        last = item.revisions.order_by("-number").values_list("number", flat=True).first() or 0
        if last == 0:  # published before revisions existed: keep the live text as no. 1
            from .models.revisions import snapshot_item

            ItemRevision.objects.create(item=item, number=1, data=snapshot_item(item),
                                        status=ItemRevision.Status.PUBLISHED,
                                        published_at=item.first_published_at,
                                        created_by=item.created_by)
            last = 1
        revision = ItemRevision(item=item, number=last + 1, created_by=user)
    elif revision.status not in (ItemRevision.Status.DRAFT,
                                 ItemRevision.Status.CHANGES_REQUESTED):
        raise ValidationError(_("该信息的修订正在审核中，审核结束前不能再修改。"))
    kept = {"removed_attachments": revision.data.get("removed_attachments", [])} \
        if revision.data else {}
    revision.data = {**kept, **data}
    revision.note = note or revision.note
    revision.save()
    return revision


@transaction.atomic
def discard_revision(item: DisclosureItem, user) -> ItemRevision:
    """放弃修订: the author drops an open revision that is not being reviewed."""
    revision = (ItemRevision.objects.select_for_update()
                .filter(item=item, status__in=OPEN_REVISION_STATES).first())
    if revision is None:
        raise ValidationError(_("没有可放弃的修订稿。"))
    if revision.created_by_id not in (None, user.pk):
        raise PermissionDenied(_("只有修订稿的修改人可以放弃修订。"))
    if revision.status not in (ItemRevision.Status.DRAFT, ItemRevision.Status.CHANGES_REQUESTED):
        raise ValidationError(_("修订稿正在审核中，不能放弃。"))
    review = active_review(revision)
    if review is not None:
        _move(_lock_review(review), state=State.CANCELLED, current_role="",
              finished_at=timezone.now())
    revision.status = ItemRevision.Status.DISCARDED
    revision.save(update_fields=["status", "updated_at"])
    return revision


def permissions_can_edit(user, township_id: int) -> bool:
    from townships import permissions as tp

    return bool(tp.roles_in(user, township_id) & tp.EDITOR_ROLES)


def open_revision(item: DisclosureItem) -> ItemRevision | None:
    return item.revisions.filter(status__in=OPEN_REVISION_STATES).first()
