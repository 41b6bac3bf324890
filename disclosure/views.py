"""Public pages of the county portal and each township's disclosure channel."""

import functools

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from pagecache import generations
from townships.models import Township
from townships.selectors import current_county, public_township
from web.downloads import file_response

from . import interpretations, selectors
from .entries import ENTRIES

PAGE_SIZE = 20


HOME_TAB_SIZE = 8


def county_home(request):
    """The county's 政务公开 portal: a 要闻 / 通知公告 / 政策文件 / 政策解读 tab block drawn
    from every township's catalogue columns, the townships as tiles with their latest date,
    and 联系我们."""
    county = current_county()
    townships = (functools.partial(selectors.townships_with_latest_date, county) if county
                 else [])
    return render(request, "disclosure/county_home.html", {
        "page_version": ("county",),  # kept whole; the portal's lists and 访问量 are live
        "county": county,
        # Callables, not even querysets: nothing is built while the fragment is kept.
        "townships": townships,
        "tabs": functools.partial(selectors.home_tabs, limit=HOME_TAB_SIZE),
        "entries": ENTRIES,
        "nav": "home",
    })


def latest(request):
    """Every township's published items, newest first, a page at a time."""
    items = selectors.listed_items().order_by("-published_on", "-id")
    return render(request, "disclosure/latest.html", {
        "page": Paginator(items, PAGE_SIZE).get_page(request.GET.get("page")),
        "nav": "latest",
    })


def township_latest(request, township_slug):
    township = public_township(township_slug)
    items = selectors.listed_items().filter(township=township).order_by("-published_on", "-id")
    return render(request, "disclosure/latest.html", {
        "township": township,
        "page": Paginator(items, PAGE_SIZE).get_page(request.GET.get("page")),
        "nav": "catalogue",
    })


def site_map(request):
    """网站地图: every channel and every catalogue node of every township."""
    county = current_county()
    townships = list(Township.objects.active().filter(county=county)) if county else []
    return render(request, "disclosure/site_map.html", {
        "townships": [(t, selectors.catalogue_tree(t, with_counts=False)) for t in townships],
        "nav": "site_map",
    })


def township_home(request, township_slug):
    township = public_township(township_slug)
    return render(request, "disclosure/township_home.html", {
        "page_version": ("township",),  # kept whole; the lists and 访问量 are live
        "township": township,
        "tree": selectors.catalogue_tree(township),
        "latest": selectors.latest_items(township=township, limit=10),
        "nav": "township",
    })


def guide(request, township_slug):
    township = public_township(township_slug)
    return render(request, "disclosure/guide.html", {
        "township": township,
        "tree": selectors.catalogue_tree(township, with_counts=False),
        "nav": "guide",
    })


def system(request, township_slug):
    township = public_township(township_slug)
    return render(request, "disclosure/system.html", {"township": township, "nav": "system"})


def category_detail(request, township_slug, category_id):
    township = public_township(township_slug)
    tree = selectors.catalogue_tree(township)
    node, ancestors = selectors.find_node(tree, category_id)

    def column_items():  # built only when read: a plain page uses the compiled statement
        return (selectors.listed_items().filter(category_id__in=node.descendant_ids)
                .order_by("-published_on", "-id"))

    years = generations.remember(  # the years the column has, cleared with the tree
        f"years:{township.pk}:{node.category.pk}", [generations.township_scope(township.slug)],
        lambda: [d.year for d in column_items().dates("published_on", "year", order="DESC")])
    list_filter = _list_filter(request, years)
    if list_filter["active"]:
        items = column_items()
        if list_filter["year"]:
            items = items.filter(published_on__year=list_filter["year"])
        if list_filter["q"]:
            items = items.filter(Q(title__icontains=list_filter["q"])
                                 | Q(doc_number__icontains=list_filter["q"])
                                 | Q(index_no__icontains=list_filter["q"]))
        paginator = Paginator(items, PAGE_SIZE)
    else:  # the tree counted the same rows: no COUNT(*), each page one compiled statement
        paginator = Paginator(selectors.ColumnRows(township, node), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "disclosure/category_detail.html", {
        # Kept whole around the column (live): its title and breadcrumbs show the column,
        # its ancestors and the page number.
        "page_version": (node.category.pk, page.number),
        "township": township,
        "tree": tree,
        "node": node,
        "category": node.category,
        "ancestors": ancestors,
        "page": page,
        "years": years,
        "list_filter": list_filter,
        "nav": "catalogue",
    })


LIST_QUERY_MAX = 50


def _list_filter(request, years: list[int]) -> dict:
    """The year and keyword a category list is narrowed to. A year the list does not have or
    a keyword that is too long is refused with a message, never an error page."""
    errors = []
    raw_year = (request.GET.get("year") or "").strip()
    year = None
    if raw_year:
        if raw_year.isdigit() and int(raw_year) in years:
            year = int(raw_year)
        else:
            errors.append(_("年份“%(year)s”不在可选范围内，已显示全部年份。")
                          % {"year": raw_year[:10]})
    q = (request.GET.get("q") or "").strip()
    if len(q) > LIST_QUERY_MAX:
        errors.append(_("关键词不能超过 %(n)s 个字，已按前 %(n)s 个字查找。")
                      % {"n": LIST_QUERY_MAX})
        q = q[:LIST_QUERY_MAX]
    return {"year": year, "q": q, "errors": errors, "active": bool(year or q)}


def item_detail(request, township_slug, item_id):
    township = public_township(township_slug)
    try:
        item = selectors.public_item(township, item_id)
    except Http404:
        withdrawn = selectors.withdrawn_item(township, item_id)
        if withdrawn is None:
            raise
        return render(request, "disclosure/item_withdrawn.html",
                      {"township": township, "item": withdrawn, "nav": "catalogue"}, status=410)
    documents, readings = interpretations.public_links(item)
    return render(request, "disclosure/item_detail.html", {
        # The page is kept whole (pagecache fragments, scope "all") under the item's own
        # version; its links to other items (政策解读, 相关信息) and 访问量 are live parts.
        # A county, township or catalogue change bumps "all"; an attachment moves updated_at.
        "page_version": (item.pk, item.updated_at.isoformat(), item.index_no or ""),
        "township": township,
        "item": item,
        "category": item.category,
        "attachments": item.attachments.all(),  # read inside the article fragment only
        "related": selectors.related_items(item),
        "documents": documents,
        "interpretations": readings,
        "nav": "catalogue",
    })


def attachment_download(request, township_slug, item_id, attachment_id):
    """Serve an attachment of a public item; the storage path itself is never linked.

    Only after this check is the file handed to nginx (X-Accel-Redirect) or the bucket.
    """
    township = public_township(township_slug)
    item = selectors.public_item(township, item_id)
    attachment = next((a for a in item.attachments.all() if a.pk == attachment_id), None)
    if attachment is None or not attachment.file:
        raise Http404("no such attachment")
    return file_response(attachment.file, f"{attachment.display_title}.{attachment.extension}")
