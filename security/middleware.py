"""Response headers and the audit log's request context."""

from __future__ import annotations

from auditlog.middleware import AuditlogMiddleware
from django.conf import settings

from config.client_address import client_ip


class PermissionsPolicyMiddleware:
    """Switches off browser features the platform never uses, on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
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
