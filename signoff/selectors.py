"""Reads assembled for the back office: the chain panel of an object and the moves on offer."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from townships.models import Role

from . import permissions
from .models import Review, SignOff
from .subjects import SubjectDiff, adapter_class, adapter_for

State = Review.State

ACTION_LABELS = {
    "submit": _("提交审核"),
    "approve": _("审核通过并签署"),
    "request_changes": _("退回修改"),
    "resubmit": _("修改完毕，重新提交"),
    "publish": _("发布"),
    "withdraw": _("撤回"),
}


@dataclass
class StepView:
    label: str
    role: str
    state: str  # "done", "current", "waiting"
    signer: object = None
    signed_at: object = None
    attested: bool = False

    @property
    def state_label(self) -> str:
        return str({"done": _("已签署"), "current": _("待处理")}.get(self.state, _("未开始")))


@dataclass
class ChainPanel:
    item: object  # the object the page shows (an item, a report)
    subject: object  # what is under review for it (the object, or its open revision)
    review: Review | None
    status_label: str = ""
    steps: list[StepView] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    log: list[SignOff] = field(default_factory=list)
    open_revision: object = None
    revision_count: int = 0
    last_changes_comment: SignOff | None = None
    pii_findings: list = field(default_factory=list)
    pii_reasons: list[SignOff] = field(default_factory=list)

    @property
    def action_links(self):
        return [(name, ACTION_LABELS[name]) for name in self.actions]

    @property
    def is_active(self) -> bool:
        return self.review is not None and self.review.state in (
            State.IN_REVIEW, State.CHANGES_REQUESTED, State.APPROVED)


def subject_of(container):
    """What goes through the chain for this object now (None when nothing can)."""
    return adapter_class(type(container)).current_subject(container)


def latest_review(subject) -> Review | None:
    if subject is None:
        return None
    return Review.objects.for_object(subject).order_by("-submitted_at", "-pk").first()


def object_log(container):
    """The sign-off log of an object and everything that went through the chain for it."""
    condition = Q(pk__in=[])
    for obj in adapter_class(type(container)).log_objects(container):
        condition |= Q(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)
    return (SignOff.objects.filter(condition).select_related("actor", "review")
            .order_by("created_at", "pk"))


def _steps(review: Review) -> list[StepView]:
    signed = {s.step: s for s in review.signoffs.filter(action=SignOff.Action.APPROVE,
                                                       round=review.round)
              .select_related("actor")}
    views = []
    for index, step in enumerate(review.steps):
        entry = signed.get(index)
        if entry is not None and (review.state != State.CHANGES_REQUESTED):
            state = "done"
        elif review.state == State.IN_REVIEW and index == review.current_step:
            state = "current"
        else:
            state = "waiting"
        views.append(StepView(step["label"], Role(step["role"]).label, state,
                              entry.actor if entry and state == "done" else None,
                              entry.created_at if entry and state == "done" else None,
                              bool(entry and entry.confidentiality_attested)))
    publish_state = {State.PUBLISHED: "done", State.APPROVED: "current"}.get(review.state,
                                                                            "waiting")
    published = review.signoffs.filter(action=SignOff.Action.PUBLISH).first()
    views.append(StepView(str(_("党政办发布")), Role.PUBLISHER.label, publish_state,
                          published.actor if published else None,
                          published.created_at if published else None))
    return views


def available_actions(user, container, subject, review: Review | None) -> list[str]:
    actions = []
    active = review if review is not None and review.state in (
        State.IN_REVIEW, State.CHANGES_REQUESTED, State.APPROVED) else None
    if subject is not None and active is None:
        adapter = adapter_for(subject)
        if adapter.is_draft() and permissions.why_not_submit(
                user, adapter) is None:
            actions.append("submit")
    if active is not None:
        if permissions.can_sign(user, active):
            actions += ["approve", "request_changes"]
        if permissions.can_publish(user, active):
            actions += ["publish", "request_changes"]
        if permissions.can_resubmit(user, active):
            actions.append("resubmit")
    if permissions.can_withdraw(user, adapter_for(container)):
        actions.append("withdraw")
    return list(dict.fromkeys(actions))


def chain_panel(user, container) -> ChainPanel:
    """The chain panel of any registered object (a disclosure item, an annual report)."""
    adapter_cls = adapter_class(type(container))
    container_adapter = adapter_cls(container)
    subject = subject_of(container)
    review = latest_review(subject)
    panel = ChainPanel(item=container, subject=subject, review=review,
                       status_label=container_adapter.status_label)
    if review is not None and review.state != State.CANCELLED:
        panel.steps = _steps(review)
        if review.state == State.CHANGES_REQUESTED:
            panel.last_changes_comment = review.signoffs.filter(
                action=SignOff.Action.REQUEST_CHANGES).order_by("-created_at").first()
    if subject is not None:
        # Reviewers see what the personal-data scan finds, and any reason given for it.
        panel.pii_findings = adapter_for(subject).pii_findings()
        if review is not None:
            panel.pii_reasons = list(review.signoffs.exclude(pii_override_reason="")
                                     .select_related("actor"))
    panel.actions = available_actions(user, container, subject, review)
    panel.log = list(object_log(container))
    panel.open_revision = adapter_cls.open_revision(container)
    panel.revision_count = adapter_cls.revision_count(container)
    return panel


def subject_diff(panel: ChainPanel) -> SubjectDiff | None:
    """What the sign page shows changed (None for a first submission)."""
    if panel.subject is None:
        return None
    return adapter_for(panel.subject).diff()
