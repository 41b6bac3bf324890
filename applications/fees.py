"""Information-processing fees per 国办函〔2020〕109号 (DOMAIN.md §2.4, §6 items 19–21).

Two progressive methods; an application is charged by one of them, never both.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FREE_APPLICATIONS = 10
FREE_PAGES = 30
# (first page of the band, last page or None, yuan per page)
PAGE_BANDS = [(31, 100, 10), (101, 200, 20), (201, None, 40)]


def price_of_nth_application(n: int) -> int:
    """Fee of the nth application by one applicant in one calendar month."""
    if n <= FREE_APPLICATIONS:
        return 0
    if n <= 30:
        return 100
    return 100 + 100 * ((n - 31) // 10 + 1)


def per_application_fee(count: int) -> Decimal:
    """Total for `count` applications in one month (1–10 free, 11–30 ¥100, then +¥100 per 10)."""
    return Decimal(sum(price_of_nth_application(n) for n in range(1, count + 1)))


def per_page_fee(pages: int) -> Decimal:
    """1–30 pages free; 31–100 ¥10/page; 101–200 ¥20/page; 201 and up ¥40/page."""
    total = 0
    for first, last, price in PAGE_BANDS:
        top = pages if last is None else min(pages, last)
        if top >= first:
            total += (top - first + 1) * price
    return Decimal(total)


def compute_fee(*, nth_application: int | None = None, pages: int | None = None
                ) -> tuple[str, int, Decimal]:
    """(method, quantity, amount) for one application; both methods at once is refused."""
    if nth_application and pages:
        raise ValidationError(_("同一申请只能选择按件计收或按量计收中的一种方式，不能同时适用。"))
    if nth_application:
        return "per_application", nth_application, Decimal(
            price_of_nth_application(nth_application))
    if pages:
        return "per_page", pages, per_page_fee(pages)
    return "none", 0, Decimal(0)
