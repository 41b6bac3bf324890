"""Desk panels of the sign-off chain: what waits for my signature, and what came back to me."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from townships import desk
from townships import permissions as tp

from . import permissions
from .models import Review
from .subjects import adapter_for

LIMIT = 8


def _entries(reviews) -> list[desk.Entry]:
    now = timezone.now()
    return [desk.Entry(r.title, adapter_for(r.subject).admin_url(),
                       _("%(step)s · 已等待%(age)s") % {"step": r.current_label,
                                                     "age": timesince(r.waiting_since, now)},
                       urgent=(now - r.waiting_since).days >= 3)
            for r in reviews[:LIMIT]]


def waiting_for_me(request) -> desk.Panel | None:
    user = request.user
    reviews = [r for r in Review.objects.waiting_for(user).exclude(
        state=Review.State.CHANGES_REQUESTED).select_related("township", "content_type")
        .prefetch_related("subject") if permissions.can_act(user, r)]
    if not reviews and not tp.access(user).township_roles:
        return None
    return desk.Panel(_("待我处理（审签）"), len(reviews), _entries(reviews),
                      more_url=reverse("admin:signoff_pendingreview_changelist"),
                      empty_text=_("没有等待您签署或发布的信息。"), key="signoff-waiting")


def sent_back_to_me(request) -> desk.Panel | None:
    reviews = list(Review.objects.filter(state=Review.State.CHANGES_REQUESTED,
                                         author=request.user)
                   .order_by("waiting_since").prefetch_related("subject"))
    if not reviews:
        return None
    return desk.Panel(_("退回给我修改"), len(reviews), _entries(reviews),
                      key="signoff-sent-back")


def register() -> None:
    desk.register(waiting_for_me, order=10)
    desk.register(sent_back_to_me, order=20)
