"""Back-office pages of one's own account (the login history and two-factor authentication)
and the erasure of a case's personal data on request."""

from __future__ import annotations

from base64 import b32encode

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp import user_has_device

from . import history, retention, twofactor


def my_logins(request):
    return render(request, "security/my_logins.html", {
        **admin.site.each_context(request),
        "title": _("我的登录记录"),
        "events": history.user_history(request.user.get_username(), limit=100),
    })


def _otp_context(request, **extra):
    from django.contrib import admin

    return {**admin.site.each_context(request), "next": twofactor.safe_next(request), **extra}


def otp_verify(request):
    """The second step of login: a code from the authenticator app or a recovery code."""
    if not user_has_device(request.user, confirmed=True):
        return redirect(f"{reverse('security:otp_setup')}?next={twofactor.safe_next(request)}")
    error = ""
    if request.method == "POST":
        device = twofactor.verify(request.user, request.POST.get("token", ""))
        if device is not None:
            otp_login(request, device)
            if device.persistent_id.startswith("otp_static"):
                messages.warning(request, _(
                    "您使用了一个恢复码，它已作废。剩余恢复码不多时请重新生成。"))
            return redirect(twofactor.safe_next(request))
        error = _("动态口令或恢复码不正确，或尝试过于频繁，请稍后再试。")
    return render(request, "security/otp_verify.html", _otp_context(
        request, title=_("两步验证"), error=error), status=400 if error else 200)


def otp_setup(request):
    """Set up the authenticator app: scan, confirm one code, then see the recovery codes."""
    if user_has_device(request.user, confirmed=True) and not request.user.is_verified():
        return redirect(f"{reverse('security:otp_verify')}?next={twofactor.safe_next(request)}")
    device = twofactor.pending_totp(request.user)
    error = ""
    if request.method == "POST":
        token = request.POST.get("token", "").strip()
        if token and device.verify_token(token):
            device.confirmed = True
            device.save()
            codes = twofactor.new_recovery_codes(request.user)
            otp_login(request, device)
            return render(request, "security/otp_codes.html", _otp_context(
                request, title=_("恢复码"), codes=codes))
        error = _("动态口令不正确：请确认手机时间准确，并输入身份验证器当前显示的6位数字。")
    return render(request, "security/otp_setup.html", _otp_context(
        request, title=_("设置两步验证"), qr=mark_safe(twofactor.qr_svg(device)),
        secret=b32encode(device.bin_key).decode(), error=error,
        required=twofactor.enforced() and twofactor.is_privileged(request.user),
        exempt=settings.TWO_FACTOR_DEMO_EXEMPT), status=400 if error else 200)


def otp_recovery_codes(request):
    """A fresh set of recovery codes for a verified user (the old ones stop working)."""
    if not request.user.is_verified():
        return redirect(f"{reverse('security:otp_verify')}?next={reverse('admin:index')}")
    if request.method != "POST":
        return render(request, "security/otp_recovery_confirm.html", _otp_context(
            request, title=_("重新生成恢复码")))
    codes = twofactor.new_recovery_codes(request.user)
    return render(request, "security/otp_codes.html", _otp_context(
        request, title=_("恢复码"), codes=codes))


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=_("删除理由"), min_length=4, max_length=200,
        help_text=_("将记入审计日志，例如：申请人来函依个人信息保护法第四十七条请求删除。"),
        widget=forms.Textarea(attrs={"rows": 2}))


def erase_case(request, object_id):
    """A handler erases a closed case's applicant data on the applicant's request (第四十七条).
    Who may: the case's handlers, as the application admin defines them (its `sees_in_full`,
    reached through the admin registry so this side app imports no application code)."""
    model = apps.get_model("applications.Application")
    model_admin = admin.site._registry[model]
    case = model_admin.get_object(request, str(object_id))
    if case is None:
        raise Http404
    if not (model_admin.has_change_permission(request, case)
            and model_admin.sees_in_full(request, case)):
        raise PermissionDenied
    change_url = reverse("admin:applications_application_change", args=[case.pk])
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            retention.erase_case(case.tracking_number, reason=form.cleaned_data["reason"],
                                 actor=request.user)
        except retention.ErasureRefusedError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("申请人的个人信息已删除，已记入审计日志。"))
            return redirect(change_url)
    return render(request, "security/erase_case.html", {
        **admin.site.each_context(request), "title": _("删除申请人个人信息"),
        "case": case, "form": form, "change_url": change_url})
