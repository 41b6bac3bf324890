from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "oversight"
    verbose_name = _("监督检查")
    #: Wording checks shown on the sign page before submission (signoff/hooks.py).
    sign_page_checks = ("oversight.wordscan.sign_page_notes",)
    #: Overdue rectification notices, in the daily `send_deadline_reminders` job.
    daily_reminders = ("oversight.notice_messages.remind_overdue",)

    def ready(self):
        from . import desk

        desk.register()
