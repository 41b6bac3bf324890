"""Response headers and the audit log's request context."""

from __future__ import annotations

import functools
import http

from auditlog.middleware import AuditlogMiddleware
from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from pagecache.middleware import may_serve_from_cache
from web.client_address import client_ip

from .csp import allow_editor

# What a response or request sets to make its policy differ from the settings' one
# (django-csp's decorators, security.csp.allow_editor, a nonce used by a template).
_ADJUSTMENTS = ("_csp_config", "_csp_update", "_csp_replace",
                "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro")
_DEBUG_EXEMPT = (http.HTTPStatus.INTERNAL_SERVER_ERROR, http.HTTPStatus.NOT_FOUND)


@functools.lru_cache(maxsize=2)
def settings_policy(report_only: bool) -> tuple[str, tuple[str, ...]]:
    """The header django-csp builds from the settings alone, and the path prefixes it
    leaves without one: the same for every response of this process."""
    setting = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only
                      else "CONTENT_SECURITY_POLICY", None) or {}
    return (build_policy(report_only=report_only),
            tuple(setting.get("EXCLUDE_URL_PREFIXES", None) or ()))


@receiver(setting_changed)
def _forget_policy(*, setting: str, **_kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):  # tests change it; a site does not
        settings_policy.cache_clear()


class PolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the settings' own policy built once per process.

    django-csp builds both headers from the settings on every response, copying every
    directive (docs/PERFORMANCE.md, "Twelfth pass"). A response that adjusts its policy,
    or a request whose nonce a template used, still goes through django-csp itself; every
    other one gets the same strings under the same rules (exempt views, excluded prefixes,
    error pages in DEBUG)."""

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
                getattr(response, name, None) is not None for name in _ADJUSTMENTS):
            return super().process_response(request, response)
        if settings.DEBUG and response.status_code in _DEBUG_EXEMPT:
            return response
        for report_only, header, exempt in ((False, HEADER, "_csp_exempt"),
                                            (True, HEADER_REPORT_ONLY, "_csp_exempt_ro")):
            policy, excluded = settings_policy(report_only)
            if (policy and header not in response
                    and getattr(response, exempt, False) is False
                    and not request.path_info.startswith(excluded)):
                response[header] = policy
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response (features the platform never uses are off),
    and the editor's import map allowed by hash (security/csp.py). Placed after
    django-csp's middleware, so it sees the response first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        allow_editor(response)
        return response


class AuditContextMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware, with the client address from the one trusted helper
    (its own reads X-Forwarded-For from anyone).

    A request the page cache may answer (an anonymous GET or HEAD of a public page, no
    session cookie: pagecache.middleware.may_serve_from_cache) has no actor and changes no
    tracked model, so it skips django-auditlog's context: connecting and disconnecting its
    per-request signal receiver was about 5 % of an uncached public page's CPU. A tracked
    row saved during such a request would still be logged, only without the address.
    """

    def __call__(self, request):
        if may_serve_from_cache(request):
            return self.get_response(request)
        return super().__call__(request)

    @staticmethod
    def _get_remote_addr(request):
        return client_ip(request) or None

    @staticmethod
    def _get_remote_port(request):
        return None

    @staticmethod
    def _get_actor(request):
        # Without a session cookie nobody is logged in: no need to load the session and
        # the user (django-auditlog's own check) to know that.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return AuditlogMiddleware._get_actor(request)
