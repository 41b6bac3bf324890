from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = _("政府信息公开年度报告")

    def ready(self):
        from signoff.subjects import register_subject

        from .models import AnnualReport
        from .subjects import ReportSubject

        register_subject(AnnualReport, ReportSubject)

        from visits.rules import register_key_check

        from .selectors import report_is_public

        register_key_check("report", report_is_public)
