"""The 通报 (circular) of an inspection round to the townships, as an official document
(officialdocs, public functions only): each township's result and score in rank order, the
veto items with what caused them, and the deadline to fix them."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

import officialdocs
from officialdocs import Heading, OfficialLetter

from .checks.inspection import ranking

#: Calendar days the townships get to fix veto items when the county gives no date.
DEFAULT_FIX_DAYS = 30


def circular_letter(county, *, due_on: datetime.date | None = None) -> OfficialLetter:
    run, rows = ranking(county)
    today = timezone.localdate()
    due_on = due_on or today + datetime.timedelta(days=DEFAULT_FIX_DAYS)
    issuer = county.sponsor or county.full_name
    as_of = officialdocs.official_date(run.as_of) if run else officialdocs.official_date(today)
    body = [_("按照政府网站与政务新媒体检查指标（国办秘函〔2019〕19号），%(issuer)s于%(day)s"
              "对各乡镇政府信息公开专栏进行了检查。现将结果通报如下。")
            % {"issuer": issuer, "day": as_of},
            Heading(_("一、检查结果"))]
    for row in rows:
        body.append(_("%(rank)s. %(name)s：%(result)s，得分%(score)s分。") % {
            "rank": row["rank"], "name": row["township"].name, "result": row["result"],
            "score": row["score"]})
    vetoed = [row for row in rows if row["veto_items"]]
    body.append(Heading(_("二、单项否决问题")))
    if not vetoed:
        body.append(_("本次检查未发现单项否决问题。"))
    for row in vetoed:
        items = "；".join(_("%(text)s%(count)s个（处、条）") % {"text": v["text"],
                                                          "count": v["count"]}
                         for v in row["veto_items"])
        body.append(_("%(name)s：%(items)s。") % {"name": row["township"].name, "items": items})
    body += [Heading(_("三、整改要求")),
             _("存在单项否决问题的乡镇，请于%(due)s前完成整改，并在管理后台“督促整改通知”中"
               "反馈整改情况；其他扣分问题一并整改。届时将组织复查。")
             % {"due": officialdocs.official_date(due_on)}]
    return OfficialLetter(issuer=issuer, title=_("关于政府信息公开专栏检查情况的通报"),
                          addressee=_("各乡镇人民政府"), body=body, signer=issuer, date=today,
                          sealed=True)


def circular_docx(county, *, due_on: datetime.date | None = None) -> bytes:
    return officialdocs.letter_docx(circular_letter(county, due_on=due_on))
