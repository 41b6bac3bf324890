"""Who may see the oversight dashboard and act on rectification notices.

County auditors and county admins oversee the townships of their county; township staff
never see the dashboard. An auditor changes nothing but the notices they sent; the township
admin of the notice's township answers it.
"""

from __future__ import annotations

from django.db.models import Q

from townships import permissions as tp
from townships.models import County
from townships.selectors import current_county

from .models import RectificationNotice
from .models.notices import NOTICE_ROLE_CHOICES

State = RectificationNotice.State
NOTICE_ROLES = frozenset(role for role, _label in NOTICE_ROLE_CHOICES)


def oversight_county_ids(user) -> set[int] | None:
    """Counties the user oversees; None means every county (platform operators)."""
    if tp.is_platform_admin(user):
        return None
    return set(tp.access(user).county_roles) if tp.has_county_view(user) else set()


def county_for(user) -> County | None:
    """The county whose dashboard the user sees (one county per platform, in practice).
    Remembered on the user object, i.e. for one request, like the memberships."""
    if not hasattr(user, "_oversight_county"):
        ids = oversight_county_ids(user)
        user._oversight_county = (current_county() if ids is None else
                                  County.objects.filter(pk__in=ids).order_by("id").first())
    return user._oversight_county


def can_view_dashboard(user) -> bool:
    return tp.has_county_view(user) and county_for(user) is not None


def oversees(user, township) -> bool:
    ids = oversight_county_ids(user)
    return tp.has_county_view(user) and (ids is None or township.county_id in ids)


def can_refresh(user) -> bool:
    """Recomputing the dashboard now is for county admins (it is a heavy job)."""
    return tp.is_county_admin(user)


def can_send_notice(user, township) -> bool:
    return oversees(user, township)


def can_edit_notice(user, notice: RectificationNotice) -> bool:
    """The sender (or a county admin) edits, returns or closes a notice not yet closed."""
    if notice.state == State.CLOSED or not oversees(user, notice.township):
        return False
    return notice.sent_by_id == user.pk or tp.is_county_admin(user)


def can_answer_notice(user, notice: RectificationNotice) -> bool:
    """Open notices are answered by the roles the county chose for them (by default the
    township admin and the 党政办) in the notice's township."""
    return (notice.state == State.OPEN
            and tp.has_role(user, notice.township_id, *notice.recipient_roles_list))


def answering_township_ids(user) -> set[int]:
    """Townships where the user holds a role that notices can be sent to."""
    return {tid for tid, roles in tp.access(user).township_roles.items()
            if roles & NOTICE_ROLES}


def received_notices(user) -> Q | None:
    """The notices sent to the user: their township and one of their roles among the
    notice's recipients. None when there are none (township scoping: never another
    township's, never a notice sent to other roles)."""
    scope = Q()
    for tid, roles in tp.access(user).township_roles.items():
        for role in roles & NOTICE_ROLES:
            scope |= Q(township_id=tid, recipient_roles__contains=f",{role},")
    return scope or None


def can_read_notice(user, notice: RectificationNotice) -> bool:
    return oversees(user, notice.township) or tp.has_role(
        user, notice.township_id, *notice.recipient_roles_list)
