"""How long a catalogue column may go without a new item before it counts as stale.

Defaults follow the national inspection indicators (国办秘函〔2019〕19号, see
docs/OVERSIGHT.md); a county overrides them per catalogue code. A code's rule also covers
the columns below it unless they have their own; the blank code is the rule for every
other column. 0 days means the column is not checked (e.g. columns that only get items
when something happens).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

#: The rule for any column without its own: "应更新但长期未更新" read as one year.
OTHER_COLUMNS = ""
DEFAULT_MAX_DAYS: dict[str, int] = {
    OTHER_COLUMNS: 365,
    # 通知公告、政策文件类栏目: updated within the 6 months before the inspection.
    "zcwj": 183,
    "tzgg": 183,
    # 动态、要闻类栏目: within the 2 weeks before the inspection (a county-added column).
    "gzdt": 14,
    "yw": 14,
    # 人事、规划计划: one year (DOMAIN.md rule 40).
    "rsxx": 365,
    "ghjh": 365,
}
#: A column without a rule of its own whose name says it is news gets the news period.
NEWS_NAMES = ("动态", "要闻")
NEWS_DAYS = 14

#: Column kinds of the inspection rules (inspection.py), by catalogue code prefix or name.
NEWS, NOTICES, STEADY, OTHER = "news", "notices", "steady", "other"
KIND_LABELS = {NEWS: _("动态、要闻类"), NOTICES: _("通知公告、政策文件类"),
               STEADY: _("人事、规划计划类"), OTHER: _("其他栏目")}
_KIND_CODES = {"gzdt": NEWS, "yw": NEWS, "zcwj": NOTICES, "tzgg": NOTICES, "rsxx": STEADY,
               "ghjh": STEADY}


def column_kind(codes: list[str], name: str) -> str:
    """The inspection kind of a column from its and its ancestors' codes, or its name."""
    for code in codes:
        if code in _KIND_CODES:
            return _KIND_CODES[code]
    if any(word in (name or "") for word in NEWS_NAMES):
        return NEWS
    if "通知公告" in (name or ""):
        return NOTICES
    return OTHER


class ColumnThreshold(models.Model):
    county = models.ForeignKey("townships.County", on_delete=models.CASCADE,
                               related_name="column_thresholds", verbose_name=_("县"))
    code = models.CharField(
        _("目录代码"), max_length=40, blank=True,
        help_text=_("如 zcwj（含其下级目录）；留空表示其他所有栏目的默认规则。"),
    )
    max_days = models.PositiveSmallIntegerField(
        _("最长未更新天数"), validators=[MaxValueValidator(3660)],
        help_text=_("超过该天数没有新发布信息即为“未按时更新”；0 表示该栏目不检查。"),
    )
    note = models.CharField(_("依据或说明"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("栏目更新期限")
        verbose_name_plural = _("栏目更新期限")
        ordering = ["county", "code"]
        constraints = [
            models.UniqueConstraint(fields=["county", "code"],
                                    name="column_threshold_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code or _('其他栏目')}: {self.max_days}"


def thresholds_for(county) -> dict[str, int]:
    """The county's rules by catalogue code: the defaults with its own rows on top."""
    rules = dict(DEFAULT_MAX_DAYS)
    rules.update(ColumnThreshold.objects.filter(county=county).values_list("code", "max_days"))
    return rules


def max_days_for(rules: dict[str, int], codes: list[str]) -> int:
    """The rule for a column whose code and ancestors' codes are `codes` (own code first)."""
    for code in codes:
        if code in rules:
            return rules[code]
    return rules.get(OTHER_COLUMNS, DEFAULT_MAX_DAYS[OTHER_COLUMNS])
