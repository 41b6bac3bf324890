"""Who handles applications and who may read applicants' personal data."""

from __future__ import annotations

from townships import permissions as tp
from townships.models import Role

#: Township roles that handle applications (the 党政办 and the township admin).
HANDLER_ROLES = frozenset({Role.PUBLISHER, Role.TOWNSHIP_ADMIN})


def handled_township_ids(user) -> set[int]:
    return {
        township_id
        for township_id, roles in tp.access(user).township_roles.items()
        if roles & HANDLER_ROLES
    }


def readable_township_ids(user) -> set[int] | None:
    """Townships whose applications (with personal data) the user may read; None = all."""
    if tp.has_county_view(user):
        return None
    return handled_township_ids(user)


def can_read_applications(user, township_id: int) -> bool:
    ids = readable_township_ids(user)
    return ids is None or township_id in ids


def can_handle(user, township_id: int) -> bool:
    """County auditors read only; the platform operator may act anywhere."""
    return tp.is_platform_admin(user) or township_id in handled_township_ids(user)


def scope(qs, user, path: str = "township"):
    ids = readable_township_ids(user)
    return qs if ids is None else qs.filter(**{f"{path}__in": ids})


def sees_personal_data(user, township_id: int) -> bool:
    """Identity and phone numbers in full: only the township staff handling applications
    there. County auditors, county admins and the platform operator see them masked and
    may reveal one with a recorded reason."""
    return township_id in handled_township_ids(user)
