"""Reads assembled for the back office: the chain panel of an item and the moves on offer."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from townships.models import Role

from . import chain, permissions
from .models import DisclosureItem, ItemRevision, Review, SignOff

State = Review.State

ACTION_LABELS = {
    "submit": _("提交审核"),
    "approve": _("审核通过并签署"),
    "request_changes": _("退回修改"),
    "resubmit": _("修改完毕，重新提交"),
    "publish": _("发布"),
    "withdraw": _("撤回"),
    "discard": _("放弃修订稿"),
}


@dataclass
class StepView:
    label: str
    role: str
    state: str  # "done", "current", "waiting"
    signer: object = None
    signed_at: object = None
    attested: bool = False


@dataclass
class ChainPanel:
    item: DisclosureItem
    subject: object
    review: Review | None
    steps: list[StepView] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    log: list[SignOff] = field(default_factory=list)
    open_revision: ItemRevision | None = None
    revision_count: int = 0
    last_changes_comment: SignOff | None = None
    pii_findings: list = field(default_factory=list)
    pii_reasons: list[SignOff] = field(default_factory=list)

    @property
    def action_links(self):
        return [(name, ACTION_LABELS[name]) for name in self.actions]


def subject_of(item):
    """What goes through the chain for this item now: the item itself until it is
    published, then its open revision (None when there is none). Any other registered
    subject (an annual report) goes through the chain itself."""
    if not isinstance(item, DisclosureItem):
        return item
    if item.status in (DisclosureItem.Status.PUBLISHED, DisclosureItem.Status.WITHDRAWN):
        return chain.open_revision(item)
    return item


def latest_review(subject) -> Review | None:
    if subject is None:
        return None
    return Review.objects.for_object(subject).order_by("-submitted_at", "-pk").first()


def item_log(item):
    if not isinstance(item, DisclosureItem):
        return (SignOff.objects.for_object(item).select_related("actor", "review")
                .order_by("created_at", "pk"))
    item_ct = ContentType.objects.get_for_model(DisclosureItem)
    rev_ct = ContentType.objects.get_for_model(ItemRevision)
    revision_ids = list(item.revisions.values_list("pk", flat=True))
    return (SignOff.objects.filter(Q(content_type=item_ct, object_id=item.pk)
                                   | Q(content_type=rev_ct, object_id__in=revision_ids))
            .select_related("actor", "review").order_by("created_at", "pk"))


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


def available_actions(user, item: DisclosureItem, subject, review: Review | None) -> list[str]:
    actions = []
    active = review if review is not None and review.state in (
        State.IN_REVIEW, State.CHANGES_REQUESTED, State.APPROVED) else None
    if subject is not None and active is None:
        adapter = chain.adapter_for(subject)
        draft = getattr(subject, "status", None) == "draft"
        if draft and permissions.why_not_submit(user, township_id=adapter.township_id,
                                                author_id=adapter.author_id) is None:
            actions.append("submit")
    if active is not None:
        if permissions.can_sign(user, active):
            actions += ["approve", "request_changes"]
        if permissions.can_publish(user, active):
            actions += ["publish", "request_changes"]
        if permissions.can_resubmit(user, active):
            actions.append("resubmit")
    if (isinstance(subject, ItemRevision) and subject.created_by_id == user.pk
            and subject.status in (ItemRevision.Status.DRAFT,
                                   ItemRevision.Status.CHANGES_REQUESTED)):
        actions.append("discard")
    if isinstance(item, DisclosureItem) and permissions.can_withdraw(user, item):
        actions.append("withdraw")
    return list(dict.fromkeys(actions))


def chain_panel(user, item) -> ChainPanel:
    """The chain panel of a disclosure item or of another registered subject."""
    subject = subject_of(item)
    review = latest_review(subject)
    panel = ChainPanel(item=item, subject=subject, review=review)
    if review is not None and review.state != State.CANCELLED:
        panel.steps = _steps(review)
        if review.state == State.CHANGES_REQUESTED:
            panel.last_changes_comment = review.signoffs.filter(
                action=SignOff.Action.REQUEST_CHANGES).order_by("-created_at").first()
    if subject is not None and item.status != DisclosureItem.Status.WITHDRAWN:
        # Reviewers see what the personal-data scan finds, and any reason given for it.
        panel.pii_findings = chain.adapter_for(subject).pii_findings()
        if review is not None:
            panel.pii_reasons = list(review.signoffs.exclude(pii_override_reason="")
                                     .select_related("actor"))
    panel.actions = available_actions(user, item, subject, review)
    panel.log = list(item_log(item))
    if isinstance(item, DisclosureItem):
        panel.open_revision = chain.open_revision(item)
        panel.revision_count = item.revisions.count()
    return panel
