"""Disclosure items and their revisions as subjects of the sign-off chain.

Registered with `signoff.subjects.register_subject` in `DisclosureConfig.ready()`. An item
goes through the chain itself until it is first published; after that, edits go through the
chain as its open revision while the published text stays online.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from signoff.models import ReviewState
from signoff.subjects import StatusSubject, SubjectDiff

from . import interpretations, pii_sources, revision_diff
from .models import Attachment, DisclosureItem, ItemRevision
from .models.revisions import (
    OPEN_REVISION_STATES,
    apply_snapshot,
    attachment_record,
    linked_ids,
    snapshot_item,
)
from .publishing import make_public
from .revising import open_revision

Status = DisclosureItem.Status


class _ItemFacts(StatusSubject):
    """What items and revisions share: their author and their page in the back office."""

    @property
    def author_id(self):
        return self.obj.created_by_id

    def admin_url(self):
        return reverse("admin:disclosure_disclosureitem_change", args=[self._item_pk()])


class ItemSubject(_ItemFacts):
    """A disclosure item; until first published, its own fields are the draft."""

    model = DisclosureItem
    supports_withdraw = True
    statuses = {
        ReviewState.IN_REVIEW: Status.IN_REVIEW,
        ReviewState.CHANGES_REQUESTED: Status.CHANGES_REQUESTED,
        ReviewState.APPROVED: Status.APPROVED,
        ReviewState.CANCELLED: Status.DRAFT,
    }

    @classmethod
    def current_subject(cls, container):
        if container.status in (Status.PUBLISHED, Status.WITHDRAWN):
            return open_revision(container)
        return container

    @classmethod
    def log_objects(cls, container):
        return [container, *container.revisions.all()]

    @classmethod
    def open_revision(cls, container):
        return open_revision(container)

    @classmethod
    def revision_count(cls, container):
        return container.revisions.count()

    def _item_pk(self):
        return self.obj.pk

    @property
    def township_id(self):
        return self.obj.township_id

    @property
    def importance(self):
        return self.obj.importance

    @property
    def title(self):
        return self.obj.title

    def check_submittable(self):
        if self.obj.status != Status.DRAFT:
            raise ValidationError(_("只有草稿状态的信息可以提交审核（当前：%(status)s）。")
                                  % {"status": self.obj.get_status_display()})
        problems = self.obj.publish_problems()
        if problems:
            raise ValidationError(problems)

    def publish_problems(self):
        return self.obj.publish_problems()

    def pii_findings(self):
        return pii_sources.item_findings(self.obj)

    def diff(self):
        return None  # a first publication: the sign page shows the whole item

    def publish(self, actor):
        item = make_public(self.obj)
        ItemRevision.objects.create(
            item=item, number=1, data=snapshot_item(item), status=ItemRevision.Status.PUBLISHED,
            created_by=item.created_by, published_at=timezone.now(), note=_("首次发布"),
        )

    def dependents(self):
        return list(self.obj.revisions.filter(status__in=OPEN_REVISION_STATES))

    def withdraw(self, actor):
        """Take the item offline; an open revision without a review is dropped too."""
        self.obj.revisions.filter(status=ItemRevision.Status.DRAFT).update(
            status=ItemRevision.Status.DISCARDED, updated_at=timezone.now())
        self.obj.status = Status.WITHDRAWN
        self.obj.save(update_fields=["status", "updated_at"])


class RevisionSubject(_ItemFacts):
    """A revision of a published item; the item stays online until it is published."""

    model = ItemRevision
    statuses = {
        ReviewState.IN_REVIEW: ItemRevision.Status.IN_REVIEW,
        ReviewState.CHANGES_REQUESTED: ItemRevision.Status.CHANGES_REQUESTED,
        ReviewState.APPROVED: ItemRevision.Status.APPROVED,
        ReviewState.CANCELLED: ItemRevision.Status.DISCARDED,
    }

    @classmethod
    def lock(cls, pk):
        return ItemRevision.objects.select_for_update().select_related("item").get(pk=pk)

    @classmethod
    def lock_root(cls, pk) -> None:
        """The item first (LOCK ORDER, signoff/chain.py): withdrawing it locks it before
        this revision's review, and so does every move on the revision."""
        item_id = ItemRevision.objects.filter(pk=pk).values_list("item_id", flat=True).first()
        if item_id is not None:
            list(DisclosureItem.objects.select_for_update().filter(pk=item_id)
                 .values_list("pk", flat=True))

    def _item_pk(self):
        return self.obj.item_id

    @property
    def township_id(self):
        return self.obj.item.township_id

    @property
    def importance(self):
        return self.obj.data.get("importance") or self.obj.item.importance

    @property
    def title(self):
        return self.obj.title

    def check_submittable(self):
        if self.obj.status != ItemRevision.Status.DRAFT:
            raise ValidationError(_("只有草稿状态的修订可以提交审核。"))
        if self.obj.item.status != Status.PUBLISHED:
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

    def diff(self):
        """The published version against this revision: metadata, attachments, body."""
        published = (self.obj.item.revisions.filter(status=ItemRevision.Status.PUBLISHED)
                     .order_by("-number").first())
        base = published.data if published else snapshot_item(self.obj.item)
        if "interprets" not in base:  # recorded before links were versioned: the live ones
            base = {**base, "interprets": linked_ids(self.obj.item)}
        base_label = (_("公开版本（第%(n)s版）") % {"n": published.number} if published
                      else _("公开版本"))
        base_names = (revision_diff.attachment_names(published) if published
                      else [a.display_title for a in self.obj.item.attachments.all()])
        return SubjectDiff(
            left_label=base_label,
            right_label=_("修订稿（第%(n)s版）") % {"n": self.obj.number},
            meta_rows=[*revision_diff.metadata_rows(base, self.obj.data),
                       revision_diff.attachment_row(
                           base_names, [a.display_title for a in self.attachments()])],
            body_rows=revision_diff.body_rows(base.get("body", ""), self.obj.data.get("body", "")),
        )

    def publish(self, actor):
        item = DisclosureItem.objects.select_for_update().get(pk=self.obj.item_id)
        if item.status != Status.PUBLISHED:
            raise ValidationError(_("原信息已不在发布状态，不能发布修订。"))
        apply_snapshot(item, self.obj.data)
        problems = item.publish_problems()
        if problems:
            raise ValidationError(problems)
        item.save()
        if "interprets" in self.obj.data:  # the 政策文件 it explains: live from now on
            interpretations.set_links(item, self.obj.data["interprets"])
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
