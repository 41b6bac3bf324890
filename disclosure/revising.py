"""Item-only moves: editing a published item through a revision, and dropping one.

A published item is never edited in place: `save_revision` records the edit as the item's
open revision, which goes through the sign-off chain (signoff/chain.py) like a draft while
the published text stays online. Publishing the revision swaps the content and attachments
(`subjects.RevisionSubject.publish`).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from signoff import chain
from townships import permissions as tp

from .models import DisclosureItem, ItemRevision
from .models.revisions import OPEN_REVISION_STATES, snapshot_item

EDITABLE_REVISION_STATES = (ItemRevision.Status.DRAFT, ItemRevision.Status.CHANGES_REQUESTED)


def open_revision(item: DisclosureItem) -> ItemRevision | None:
    return item.revisions.filter(status__in=OPEN_REVISION_STATES).first()


def _first_revision(item: DisclosureItem) -> None:
    """An item published before revisions existed keeps its live text as revision no. 1."""
    ItemRevision.objects.create(item=item, number=1, data=snapshot_item(item),
                                status=ItemRevision.Status.PUBLISHED,
                                published_at=item.first_published_at, created_by=item.created_by)


@transaction.atomic
def save_revision(item: DisclosureItem, user, data: dict, *, note: str = "") -> ItemRevision:
    """Record an edit of a published item as its open revision (created when needed)."""
    item = DisclosureItem.objects.select_for_update().get(pk=item.pk)
    if item.status != DisclosureItem.Status.PUBLISHED:
        raise ValidationError(_("只有已发布的信息通过修订进行修改。"))
    if not tp.has_role(user, item.township_id, *tp.EDITOR_ROLES):
        raise PermissionDenied(_("您没有修改本乡镇信息的权限。"))
    revision = item.revisions.filter(status__in=OPEN_REVISION_STATES).first()
    if revision is None:
        last = item.revisions.order_by("-number").values_list("number", flat=True).first() or 0
        if last == 0:
            _first_revision(item)
            last = 1
        revision = ItemRevision(item=item, number=last + 1, created_by=user)
    elif revision.status not in EDITABLE_REVISION_STATES:
        raise ValidationError(_("该信息的修订正在审核中，审核结束前不能再修改。"))
    kept = {"removed_attachments": revision.data.get("removed_attachments", [])} \
        if revision.data else {}
    revision.data = {**kept, **data}
    revision.note = note or revision.note
    revision.save()
    return revision


@transaction.atomic
def discard_revision(item: DisclosureItem, user) -> ItemRevision:
    """放弃修订: the author drops an open revision that is not being signed.

    A revision sent back for changes still has its review open: that review is cancelled,
    and the cancellation (who, why) goes into the sign-off log.
    """
    # The item before its revision (LOCK ORDER, signoff/chain.py), as a withdrawal does.
    item = DisclosureItem.objects.select_for_update().get(pk=item.pk)
    revision = (ItemRevision.objects.select_for_update()
                .filter(item=item, status__in=OPEN_REVISION_STATES).first())
    if revision is None:
        raise ValidationError(_("没有可放弃的修订稿。"))
    if revision.created_by_id not in (None, user.pk):
        raise PermissionDenied(_("只有修订稿的修改人可以放弃修订。"))
    if revision.status not in EDITABLE_REVISION_STATES:
        raise ValidationError(_("修订稿正在审核中，不能放弃。"))
    review = chain.active_review(revision)
    if review is not None:
        chain.cancel(review, user, reason=_("修改人放弃了本修订稿。"))
        revision.refresh_from_db()
    if revision.status != ItemRevision.Status.DISCARDED:
        revision.status = ItemRevision.Status.DISCARDED
        revision.save(update_fields=["status", "updated_at"])
    return revision
