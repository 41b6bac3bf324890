from django.urls import path
from health_check.views import HealthCheckView

# Database, cache (Redis in production) and the media storage; used by the container health
# checks and monitoring. Plain text with ?format=text, JSON with ?format=json.
HEALTH_CHECKS = ["health_check.checks.Database", "health_check.checks.Cache",
                 "health_check.checks.Storage"]

urlpatterns = [
    path("healthz", HealthCheckView.as_view(checks=HEALTH_CHECKS), name="healthz"),
]
