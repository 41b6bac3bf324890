"""Reads assembled for the public pages. Only published, proactive items ever leave here."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, OuterRef, Q, Subquery
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from pagecache import generations
from signoff.models import SignOff
from townships.models import Township
from web.statements import Statement

from .models import Category, DisclosureItem

log = logging.getLogger(__name__)


@dataclass
class Node:
    category: Category
    children: list[Node] = field(default_factory=list)
    count: int = 0  # published items in this node and below

    @property
    def descendant_ids(self) -> list[int]:
        ids = [self.category.pk]
        for child in self.children:
            ids.extend(child.descendant_ids)
        return ids


def public_items():
    return DisclosureItem.objects.published().select_related("township", "category")


#: What a list row shows (catalogue table, doc lists, the home tabs): never the body.
LIST_FIELDS = ("id", "title", "index_no", "doc_number", "written_on", "published_on",
               "township_id", "category_id", "township__slug", "township__name")


def listed_items():
    """Public items for lists: only the columns a row shows, with the township's slug and
    name (a page of 20 rows reads no body text and builds no category objects)."""
    return DisclosureItem.objects.published().select_related("township").only(*LIST_FIELDS)


def catalogue_tree(township, *, with_counts: bool = True) -> list[Node]:
    """The township's catalogue as a tree, with published-item counts (two queries, none
    while the page cache holds it: it is shown on every page of the township)."""
    return generations.remember(
        f"tree:{township.pk}:{int(with_counts)}", [generations.township_scope(township.slug)],
        lambda: _build_tree(township, with_counts=with_counts))


def _build_tree(township, *, with_counts: bool) -> list[Node]:
    categories = list(Category.objects.for_township(township).order_by("order", "id"))
    nodes = {c.pk: Node(c) for c in categories}
    roots: list[Node] = []
    for category in categories:
        node = nodes[category.pk]
        if category.parent_id in nodes:
            nodes[category.parent_id].children.append(node)
        else:
            roots.append(node)
    if with_counts:
        direct = dict(
            DisclosureItem.objects.published().filter(township=township)
            .values_list("category_id").annotate(n=Count("id")).values_list("category_id", "n")
        )

        def total(node: Node) -> int:
            node.count = direct.get(node.category.pk, 0) + sum(total(c) for c in node.children)
            return node.count

        for root in roots:
            total(root)
    return roots


def find_node(roots: list[Node], category_id: int) -> tuple[Node, list[Node]]:
    """The node for a category and its ancestors (root first)."""
    def walk(nodes, trail):
        for node in nodes:
            if node.category.pk == category_id:
                return node, trail
            found = walk(node.children, [*trail, node])
            if found:
                return found
        return None

    found = walk(roots, [])
    if found is None:
        raise Http404("no such category")
    return found


def latest_items(*, township=None, limit: int = 10):
    """The newest public items: of `township` (an active one, from public_township), or of
    every active township."""
    if township is not None:
        return of_township(_TOWNSHIP_ROWS.run(bounds=(0, limit), township_id=township.pk),
                           township)
    return listed_items().order_by("-published_on", "-id")[:limit]


#: A row of a township's own list: its township is the page's (no join).
OWN_LIST_FIELDS = tuple(f for f in LIST_FIELDS if not f.startswith("township__"))


def _as_list(items):
    """A township's list rows, newest first."""
    return items.only(*OWN_LIST_FIELDS).order_by("-published_on", "-id")


def _own_rows(township_id):
    # The township is the page's own, found active by public_township: not joined again.
    return _as_list(DisclosureItem.objects.published_of_active(township_id))


def _column_rows(category_ids):
    # One column (no sub-columns): the page township's own (its catalogue tree), so its rows
    # are the township's; ColumnRows checks each row. A condition on the township as well
    # misled PostgreSQL (it cannot know that a column lies in one township): it read the
    # township's index beside the column's and sorted the whole column, where
    # item_category_status_order gives the page's rows in their order (docs/PERFORMANCE.md).
    return _as_list(DisclosureItem.objects.disclosed().filter(category_id__in=category_ids))


def _columns_rows(township_id, category_ids):
    # A column with its sub-columns: no one index gives the order of several columns, so
    # PostgreSQL walks the township's published rows in item_township_status_order and
    # keeps the columns' ones (or, for a small share of the township, sorts the columns').
    return _own_rows(township_id).filter(category_id__in=category_ids)


# A township's lists, compiled once per process and shape (web/statements.py).
_TOWNSHIP_ROWS = Statement(DisclosureItem, _own_rows, "township_id")
_COLUMN_ROWS = Statement(DisclosureItem, _column_rows, "category_ids")
_COLUMNS_ROWS = Statement(DisclosureItem, _columns_rows, "township_id", "category_ids")


def of_township(rows: list[DisclosureItem], township) -> list[DisclosureItem]:
    for row in rows:
        row.township = township
    return rows


class ColumnRows:
    """A column's public items (the node and its sub-columns) of an active township (from
    public_township), newest first, for the paginator: `node.count` rows (the tree counted
    them), each page one compiled statement, each row given the page's township."""

    def __init__(self, township, node: Node):
        self.township = township
        self.ids = node.descendant_ids
        self.total = node.count

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index: slice) -> list[DisclosureItem]:
        if not isinstance(index, slice) or index.step is not None:
            raise TypeError("ColumnRows is sliced by the paginator only")
        start = index.start or 0
        stop = self.total if index.stop is None else index.stop
        bounds = (start, max(stop - start, 0))
        if len(self.ids) == 1:
            rows = _COLUMN_ROWS.run(bounds=bounds, category_ids=self.ids)
        else:
            rows = _COLUMNS_ROWS.run(bounds=bounds, township_id=self.township.pk,
                                     category_ids=self.ids)
        own = [row for row in rows if row.township_id == self.township.pk]
        if len(own) != len(rows):
            log.error("column rows of another township left out: township %s, columns %s",
                      self.township.pk, self.ids)
        return of_township(own, self.township)


#: The county home's tab block: (anchor, label, catalogue filter). 要闻 is the newest of every
#: column; 通知公告 the items titled as 通知 or 公告; 政策文件 the 行政规范性文件 and 本级文件
#: columns; 政策解读 its own column (catalogue.DEFAULT_TEMPLATE codes).
HOME_TABS = (
    ("yaowen", _("要闻"), None),
    ("tzgg", _("通知公告"), Q(title__contains="通知") | Q(title__contains="公告")),
    ("zcwj", _("政策文件"), Q(category__code__in=("zcwj-gfxwj", "zcwj-bjwj"))),
    ("zcjd", _("政策解读"), Q(category__code="zcwj-zcjd")),
)


def home_tabs(*, limit: int = 8) -> list[dict]:
    """County-wide lists for the home page's tabs, newest first (one query each)."""
    tabs = []
    for anchor, label, condition in HOME_TABS:
        items = listed_items()
        if condition is not None:
            items = items.filter(condition)
        tabs.append({"id": anchor, "label": label,
                     "items": list(items.order_by("-published_on", "-id")[:limit])})
    return tabs


def townships_with_latest_date(county):
    """The county's active townships, each with `latest_on`: the date of its newest public
    item (one query)."""
    newest = (DisclosureItem.objects.published().filter(township=OuterRef("pk"))
              .order_by("-published_on").values("published_on")[:1])
    return (Township.objects.active().filter(county=county)
            .annotate(latest_on=Subquery(newest)))


# The item page's own read on a page-cache miss, compiled once per process (web/statements.py).
def _one_item(township_id, pk):
    return DisclosureItem.objects.published_of_active(township_id).filter(pk=pk)


_ITEM = Statement(DisclosureItem, _one_item, "township_id", "pk")
_ITEM_NO_BODY = Statement(DisclosureItem, lambda township_id, pk: _one_item(township_id, pk)
                          .defer("body"), "township_id", "pk")


def public_item(township, pk: int) -> DisclosureItem:
    """The public item of an active township (from public_township), with its township and
    its category (and the category's parent, for the breadcrumbs) taken from what the page
    has already: the township row and the township's catalogue tree without counts (kept
    like every piece: read once per publish in the township, one small query on its
    categories). One compiled query, no joins. Joining the category on every item miss
    cost the ORM's whole query build (about 1.7 times the instructions of a miss,
    docs/PERFORMANCE.md "Thirteenth pass"); the page cache off, the category is joined."""
    tree = catalogue_tree(township, with_counts=False) if settings.PAGE_CACHE else None
    if tree is None:  # page cache off: join the category
        try:
            item = (DisclosureItem.objects.published_of_active(township.pk)
                    .select_related("category__parent").get(pk=pk))
        except DisclosureItem.DoesNotExist:
            raise Http404("no such item") from None
        item.township = township
        return item
    # With the tree the page cache is on, and so, unless switched off, the fragment
    # keeping the whole item page, the only reader of the body: it is read only when the
    # fragment is filled.
    statement = _ITEM_NO_BODY if settings.FRAGMENT_CACHE else _ITEM
    found = statement.run(township_id=township.pk, pk=pk)
    if not found:
        raise Http404("no such item")
    item = found[0]
    item.township = township
    try:
        node, ancestors = find_node(tree, item.category_id)
    except Http404:  # not in the township's tree (never made so): read as usual
        return item
    category = node.category
    if ancestors and category.parent_id == ancestors[-1].category.pk:
        category.parent = ancestors[-1].category
    item.category = category
    return item


def withdrawn_item(township, pk: int) -> DisclosureItem | None:
    """A proactively disclosed item that was published and then withdrawn (撤回), or None."""
    item = (DisclosureItem.objects.filter(
        township=township, pk=pk, status=DisclosureItem.Status.WITHDRAWN,
        disclosure_mode=DisclosureItem.DisclosureMode.PROACTIVE, township__is_active=True,
    ).only("pk", "title", "index_no", "township_id").first())
    if item is not None:
        entry = SignOff.objects.filter(
            content_type=ContentType.objects.get_for_model(DisclosureItem), object_id=item.pk,
            action=SignOff.Action.WITHDRAW,
        ).order_by("-created_at").first()
        item.withdrawn_at = entry.created_at if entry else None
    return item


def related_items(item: DisclosureItem, limit: int = 5) -> list[DisclosureItem]:
    """The column's newest public items but this one. The newest `limit + 1` are kept under
    the township's counter: every item page of the column shares one query."""
    newest = generations.remember(
        f"related:{item.category_id}:{limit}", [generations.township_scope(item.township.slug)],
        lambda: list(DisclosureItem.objects.published().filter(category_id=item.category_id)
                     .only("pk", "title", "published_on")
                     .order_by("-published_on", "-id")[:limit + 1]))
    shown = [other for other in newest if other.pk != item.pk][:limit]
    for other in shown:
        other.township = item.township  # the same column: the same township (for its URL)
    return shown


def item_is_public(pk: str) -> bool:
    """Whether `item:<pk>` may be counted as a visit now (visits asks through a hook)."""
    return pk.isdigit() and public_items().filter(pk=int(pk), township__is_active=True).exists()


def township_is_public(slug: str) -> bool:
    return Township.objects.active().filter(slug=slug).exists()
