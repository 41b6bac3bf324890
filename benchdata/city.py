"""Generate a city for benchmarks: N townships × M items with everything around them.

It writes rows directly (COPY on PostgreSQL), bypassing the sign-off chain, because it
fabricates years of history at once; the chain's rules are respected in what it writes
(every published item has a Review and the SignOff log of its chain). Benchmark and test
data only: `manage.py generate_city` refuses to run with DEBUG off unless told otherwise.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from applications.models import Application, ApplicationEvent
from applications.table3 import OUTCOME_ROWS
from disclosure.catalogue import ensure_county_template
from disclosure.models import Category, DisclosureItem, IndexSerial, ItemRevision
from reports import schemas
from reports.deadlines import default_due_date
from reports.models import AnnualReport
from signoff.models import Importance
from townships.calendar import CalendarMissing, WorkCalendar, covered_years
from townships.calendar_data import load_from_package
from townships.models import County, Membership, Role, Township, User

from .history import SHARED_FILE, STEPS, History, Place
from .writer import Loader, can_skip_foreign_key_checks, local_time

FIRST = "青柳石桃杏松竹梅兰云金银龙凤白黑红黄东西南北上下新古长平安丰"
SECOND = "山溪泉湾岭坪塘桥湖岗河源口沟林庄集店铺坝洲岩峰"
CREW_ROLES = (Role.AUTHOR, Role.OFFICE_HEAD, Role.SUPERVISOR, Role.INFO_LEADER,
              Role.PRINCIPAL, Role.PUBLISHER, Role.TOWNSHIP_ADMIN)
APPLICATIONS_PER_ITEMS = 100  # one application per 100 items


class GeneratorError(Exception):
    pass


@dataclass
class Options:
    townships: int = 200
    items_per_township: int = 5000
    years: int = 5
    seed: int = 20260101
    prefix: str = "bench"


def township_name(n: int) -> str:
    first, second = FIRST[n % len(FIRST)], SECOND[(n // len(FIRST)) % len(SECOND)]
    suffix = "镇" if n % 4 else "乡"
    round_ = n // (len(FIRST) * len(SECOND))
    return f"{first}{second}{suffix}" if round_ == 0 else f"{first}{second}{round_ + 1}{suffix}"


class CityGenerator:
    def __init__(self, options: Options, *, progress: Callable[[int, int], None] | None = None,
                 check_foreign_keys: bool = False):
        self.options = options
        self.check_foreign_keys = check_foreign_keys
        self.progress = progress or (lambda _done, _total: None)
        self.rng = random.Random(options.seed)  # noqa: S311 - fabricated data, not secrets
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.calendar = WorkCalendar()
        self.relaxed = False
        self.loader: Loader | None = None
        self.history: History | None = None

    def run(self) -> dict[str, int]:
        if not covered_years():
            load_from_package()
        if Township.objects.filter(slug__startswith=f"{self.options.prefix}-").exists():
            raise GeneratorError(f"townships with slug prefix '{self.options.prefix}-' already "
                                 "exist: use --prefix or a fresh database")
        if not default_storage.exists(SHARED_FILE):
            default_storage.save(SHARED_FILE, ContentFile(b"%PDF-1.4\n% benchmark\n%%EOF\n"))
        county = County.objects.order_by("id").first() or County.objects.create(
            name="基准县", full_name="基准县人民政府", division_code="990900",
            site_name="基准县人民政府门户网站", sponsor="基准县人民政府办公室")
        templates = sorted(ensure_county_template(county),
                           key=lambda c: (c.parent_id is not None, c.order, c.pk))
        types = ContentType.objects.get_for_models(DisclosureItem, ItemRevision, AnnualReport)
        self.ct = {"item": types[DisclosureItem].pk, "revision": types[ItemRevision].pk,
                   "report": types[AnnualReport].pk}
        self.loader = Loader(relaxed=not self.check_foreign_keys
                             and can_skip_foreign_key_checks())
        self.relaxed = self.loader.relaxed
        self.history = History(self.loader, self.rng, self.today, self.now,
                               years=self.options.years, content_types=self.ct)
        total = self.options.townships
        try:
            for n in range(total):
                self._township(county, templates, n)
                self.loader.flush()
                self.progress(n + 1, total)
            self.loader.finish()
        except BaseException:
            self.loader.abort()
            raise
        return dict(self.loader.counts)

    # -- one township ---------------------------------------------------------------------

    def _township(self, county, templates, n: int) -> None:
        rng, prefix = self.rng, self.options.prefix
        name = township_name(n)
        guide_age = rng.randint(400, 700) if rng.random() < 0.1 else rng.randint(0, 300)
        org_code = f"12990900{n:08d}{prefix[:2].upper():A<2}"[:18]
        pk = self.loader.add(Township, {
            "county_id": county.pk, "name": name, "full_name": f"{county.name}{name}人民政府",
            "slug": f"{prefix}-{n:04d}", "division_code": f"990900{n:03d}000"[:12],
            "org_code": org_code, "address": f"{name}政府路{n % 50 + 1}号",
            "office_hours": "工作日 8:30-12:00，14:30-17:30", "phone": "0000-1234567",
            "fax": "" if rng.random() < 0.05 else "0000-1234568",
            "email": f"{prefix}{n}@example.gov.cn",
            "system_text": "" if rng.random() < 0.05 else "本镇实行政府信息发布前保密审查制度。",
            "guide_updated_on": self.today - datetime.timedelta(days=guide_age),
            "order": 1000 + n, "is_active": True, "disclosure_office": "党政综合办公室"})
        crew = self._crew(pk, prefix, n)
        leaves = self._categories(county, pk, templates)
        place = Place(pk, f"{prefix}-{n:04d}", name, org_code, f"{county.name}{name}人民政府",
                      leaves, crew)
        ids = [leaf_id for leaf_id, _code in leaves]
        place.empty = set(rng.sample(ids, 2))
        place.old_only = set(rng.sample([i for i in ids if i not in place.empty], 2))
        rows = self.history.items(place, self.options.items_per_township)
        self.history.add_links(place, rows)
        self.history.chains(place, rows)
        self.history.attachments(place, rows)
        self.history.visits(place, rows)
        self._applications(place, max(1, self.options.items_per_township
                                      // APPLICATIONS_PER_ITEMS))
        self._reports(place)
        for year, last in place.serials.items():
            self.loader.add(IndexSerial, {"prefix": org_code, "year": year, "last": last})

    def _crew(self, township_id: int, prefix: str, n: int) -> dict[str, int]:
        crew = {}
        for role in CREW_ROLES:
            user_id = self.loader.add(User, {
                "username": f"{prefix}{n:04d}-{role}", "password": "!", "is_staff": True,
                "is_active": True, "full_name": f"{Role(role).label}{n}",
                "date_joined": self.now})
            self.loader.add(Membership, {"user_id": user_id, "township_id": township_id,
                                         "role": role, "created_at": self.now})
            crew[role] = user_id
        return crew

    def _categories(self, county, township_id: int, templates) -> list[tuple[int, str]]:
        copies: dict[int, int] = {}
        parents = {t.parent_id for t in templates if t.parent_id}
        leaves = []
        for node in templates:
            copies[node.pk] = self.loader.add(Category, {
                "county_id": county.pk, "township_id": township_id, "template_id": node.pk,
                "parent_id": copies.get(node.parent_id), "name": node.name, "code": node.code,
                "description": node.description, "legal_basis": node.legal_basis,
                "order": node.order})
            if node.pk not in parents:
                leaves.append((copies[node.pk], node.code))
        return leaves

    # -- applications and reports -----------------------------------------------------------

    def _due(self, day: datetime.date, n: int) -> datetime.date | None:
        try:
            return self.calendar.add_working_days(day, n)
        except CalendarMissing:
            return None

    def _applications(self, place: Place, count: int) -> None:
        rng = self.rng
        span = self.options.years * 365
        for index in range(count):
            received = self.today - datetime.timedelta(days=int(rng.random() * span))
            reply_on = received + datetime.timedelta(days=rng.randint(3, 40))
            closed = reply_on <= self.today and rng.random() < 0.97
            kind = rng.choice(["natural"] * 6 + ["commercial", "legal", "other"])
            app_id = self.loader.add(Application, {
                "township_id": place.pk, "tracking_number": f"B{place.pk:05d}{index:04d}"[:16],
                "applicant_kind": kind, "name": f"申请人{index}", "id_type": "resident_id",
                "id_number": f"BENCH{place.pk:06d}{index:05d}", "phone": "000-00000000",
                "address": f"{place.name}测试地址{index}号",
                "info_title": f"{place.name}{received.year}年有关项目资料",
                "info_description": "申请公开有关项目的实施方案和资金使用情况。",
                "provision_form": "electronic", "provision_channel": "email",
                "channel": "online", "submitted_on": received, "received_on": received,
                "state": "replied" if closed else "accepted", "clock_start": received,
                "due_on": self._due(received, 20),
                "outcome": rng.choice(OUTCOME_ROWS[:6]) if closed else "",
                "reply_text": "答复如下。" if closed else "",
                "replied_on": reply_on if closed else None,
                "handler_id": place.crew[Role.PUBLISHER], "created_at": local_time(received, 9)})
            self.loader.add(ApplicationEvent, {"application_id": app_id, "action": "register",
                                               "to_state": "registered",
                                               "created_at": local_time(received, 9)})
            if closed:
                self.loader.add(ApplicationEvent, {
                    "application_id": app_id, "action": "reply", "from_state": "accepted",
                    "to_state": "replied", "actor_id": place.crew[Role.PUBLISHER],
                    "created_at": local_time(reply_on, 15)})

    def _reports(self, place: Place) -> None:
        rng = self.rng
        for year in range(self.today.year - self.options.years, self.today.year):
            due = default_due_date(year)
            draw = rng.random()
            if draw < 0.05 or (due > self.today and draw < 0.5):
                continue  # missing (or not written yet)
            late = draw > 0.88
            day = due + datetime.timedelta(days=rng.randint(1, 60)) if late \
                else due - datetime.timedelta(days=rng.randint(1, 25))
            published = day <= self.today
            at = local_time(min(day, self.today), 10)
            schema = schemas.schema_for_year(year)
            tables = schemas.empty_tables(schema)
            report_id = self.loader.add(AnnualReport, {
                "township_id": place.pk, "year": year, "schema": schema,
                "title": f"{place.name}{year}年政府信息公开工作年度报告",
                "section_1": f"<p>本报告所列数据的统计期限为{year}年1月1日至12月31日。</p>",
                "tables": tables, "frozen_tables": tables if published else None,
                "signing_body": place.full_name, "signing_date": min(day, self.today),
                "status": "published" if published else "draft",
                "published_at": at if published else None,
                "published_by_id": place.crew[Role.PUBLISHER] if published else None,
                "created_by_id": place.crew[Role.AUTHOR], "created_at": at, "updated_at": at})
            if published:
                self.history.run_chain(place, ct=self.ct["report"], object_id=report_id,
                                       title=f"{place.name}{year}年度报告",
                                       importance=Importance.IMPORTANT,
                                       steps=STEPS[Importance.IMPORTANT], published_at=at)
