from django.db import models
from django.utils.translation import gettext_lazy as _


class VisitCounter(models.Model):
    """One counter per key: "site", "item:123", "township:slug", "report:5"."""

    key = models.CharField(_("计数键"), max_length=100, unique=True)
    count = models.BigIntegerField(_("访问量"), default=0)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("访问计数")
        verbose_name_plural = _("访问计数")

    def __str__(self):
        return f"{self.key}: {self.count}"
