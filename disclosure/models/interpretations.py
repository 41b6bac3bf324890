"""政策解读 ↔ 政策文件: which published documents an interpretation explains (DOMAIN.md rule 39).

The link rows belong to the interpretation and are its live, published state: a draft's
rows are written as it is edited (it is not public, so nothing shows), a published item's
are changed only when a revision carrying them is published (disclosure/interpretations.py).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class PolicyLink(models.Model):
    interpretation = models.ForeignKey("disclosure.DisclosureItem", on_delete=models.CASCADE,
                                       related_name="document_links",
                                       verbose_name=_("政策解读"))
    document = models.ForeignKey("disclosure.DisclosureItem", on_delete=models.CASCADE,
                                 related_name="interpretation_links",
                                 verbose_name=_("政策文件"))
    #: When a published interpretation's revision made the link live; empty for a link
    #: made while the interpretation was a draft (live with its first publication).
    linked_at = models.DateTimeField(_("关联时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("政策解读关联")
        verbose_name_plural = _("政策解读关联")
        constraints = [
            models.UniqueConstraint(fields=["interpretation", "document"],
                                    name="policy_link_unique"),
            models.CheckConstraint(condition=~models.Q(interpretation=models.F("document")),
                                   name="policy_link_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.interpretation_id} → {self.document_id}"


def default_doc_types() -> list[str]:
    return ["normative"]


class InterpretationRule(models.Model):
    """Which 政策文件 need a 政策解读 and how soon (DOMAIN.md rule 39): one row per county;
    without one, 行政规范性文件 on the same day (同步)."""

    county = models.OneToOneField("townships.County", on_delete=models.CASCADE,
                                  related_name="interpretation_rule", verbose_name=_("县"))
    doc_types = models.JSONField(
        _("须配发解读的体裁"), default=default_doc_types,
        help_text=_("这些体裁的信息发布时须同步发布政策解读。"))
    window_days = models.PositiveSmallIntegerField(
        _("解读最迟晚于文件几日发布"), default=0,
        validators=[MaxValueValidator(30)],
        help_text=_("0 表示与文件同日发布（同步）。"))
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("政策解读要求")
        verbose_name_plural = _("政策解读要求")

    def __str__(self) -> str:
        return str(_("政策解读要求"))

    @classmethod
    def for_county(cls, county) -> InterpretationRule:
        found = cls.objects.filter(county_id=getattr(county, "pk", county)).first()
        return found if found is not None else cls(county_id=getattr(county, "pk", county))
