"""Fragment caching of the pieces every public page repeats (header, navigation, footer),
for the page-cache miss (docs/PERFORMANCE.md).

    {% load fragments %}
    {% fragment "header" nav %} … {% hole current_path|urlencode %} … {% endfragment %}

A fragment is rendered once and kept in the `pages` cache under the same generation counters
as the page cache (pagecache/generations.py: `all` and the page's scope, the township's
`t:<slug>` or `site`), so anything that makes a page stale makes its fragments stale too.
Its key carries every variant of the page (hooks.variant_of: 关怀版 and any other mode an
app declares), the language, the build id, the township, the page's template (whose blocks
may fill the fragment) and the values given after the name. What differs on every page
inside a fragment is written as `{% hole <variable with filters> %}`: the stored copy keeps
a marker there, and each render fills in the value from the page's own context.

Blocks inside a fragment may depend only on the township, the template and the values
named in the tag.

    {% fragment "article" item.pk item.updated_at scope="all" %} … {% endfragment %}

`scope="all"` keys a fragment by the `all` counter alone: for a block that shows one object
and changes only when that object does (its version is among the values named) or when
something every page shows changes (the county, a township, the catalogue: `all`).
Publishing another item of the township leaves it in place, so the first view of every other
page of the township after a publish skips it. It is kept PAGE_CACHE_OBJECT_SECONDS.

Fragments are used only for what the page cache could store (anonymous requests, no
session) and only while PAGE_CACHE and FRAGMENT_CACHE are on; otherwise the content renders
as if the tags were not there, to the same HTML.
"""

from __future__ import annotations

import contextlib
import hashlib

from django import template
from django.conf import settings
from django.core.cache import caches
from django.template.base import FilterExpression
from django.utils import translation
from django.utils.safestring import mark_safe

from pagecache import generations, hooks, replica
from pagecache.redis_cache import CacheUnavailableError

register = template.Library()

MARK = "\x00"  # never in rendered HTML (Django templates pass it through, browsers reject it)
FILLING = "_fragment_filling"  # in the context while a fragment is rendered to be stored


class HoleNode(template.Node):
    def __init__(self, expression: FilterExpression, source: str):
        self.expression = expression
        self.source = source
        HOLES[source] = expression

    def render(self, context):
        if context.get(FILLING):
            return f"{MARK}{self.source}{MARK}"
        return template.base.render_value_in_context(self.expression.resolve(context), context)


HOLES: dict[str, FilterExpression] = {}  # the holes' source text → their expression


@register.tag
def hole(parser, token):
    """`{% hole expr %}` renders like `{{ expr }}`; inside a cached fragment, per page."""
    source = token.contents.split(None, 1)[1]
    return HoleNode(parser.compile_filter(source), source)


def enabled(request) -> bool:
    if request is None or not (settings.PAGE_CACHE and settings.FRAGMENT_CACHE):
        return False
    from pagecache.middleware import may_serve_from_cache

    return may_serve_from_cache(request)


class FragmentNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, name: str, vary: list[FilterExpression], nodelist, scope: str = ""):
        self.name = name
        self.vary = vary
        self.nodelist = nodelist
        self.scope = scope

    def key_pieces(self, context) -> tuple[list[str], list[str]]:
        request = context.get("request")
        township = context.get("township")
        slug = getattr(township, "slug", "") or ""
        scope = generations.township_scope(slug) if slug else generations.SITE
        varied = "|".join(str(v.resolve(context, ignore_failures=True)) for v in self.vary)
        origin = context.template.origin.name if context.template else ""
        digest = hashlib.sha256(f"{origin}|{varied}".encode()).hexdigest()[:24]
        tail = (f":{self.name}:{hooks.variant_of(request)}:{translation.get_language()}:"
                f"{slug}:{digest}")
        if self.scope == generations.ALL:
            return [generations.ALL], [f"frag:{generations.build_id()}:", tail]
        return ([generations.ALL, scope],
                [f"frag:{generations.build_id()}:", ".", tail])

    def lifetime(self) -> int:
        if self.scope == generations.ALL:
            return settings.PAGE_CACHE_OBJECT_SECONDS
        return settings.PAGE_CACHE_SECONDS

    def render(self, context):
        request = context.get("request")
        if not enabled(request):
            return self.nodelist.render(context)
        names, pieces = self.key_pieces(context)
        try:
            stored, key = generations.get_counted(names, pieces)
        except CacheUnavailableError:
            return self.nodelist.render(context)
        if stored is None:
            with context.push(**{FILLING: True}):
                stored = self.nodelist.render(context)
            # Not when rendered from a replica that a newer bump has overtaken: the counters
            # in the key are newer than what the replica had replayed.
            if replica.may_keep_piece():
                with contextlib.suppress(CacheUnavailableError):
                    caches["pages"].set(key, str(stored), self.lifetime())
        return mark_safe(fill(stored, context))


def fill(stored: str, context) -> str:
    if MARK not in stored:
        return stored
    parts = stored.split(MARK)
    for n in range(1, len(parts), 2):
        expression = HOLES.get(parts[n])
        if expression is None:  # stored by another process before this one parsed it
            expression = HOLES[parts[n]] = template.base.Parser(
                [], libraries={}, builtins=template.engines["django"].engine.template_builtins
            ).compile_filter(parts[n])
        parts[n] = template.base.render_value_in_context(expression.resolve(context), context)
    return "".join(parts)


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    name = bits[1].strip("'\"")
    scope = ""
    if bits[-1].startswith("scope="):
        scope = bits.pop()[len("scope="):].strip("'\"")
        if scope != generations.ALL:
            raise template.TemplateSyntaxError('{% fragment %}: the only scope is scope="all"')
    vary = [parser.compile_filter(b) for b in bits[2:]]
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(name, vary, nodelist, scope)
