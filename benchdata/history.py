"""One township's disclosure history: items with their sign-off chain (Review + SignOff),
revisions, attachments and visit counts, in realistic proportions.

The proportions (per item): 93% published, 1% withdrawn, 3% drafts, 2% in review, 1% sent
back; 5% published more than 20 working days after 成文日期; 10% revised once after
publication; 30% with an attachment; 0.5% link to another item (some of those broken);
0.2% published with a personal-data scan override. Two columns per township are left
empty and two only get items older than 400 days, so the oversight checks find something.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field

from disclosure.models import Attachment, DisclosureItem, ItemRevision
from signoff.models import DEFAULT_CHAINS, Importance, Review, SignOff
from townships.models import Role
from visits.models import VisitCounter

from .writer import Loader, local_time

Status = DisclosureItem.Status
STATUSES = [(Status.PUBLISHED, 93), (Status.WITHDRAWN, 1), (Status.DRAFT, 3),
            (Status.IN_REVIEW, 2), (Status.CHANGES_REQUESTED, 1)]
IMPORTANCE = [(Importance.NORMAL, 80), (Importance.IMPORTANT, 15), (Importance.CRITICAL, 5)]
STEPS = {level: [{"role": str(role), "label": label} for role, label in chain]
         for level, chain in DEFAULT_CHAINS.items()}
SHARED_FILE = "bench/shared-attachment.pdf"
SHARED_SIZE = 1234
TOPICS = ["农村人居环境整治", "高标准农田建设", "防汛抗旱", "秸秆禁烧", "农村低保动态管理",
          "乡村道路养护", "集体经济发展", "森林防火", "饮用水安全", "耕地保护",
          "医保参保缴费", "困难群众救助", "安全生产检查", "农机购置补贴", "美丽乡村建设"]
KINDS = ["通知", "公告", "实施方案", "工作总结", "情况通报", "公示", "工作安排"]
COMMENTS = ("内容属实，同意。", "同意。", "同意签发。", "同意。")


class Weighted:
    """A fixed weighted choice, prepared once (rng.choices with cumulative weights)."""

    def __init__(self, pairs):
        self.values = [v for v, _w in pairs]
        self.cumulative = list(itertools.accumulate(w for _v, w in pairs))

    def draw(self, rng):
        return rng.choices(self.values, cum_weights=self.cumulative)[0]


STATUS_DRAW = Weighted(STATUSES)
IMPORTANCE_DRAW = Weighted(IMPORTANCE)


@dataclass
class Place:
    """What the generator knows about one township while writing its rows."""

    pk: int
    slug: str
    name: str
    org_code: str
    full_name: str
    leaves: list[tuple[int, str]]  # (category id, code)
    crew: dict[str, int]  # role -> user id
    empty: set[int] = field(default_factory=set)
    old_only: set[int] = field(default_factory=set)
    serials: dict[int, int] = field(default_factory=dict)


class History:
    def __init__(self, loader: Loader, rng, today: datetime.date, now: datetime.datetime,
                 *, years: int, content_types: dict):
        self.loader, self.rng, self.today, self.now = loader, rng, today, now
        self.span = years * 365
        self.ct = content_types

    # -- items ------------------------------------------------------------------------

    def items(self, place: Place, count: int) -> list[dict]:
        rng = self.rng
        usable = [leaf for leaf in place.leaves if leaf[0] not in place.empty]
        rows = []
        for _i in range(count):
            status = STATUS_DRAW.draw(rng)
            category_id, code = rng.choice(usable)
            row = self._item(place, status, category_id, code)
            rows.append(row)
        published = sorted((r for r in rows if r["published_on"]), key=lambda r: r["published_on"])
        for row in published:
            year = row["published_on"].year
            place.serials[year] = place.serials.get(year, 0) + 1
            row["index_no"] = f"{place.org_code}/{year}-{place.serials[year]:05d}"
        for row in rows:
            self.loader.add(DisclosureItem, row)
        return rows

    def _item(self, place: Place, status: str, category_id: int, code: str) -> dict:
        rng = self.rng
        online = status in (Status.PUBLISHED, Status.WITHDRAWN)
        published_on = written_on = None
        if online:
            age = int((rng.random() ** 1.3) * self.span)
            if category_id in place.old_only:
                age = max(age, 400 + rng.randint(0, 300))
            published_on = self.today - datetime.timedelta(days=age)
            gap = rng.randint(30, 90) if rng.random() < 0.05 else rng.randint(0, 14)
            written_on = published_on - datetime.timedelta(days=gap)
        else:
            written_on = self.today - datetime.timedelta(days=rng.randint(0, 30))
        doc_type, doc_number, validity = "general", "", ""
        year = (published_on or written_on).year
        if code == "zcwj-gfxwj":
            doc_type, validity = "normative", "valid"
            doc_number = f"{place.name[:2]}政发〔{year}〕{rng.randint(1, 99)}号"
        elif code == "zcwj-bjwj":
            doc_type = "document"
            doc_number = f"{place.name[:2]}政〔{year}〕{rng.randint(1, 199)}号"
        topic = rng.choice(TOPICS)
        first = local_time(published_on, rng.randint(9, 17), rng.randint(0, 59)) if online \
            else None
        return {
            "id": self.loader.new_id(DisclosureItem), "township_id": place.pk,
            "category_id": category_id, "title": f"{place.name}关于{topic}的{rng.choice(KINDS)}",
            "summary": f"{place.name}{year}年{topic}工作安排。", "publisher_name": place.full_name,
            "written_on": written_on, "published_on": published_on, "doc_number": doc_number,
            "doc_type": doc_type, "validity": validity, "keywords": topic,
            "importance": IMPORTANCE_DRAW.draw(rng), "status": status,
            "body": f"<p>为做好{topic}工作，现将有关事项{rng.choice(KINDS)}如下。</p>"
                    f"<p>各村（社区）要高度重视，按时完成各项任务。</p>",
            "first_published_at": first, "created_by_id": place.crew[Role.AUTHOR],
            "created_at": local_time(written_on, 9), "updated_at": first or local_time(
                written_on, 10), "index_no": None,
        }

    def add_links(self, place: Place, rows: list[dict]) -> None:
        """Some published bodies link to another item of the township (drafts: broken)."""
        rng = self.rng
        for row in rows:
            if row["status"] != Status.PUBLISHED or rng.random() >= 0.005:
                continue
            target = rng.choice(rows)["id"] if rng.random() < 0.8 else 999_999_999
            row["body"] += (f'<p>相关信息：<a href="/xxgk/{place.slug}/content/{target}/">'
                            f"点击查看相关通知</a></p>")

    # -- chain --------------------------------------------------------------------------

    def chains(self, place: Place, rows: list[dict]) -> None:
        for row in rows:
            status = row["status"]
            if status == Status.DRAFT:
                continue
            steps = STEPS[row["importance"]]
            if status in (Status.PUBLISHED, Status.WITHDRAWN):
                self._published_chain(place, row, steps)
            else:
                self._open_chain(place, row, steps)

    def _log(self, place, review_id, ct, object_id, actor_role, action, at, **extra) -> None:
        self.loader.add(SignOff, {
            "review_id": review_id, "content_type_id": ct, "object_id": object_id,
            "township_id": place.pk, "actor_id": place.crew[actor_role], "role": actor_role,
            "action": action, "created_at": at, "round": 1, **extra})

    def run_chain(self, place: Place, *, ct: int, object_id: int, title: str, importance: str,
                  steps: list[dict], published_at: datetime.datetime,
                  pii_reason: str = "") -> None:
        """A chain that ended in publication: submit, every step, publish."""
        rng = self.rng
        days = rng.choice((0, 0, 1, 1, 2, 3, 4, 6, 9))
        submitted = published_at - datetime.timedelta(days=days, hours=rng.randint(1, 5))
        review_id = self.loader.add(Review, {
            "township_id": place.pk, "content_type_id": ct, "object_id": object_id,
            "title": title[:200], "importance": importance, "steps": steps,
            "state": Review.State.PUBLISHED, "current_step": len(steps), "current_role": "",
            "round": 1, "version": len(steps) + 2, "author_id": place.crew[Role.AUTHOR],
            "submitted_at": submitted, "waiting_since": published_at,
            "finished_at": published_at})
        self._log(place, review_id, ct, object_id, Role.AUTHOR, "submit", submitted,
                  to_state="in_review", comment="请审核。")
        gap = (published_at - submitted) / (len(steps) + 1)
        for index, step in enumerate(steps):
            last = index == len(steps) - 1
            self._log(place, review_id, ct, object_id, step["role"], "approve",
                      submitted + gap * (index + 1), step=index, step_label=step["label"],
                      from_state="in_review", to_state="approved" if last else "in_review",
                      comment=COMMENTS[index % len(COMMENTS)],
                      confidentiality_attested=index == 0)
        self._log(place, review_id, ct, object_id, Role.PUBLISHER, "publish", published_at,
                  step_label="党政办发布", from_state="approved", to_state="published",
                  pii_override_reason=pii_reason, pii_findings=1 if pii_reason else 0)

    def _published_chain(self, place: Place, row: dict, steps: list[dict]) -> None:
        rng = self.rng
        pii = "经核实为公开的办公电话，不属于个人信息。" if rng.random() < 0.002 else ""
        self.run_chain(place, ct=self.ct["item"], object_id=row["id"], title=row["title"],
                       importance=row["importance"], steps=steps,
                       published_at=row["first_published_at"], pii_reason=pii)
        snapshot = {"title": row["title"], "summary": row["summary"], "body": row["body"],
                    "category": row["category_id"], "written_on": row["written_on"].isoformat(),
                    "doc_number": row["doc_number"], "importance": row["importance"],
                    "attachments": []}
        self.loader.add(ItemRevision, {
            "item_id": row["id"], "number": 1, "data": snapshot, "status": "published",
            "note": "首次发布", "created_by_id": place.crew[Role.AUTHOR],
            "created_at": row["first_published_at"], "updated_at": row["first_published_at"],
            "published_at": row["first_published_at"]})
        if row["status"] == Status.WITHDRAWN:
            self._log(place, None, self.ct["item"], row["id"], Role.PUBLISHER, "withdraw",
                      row["first_published_at"] + datetime.timedelta(days=3),
                      from_state="published", to_state="withdrawn",
                      comment="信息已过时，予以撤回。")
        elif rng.random() < 0.10:
            self._revision(place, row, steps, snapshot)

    def _revision(self, place: Place, row: dict, steps: list[dict], snapshot: dict) -> None:
        later = row["first_published_at"] + datetime.timedelta(days=self.rng.randint(1, 60))
        if later > self.now:
            return
        revision_id = self.loader.add(ItemRevision, {
            "item_id": row["id"], "number": 2, "data": {**snapshot, "summary": snapshot[
                "summary"] + "（更正）"}, "status": "published", "note": "更正内容概述",
            "created_by_id": place.crew[Role.AUTHOR], "created_at": later, "updated_at": later,
            "published_at": later})
        self.run_chain(place, ct=self.ct["revision"], object_id=revision_id,
                       title=row["title"], importance=row["importance"], steps=steps,
                       published_at=later)
        row["summary"] += "（更正）"
        row["updated_at"] = later

    def _open_chain(self, place: Place, row: dict, steps: list[dict]) -> None:
        rng = self.rng
        waiting = self.now - datetime.timedelta(days=rng.uniform(0, 25))
        submitted = waiting - datetime.timedelta(days=rng.uniform(0, 3))
        sent_back = row["status"] == Status.CHANGES_REQUESTED
        current = 0 if sent_back else rng.randrange(len(steps))
        review_id = self.loader.add(Review, {
            "township_id": place.pk, "content_type_id": self.ct["item"], "object_id": row["id"],
            "title": row["title"], "importance": row["importance"], "steps": steps,
            "state": "changes_requested" if sent_back else "in_review",
            "current_step": current, "current_role": "" if sent_back else steps[current]["role"],
            "round": 1, "version": current + 2, "author_id": place.crew[Role.AUTHOR],
            "submitted_at": submitted, "waiting_since": waiting, "finished_at": None})
        self._log(place, review_id, self.ct["item"], row["id"], Role.AUTHOR, "submit",
                  submitted, to_state="in_review", comment="请审核。")
        for index in range(current):
            self._log(place, review_id, self.ct["item"], row["id"], steps[index]["role"],
                      "approve", submitted + (waiting - submitted) * (index + 1) / (current + 1),
                      step=index, step_label=steps[index]["label"], from_state="in_review",
                      to_state="in_review", comment="同意。", confidentiality_attested=index == 0)
        if sent_back:
            self._log(place, review_id, self.ct["item"], row["id"], steps[0]["role"],
                      "request_changes", waiting, step=0, step_label=steps[0]["label"],
                      from_state="in_review", to_state="changes_requested",
                      comment="请补充实施时间。")

    # -- attachments and visits -----------------------------------------------------------

    def attachments(self, place: Place, rows: list[dict]) -> None:
        rng = self.rng
        published = [r for r in rows if r["status"] == Status.PUBLISHED]
        for row in published:
            if rng.random() >= 0.30:
                continue
            for order in range(2 if rng.random() < 0.1 else 1):
                self.loader.add(Attachment, {
                    "item_id": row["id"], "file": SHARED_FILE, "title": f"附件{order + 1}",
                    "original_name": f"附件{order + 1}.pdf", "extension": "pdf",
                    "size": SHARED_SIZE, "order": order, "uploaded_at": row["first_published_at"]})
        if published:  # one attachment per township whose file is really missing
            row = rng.choice(published)
            self.loader.add(Attachment, {
                "item_id": row["id"], "file": f"bench/missing/{place.slug}.pdf",
                "title": "缺失的附件", "original_name": "缺失的附件.pdf", "extension": "pdf",
                "size": SHARED_SIZE, "order": 9, "uploaded_at": row["first_published_at"]})

    def visits(self, place: Place, rows: list[dict]) -> None:
        rng = self.rng
        total = 0
        for row in rows:
            if row["status"] == Status.PUBLISHED:
                count = min(int(rng.paretovariate(1.3) * 15), 200_000)
                total += count
                self.loader.add(VisitCounter, {"key": f"item:{row['id']}", "count": count,
                                               "updated_at": self.now})
        self.loader.add(VisitCounter, {"key": f"township:{place.slug}", "count": total // 3,
                                       "updated_at": self.now})
