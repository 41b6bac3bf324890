"""RSS feeds (Django syndication): the county's latest, a township's, and a catalogue node's.

Feeds read the same public querysets as the pages (only published, proactively disclosed
items of active townships; published annual reports), so a withdrawn item leaves its feeds
with the same transaction that takes it offline.
"""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.translation import gettext as _

from disclosure import selectors
from disclosure.pii import html_to_text
from reports.models import AnnualReport
from townships.selectors import current_county, public_township

FEED_SIZE = 30


def _latest(items, reports) -> list:
    items = list(items.select_related("township", "category").order_by(
        "-published_on", "-id")[:FEED_SIZE])
    reports = list(reports.select_related("township").order_by("-published_at")[:FEED_SIZE])
    return sorted(items + reports, key=_published_at, reverse=True)[:FEED_SIZE]


def _published_at(obj) -> datetime.datetime:
    if isinstance(obj, AnnualReport):
        return obj.published_at
    if obj.first_published_at and timezone.localdate(obj.first_published_at) == \
            obj.published_on:
        return obj.first_published_at
    midnight = datetime.datetime.combine(obj.published_on, datetime.time())
    return timezone.make_aware(midnight)


class _BaseFeed(Feed):
    language = "zh-cn"

    def item_title(self, obj):
        return obj.title

    def item_description(self, obj):
        if isinstance(obj, AnnualReport):
            return _("%(township)s%(year)s年政府信息公开工作年度报告") % {
                "township": obj.township.name, "year": obj.year}
        text = obj.summary or " ".join(html_to_text(obj.body).split())
        return text[:200]

    def item_pubdate(self, obj):
        return _published_at(obj)

    def item_updateddate(self, obj):
        return obj.updated_at

    def item_categories(self, obj):
        if isinstance(obj, AnnualReport):
            return [_("年度报告")]
        return [obj.category.name]

    def item_author_name(self, obj):
        if isinstance(obj, AnnualReport):
            return obj.signing_body or obj.township.full_name
        return obj.publisher_name


class CountyFeed(_BaseFeed):
    def title(self):
        county = current_county()
        return _("%(site)s：最新公开信息") % {"site": county.site_name if county else ""}

    def link(self):
        from django.urls import reverse

        return reverse("disclosure:county_home")

    def description(self):
        return _("全县各乡镇最新发布的政府信息和年度报告。")

    def items(self):
        return _latest(selectors.public_items(), AnnualReport.objects.published())


class TownshipFeed(_BaseFeed):
    def get_object(self, request, township_slug):
        return public_township(township_slug)

    def title(self, township):
        return _("%(name)s政府信息公开") % {"name": township.full_name}

    def link(self, township):
        return township.get_absolute_url()

    def description(self, township):
        return _("%(name)s最新发布的政府信息和年度报告。") % {"name": township.full_name}

    def items(self, township):
        return _latest(selectors.public_items().filter(township=township),
                       AnnualReport.objects.published().filter(township=township))


class CategoryFeed(_BaseFeed):
    def get_object(self, request, township_slug, category_id):
        township = public_township(township_slug)
        node, _ancestors = selectors.find_node(
            selectors.catalogue_tree(township, with_counts=False), category_id)
        return node

    def title(self, node):
        category = node.category
        return _("%(township)s：%(category)s") % {"township": category.township.full_name,
                                                 "category": category.name}

    def link(self, node):
        return node.category.get_absolute_url()

    def description(self, node):
        return _("“%(category)s”目录下最新发布的政府信息。") % {"category": node.category.name}

    def items(self, node):
        return _latest(selectors.public_items().filter(category_id__in=node.descendant_ids),
                       AnnualReport.objects.none())
