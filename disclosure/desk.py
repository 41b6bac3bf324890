"""Desk panel: the signed-in clerk's own drafts."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from townships import desk

from .models import DisclosureItem

LIMIT = 8


def my_drafts(request) -> desk.Panel | None:
    drafts = DisclosureItem.objects.filter(created_by=request.user,
                                           status=DisclosureItem.Status.DRAFT)
    count = drafts.count()
    if not count:
        return None
    entries = [desk.Entry(item.title,
                          reverse("admin:disclosure_disclosureitem_change", args=[item.pk]),
                          _("最后修改 %(date)s") % {"date": f"{item.updated_at:%Y-%m-%d}"})
               for item in drafts.order_by("-updated_at")[:LIMIT]]
    more = (reverse("admin:disclosure_disclosureitem_changelist")
            + f"?status__exact=draft&created_by__id__exact={request.user.pk}")
    return desk.Panel(_("我的草稿"), count, entries, more_url=more, key="disclosure-drafts")


def register() -> None:
    desk.register(my_drafts, order=30)
