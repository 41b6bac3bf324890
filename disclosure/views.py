"""Public pages of the county portal and each township's disclosure channel."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from townships.models import Township
from townships.selectors import current_county, public_township
from web.downloads import file_response

from . import selectors

PAGE_SIZE = 20


def county_home(request):
    county = current_county()
    townships = Township.objects.active().filter(county=county) if county else []
    return render(request, "disclosure/county_home.html", {
        "county": county,
        "townships": townships,
        "latest": selectors.latest_items(limit=12),
        "nav": "home",
    })


def latest(request):
    """Every township's published items, newest first, a page at a time."""
    items = selectors.public_items().order_by("-published_on", "-id")
    return render(request, "disclosure/latest.html", {
        "page": Paginator(items, PAGE_SIZE).get_page(request.GET.get("page")),
        "nav": "latest",
    })


def township_latest(request, township_slug):
    township = public_township(township_slug)
    items = selectors.public_items().filter(township=township).order_by("-published_on", "-id")
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
    items = (selectors.public_items().filter(category_id__in=node.descendant_ids)
             .order_by("-published_on", "-id"))
    paginator = Paginator(items, PAGE_SIZE)
    paginator.count = node.count  # the tree counted the same rows: no COUNT(*) per page
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "disclosure/category_detail.html", {
        "township": township,
        "tree": tree,
        "node": node,
        "category": node.category,
        "ancestors": ancestors,
        "page": page,
        "nav": "catalogue",
    })


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
    return render(request, "disclosure/item_detail.html", {
        "township": township,
        "item": item,
        "category": item.category,
        "attachments": list(item.attachments.all()),
        "related": selectors.related_items(item),
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
