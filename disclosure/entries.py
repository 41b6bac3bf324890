"""The disclosure channel's five entries on the county home (公开指南, 公开制度, 公开目录,
公开年报, 依申请公开). Each township has its own page of each kind, so an entry opens a page
listing the townships with a link to that page (the consolidated portal's "选择单位")."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from townships.models import Township
from townships.selectors import current_county


@dataclass(frozen=True)
class ChannelEntry:
    kind: str  # URL slug and icon name
    label: Promise
    url_name: str  # the township's page of this kind (reversed by name: no import upwards)
    hint: Promise


ENTRIES: tuple[ChannelEntry, ...] = (
    ChannelEntry("zhinan", _("公开指南"), "disclosure:guide",
                 _("各乡镇政府信息公开指南：分类编排、获取方式、工作机构")),
    ChannelEntry("zhidu", _("公开制度"), "disclosure:system",
                 _("各乡镇政府信息公开工作制度")),
    ChannelEntry("mulu", _("公开目录"), "disclosure:township_home",
                 _("各乡镇政府信息公开目录")),
    ChannelEntry("nianbao", _("公开年报"), "reports:report_list",
                 _("各乡镇政府信息公开工作年度报告")),
    ChannelEntry("yisqgk", _("依申请公开"), "applications:apply",
                 _("向乡镇人民政府提出政府信息公开申请")),
)
BY_KIND = {entry.kind: entry for entry in ENTRIES}


def channel_entry(request, kind):
    entry = BY_KIND.get(kind)
    if entry is None:
        raise Http404("no such entry")
    county = current_county()
    townships = list(Township.objects.active().filter(county=county)) if county else []
    return render(request, "disclosure/channel_entry.html", {
        "entry": entry,
        "links": [(t, reverse(entry.url_name, args=[t.slug])) for t in townships],
        "nav": "home",
    })
