"""The public search page."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from . import highlight
from .forms import SearchForm
from .query import search


@require_GET
def results(request):
    form = SearchForm(request.GET or None)
    context = {"form": form, "township": None, "nav": "search",
               "search_query": (request.GET.get("q") or "")[:200]}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = form.filters()
        context["township"] = form.scope
        context["chips"] = _active_filters(request, form)
        if data["q"] or _any_filter(data):
            found = search(data["q"], filters=filters, sort=data["sort"] or "relevance",
                           page=data["page"] or 1)
            context.update(results=found, hits=_hits(found),
                           pages=_page_links(request, found), searched=True)
    context["base_template"] = ("disclosure/township_base.html" if context["township"]
                                else "base.html")
    timed_out = getattr(context.get("results"), "timed_out", False)
    # A search cut off by SEARCH_TIMEOUT_MS answers 503 so that no cache keeps the message.
    return render(request, "search/results.html", context, status=503 if timed_out else 200)


def _any_filter(data) -> bool:
    return any(data.get(name) for name in ("category", "year", "validity", "mode", "kind"))


#: Filters shown as removable chips above the results (the query lives in the header box).
CHIP_FIELDS = ("township", "category", "year", "validity", "mode", "kind", "sort")


def _active_filters(request, form) -> list[dict]:
    """Each filter in force, labelled as chosen, with the link that drops it (and the page
    number, since the result set changes)."""
    chips = []
    for name in CHIP_FIELDS:
        value = request.GET.get(name) or ""
        if not value:
            continue
        labels = {str(key): label for key, label in form.fields[name].choices}
        if value not in labels:
            continue
        params = request.GET.copy()
        params.pop(name, None)
        params.pop("page", None)
        chips.append({
            "label": form.fields[name].label,
            "value": str(labels[value]).strip("\u3000"),
            "url": f"{reverse('search:results')}?{urlencode(params, doseq=True)}",
        })
    return chips


def _hits(found) -> list[dict]:
    hits = []
    for number, entry in enumerate(found.entries, start=found.first_number):
        source = entry.content if entry.content.strip() else entry.summary
        hits.append({
            "number": number, "entry": entry,
            "title": highlight.mark(entry.title, found.terms),
            "excerpt": highlight.excerpt(source, found.terms),
        })
    return hits


def _page_links(request, found, spread: int = 2) -> dict:
    """Numbered page links keeping every other parameter: first, previous, a window of page
    numbers around the current one, next, last."""
    params = request.GET.copy()

    def url(page: int) -> str:
        params["page"] = str(page)
        return f"{reverse('search:results')}?{urlencode(params, doseq=True)}"

    current, last = found.page, found.num_pages
    window = range(max(1, current - spread), min(last, current + spread) + 1)
    return {
        "first": url(1) if current > 1 else None,
        "previous": url(current - 1) if current > 1 else None,
        "numbers": [(n, url(n)) for n in window],
        "next": url(current + 1) if current < last else None,
        "last": url(last) if current < last else None,
        "current": current, "count": last,
    }

