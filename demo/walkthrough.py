"""Drive a subject through its whole chain with the people given: submit, every step, publish.

For demo data and tests, which must reach "published" the way the back office does, through
the same moves and checks, leaving a genuine sign-off log. People come from `people(role)`,
a function returning a member of the subject's township holding that role.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from demo import clock
from signoff import chain
from signoff.models import PUBLISH_ROLE, Review
from townships.models import Role

Comments = tuple[str, ...]
DEFAULT_COMMENTS: Comments = ("内容属实，同意。", "同意。", "同意签发。", "同意。")


def sign_steps(review: Review, people: Callable[[str], object], *, upto: int | None = None,
               comments: Comments = DEFAULT_COMMENTS) -> Review:
    """Sign the review's steps from its current one (all, or until step index `upto`)."""
    last = len(review.steps) if upto is None else upto
    while review.state == Review.State.IN_REVIEW and review.current_step < last:
        step = review.current_step
        review = chain.approve(review, people(review.steps[step]["role"]),
                               expected_version=review.version,
                               comment=comments[step % len(comments)],
                               attest_confidentiality=step == 0)
    return review


def publish_through_chain(obj, people: Callable[[str], object], *, author=None,
                          comment: str = "请审核。", pii_reason: str = "",
                          published: datetime.datetime | None = None, seed: int = 0,
                          not_before: datetime.date | None = None) -> Review:
    """Submit `obj` as its author, sign every step and publish it as the 党政办.

    With `published` (historic demo data), each move is stamped on the working days before
    that moment (demo/clock.py): submitted 1–7 working days earlier, published then."""
    author = author or people(Role.AUTHOR)
    if published is None:
        review = chain.submit(obj, author, comment=comment, pii_reason=pii_reason)
        review = sign_steps(review, people)
        return chain.publish(review, people(PUBLISH_ROLE), expected_version=review.version,
                             pii_reason=pii_reason)
    with clock.at(clock.chain_moments(published, 0, seed, not_before)[0]):
        review = chain.submit(obj, author, comment=comment, pii_reason=pii_reason)
    steps = len(review.steps)
    moments = iter(clock.chain_moments(published, steps, seed, not_before)[1:])
    for step in range(steps):
        with clock.at(next(moments)):
            review = sign_steps(review, people, upto=step + 1)
    with clock.at(next(moments)):
        return chain.publish(review, people(PUBLISH_ROLE), expected_version=review.version,
                             pii_reason=pii_reason)
