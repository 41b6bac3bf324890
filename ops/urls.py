import json

from django.http import JsonResponse
from django.urls import path
from health_check.checks import Cache
from health_check.views import HealthCheckView

from . import release

# Database, cache (Redis in production) and the media storage; used by the container health
# checks and monitoring. Plain text with ?format=text, JSON with ?format=json.
HEALTH_CHECKS = ["health_check.checks.Database", "health_check.checks.Cache",
                 "health_check.checks.Storage"]


class ReleaseHealthCheckView(HealthCheckView):
    """The health checks plus the running release: X-App-Version / X-App-Build headers on every
    answer, a "release" entry in the JSON and a first "release:" line in the text format."""

    async def dispatch(self, request, *args, **kwargs):
        response = await super().dispatch(request, *args, **kwargs)
        response["X-App-Version"] = release.version()
        response["X-App-Build"] = release.build_id()
        return response

    def render_to_response_json(self, status):
        results = {"release": {"version": release.version(), "build": release.build_id()}}
        results.update(json.loads(super().render_to_response_json(status).content))
        return JsonResponse(results, status=status)

    def render_to_response_text(self, status):
        response = super().render_to_response_text(status)
        response.content = f"release: {release.describe()}\n".encode() + response.content
        return response


class LivenessView(ReleaseHealthCheckView):
    """/healthz, the liveness check (compose's container health check, nginx, monitoring):
    500 when the database or the media storage fails. A failing cache (Redis) is reported
    in the body but answers 200: the node keeps serving without it (pages render uncached,
    sessions come from the database), so it must not be restarted or taken out of nginx
    for it. /readyz fails on Redis too (docs/DEPLOY.md)."""

    async def get(self, request, *args, **kwargs):
        response = await super().get(request, *args, **kwargs)
        errors = [result for result in self.results if result.error]
        if response.status_code == 500 and all(isinstance(r.check, Cache) for r in errors):
            response.status_code = 200
            response["X-Health-Degraded"] = "cache"
        return response


urlpatterns = [
    path("healthz", LivenessView.as_view(checks=HEALTH_CHECKS), name="healthz"),
    # Readiness: every service, Redis included (500 while Redis is down).
    path("readyz", ReleaseHealthCheckView.as_view(checks=HEALTH_CHECKS), name="readyz"),
]
