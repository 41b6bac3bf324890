"""Deployment checks (`manage.py check --deploy`) for settings Django does not know about."""

from django.conf import settings
from django.core.checks import Info, Tags, Warning, register
from django.db import DatabaseError, connections

from townships.models import County


@register(Tags.security, deploy=True)
def production_settings(app_configs, **kwargs):
    problems = []
    if settings.REQUEST_MAX_MB <= settings.ATTACHMENT_MAX_MB:
        problems.append(Warning(
            "REQUEST_MAX_MB is not larger than ATTACHMENT_MAX_MB: nginx would refuse a form "
            "carrying one attachment of the allowed size.", id="ops.W001"))
    if not settings.REDIS_URL:
        problems.append(Warning(
            "REDIS_URL is not set: each gunicorn worker keeps its own cache, and visit counts "
            "are written to the database on every hit.", id="ops.W002"))
    if connections["default"].vendor == "sqlite":
        problems.append(Warning(
            "The database is SQLite: production needs PostgreSQL (DATABASE_URL).",
            id="ops.W003"))
    if "console" in settings.EMAIL_BACKEND or "locmem" in settings.EMAIL_BACKEND:
        problems.append(Warning(
            "EMAIL_BACKEND does not send mail: set the SMTP backend and EMAIL_HOST.",
            id="ops.W004"))
    if "smtp" in settings.EMAIL_BACKEND and (
            not settings.EMAIL_HOST
            or any(f"{p}." in f".{settings.EMAIL_HOST}." for p in (".example", ".invalid"))):
        problems.append(Warning(
            f"EMAIL_HOST is {settings.EMAIL_HOST!r}, the example value: deadline reminders and "
            "sign-off notices would not arrive. Set the county's SMTP server (then test with "
            "`manage.py sendtestemail you@example`).", id="ops.W005"))
    if 0 < getattr(settings, "SECURE_HSTS_SECONDS", 0) < 31536000:
        problems.append(Info(
            f"SECURE_HSTS_SECONDS is {settings.SECURE_HSTS_SECONDS}: the day-one value. Raise it "
            "to 31536000 once HTTPS has worked for a week (docs/DEPLOY.md).", id="ops.I001"))
    problems += _sample_marks()
    return problems


def _sample_marks():
    """ops.W006: the portal still shows the demo's 样例 mark or emblem (seed_demo's pictures).
    Quiet when the database cannot be read yet (first release, before migrate)."""
    try:
        county = County.objects.order_by("id").first()
        samples = county.sample_marks() if county is not None else []
    except DatabaseError:
        return []
    if not samples:
        return []
    return [Warning(
        "The portal shows the demo's sample images: " + "; ".join(samples)
        + ". Upload the images the issuing bodies provided (admin: 县 → 网站页头/页脚).",
        id="ops.W006")]
