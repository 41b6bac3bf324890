"""Form fields of the item form that read like the catalogue a clerk knows."""

from __future__ import annotations

from collections import defaultdict

from django import forms
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from signoff.chain import chain_steps
from signoff.models import DEFAULT_CHAINS, Importance


def catalogue_choices(categories, empty_label: str | None) -> list:
    """Choices in tree order: each top-level node with children is a group of its
    children (the node itself first, as “本级”); several townships are kept apart."""
    nodes = list(categories)
    children = defaultdict(list)
    for node in nodes:
        children[node.parent_id].append(node)
    ids = {node.pk for node in nodes}
    roots = [n for n in nodes if n.parent_id is None or n.parent_id not in ids]
    townships = {n.township_id for n in nodes}
    choices: list = [("", empty_label)] if empty_label is not None else []

    def key(node):
        return (node.township.name if node.township_id else "", node.order, node.pk)

    for root in sorted(roots, key=key):
        prefix = f"{root.township.name} · " if len(townships) > 1 and root.township_id else ""
        kids = sorted(children.get(root.pk, []), key=key)
        if not kids:
            choices.append((root.pk, f"{prefix}{root.name}"))
            continue
        group = [(root.pk, _("%(name)s（本级）") % {"name": root.name})]
        group += [(kid.pk, kid.name) for kid in kids]
        for kid in kids:  # a third level, if a township adds one, stays under its branch
            group += [(g.pk, f"{kid.name} › {g.name}")
                      for g in sorted(children.get(kid.pk, []), key=key)]
        choices.append((f"{prefix}{root.name}", group))
    return choices


class CategoryChoiceField(forms.ModelChoiceField):
    """目录分类 as the tree: 政策文件 › 行政规范性文件 is found under its parent."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset.select_related("township"), **kwargs)

    @property
    def choices(self):
        return catalogue_choices(self.queryset, self.empty_label)

    @choices.setter
    def choices(self, value):  # ModelChoiceField assigns its iterator; the tree replaces it
        pass


def chain_preview(township) -> str:
    """Help text for 重要程度: the steps each importance takes in this township's chains."""
    rows = []
    for importance in Importance:
        steps = (chain_steps(township, importance) if township is not None
                 else [{"label": label} for _role, label in DEFAULT_CHAINS[importance]])
        path = " → ".join([*(s["label"] for s in steps), _("党政办发布")])
        rows.append((importance.value, importance.label, path))
    return format_html(
        '{}<ul class="chain-preview" data-chain-preview>{}</ul>',
        _("提交后按所选重要程度的审签流程逐级签署："),
        format_html_join("", '<li data-importance="{}">{}：{}</li>', rows))


class WrappedFilteredSelectMultiple(FilteredSelectMultiple):
    """The two-box picker for a field declared on the form: the admin wraps model fields'
    widgets in a div, but not these, and SelectFilter2.js then puts the boxes before the
    field's label (the label showed up to the right of the boxes)."""

    def render(self, name, value, attrs=None, renderer=None):
        return format_html('<div class="related-widget-wrapper">{}</div>',
                           super().render(name, value, attrs, renderer))
