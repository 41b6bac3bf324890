"""The personal-data registry (个人信息保护法): every model field that holds personal data,
declared once, with its category, how long it is kept and what it becomes when anonymised.

Fields are named "app_label.Model.field" and looked up through Django's app registry, so this
side app declares the other apps' fields without importing them. Read by:

- `manage.py anonymise_personal_data` (security/retention.py): fields past their retention
  are overwritten with their `anonymised` value, audited, idempotently;
- tests/security/test_personal_data_registry.py: a marker in every registered field never
  reaches a public page, feed, sitemap, search result or API answer; and a new field that
  looks personal (name, phone, e-mail, ID number, address, IP) fails until it is registered
  here or listed in NOT_PERSONAL with the reason.

The retention periods are settings (docs/SECURITY.md, 个人信息的保存期限).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.apps import apps
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

ANONYMISED = "（已匿名）"


class Category(StrEnum):
    IDENTITY = "姓名或名称"
    ID_NUMBER = "身份证件号码"
    CONTACT = "联系方式"
    ADDRESS = "地址"
    NETWORK = "网络标识（IP 地址、浏览器标识）"


@dataclass(frozen=True)
class Retention:
    """How long a group of records keeps its personal data, and from when."""

    key: str
    label: str
    #: the setting holding the period, and its unit ("years" or "days"); None: kept as
    #: long as the record itself (no anonymisation by age)
    setting: str | None
    unit: str = "years"
    #: model label -> lookups selecting the records whose clock started before `cutoff`
    expired: dict[str, Callable[[datetime.datetime], Q]] | None = None

    def period(self) -> int | None:
        return None if self.setting is None else int(getattr(settings, self.setting))

    def cutoff(self, now: datetime.datetime) -> datetime.datetime | None:
        period = self.period()
        if period is None:
            return None
        if self.unit == "days":
            return now - datetime.timedelta(days=period)
        try:
            return now.replace(year=now.year - period)
        except ValueError:  # 29 February
            return now.replace(year=now.year - period, day=28)


def _closed_case(prefix: str = "") -> Callable[[datetime.datetime], Q]:
    # Applications are closed when replied (答复) or archived; the clock is the reply date.
    return lambda cutoff: Q(**{f"{prefix}state__in": ["replied", "archived"],
                               f"{prefix}replied_on__lt": timezone.localdate(cutoff)})


def _older(field: str) -> Callable[[datetime.datetime], Q]:
    return lambda cutoff: Q(**{f"{field}__lt": cutoff})


APPLICATION = Retention(
    "application", "依申请公开的申请人信息（办结后）", "PERSONAL_DATA_APPLICATION_YEARS",
    expired={"applications.Application": _closed_case(),
             "applications.Notice": _closed_case("application__"),
             "applications.Delivery": _closed_case("application__")})
ERROR_REPORT = Retention(
    "error_report", "找错的联系方式（答复或关闭后，自收到起算）",
    "PERSONAL_DATA_ERROR_REPORT_YEARS",
    expired={"feedback.ErrorReport": lambda cutoff: Q(status__in=["answered", "closed"],
                                                      received_at__lt=cutoff)})
LOGS = Retention(
    "logs", "登录记录、登录失败记录、通知失败记录中的地址", "PERSONAL_DATA_LOG_DAYS", unit="days",
    expired={"axes.AccessLog": _older("attempt_time"),
             "axes.AccessFailureLog": _older("attempt_time"),
             "axes.AccessAttempt": _older("attempt_time"),
             "townships.NotificationFailure": _older("created_at")})
ACCOUNT = Retention("account", "工作人员账号信息：账号存续期间保留，删除账号即删除", None)
AUDIT = Retention("audit", "审计日志：只增不改，按等保要求长期保存", None)
RETENTIONS = (APPLICATION, ERROR_REPORT, LOGS, ACCOUNT, AUDIT)


@dataclass(frozen=True)
class PersonalField:
    label: str  # "app_label.Model.field"
    category: Category
    retention: Retention
    #: the value once anonymised (None: NULL)
    anonymised: str | None = ""

    @property
    def model_label(self) -> str:
        return self.label.rsplit(".", 1)[0]

    @property
    def name(self) -> str:
        return self.label.rsplit(".", 1)[1]

    def model(self):
        return apps.get_model(self.model_label)


def _fields(model: str, retention: Retention, **categories) -> list[PersonalField]:
    out = []
    for name, spec in categories.items():
        category, anonymised = spec if isinstance(spec, tuple) else (spec, "")
        out.append(PersonalField(f"{model}.{name}", category, retention, anonymised))
    return out


C = Category
REGISTRY: tuple[PersonalField, ...] = (
    # 依申请公开: the applicant (a person or an organisation) and the notices addressed to them.
    *_fields("applications.Application", APPLICATION,
             name=(C.IDENTITY, ANONYMISED), id_number=C.ID_NUMBER,
             contact_person=C.IDENTITY, phone=C.CONTACT, email=C.CONTACT,
             address=(C.ADDRESS, ANONYMISED), postcode=C.ADDRESS),
    *_fields("applications.Notice", APPLICATION, recipient=(C.IDENTITY, ANONYMISED)),
    # 送达: a postal tracking number leads to the addressee; the note may name who signed.
    *_fields("applications.Delivery", APPLICATION, tracking_no=(C.ADDRESS, ANONYMISED),
             note=C.IDENTITY),
    # 找错: the reporter's optional contact.
    *_fields("feedback.ErrorReport", ERROR_REPORT, contact_name=C.IDENTITY,
             contact_phone=C.CONTACT, contact_email=C.CONTACT),
    # Staff accounts.
    *_fields("townships.User", ACCOUNT, full_name=C.IDENTITY, first_name=C.IDENTITY,
             last_name=C.IDENTITY, email=C.CONTACT, phone=C.CONTACT),
    # Logs: addresses and browsers of logins and failures, e-mail/phone of a failed notice.
    *_fields("townships.NotificationFailure", LOGS, address=C.CONTACT,
             error=C.CONTACT),  # a server's refusal may quote the address
    *_fields("axes.AccessLog", LOGS, ip_address=(C.NETWORK, None), user_agent=C.NETWORK),
    *_fields("axes.AccessFailureLog", LOGS, ip_address=(C.NETWORK, None),
             user_agent=C.NETWORK),
    *_fields("axes.AccessAttempt", LOGS, ip_address=(C.NETWORK, None), user_agent=C.NETWORK),
    *_fields("auditlog.LogEntry", AUDIT, remote_addr=(C.NETWORK, None),
             actor_email=C.CONTACT),
)

#: Fields whose names look personal but hold none, with the reason.
NOT_PERSONAL: dict[str, str] = {
    **dict.fromkeys([
        "townships.County.name", "townships.County.full_name", "townships.County.site_name",
        "townships.County.address", "townships.County.phone", "townships.County.email",
        "townships.County.postcode", "townships.County.organizer_phone",
        "townships.County.organizer_address", "townships.Township.name",
        "townships.Township.full_name", "townships.Township.address",
        "townships.Township.phone", "townships.Township.fax", "townships.Township.email",
        "townships.Township.postcode", "townships.Office.name", "townships.Office.phone",
        "disclosure.DisclosureItem.publisher_name"],
        "机关的名称和公开的办公联系方式，依法公开"),
    **dict.fromkeys([
        "disclosure.Attachment.original_name", "disclosure.RevisionAttachment.original_name",
        "disclosure.DocumentImport.original_name", "reports.ReportAttachment.original_name"],
        "上传文件的原文件名（公开内容的一部分，发布前经个人信息检查）"),
    **dict.fromkeys([
        "auth.Permission.name", "auth.Group.name", "townships.CalendarDay.name",
        "disclosure.Category.name", "otp_totp.TOTPDevice.name",
        "otp_static.StaticDevice.name", "applications.Application.applicant_kind"],
        "对象的名称或分类，不指向个人"),
    "oversight.LeaderTitle.name": "领导职务名单：公开的领导姓名，用于用语检查",
    "townships.User.username": "账号名：审计和登录记录据以追溯，账号存续期间保留",
    "axes.AccessLog.username": "账号名：登录记录据以追溯到账号",
    "axes.AccessFailureLog.username": "账号名：登录记录据以追溯到账号",
    "axes.AccessAttempt.username": "账号名：锁定按账号计数",
    "townships.NotificationFailure.recipient": "指向工作人员账号的外键，不含个人信息本身",
}

#: Field names that look like personal data.
LOOKS_PERSONAL = re.compile(
    r"^(name|full_name|first_name|last_name|username|recipient|user_agent|postcode|ip|"
    r"mobile|fax|id_number|id_card\w*|\w*_name|contact\w*|\w*phone\w*|\w*email\w*|"
    r"\w*address\w*|\w*_addr|\w*_ip|ip_\w+|applicant\w*|reporter\w*|\w*idcard\w*)$")


def registered() -> dict[str, PersonalField]:
    return {f.label: f for f in REGISTRY}


def unregistered_lookalikes() -> list[str]:
    """Concrete fields whose names look personal and are neither registered nor exempt."""
    known = set(registered()) | set(NOT_PERSONAL)
    found = []
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        for field in model._meta.concrete_fields:
            label = f"{model._meta.label}.{field.name}"
            if LOOKS_PERSONAL.match(field.name) and label not in known:
                found.append(label)
    return found


def by_model(retention: Retention) -> dict[str, list[PersonalField]]:
    out: dict[str, list[PersonalField]] = {}
    for field in REGISTRY:
        if field.retention is retention:
            out.setdefault(field.model_label, []).append(field)
    return out
