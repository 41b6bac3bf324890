"""The registry of oversight checks, in dashboard order.

Each check is a small class (checks/base.py). To add one, write a `Check` subclass and
append an instance here.
"""

from __future__ import annotations

from .applications import ApplicationDeadlines
from .base import Check, Context, Finding, FindingList, Measure, Problem
from .channel import GuideAge, RequiredPages
from .columns import StaleColumns
from .defects import BrokenLinks, MissingFiles, PersonalDataOverrides
from .feedback import ErrorReports
from .fetched import FetchedLinks
from .inspection import Inspection
from .interpretations import PolicyReadings
from .notices import OpenNotices
from .publishing import ItemsPublished
from .reports import AnnualReportStatus
from .signoff import SignoffDurations
from .timeliness import Art26Timeliness
from .wording import WordingErrors

CHECKS: list[Check] = [
    ItemsPublished(),
    StaleColumns(),
    Art26Timeliness(),
    AnnualReportStatus(),
    ApplicationDeadlines(),
    SignoffDurations(),
    PersonalDataOverrides(),
    BrokenLinks(),
    FetchedLinks(),
    MissingFiles(),
    GuideAge(),
    RequiredPages(),
    WordingErrors(),
    PolicyReadings(),
    ErrorReports(),
    OpenNotices(),
    Inspection(),  # last: reads the other checks' results of the same run
]


def get(key: str) -> Check | None:
    return next((check for check in CHECKS if check.key == key), None)


__all__ = ["CHECKS", "Check", "Context", "Finding", "FindingList", "Measure", "Problem", "get"]
