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

What must be current on every page is written as `{% live "name" %} … {% endlive %}` (a part
of the template rendered on each page, in the page's context: it must not sit inside a
`{% for %}`, `{% with %}` or an include given its own values) or as a tag that answers
through `live_call` (a function run on each page with the arguments it was given when the
fragment was stored, such as 访问量's count and beacon). Fragments nest: inside a fragment
being stored, an inner fragment gives its stored copy with its holes and live parts still
open, so the outer copy keeps them open too. An inner fragment that a publish in the
township makes stale (no `scope="all"`) must sit in a live part of an outer one with
`scope="all"`; where it does not, the outer copy is not kept (logged as an error) and the
page renders as if the outer tag were not there.

    {% fragment "page" page_version scope="all" when=page_version %} … {% endfragment %}

`when=` renders the block as if the tag were not there unless the value is set: base.html
keeps a whole page this way for the views that give a `page_version` (the item page: the
item's own version; what changes with the township is live).

Fragments are used only for what the page cache could store (anonymous requests, no
session) and only while PAGE_CACHE and FRAGMENT_CACHE are on; otherwise the content renders
as if the tags were not there, to the same HTML.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
from collections.abc import Callable

from django import template
from django.conf import settings
from django.core.cache import caches
from django.template.base import FilterExpression
from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import mark_safe

from pagecache import generations, hooks, replica
from pagecache.redis_cache import CacheUnavailableError

register = template.Library()
log = logging.getLogger(__name__)

MARK = "\x00"  # never in rendered HTML (Django templates pass it through, browsers reject it)
FILLING = "_fragment_filling"  # in the context while a fragment is rendered to be stored


class OpenNode(template.Node):
    """Left open in a stored copy (a marker naming it) and rendered on every page."""

    marker = ""

    def render(self, context):
        if context.get(FILLING):
            return f"{MARK}{self.marker}{MARK}"
        return self.render_now(context)

    def render_now(self, context):
        raise NotImplementedError


class HoleNode(OpenNode):
    def __init__(self, expression: FilterExpression, source: str):
        self.expression = expression
        self.marker = source
        HOLES[source] = expression

    def render_now(self, context):
        return template.base.render_value_in_context(self.expression.resolve(context), context)


HOLES: dict[str, FilterExpression] = {}  # the holes' source text → their expression
LIVE_PARTS: dict[str, template.NodeList] = {}  # "template name#part name" → its nodelist
LIVE_CALLS: dict[str, Callable[..., str]] = {}  # name → function(context, *arguments)


class UnfillableError(Exception):
    """A stored copy names a live part or call this process does not know: render afresh."""


class StaleSoonerError(Exception):
    """A fragment that a publish makes stale, met while storing one that outlives it."""


class LiveNode(OpenNode):
    child_nodelists = ("nodelist",)

    def __init__(self, ident: str, nodelist):
        self.marker = f"@{ident}"
        self.nodelist = nodelist
        LIVE_PARTS[ident] = nodelist

    def render_now(self, context):
        return self.nodelist.render(context)


@register.tag
def live(parser, token):
    """`{% live "name" %} … {% endlive %}`: rendered on every page, also inside a stored
    fragment. The name is unique within its template."""
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][:1] not in "'\"":
        raise template.TemplateSyntaxError('{% live %} needs one quoted name: {% live "name" %}')
    origin = getattr(parser, "origin", None)
    name = bits[1].strip("'\"")
    ident = f"{getattr(origin, 'template_name', None) or '?'}#{name}"
    nodelist = parser.parse(("endlive",))
    parser.delete_first_token()
    return LiveNode(ident, nodelist)


def register_live_call(name: str, function: Callable[..., str]) -> None:
    LIVE_CALLS[name] = function


def live_call(context, name: str, *arguments) -> str:
    """`LIVE_CALLS[name](context, *arguments)` now, or, inside a fragment being stored, a
    marker that makes the call each time the copy is filled for a page. The arguments
    must be JSON values (they are kept in the copy)."""
    if context.get(FILLING):
        return mark_safe(f"{MARK}!{name} {json.dumps(arguments)}{MARK}")
    return LIVE_CALLS[name](context, *arguments)


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

    def __init__(self, name: str, vary: list[FilterExpression], nodelist, scope: str = "",
                 when: FilterExpression | None = None):
        self.name = name
        self.vary = vary
        self.nodelist = nodelist
        self.scope = scope
        self.when = when

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
        if not enabled(request) or (
                self.when is not None and not self.when.resolve(context, ignore_failures=True)):
            return self.nodelist.render(context)
        outer = context.get(FILLING)
        if outer == generations.ALL and self.scope != generations.ALL:
            raise StaleSoonerError(self.name)  # would be kept longer than it is true
        names, pieces = self.key_pieces(context)
        try:
            stored, key = generations.get_counted(names, pieces)
        except CacheUnavailableError:
            return self.nodelist.render(context)
        if stored is None:
            widest = generations.ALL if generations.ALL in (outer, self.scope) else "township"
            try:
                with context.push(**{FILLING: widest}):
                    stored = self.nodelist.render(context)
            except StaleSoonerError as inner:
                if outer:
                    raise
                log.error("fragment %r holds fragment %r outside a {%% live %%} part: not kept",
                          self.name, str(inner))
                return self.nodelist.render(context)
            # Not when rendered from a replica that a newer bump has overtaken: the counters
            # in the key are newer than what the replica had replayed.
            if replica.may_keep_piece():
                with contextlib.suppress(CacheUnavailableError):
                    caches["pages"].set(key, str(stored), self.lifetime())
        if outer:  # inside a fragment being stored: its holes stay open
            return mark_safe(stored)
        try:
            return mark_safe(fill(stored, context))
        except UnfillableError:
            return self.nodelist.render(context)


def fill(stored: str, context) -> str:
    if MARK not in stored:
        return stored
    parts = stored.split(MARK)
    for n in range(1, len(parts), 2):
        piece = parts[n]
        if piece[:1] == "@":
            parts[n] = live_part(piece[1:]).render(context)
            continue
        if piece[:1] == "!":
            name, _sep, arguments = piece[1:].partition(" ")
            if name not in LIVE_CALLS:  # its tag library is not loaded in this process yet
                raise UnfillableError(name)
            parts[n] = str(LIVE_CALLS[name](context, *json.loads(arguments)))
            continue
        expression = HOLES.get(piece)
        if expression is None:  # stored by another process before this one parsed it
            expression = HOLES[piece] = template.base.Parser(
                [], libraries={}, builtins=template.engines["django"].engine.template_builtins
            ).compile_filter(piece)
        parts[n] = template.base.render_value_in_context(expression.resolve(context), context)
    return "".join(parts)


def live_part(ident: str) -> template.NodeList:
    nodelist = LIVE_PARTS.get(ident)
    if nodelist is None:  # stored by another process; its template is not parsed here yet
        with contextlib.suppress(template.TemplateDoesNotExist):
            get_template(ident.rsplit("#", 1)[0])
        nodelist = LIVE_PARTS.get(ident)
    if nodelist is None:
        raise UnfillableError(ident)
    return nodelist


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    name = bits[1].strip("'\"")
    when = None
    for bit in [b for b in bits[2:] if b.startswith("when=")]:
        bits.remove(bit)
        when = parser.compile_filter(bit[len("when="):])
    scope = ""
    if bits[-1].startswith("scope="):
        scope = bits.pop()[len("scope="):].strip("'\"")
        if scope != generations.ALL:
            raise template.TemplateSyntaxError('{% fragment %}: the only scope is scope="all"')
    vary = [parser.compile_filter(b) for b in bits[2:]]
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(name, vary, nodelist, scope, when)
