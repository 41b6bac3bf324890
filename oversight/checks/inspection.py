"""The national website-inspection rules applied to each township's channel: 单项否决 items
and a score with its deductions, each linked to the drill-down that is its evidence.

Source: 《政府网站与政务新媒体检查指标》(国务院办公厅秘书局，国办秘函〔2019〕19号) as quoted
in docs/OVERSIGHT.md; DOMAIN.md rule 40 for the defaults where the text is not at hand.
Thresholds are county settings (`InspectionSettings`). This check runs last in a refresh
and reads the other checks' results of the same run (`ctx.results`), plus the columns by
kind (动态/要闻 2 weeks, 通知公告/政策文件 6 months, 人事/规划计划 and others 1 year).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from oversight.models import InspectionSettings, TownshipSnapshot
from oversight.models.thresholds import KIND_LABELS, NEWS, NOTICES, column_kind

from .base import FINDINGS_LIMIT, Check, Context, Finding, FindingList, Measure, positive
from .columns import _ANCESTORS, EMPTY, STALE, judge, leaf_columns

FULL_SCORE = 100

#: Scored items: (check key, measure key, points per unit, most points, what).
DEDUCTIONS = (
    ("fetch", "broken", 1, 10, _("链接访问不通")),
    ("links", "count", 1, 5, _("正文站内错链")),
    ("files", "count", 1, 5, _("附件文件缺失")),
    ("columns", "stale", 1, 10, _("栏目超期未更新")),
    ("columns", "empty", 2, 10, _("空白栏目")),
    ("art26", "late", 0.5, 10, _("超过20个工作日才公开")),
    ("applications", "overdue", 2, 10, _("依申请公开答复逾期")),
    ("pages", "missing", 2, 10, _("专栏缺少要素")),
    ("wording", "hits", 0.5, 5, _("疑似错别字")),
    ("guide", "age_days", None, 5, _("公开指南超过一年未更新")),
    ("report", "state", None, 10, _("年度报告逾期或未发布")),
)


def _evidence(township_id: int, check_key: str) -> str:
    return reverse("admin:oversight_findings", args=[township_id, check_key])


def _column_counts(ctx: Context) -> dict[int, dict]:
    counts = {tid: {"empty": 0, NEWS: 0, NOTICES: 0, "other": 0} for tid in ctx.township_ids}
    for row in leaf_columns(ctx.township_ids):
        state, _days = judge(row, ctx.rules, ctx.today)
        entry = counts[row["township_id"]]
        if state == EMPTY:
            entry["empty"] += 1
        elif state == STALE:
            kind = column_kind([row["code"], *(row[a] for a in _ANCESTORS if row[a])],
                               row["name"])
            entry[kind if kind in (NEWS, NOTICES) else "other"] += 1
    return counts


def _deduction_points(check_key, measure_key, per, most, value) -> float:
    if value is None:
        return 0
    if check_key == "guide":
        return most if value > 365 else 0
    if check_key == "report":
        return most if value in ("late", "missing") else 0
    return min(most, per * value) if value > 0 else 0


def assess(results: dict, columns: dict, options: InspectionSettings, township_id: int
           ) -> dict:
    """The inspection result of one township from the run's results."""
    vetoes = []

    def veto(check_key, count, limit, text):
        if count >= limit:
            vetoes.append({"check": check_key, "count": count, "limit": limit,
                           "text": text, "url": _evidence(township_id, check_key)})

    veto("columns", columns["empty"], options.veto_empty_columns, _t("空白栏目"))
    veto("columns", columns[NEWS], options.veto_stale_news,
         _t("%(kind)s栏目超过2周未更新") % {"kind": KIND_LABELS[NEWS]})
    veto("columns", columns[NOTICES], options.veto_stale_notices,
         _t("%(kind)s栏目超过6个月未更新") % {"kind": KIND_LABELS[NOTICES]})
    veto("columns", columns["other"], options.veto_stale_other, _t("栏目长期未更新"))
    veto("wording", (results.get("wording") or {}).get("severe") or 0,
         options.veto_severe_wording, _t("严重表述错误"))
    veto("feedback", (results.get("feedback") or {}).get("overdue") or 0,
         options.veto_unanswered_feedback, _t("网站找错逾期未答复"))
    deductions = []
    for check_key, measure_key, per, most, text in DEDUCTIONS:
        value = (results.get(check_key) or {}).get(measure_key)
        points = _deduction_points(check_key, measure_key, per, most, value)
        if points:
            deductions.append({"check": check_key, "value": value, "points": points,
                               "text": str(text), "url": _evidence(township_id, check_key)})
    score = max(0, FULL_SCORE - sum(d["points"] for d in deductions))
    return {"vetoed": bool(vetoes), "vetoes": len(vetoes), "score": score,
            "result": _t("单项否决") if vetoes else _t("合格") if score >= 60 else _t("不合格"),
            "veto_items": vetoes, "deduction_items": deductions}


class Inspection(Check):
    key = "inspection"
    title = _("网站检查指标")
    description = _("按政府网站与政务新媒体检查指标（国办秘函〔2019〕19号）判定单项否决项"
                    "（空白栏目、栏目不更新、严重表述错误、找错逾期未答复，阈值为县里的检查设置），"
                    "并对其他问题扣分（满分100），每一项都链接到作为依据的明细。")
    measures = (
        Measure("vetoes", _("单项否决项"), problem_if=positive, message=_("{value}项单项否决")),
        Measure("score", _("得分"), kind="days"),
        Measure("result", _("检查结论"), kind="text"),
    )

    def summarize(self, ctx: Context) -> dict[int, dict]:
        options = InspectionSettings.for_county(ctx.county)
        columns = _column_counts(ctx)
        results = {tid: dict(values) for tid, values in getattr(ctx, "results", {}).items()}
        from . import CHECKS  # live checks (找错) are not in a run's results: read them now

        for check in CHECKS:
            if check.live and check.key == "feedback":
                for tid, values in check.live_summary(ctx.county, ctx.township_ids,
                                                      ctx.today).items():
                    results.setdefault(tid, {})[check.key] = values
        return {tid: assess(results.get(tid, {}), columns[tid], options, tid)
                for tid in ctx.township_ids}

    def findings(self, ctx: Context, township, limit: int = FINDINGS_LIMIT) -> FindingList:
        from oversight.refresh import latest_run

        run = latest_run(ctx.county)
        snap = (TownshipSnapshot.objects.filter(run=run, township=township).first()
                if run else None)
        data = (snap.data if snap else {}).get(self.key) or {}
        rows = [Finding(item["text"], {"kind": _("单项否决"), "value": item["count"],
                                       "rule": _t("达到%(n)s即否决") % {"n": item["limit"]}},
                        item["url"], level="problem") for item in data.get("veto_items", [])]
        rows += [Finding(item["text"], {"kind": _("扣分"), "value": item["value"],
                                        "rule": _t("扣%(p)s分") % {"p": item["points"]}},
                         item["url"], level="warning")
                 for item in data.get("deduction_items", [])]
        return FindingList([("kind", _("类别")), ("value", _("数量")), ("rule", _("规则"))],
                           rows[:limit], len(rows),
                           note=_t("得分：%(score)s；结论：%(result)s") % {
                               "score": data.get("score", "-"), "result": data.get("result", "-")})


def ranking(county) -> tuple:
    """(run, rows) of the latest run: townships by result, vetoes first, then by score."""
    from oversight.refresh import latest_run

    run = latest_run(county)
    if run is None:
        return None, []
    rows = []
    for snap in (TownshipSnapshot.objects.filter(run=run, township__is_active=True)
                 .select_related("township").order_by("township__order", "township_id")):
        data = snap.data.get("inspection")
        if data:
            rows.append({"township": snap.township, **data})
    rows.sort(key=lambda row: (row["vetoed"], -row["score"]))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    return run, rows
