from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = _("政府信息公开年度报告")
    page_cache_query_params = {"reports:report_list": ("page",)}  # see disclosure/apps.py
    #: 访问量 keys of this app's pages -> "is that page public now?" (visits/apps.py)
    visit_key_checks = {"report": "reports.selectors.report_is_public"}

    def ready(self):
        from disclosure.image_uses import track
        from disclosure.signals import connect_public
        from signoff.subjects import register_subject

        from . import desk
        from .models import AnnualReport, ReportAttachment
        from .selectors import public_html
        from .subjects import ReportSubject

        register_subject(AnnualReport, ReportSubject)
        connect_public(AnnualReport, files=((ReportAttachment, "report_id"),))
        track(AnnualReport, public_html)  # its images are public while it is published
        desk.register()
