"""What the chain needs to know about the objects it reviews.

The chain machinery (`chain.py`) is content-type agnostic: it talks to a `ChainSubject`
adapter. Disclosure items and their revisions are registered here; another app (annual
reports) registers its own adapter with `chain.register_subject(Model, Adapter)`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import pii_sources
from .models import Attachment, DisclosureItem, ItemRevision
from .models.chain import ReviewState
from .models.revisions import apply_snapshot, attachment_record, snapshot_item
from .publishing import make_public


class ChainSubject:
    """Adapter base: subclasses wrap one model instance."""

    model: type

    def __init__(self, obj):
        self.obj = obj

    @classmethod
    def lock(cls, pk):
        return cls.model.objects.select_for_update().get(pk=pk)

    # facts --------------------------------------------------------------------------------
    township_id: int
    importance: str
    author_id: int | None
    title: str

    def check_submittable(self) -> None:
        """Raise ValidationError when the object cannot be submitted now."""

    def publish_problems(self) -> list[str]:
        return []

    def pii_findings(self) -> list:
        return []

    # writes -------------------------------------------------------------------------------
    def set_state(self, state: str) -> None:
        raise NotImplementedError

    def publish(self, actor) -> None:
        raise NotImplementedError

    def admin_url(self) -> str:
        return ""


class ItemSubject(ChainSubject):
    """A disclosure item that has never been published: its own fields are the draft."""

    model = DisclosureItem
    _states = {
        ReviewState.IN_REVIEW: DisclosureItem.Status.IN_REVIEW,
        ReviewState.CHANGES_REQUESTED: DisclosureItem.Status.CHANGES_REQUESTED,
        ReviewState.APPROVED: DisclosureItem.Status.APPROVED,
        ReviewState.CANCELLED: DisclosureItem.Status.DRAFT,
    }

    @property
    def township_id(self):
        return self.obj.township_id

    @property
    def importance(self):
        return self.obj.importance

    @property
    def author_id(self):
        return self.obj.created_by_id

    @property
    def title(self):
        return self.obj.title

    def check_submittable(self):
        if self.obj.status != DisclosureItem.Status.DRAFT:
            raise ValidationError(_("只有草稿状态的信息可以提交审核（当前：%(status)s）。")
                                  % {"status": self.obj.get_status_display()})
        problems = self.obj.publish_problems()
        if problems:
            raise ValidationError(problems)

    def publish_problems(self):
        return self.obj.publish_problems()

    def pii_findings(self):
        return pii_sources.item_findings(self.obj)

    def set_state(self, state):
        self.obj.status = self._states[state]
        self.obj.save(update_fields=["status", "updated_at"])

    def publish(self, actor):
        item = make_public(self.obj)
        ItemRevision.objects.create(
            item=item, number=1, data=snapshot_item(item), status=ItemRevision.Status.PUBLISHED,
            created_by=item.created_by, published_at=timezone.now(), note=_("首次发布"),
        )

    def admin_url(self):
        return reverse("admin:disclosure_disclosureitem_change", args=[self.obj.pk])


class RevisionSubject(ChainSubject):
    """A revision of a published item; the item stays online until the revision is published."""

    model = ItemRevision
    _states = {
        ReviewState.IN_REVIEW: ItemRevision.Status.IN_REVIEW,
        ReviewState.CHANGES_REQUESTED: ItemRevision.Status.CHANGES_REQUESTED,
        ReviewState.APPROVED: ItemRevision.Status.APPROVED,
        ReviewState.CANCELLED: ItemRevision.Status.DISCARDED,
    }

    @classmethod
    def lock(cls, pk):
        return ItemRevision.objects.select_for_update().select_related("item").get(pk=pk)

    @property
    def township_id(self):
        return self.obj.item.township_id

    @property
    def importance(self):
        return self.obj.data.get("importance") or self.obj.item.importance

    @property
    def author_id(self):
        return self.obj.created_by_id

    @property
    def title(self):
        return self.obj.title

    def check_submittable(self):
        if self.obj.status != ItemRevision.Status.DRAFT:
            raise ValidationError(_("只有草稿状态的修订可以提交审核。"))
        if self.obj.item.status != DisclosureItem.Status.PUBLISHED:
            raise ValidationError(_("只有已发布的信息才能提交修订。"))
        problems = self.publish_problems()
        if problems:
            raise ValidationError(problems)

    def publish_problems(self):
        return self.obj.as_item().publish_problems()

    def attachments(self) -> list:
        """The attachments the item will have once this revision is published."""
        removed = set(self.obj.data.get("removed_attachments") or [])
        kept = [a for a in self.obj.item.attachments.all() if a.pk not in removed]
        return kept + list(self.obj.new_attachments.all())

    def pii_findings(self):
        return pii_sources.item_findings(self.obj.item, self.obj.data, self.attachments())

    def set_state(self, state):
        self.obj.status = self._states[state]
        self.obj.save(update_fields=["status", "updated_at"])

    def publish(self, actor):
        item = DisclosureItem.objects.select_for_update().get(pk=self.obj.item_id)
        if item.status != DisclosureItem.Status.PUBLISHED:
            raise ValidationError(_("原信息已不在发布状态，不能发布修订。"))
        apply_snapshot(item, self.obj.data)
        problems = item.publish_problems()
        if problems:
            raise ValidationError(problems)
        item.save()
        self._swap_attachments(item)
        self.obj.data = {**self.obj.data,
                         "attachments": [attachment_record(a) for a in item.attachments.all()]}
        self.obj.status = ItemRevision.Status.PUBLISHED
        self.obj.published_at = timezone.now()
        self.obj.save(update_fields=["data", "status", "published_at", "updated_at"])

    def _swap_attachments(self, item) -> None:
        """Drop the attachments the revision removes (their files stay in storage and the
        earlier revision keeps their record) and add the ones it brings."""
        removed = set(self.obj.data.get("removed_attachments") or [])
        for attachment in item.attachments.filter(pk__in=removed):
            attachment.delete()
        for new in self.obj.new_attachments.all():
            Attachment.objects.create(item=item, file=new.file.name, title=new.title,
                                      original_name=new.original_name, order=new.order)

    def admin_url(self):
        return reverse("admin:disclosure_disclosureitem_change", args=[self.obj.item_id])
