from .linkcheck import InspectionSettings, LinkCheckResult, LinkCheckRun
from .notices import NoticeEvent, RectificationNotice
from .scans import FileCheckRun, InternalLink, MissingFile, ScanState
from .snapshots import DayIndex, OversightDashboard, SnapshotRun, TownshipSnapshot
from .thresholds import ColumnThreshold
from .wording import LeaderTitle, WordingDismissal, WordingHit, WordingRule

__all__ = [
           "ColumnThreshold",
           "DayIndex",
           "FileCheckRun",
           "InspectionSettings",
    "InternalLink",
           "LeaderTitle",
    "LinkCheckResult",
    "LinkCheckRun",
           "MissingFile",
           "NoticeEvent",
           "OversightDashboard",
           "RectificationNotice",
           "ScanState",
           "SnapshotRun",
           "TownshipSnapshot",
           "WordingDismissal",
           "WordingHit",
           "WordingRule",
]
