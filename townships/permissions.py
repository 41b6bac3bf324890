"""Who may do what, in which township.

Roles live in Membership rows; every check here goes through `roles_by_township`,
which loads a user's memberships once per request (cached on the user object).
Superusers are platform operators and may do everything.
"""

from __future__ import annotations

from collections import defaultdict

from .models import COUNTY_ROLES, Membership, Role, Township

# Township roles that may create and edit content (items, attachments) in their township.
EDITOR_ROLES = frozenset({
    Role.AUTHOR, Role.OFFICE_HEAD, Role.SUPERVISOR, Role.INFO_LEADER,
    Role.PRINCIPAL, Role.PUBLISHER, Role.TOWNSHIP_ADMIN,
})
# Roles that may change the township's own settings, offices and staff.
TOWNSHIP_MANAGER_ROLES = frozenset({Role.TOWNSHIP_ADMIN})


class _Access:
    """A user's memberships, indexed for the predicates below."""

    def __init__(self, user):
        self.township_roles: dict[int, set[str]] = defaultdict(set)
        self.county_roles: dict[int, set[str]] = defaultdict(set)
        if user.is_authenticated and user.is_active:
            for township_id, county_id, role in Membership.objects.filter(
                user=user
            ).values_list("township_id", "county_id", "role"):
                if township_id:
                    self.township_roles[township_id].add(role)
                else:
                    self.county_roles[county_id].add(role)


def access(user) -> _Access:
    cached = getattr(user, "_township_access", None)
    if cached is None:
        cached = _Access(user)
        if user.is_authenticated:
            user._township_access = cached
    return cached


def is_platform_admin(user) -> bool:
    return bool(user.is_active and user.is_superuser)


def county_roles(user) -> set[str]:
    roles: set[str] = set()
    for role_set in access(user).county_roles.values():
        roles |= role_set
    return roles


def is_county_admin(user) -> bool:
    return is_platform_admin(user) or Role.COUNTY_ADMIN in county_roles(user)


def has_county_view(user) -> bool:
    """County auditors and admins read every township."""
    return is_platform_admin(user) or bool(county_roles(user) & COUNTY_ROLES)


def roles_in(user, township: Township | int) -> set[str]:
    township_id = township if isinstance(township, int) else township.pk
    return set(access(user).township_roles.get(township_id, set()))


def has_role(user, township, *roles) -> bool:
    return bool(roles_in(user, township) & set(roles))


def readable_township_ids(user) -> set[int] | None:
    """The townships a user may read in the back office; None means all of them."""
    if has_county_view(user):
        return None
    return set(access(user).township_roles)


def editable_township_ids(user) -> set[int]:
    """Townships whose content the user may create or change."""
    return {
        township_id
        for township_id, roles in access(user).township_roles.items()
        if roles & EDITOR_ROLES
    }


def managed_township_ids(user) -> set[int] | None:
    """Townships whose settings, offices and staff the user may manage; None means all."""
    if is_county_admin(user):
        return None
    return {
        township_id
        for township_id, roles in access(user).township_roles.items()
        if roles & TOWNSHIP_MANAGER_ROLES
    }


def can_read_township(user, township_id: int | None) -> bool:
    ids = readable_township_ids(user)
    return ids is None or township_id in ids


def can_edit_in(user, township_id: int | None) -> bool:
    if is_platform_admin(user):
        return True
    return township_id in editable_township_ids(user)


def can_manage_township(user, township_id: int | None) -> bool:
    ids = managed_township_ids(user)
    return ids is None or township_id in ids


def can_use_back_office(user) -> bool:
    if not (user.is_active and user.is_staff):
        return False
    acc = access(user)
    return is_platform_admin(user) or bool(acc.township_roles or acc.county_roles)
