from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Operations: health checks, backups, the scheduler, deploy checks. Imports no content app."""

    name = "ops"
    verbose_name = _("运维")

    def ready(self):
        from . import checks  # noqa: F401 - registers the deploy checks
