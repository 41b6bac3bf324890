"""Response headers and the audit log's request context."""

from __future__ import annotations

from auditlog.middleware import AuditlogMiddleware
from django.conf import settings

from web.client_address import client_ip

from .csp import allow_editor


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
    (its own reads X-Forwarded-For from anyone)."""

    @staticmethod
    def _get_remote_addr(request):
        return client_ip(request) or None

    @staticmethod
    def _get_remote_port(request):
        return None
