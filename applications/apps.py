from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "applications"
    verbose_name = _("依申请公开")

    def ready(self):
        from . import desk, signals

        desk.register()
        signals.connect()
