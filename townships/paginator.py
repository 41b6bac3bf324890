"""Admin lists that stay fast at a million rows: the count stops at COUNT_LIMIT.

Django's changelist counts the whole filtered queryset on every load. For a county user the
item list spans every township, and `SELECT COUNT(*)` over a million rows costs more than the
page itself. Past COUNT_LIMIT rows the list says “超过 N 条” and offers pages up to that point;
filters and search narrow it down.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_LIMIT = 10_000


class CappedCountPaginator(Paginator):
    limit = COUNT_LIMIT

    @cached_property
    def count(self) -> int:
        """The number of rows, or limit + 1 when there are more than `limit`."""
        query = getattr(self.object_list, "query", None)
        if query is None or query.is_sliced:
            return super().count
        return self.object_list.order_by()[: self.limit + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > self.limit
