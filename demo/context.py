"""The demo county: the context every app's demo seeder receives.

`manage.py seed_demo` builds the county, townships, offices and one user per role per
township (townships/demo_data.py), then calls `seed(ctx)` in each installed app's
`demo` module, in INSTALLED_APPS order. Every seeder must be idempotent.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TextIO

from .models import County, Township, User


@dataclass
class DemoContext:
    county: County
    townships: list[Township]
    #: (township slug or "county", role value) -> user
    users: dict[tuple[str, str], User]
    stdout: TextIO
    today: datetime.date
    #: Lines printed at the end (logins and passwords, URLs).
    notes: list[str] = field(default_factory=list)

    def user(self, township: Township | None, role: str) -> User:
        return self.users[(township.slug if township else "county", role)]
