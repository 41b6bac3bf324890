"""Two-factor authentication (django-otp): a TOTP authenticator app plus one-use recovery
codes (docs/SECURITY.md, "Two-factor authentication").

Who must: superusers, county admins, township admins and 党政办 (publishers), whenever
TWO_FACTOR_REQUIRED is on (default: DEBUG off) and the local demo exemption is not set.
Anyone else may turn it on; then it is asked of them too. After the password, such a user
reaches nothing but the second-factor pages and logout until a code is verified; one who
has no device yet is taken to set one up (scan, confirm a code, note the recovery codes).
A county admin resets a user's devices in 安全审计 › 两步验证设备 (logged in the audit log).
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from townships.models import Role

PRIVILEGED_ROLES = (Role.COUNTY_ADMIN, Role.TOWNSHIP_ADMIN, Role.PUBLISHER)
TOTP_NAME = "身份验证器"
RECOVERY_NAME = "恢复码"


def is_privileged(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or user.memberships.filter(role__in=PRIVILEGED_ROLES).exists()


def enforced() -> bool:
    return settings.TWO_FACTOR_REQUIRED and not settings.TWO_FACTOR_DEMO_EXEMPT


def required_for(user) -> bool:
    """Must this user give a second factor before using the back office?"""
    if not getattr(user, "is_authenticated", False):
        return False
    if user_has_device(user, confirmed=True):
        return True  # turned on by choice, or already set up
    return enforced() and is_privileged(user)


def _open_paths() -> tuple[str, ...]:
    return (reverse("security:otp_verify"), reverse("security:otp_setup"),
            reverse("admin:logout"), reverse("admin:login"), settings.STATIC_URL or "/static/")


class TwoFactorRequiredMiddleware:
    """After django_otp's OTPMiddleware: a user who owes a second factor is sent to it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)  # nobody is logged in: no user to load
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated and not user.is_verified()
                and not request.path.startswith(_open_paths()) and required_for(user)):
            target = "security:otp_verify" if user_has_device(user, confirmed=True) \
                else "security:otp_setup"
            return HttpResponseRedirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)


def safe_next(request, default: str = "/admin/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(target, {request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return default


def verify(user, token: str):
    """The confirmed device that accepts this code (TOTP or a recovery code), or None.
    TOTP devices throttle repeated wrong codes (django-otp's growing delay)."""
    token = (token or "").strip().replace(" ", "").lower()
    if not token:
        return None
    # A six-digit code is for the authenticator, anything else a recovery code: a wrong
    # code then slows down (throttles) only the kind of device it was meant for.
    kind = TOTPDevice if token.isdigit() and len(token) <= 8 else StaticDevice
    for device in devices_for_user(user, confirmed=True):
        if not isinstance(device, kind):
            continue
        allowed, _why = device.verify_is_allowed()
        if allowed and device.verify_token(token):
            return device
    return None


def pending_totp(user) -> TOTPDevice:
    """The unconfirmed authenticator being set up (one per user)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with a fresh set; returns them (shown once)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.TWO_FACTOR_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG QR code (no script, no external image)."""
    import segno

    return segno.make(device.config_url, error="m").svg_inline(scale=5, title="二维码")


def reset(user) -> int:
    """Remove all of a user's second-factor devices (a county admin's reset)."""
    count = 0
    for model in (TOTPDevice, StaticDevice):
        for device in model.objects.filter(user=user):
            device.delete()
            count += 1
    return count
