"""The demo county: the context every app's demo seeder receives.

`manage.py seed_demo` builds the county, townships, offices and one user per role per
township (demo/county.py), then calls `seed(ctx)` of each seeder module in this package, in
the order the apps' layers stand (demo/management/commands/seed_demo.py). Every seeder must
be idempotent.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TextIO

from townships.models import County, Township, User


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
