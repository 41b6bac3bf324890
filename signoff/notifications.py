"""E-mail to the people who can make the next move on a review (sent after commit)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from townships import messaging
from townships.models import Membership, User

from . import permissions
from .models import Review

State = Review.State


def next_actors(review: Review) -> list[User]:
    """Who can act on the review now (members of its township holding the needed role)."""
    if review.state in (State.CHANGES_REQUESTED, State.PUBLISHED):
        return [review.author]
    if review.state not in (State.IN_REVIEW, State.APPROVED) or not review.current_role:
        return []
    users = User.objects.filter(
        is_active=True, pk__in=Membership.objects.filter(
            township_id=review.township_id, role=review.current_role).values("user_id"),
    ).order_by("pk")
    return [u for u in users if permissions.can_act(u, review)]


def _message(review: Review, user: User) -> tuple[str, str]:
    township = review.township.name
    if review.state == State.CHANGES_REQUESTED:
        subject = _("【退回修改】%(title)s") % {"title": review.title}
        body = _("您报送的信息“%(title)s”被退回修改，请登录后台查看审核意见并修改后重新提交。")
    elif review.state == State.PUBLISHED:
        subject = _("【已发布】%(title)s") % {"title": review.title}
        body = _("您报送的信息“%(title)s”已经发布。")
    elif review.state == State.APPROVED:
        subject = _("【待发布】%(title)s") % {"title": review.title}
        body = _("%(township)s信息“%(title)s”已完成全部审签，等待党政办发布。")
    else:
        subject = _("【待审签】%(title)s") % {"title": review.title}
        body = _("%(township)s信息“%(title)s”等待您“%(step)s”。")
    body = body % {"title": review.title, "township": township, "step": review.current_label}
    body += "\n\n" + _("请登录后台“待我处理”查看。") + "\n"
    return subject, body


def _webhook_text(review: Review, actors: list[User]) -> str:
    step = review.current_label if review.state == State.IN_REVIEW else review.get_state_display()
    names = "、".join(u.get_full_name() for u in actors) or _("（无人可办理）")
    return _("【审签】%(township)s“%(title)s”：%(step)s。请 %(names)s 登录后台“待我处理”查看。") % {
        "township": review.township.name, "title": review.title, "step": step, "names": names}


def notify_next(review_id: int) -> int:
    """E-mail each person who can act next, one message each (a failure is recorded and the
    others still go), and post the move to the township's group robot. Returns e-mails sent."""
    review = Review.objects.select_related("township", "author").get(pk=review_id)
    actors = next_actors(review)
    sent = 0
    for user in actors:
        subject, body = _message(review, user)
        sent += messaging.send_email(township=review.township, user=user, subject=subject,
                                     body=body, kind="signoff")
    if actors:
        messaging.post_webhook(review.township, _webhook_text(review, actors), kind="signoff",
                               subject=review.title)
    return sent
