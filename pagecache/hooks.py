"""What other apps add to the page cache. The page cache imports no app: an app declares its
hooks on its AppConfig as dotted paths, and they are loaded once, when apps are ready.

- `page_cache_variants`: functions `request -> str`. Each answer joins the page's key, so a
  page that looks different in a mode (关怀版) is stored once per mode.
- `page_cache_copy_hooks`: modules with `freeze(request, body) -> (body, state)` and
  `thaw(state, body) -> body`. `freeze` takes what must not be shared between visitors out
  of a page before it is stored (the one-use 访问量 token); `thaw` puts a fresh one into
  every copy served.
- `page_cache_query_params`: {URL name ("app:name"): parameter names}. The only query
  parameters a cached page reads; every other one is dropped from the request before the
  view runs and from the key (a page not listed reads none). Random query strings therefore
  add no cache entries.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from django.apps import apps
from django.utils.module_loading import import_string

variants: list[Callable] = []
copy_hooks: dict[str, object] = {}
query_params: dict[str, frozenset[str]] = {}


def load() -> None:
    variants.clear()
    copy_hooks.clear()
    query_params.clear()
    for config in apps.get_app_configs():
        for view_name, names in getattr(config, "page_cache_query_params", {}).items():
            query_params[view_name] = frozenset(names)
        variants.extend(import_string(p) for p in getattr(config, "page_cache_variants", ()))
        for path in getattr(config, "page_cache_copy_hooks", ()):
            copy_hooks[path] = import_module(path)


def variant_of(request) -> str:
    return ".".join(variant(request) for variant in variants) or "std"


def freeze(request, body: bytes) -> tuple[bytes, dict]:
    states = {}
    for name, hook in copy_hooks.items():
        body, state = hook.freeze(request, body)
        if state is not None:
            states[name] = state
    return body, states


def thaw(states: dict, body: bytes) -> bytes:
    for name, state in states.items():
        body = copy_hooks[name].thaw(state, body)
    return body
