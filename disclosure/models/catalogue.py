"""The catalogue (目录): a county template tree copied into each township."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class CategoryQuerySet(models.QuerySet):
    def templates(self, county):
        return self.filter(county=county, township__isnull=True)

    def for_township(self, township):
        return self.filter(township=township)


class Category(models.Model):
    """A catalogue node. Template nodes have a county and no township."""

    county = models.ForeignKey("townships.County", on_delete=models.CASCADE,
                               related_name="categories", verbose_name=_("县"))
    township = models.ForeignKey("townships.Township", on_delete=models.CASCADE, null=True,
                                 blank=True, related_name="categories", verbose_name=_("乡镇"),
                                 help_text=_("留空表示县级模板目录。"))
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="children", verbose_name=_("上级目录"))
    template = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="copies", verbose_name=_("来源模板"))
    name = models.CharField(_("名称"), max_length=60)
    code = models.SlugField(_("代码"), max_length=40,
                            help_text=_("目录代码，同一乡镇内唯一，如 zcwj-gfxwj。"))
    description = models.CharField(_("说明"), max_length=200, blank=True)
    legal_basis = models.CharField(_("公开依据"), max_length=120, blank=True,
                                   help_text=_("如：条例第二十条第（一）项"))
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("目录分类")
        verbose_name_plural = _("目录分类")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["township", "code"],
                                    condition=Q(township__isnull=False),
                                    name="category_unique_code_per_township"),
            models.UniqueConstraint(fields=["county", "code"],
                                    condition=Q(township__isnull=True),
                                    name="category_unique_code_per_template"),
        ]
        indexes = [models.Index(fields=["township", "parent", "order"])]

    def __str__(self) -> str:
        if self.parent_id:
            return f"{self.parent.name} / {self.name}"
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("disclosure:category_detail", args=[self.township.slug, self.pk])

    def clean(self):
        if self.parent_id:
            parent = self.parent
            if parent.township_id != self.township_id or parent.county_id != self.county_id:
                raise ValidationError({"parent": _("上级目录须属于同一乡镇（或同为县级模板）。")})
            node, depth = parent, 1
            while node is not None:
                if node.pk == self.pk and self.pk is not None:
                    raise ValidationError({"parent": _("上级目录不能是本目录或其下级。")})
                node, depth = node.parent, depth + 1
                if depth > 6:
                    raise ValidationError({"parent": _("目录层级不能超过5级。")})
        if self.township_id and self.township.county_id != self.county_id:
            raise ValidationError({"township": _("乡镇须属于所选县。")})
