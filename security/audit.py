"""Which models the audit log (django-auditlog) tracks, and the records written by hand.

Every staff change to these models is logged with who, when, from which address (the
trusted client address, security/middleware.py) and the values before and after.
Applicants' registered personal fields (security/personal_data.py) are masked in the log.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.apps import apps

from .personal_data import REGISTRY

#: app_label.Model -> registration options.
TRACKED: dict[str, dict] = {
    "townships.County": {},
    "townships.Township": {},
    "townships.Office": {},
    "townships.User": {"exclude_fields": ["last_login"], "mask_fields": ["password"],
                       "mask_callable": "security.audit.mask_secret"},
    "townships.Membership": {},
    "townships.CalendarYear": {},
    "townships.CalendarDay": {},
    "signoff.ChainTemplate": {},
    "signoff.ChainStep": {},
    "signoff.Review": {},
    "signoff.SignOff": {},
    "disclosure.Category": {},
    "disclosure.DisclosureItem": {},
    "disclosure.Attachment": {},
    "disclosure.ItemRevision": {},
    "disclosure.RevisionAttachment": {},
    "disclosure.RichTextImage": {},
    # Who imported which document into which item (the body itself is the item's).
    "disclosure.DocumentImport": {"include_fields": ["township", "item", "original_name",
                                                     "created_by", "applied_at"]},
    # Applicants' data: every field the personal-data registry declares, masked.
    "applications.Application": {},
    "applications.ApplicationEvent": {},
    "applications.ReplyAttachment": {},
    "applications.Delivery": {},
    "applications.LetterTemplate": {},
    "reports.AnnualReport": {},
    "reports.TableOverride": {},
    "reports.ReportAttachment": {},
    "reports.ReportDeadline": {},
    # Second-factor devices: set up, used and reset (never the secret).
    "otp_totp.TOTPDevice": {"include_fields": ["user", "name", "confirmed"]},
    "otp_static.StaticDevice": {"include_fields": ["user", "name", "confirmed"]},
    # Failed logins per account and address; deleting one is an unlock.
    "axes.AccessAttempt": {"include_fields": ["username", "ip_address",
                                              "failures_since_start", "attempt_time"]},
}


def mask_secret(value) -> str:
    return "（已更改，不记录内容）" if value else ""


#: Models whose registered personal fields (security/personal_data.py) the log masks.
MASKED_PERSONAL = ("applications.Application", "applications.Delivery")


def options_for(label: str) -> dict:
    options = dict(TRACKED[label])
    if label in MASKED_PERSONAL:
        options["mask_fields"] = [f.name for f in REGISTRY if f.model_label == label]
    return options


def register_models() -> None:
    for label in TRACKED:
        options = options_for(label)
        try:
            model = apps.get_model(label)
        except LookupError:  # an app that is not installed
            continue
        if not auditlog.contains(model):
            auditlog.register(model, **options)

