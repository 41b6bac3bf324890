"""What the chain needs to know about the objects it reviews, and the registry of them.

The chain (`chain.py`) is content-type agnostic: it talks to a `ChainSubject` adapter that
wraps one model instance. Apps above this one (disclosure items and their revisions, annual
reports) implement the interface and register it from their `AppConfig.ready()`:

    register_subject(AnnualReport, ReportSubject)

The interface fails closed. Every fact and check the chain relies on is abstract: an adapter
that does not say how to scan its subject for personal data, how to show what changed, who
may submit it or how to publish it cannot be registered, so nothing can reach the chain
without its personal-data scan or its diff.
"""

from __future__ import annotations

import inspect
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _


class PIISource(NamedTuple):
    """Findings of the personal-data scan in one part of a subject.

    `field` names the form field the text is edited in ("" when it cannot be linked, e.g.
    an attachment), so the back office can link straight back to it.
    """

    label: str
    findings: list
    field: str = ""


@dataclass
class SubjectDiff:
    """What a reviewer must see changed: metadata rows and body rows (revision_diff.Row)."""

    left_label: str
    right_label: str
    meta_rows: list = field(default_factory=list)
    body_rows: list = field(default_factory=list)
    #: What the two tables of the sign page are called (the defaults suit items).
    meta_caption: str = ""
    body_caption: str = ""

    @property
    def changed(self) -> bool:
        return any(r.changed for r in [*self.meta_rows, *self.body_rows])


class ChainSubject(ABC):
    """Adapter base: subclasses wrap one model instance (`self.obj`)."""

    model: type
    #: Whether a published subject of this kind can be withdrawn (撤回) through the chain.
    supports_withdraw = False

    def __init__(self, obj):
        self.obj = obj

    @classmethod
    def lock(cls, pk):
        return cls.model.objects.select_for_update().get(pk=pk)

    @classmethod
    def lock_root(cls, pk) -> None:
        """Lock the root object of subject `pk` (itself by default), the first lock of every
        chain move (LOCK ORDER in signoff/chain.py). A dependent subject (a revision)
        locks the object it belongs to."""
        cls.lock(pk)

    # -- what goes through the chain for a container object shown in the back office -----

    @classmethod
    def current_subject(cls, container):
        """The object under review for this page's object (itself, or e.g. its open
        revision once it is published); None when there is nothing to review."""
        return container

    @classmethod
    def log_objects(cls, container) -> list:
        """The objects whose sign-off log entries make up this page's log."""
        return [container]

    @classmethod
    def open_revision(cls, container):
        return None

    @classmethod
    def revision_count(cls, container) -> int:
        return 0

    # -- facts ------------------------------------------------------------------------------

    @property
    @abstractmethod
    def township_id(self) -> int: ...

    @property
    @abstractmethod
    def importance(self) -> str: ...

    @property
    @abstractmethod
    def author_id(self) -> int | None: ...

    @property
    @abstractmethod
    def title(self) -> str: ...

    @property
    @abstractmethod
    def status_label(self) -> str:
        """The subject's own state, in Chinese, for the chain panel."""

    @abstractmethod
    def is_draft(self) -> bool:
        """Whether the subject is in a state from which it can be submitted."""

    @abstractmethod
    def is_published(self) -> bool: ...

    # -- checks -----------------------------------------------------------------------------

    @abstractmethod
    def why_not_submit(self, user) -> str | None:
        """Who may send this subject into its chain: None when `user` may, else the reason."""

    @abstractmethod
    def check_submittable(self) -> None:
        """Raise ValidationError when the object cannot be submitted now."""

    @abstractmethod
    def publish_problems(self) -> list[str]:
        """What blocks publication, in Chinese; empty when ready."""

    @abstractmethod
    def pii_findings(self) -> list[PIISource]:
        """Every part of the subject a reader will see, scanned for personal data; only the
        sources with findings."""

    @abstractmethod
    def diff(self) -> SubjectDiff | None:
        """What changed against the published version, for the sign page; None when there
        is no earlier version (a first submission shows the whole content instead)."""

    # -- writes -----------------------------------------------------------------------------

    @abstractmethod
    def set_state(self, state: str) -> None:
        """Mirror the review's state (ReviewState) on the subject."""

    @abstractmethod
    def publish(self, actor) -> None:
        """Put the (locked, signed-off) subject online."""

    def dependents(self) -> list:
        """Objects whose open reviews are cancelled when this subject is withdrawn."""
        return []

    def withdraw(self, actor) -> None:
        raise NotImplementedError

    @abstractmethod
    def admin_url(self) -> str: ...


class StatusSubject(ChainSubject):
    """A subject whose model mirrors its review in its own `status` field, and which only its
    author may submit (the chain has already checked the township role)."""

    #: ReviewState -> the model's status value.
    statuses: dict[str, str]
    draft_status = "draft"
    published_status = "published"

    @property
    def status_label(self) -> str:
        return self.obj.get_status_display()

    def is_draft(self) -> bool:
        return self.obj.status == self.draft_status

    def is_published(self) -> bool:
        return self.obj.status == self.published_status

    def set_state(self, state: str) -> None:
        self.obj.status = self.statuses[state]
        self.obj.save(update_fields=["status", "updated_at"])

    def why_not_submit(self, user) -> str | None:
        if self.author_id is not None and self.author_id != user.pk:
            return _("只有报送人本人可以提交审核。")
        return None


_SUBJECTS: dict[type, type[ChainSubject]] = {}


def register_subject(model: type, adapter: type[ChainSubject]) -> None:
    """Let an app put its objects through the chain; refuses an incomplete adapter."""
    if not (isinstance(adapter, type) and issubclass(adapter, ChainSubject)):
        raise ImproperlyConfigured(f"{adapter!r} is not a ChainSubject")
    if inspect.isabstract(adapter):
        missing = ", ".join(sorted(adapter.__abstractmethods__))
        raise ImproperlyConfigured(
            f"{adapter.__name__} cannot review {model.__name__}: it does not implement {missing}")
    _SUBJECTS[model] = adapter


def is_registered(model: type) -> bool:
    return model in _SUBJECTS


def adapter_class(model: type) -> type[ChainSubject]:
    try:
        return _SUBJECTS[model]
    except KeyError:
        raise TypeError(f"{model.__name__} is not registered for the sign-off chain") from None


def adapter_for(obj) -> ChainSubject:
    return adapter_class(type(obj))(obj)


def registered_models() -> list[type]:
    return list(_SUBJECTS)
