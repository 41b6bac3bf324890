"""Writes that put items online: 索引号 assignment and the publication itself.

Nothing calls `make_public` but the sign-off chain's publish move (through
`subjects.ItemSubject.publish`): there is no other way to publish an item.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone

from townships.sequences import next_serial

from .models import DisclosureItem, IndexSerial
from .numbers import format_index_no

Status = DisclosureItem.Status


def next_index_no(prefix: str, year: int) -> str:
    """Hand out the next serial for a publishing body and year (townships/sequences.py)."""
    clean_prefix = prefix.replace("-", "")
    return format_index_no(clean_prefix, year, next_serial(IndexSerial, prefix=clean_prefix,
                                                          year=year))


def assign_index_no(item: DisclosureItem) -> str:
    """Give the item its permanent 索引号 once, from its publication year."""
    if item.index_no:
        return item.index_no
    if item.published_on is None:
        item.published_on = timezone.localdate()
    item.index_no = next_index_no(item.township.org_code, item.published_on.year)
    DisclosureItem.objects.filter(pk=item.pk, index_no__isnull=True).update(
        index_no=item.index_no, published_on=item.published_on
    )
    return item.index_no


def make_public(item: DisclosureItem) -> DisclosureItem:
    """Mark a locked, checked item published, giving it an 索引号 and 发布日期."""
    if item.published_on is None:
        item.published_on = timezone.localdate()
    problems = item.publish_problems()
    if problems:
        raise ValidationError(problems)
    assign_index_no(item)
    item.status = Status.PUBLISHED
    if item.first_published_at is None:
        item.first_published_at = timezone.now()
    item.save(update_fields=["status", "published_on", "index_no", "first_published_at",
                             "updated_at"])
    return item
