"""The public search form: query, scope and filters, validated into `query.Filters`."""

from __future__ import annotations

from django import forms
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from disclosure.models import Category, DisclosureItem
from pagecache import generations
from townships.models import Township
from townships.selectors import current_county, public_township
from web.forms import KeptChoices, QuickSelect

from .models import Kind
from .query import Filters

SORTS = [("relevance", _("按相关度")), ("date", _("按发布日期"))]
FIRST_YEAR = 2008  # the Regulation's first year; the oldest annual reports


ALL = _("全部")


def _with_all(choices, label=ALL):
    return [("", label), *choices]


class PageNumberField(forms.IntegerField):
    """The page number from a link: anything but a positive whole number means the first
    page (as Paginator.get_page does on the lists), never an error a visitor must read."""

    def clean(self, value):
        try:
            return super().clean(value)
        except forms.ValidationError:
            return None


class SearchForm(forms.Form):
    q = forms.CharField(label=_("关键词"), required=False, max_length=200,
                        help_text=_("可输入标题、正文中的词语，文号或索引号；多个词语用空格分开。"),
                        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}))
    township = forms.ChoiceField(label=_("搜索范围"), required=False, widget=QuickSelect)
    category = forms.ChoiceField(label=_("目录分类"), required=False, widget=QuickSelect)
    year = forms.TypedChoiceField(label=_("发布年份"), required=False, coerce=int,
                                  empty_value=None, widget=QuickSelect)
    validity = forms.ChoiceField(label=_("有效性"), required=False,
                                 choices=_with_all(DisclosureItem.Validity.choices),
                                 widget=QuickSelect)
    mode = forms.ChoiceField(label=_("公开方式"), required=False, choices=_with_all(
        [(DisclosureItem.DisclosureMode.PROACTIVE,
          DisclosureItem.DisclosureMode.PROACTIVE.label)]), widget=QuickSelect)
    kind = forms.ChoiceField(label=_("信息类型"), required=False, choices=_with_all(Kind.choices),
                             widget=QuickSelect)
    sort = forms.ChoiceField(label=_("排序"), required=False, choices=SORTS, widget=QuickSelect)
    page = PageNumberField(label=_("页码"), required=False, min_value=1,
                           widget=forms.HiddenInput)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        county = current_county()
        scopes = _scopes(county)
        self.fields["township"].choices = _kept(
            "township", scopes, lambda: KeptChoices(_with_all(scopes, _("全县"))))
        self.slugs = _kept("slugs", scopes, lambda: frozenset(slug for slug, _name in scopes))
        self._chosen: dict[str, Township] = {}
        chosen = (data or {}).get("township") or ""
        chosen = chosen if chosen in self.slugs else ""
        catalogue = _catalogue(county, chosen)
        self.fields["category"].choices = _kept(
            f"category:{chosen}", catalogue, lambda: KeptChoices(_with_all(catalogue)))
        years = (timezone.localdate().year, translation.get_language())
        self.fields["year"].choices = _kept("years", years, lambda: KeptChoices(_with_all(
            [(y, _("%(year)s年") % {"year": y}) for y in range(years[0], FIRST_YEAR - 1, -1)])))

    @property
    def scope(self) -> Township | None:
        return self._township(self.cleaned_data.get("township")) \
            if self.is_bound and self.is_valid() else None

    def _township(self, slug: str | None) -> Township | None:
        """The chosen township (read once per form: `scope` and `filters` both ask)."""
        if slug not in self.slugs:
            return None
        if slug not in self._chosen:
            self._chosen[slug] = public_township(slug)
        return self._chosen[slug]

    def filters(self) -> Filters:
        data = self.cleaned_data
        township = self._township(data.get("township"))
        return Filters(
            township_id=township.pk if township else None,
            category_ids=self._category_ids(data.get("category") or "", township),
            year=data.get("year"), validity=data.get("validity") or "",
            disclosure_mode=data.get("mode") or "", kind=data.get("kind") or "",
        )

    def _category_ids(self, code: str, township) -> list[int] | None:
        """The chosen catalogue node and everything under it, in every township in scope
        (townships copy the county's tree, so a code means the same node everywhere)."""
        if not code:
            return None
        nodes = Category.objects.filter(township__isnull=False)
        if township is not None:
            nodes = nodes.filter(township=township)
        nodes = list(nodes.values_list("pk", "parent_id", "code"))
        chosen = {pk for pk, _parent, node_code in nodes if node_code == code}
        children: dict[int, list[int]] = {}
        for pk, parent, _code in nodes:
            children.setdefault(parent, []).append(pk)
        found, stack = set(), list(chosen)
        while stack:
            pk = stack.pop()
            if pk not in found:
                found.add(pk)
                stack.extend(children.get(pk, []))
        return sorted(found)


_KEPT: dict[str, tuple[object, object]] = {}


def _kept(name: str, source, build):
    """`build()`, built again only when `source` (a kept list, or a year and language) is
    another object or value: the choices are the same for every search until the lists
    are read again."""
    held = _KEPT.get(name)
    if held is None or not (held[0] is source or held[0] == source):
        held = _KEPT[name] = (source, build())
    return held[1]


def _scopes(county) -> list[tuple[str, str]]:
    """(slug, name) of the county's active townships, kept until `all` is bumped (any
    county, township or catalogue change): listing 200 townships per search cost more than
    the search itself."""
    if county is None:
        return []
    return generations.remember(f"search-scopes:{county.pk}", [], lambda: list(
        Township.objects.active().filter(county=county).values_list("slug", "name")))


def _catalogue(county, slug: str) -> list[tuple[str, str]]:
    """The catalogue choices of one township, or of the county's template tree; kept the
    same way."""
    if county is None:
        return []

    def compute():
        categories = (Category.objects.for_township(public_township(slug)) if slug
                      else Category.objects.templates(county))
        return _tree_choices(list(categories.order_by("order", "id")))

    return generations.remember(f"search-catalogue:{county.pk}:{slug}", [], compute)


def _tree_choices(categories: list[Category]) -> list[tuple[str, str]]:
    """Catalogue nodes in tree order, children indented under their parent."""
    children: dict[int | None, list[Category]] = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category)
    known = {c.pk for c in categories}
    roots = [c for c in categories if c.parent_id not in known]
    choices: list[tuple[str, str]] = []

    def walk(nodes, depth):
        for node in nodes:
            choices.append((node.code, "\u3000" * depth + node.name))
            walk(children.get(node.pk, []), depth + 1)

    walk(roots, 0)
    return choices
