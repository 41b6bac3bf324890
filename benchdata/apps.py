from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchdataConfig(AppConfig):
    """Benchmark and test data only: `manage.py generate_city`. Nothing imports this app."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "benchdata"
    verbose_name = _("基准测试数据")
