"""Old addresses of items moved in from a township's previous site (oldsite.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OldUrlRedirect(models.Model):
    """An address of the old site (path and query, no host) answered with a 301 to the item.

    Only a public item is a target: while the item is a draft, or once withdrawn, the old
    address answers 404 like any unknown address."""

    township = models.ForeignKey("townships.Township", on_delete=models.CASCADE,
                                 related_name="old_urls", verbose_name=_("乡镇"))
    old_path = models.CharField(_("原网址"), max_length=500, unique=True,
                                help_text=_("旧网站上的路径，如 /art/2019/5/6/art_1_2.html。"))
    item = models.ForeignKey("disclosure.DisclosureItem", on_delete=models.CASCADE,
                             related_name="old_urls", verbose_name=_("政府信息"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("旧网址跳转")
        verbose_name_plural = _("旧网址跳转")
        ordering = ["old_path"]

    def __str__(self) -> str:
        return self.old_path
