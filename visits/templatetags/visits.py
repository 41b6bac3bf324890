"""{% visit_count "item:12" %} shows a counter and registers the key for this page's beacon;
{% visit_beacon %} (in base.html) renders the one beacon element and its <noscript> image,
with a one-use token minted for this rendering. Pages that are not public are not rendered,
so they never issue a token (the withdrawn-item page and error pages leave the block empty).

Both run on every page even inside a stored fragment (pagecache's `live_call`): a page kept
whole keeps the count's and the beacon's places open, and each page fills them in order, the
count first, so the beacon names the keys the page shows."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from pagecache.templatetags.fragments import live_call, register_live_call

from .. import store
from ..rules import KEY_PATTERN, mint_token

register = template.Library()


def _page_keys(context) -> list[str]:
    request = context.get("request")
    if request is None:
        return []
    if not hasattr(request, "_visit_keys"):
        request._visit_keys = []
    return request._visit_keys


@register.simple_tag(takes_context=True)
def visit_count(context, key, ident=None, label=None):
    """`{% visit_count "report:5" %}` or `{% visit_count "item" item.pk %}`."""
    key = f"{key}:{ident}" if ident not in (None, "") else str(key)
    if not KEY_PATTERN.match(key):
        return ""
    return live_call(context, "visits.count", key, None if label is None else str(label))


def _count(context, key, label):
    keys = _page_keys(context)
    if key not in keys:
        keys.append(key)
    count = store.count_for(key)
    return format_html(
        '<p class="visit-count" data-visit-key="{}">{}<span class="visit-number">{}</span></p>',
        key, label or _("访问量："), f"{count:,}",
    )


@register.simple_tag(takes_context=True)
def visit_beacon(context):
    return live_call(context, "visits.beacon")


def _beacon(context):
    request = context.get("request")
    if request is None:
        return ""
    keys = _page_keys(context)
    query = urlencode({"t": mint_token(keys, request.path)})
    url = reverse("visits:hit") + "?" + query
    request._visit_token_minted = True
    # pagecache stamps a fresh token into each cached copy in place of this one.
    request._visit_beacon = {"encoded": query[2:], "keys": list(keys), "path": request.path}
    return format_html(
        '<span id="visit-beacon" data-hit-url="{}" hidden></span>'
        '<noscript><img class="visit-pixel" src="{}" alt="" width="1" height="1"></noscript>',
        url, url,
    )


register_live_call("visits.count", _count)
register_live_call("visits.beacon", _beacon)
