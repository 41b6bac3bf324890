from .notices import NoticeEvent, RectificationNotice
from .scans import FileCheckRun, InternalLink, MissingFile, ScanState
from .snapshots import DayIndex, OversightDashboard, SnapshotRun, TownshipSnapshot
from .thresholds import ColumnThreshold

__all__ = ["ColumnThreshold", "DayIndex", "FileCheckRun", "InternalLink", "MissingFile",
           "NoticeEvent", "OversightDashboard", "RectificationNotice", "ScanState", "SnapshotRun",
           "TownshipSnapshot"]
