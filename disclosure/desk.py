"""Desk panels: the signed-in clerk's own drafts; 政策文件 still waiting for their 政策解读."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from townships import desk
from townships import permissions as tp
from townships.models import Role

from . import interpretations
from .catalogue import INTERPRETATION_CODE
from .models import Category, DisclosureItem, InterpretationRule

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


def documents_without_reading(request) -> desk.Panel | None:
    """政策文件 of the kinds the county's rule names, published without a 政策解读: on the
    desk of their author and of the township's 党政办 until an interpretation naming them
    is published (DOMAIN.md rule 39)."""
    user = request.user
    office_of = {tid for tid, roles in tp.access(user).township_roles.items()
                 if Role.PUBLISHER in roles}
    mine = Q(created_by=user) | Q(township_id__in=office_of)
    counties = set(DisclosureItem.objects.filter(mine, status=DisclosureItem.Status.PUBLISHED)
                   .values_list("township__county_id", flat=True).distinct())
    waiting = DisclosureItem.objects.none()
    for county_id in counties:
        rule = InterpretationRule.for_county(county_id)
        waiting = waiting | interpretations.without_reading(
            interpretations.documents_needing_reading(rule)).filter(mine)
    count = waiting.count() if counties else 0
    if not count:
        return None
    readings = dict(Category.objects.filter(code=INTERPRETATION_CODE, township__isnull=False)
                    .values_list("township_id", "pk"))
    add = reverse("admin:disclosure_disclosureitem_add")
    entries = [desk.Entry(
        f"{item.township.name} · {item.title}",
        f"{add}?township={item.township_id}&category={readings.get(item.township_id, '')}"
        f"&interpreted_documents={item.pk}",
        _("%(date)s发布，尚无政策解读；点击起草解读") % {"date": f"{item.published_on:%Y-%m-%d}"},
        urgent=True)
        for item in waiting.select_related("township").order_by("-published_on", "-id")[:LIMIT]]
    return desk.Panel(_("待配发政策解读的政策文件"), count, entries,
                      key="disclosure-readings-missing")


def register() -> None:
    desk.register(my_drafts, order=30)
    desk.register(documents_without_reading, order=25)
