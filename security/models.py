"""Chinese-named proxies of the third-party records shown in the back office.

django-auditlog and django-axes ship no Simplified Chinese; proxies give the admin Chinese
names without altering the libraries' own models (and their migrations).
"""

from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice


class AuditEntry(LogEntry):
    class Meta:
        proxy = True
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")


class Lockout(AccessAttempt):
    class Meta:
        proxy = True
        verbose_name = _("登录失败与锁定")
        verbose_name_plural = _("登录失败与锁定")


class LoginRecord(AccessLog):
    class Meta:
        proxy = True
        verbose_name = _("登录记录")
        verbose_name_plural = _("登录记录")


class LoginFailure(AccessFailureLog):
    class Meta:
        proxy = True
        verbose_name = _("登录失败日志")
        verbose_name_plural = _("登录失败日志")


class TwoFactorDevice(TOTPDevice):
    class Meta:
        proxy = True
        verbose_name = _("两步验证设备")
        verbose_name_plural = _("两步验证设备")
