"""政策解读 ↔ 政策文件: which published documents an interpretation explains (DOMAIN.md rule 39).

The link rows belong to the interpretation and are its live, published state: a draft's
rows are written as it is edited (it is not public, so nothing shows), a published item's
are changed only when a revision carrying them is published (disclosure/interpretations.py).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PolicyLink(models.Model):
    interpretation = models.ForeignKey("disclosure.DisclosureItem", on_delete=models.CASCADE,
                                       related_name="document_links",
                                       verbose_name=_("政策解读"))
    document = models.ForeignKey("disclosure.DisclosureItem", on_delete=models.CASCADE,
                                 related_name="interpretation_links",
                                 verbose_name=_("政策文件"))
    #: When the link was made live (the interpretation's publication or the revision's).
    linked_at = models.DateTimeField(_("关联时间"), default=timezone.now)

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
