"""Keyword-only factories for 找错 reports."""

from __future__ import annotations

import datetime

from django.utils import timezone

from feedback import services
from feedback.models import ErrorReport


def make_report(*, township=None, page_url: str | None = None,
                received: datetime.datetime | None = None, description: str = "第二段有错别字。",
                contact_phone: str = "", contact_email: str = "", **fields) -> ErrorReport:
    if page_url is None:
        page_url = f"/xxgk/{township.slug}/" if township is not None else "/wzdt/"
    report = ErrorReport(page_url=page_url, description=description,
                         contact_phone=contact_phone, contact_email=contact_email,
                         received_at=received or timezone.now(), **fields)
    return services.receive(report)


def shanghai(year, month, day, hour=10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, hour))  # noqa: DTZ001
