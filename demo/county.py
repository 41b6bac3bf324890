"""The fictional demo county: 清河县, its townships, offices and one account per role.

Everything here is invented: codes use the unassigned province prefix 99, telephone numbers
the 0000 area code, e-mail the example.gov.cn domain, and the record numbers the made-up
province abbreviation 清. `build_county` is idempotent: it looks every row up by its natural
key (county 行政区划代码, township slug, office name, username, membership role) and brings it
back to the values below, so running `seed_demo` again creates nothing new.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass
from typing import TextIO

from django.contrib.auth.hashers import make_password
from django.core.files import File
from django.utils import timezone

from demo.context import DemoContext
from townships.models import County, Membership, Office, Role, Township, User
from townships.sample_marks import SAMPLE_FILES, SAMPLE_GOV_MARK_URL, is_sample
from townships.selectors import forget_current_county

#: Printed at the end of `seed_demo`; every demo account gets it again on each run.
DEMO_PASSWORD = "Demo@2026qh"  # noqa: S105 (a published demo password, not a secret)
SUPERUSER_NAME = "admin"

COUNTY_CODE = "991023"

COUNTY = {
    "name": "清河县",
    "full_name": "清河县人民政府",
    "site_name": "清河县人民政府门户网站",
    "sponsor": "清河县人民政府办公室",
    "address": "清河县河滨大道88号政务服务中心",
    "phone": "0000-6210000",
    "email": "xxgk@qinghe.example.gov.cn",
    "postcode": "999023",
    "site_id_code": "9910230001",
    "icp_record": "清ICP备20260001号-1",
    "police_record": "清公网安备99102302000001号",
    "police_record_code": "99102302000001",
    # 承办单位: the office that runs the portal. The 党政机关网站标识 and the police badge are
    # images only the real issuing bodies provide: the demo shows a picture marked 样例 for the
    # mark and a neutral emblem placeholder (townships/sample_marks.py), no police badge.
    "organizer": "清河县政务服务和大数据管理局",
    "organizer_phone": "0000-6210088",
    "organizer_address": "清河县河滨大道88号政务服务中心四楼",
}


@dataclass(frozen=True)
class TownshipData:
    slug: str
    name: str
    code3: str  # township part of the 行政区划代码: 1xx 镇, 2xx 乡
    org_body: str  # eight characters of the 组织机构代码 before its check character
    direction: str
    distance_km: int
    villages: tuple[str, ...]
    population: str
    feature: str
    address: str
    phone_suffix: str


TOWNSHIPS: tuple[TownshipData, ...] = (
    TownshipData(
        "qingshi", "青石镇", "101", "01623047", "东部", 12,
        ("石桥村", "东岗村", "柳林村", "上坪村", "下河村", "新丰村", "枣园村"),
        "3.2万", "以优质水稻、蔬菜种植和农产品加工为主，境内有县级农产品物流园",
        "清河县青石镇青石大街26号", "31",
    ),
    TownshipData(
        "liuwan", "柳湾镇", "102", "01623055", "北部", 21,
        ("湾头村", "北坝村", "杏花村", "王庄村", "前进村", "塘口村"),
        "2.6万", "沿河分布，以水产养殖、莲藕种植和乡村旅游为特色",
        "清河县柳湾镇滨河路8号", "32",
    ),
    TownshipData(
        "nanling", "南岭乡", "201", "01623063", "南部", 35,
        ("岭脚村", "茶山村", "竹坑村", "高坪村", "坳背村"),
        "1.4万", "地处丘陵山区，森林覆盖率较高，以油茶、毛竹和中药材种植为主",
        "清河县南岭乡岭下街3号", "33",
    ),
    TownshipData(
        "baisha", "白沙镇", "103", "01623071", "西部", 16,
        ("白沙村", "沙洲村", "桥头村", "新建村", "河西村", "庙前村"),
        "2.9万", "交通便利，有省道穿境而过，以农机装备配套、砂石建材和设施农业为主",
        "清河县白沙镇建设路112号", "34",
    ),
)

VILLAGES: dict[str, tuple[str, ...]] = {t.slug: t.villages for t in TOWNSHIPS}

# (name, kind, order)
OFFICES: tuple[tuple[str, str, int], ...] = (
    ("党政综合办公室", Office.Kind.OFFICE, 10),
    ("经济发展办公室", Office.Kind.OFFICE, 20),
    ("社会事务办公室", Office.Kind.OFFICE, 30),
    ("平安建设办公室", Office.Kind.OFFICE, 40),
    ("自然资源和规划所", Office.Kind.INSTITUTE, 50),
    ("财政所", Office.Kind.INSTITUTE, 60),
    ("农业农村服务中心", Office.Kind.CENTRE, 70),
    ("便民服务中心", Office.Kind.CENTRE, 80),
    ("综合行政执法队", Office.Kind.OFFICE, 90),
    ("退役军人服务站", Office.Kind.STATION, 100),
)

# The office a township role's demo account belongs to (None: the whole township).
ROLE_OFFICES = {
    Role.AUTHOR: "社会事务办公室",
    Role.OFFICE_HEAD: "社会事务办公室",
    Role.PUBLISHER: "党政综合办公室",
    Role.TOWNSHIP_ADMIN: "党政综合办公室",
}

TOWNSHIP_ROLE_ORDER = (
    Role.AUTHOR, Role.OFFICE_HEAD, Role.SUPERVISOR, Role.INFO_LEADER, Role.PRINCIPAL,
    Role.PUBLISHER, Role.TOWNSHIP_ADMIN,
)

OFFICE_HOURS = "工作日上午8:30—12:00，下午14:30—17:30（法定节假日除外）"


# -- codes ------------------------------------------------------------------------------

_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def org_code_check(body: str) -> str:
    """Check character of a 9-character 组织机构代码 (GB 11714) for its first eight."""
    total = sum(int(ch, 36) * w for ch, w in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def credit_code(division: str, org_body: str, kind: str = "11") -> str:
    """An 18-character 统一社会信用代码 (GB 32100) with correct check characters."""
    first17 = f"{kind}{division}{org_body}{org_code_check(org_body)}"
    total = sum(_CREDIT_CHARS.index(ch) * w
                for ch, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return first17 + _CREDIT_CHARS[(31 - total % 31) % 31]


# -- texts written for the demo -----------------------------------------------------------

def introduction(data: TownshipData) -> str:
    return (
        f"{data.name}位于清河县{data.direction}，距县城{data.distance_km}公里，"
        f"辖{len(data.villages)}个行政村，户籍人口约{data.population}人。"
        f"全{data.name[-1]}{data.feature}。"
    )


def guide_text(data: TownshipData) -> str:
    town, office = data.name, "党政综合办公室"
    return "\n".join((
        f"（一）主动公开的范围。{town}人民政府按照《中华人民共和国政府信息公开条例》第二十条、"
        f"第二十一条的规定，结合本{town[-1]}实际，主动公开机构职能、政策文件、规划计划、财政预决算、"
        "行政执法、民生保障、应急管理和农业农村等方面的政府信息，具体以本栏目的信息公开目录为准。",
        "（二）公开渠道。主动公开的政府信息以清河县人民政府门户网站本乡镇栏目为第一发布平台，"
        f"同时通过{town}便民服务中心政务公开栏、各村（社区）村务公开栏发布；"
        "涉及群众切身利益的事项，还将在相关村民小组张贴公告。",
        f"（三）查阅场所。{town}便民服务中心设有政府信息查阅点，在办公时间内向公众开放，"
        "提供已公开政府信息的查阅和复印服务，并配有自助查询终端。",
        f"（四）信函申请。通过信函方式提出申请的，请在信封左下角注明“政府信息公开申请”字样，"
        f"寄送至{data.address}，{town}人民政府{office}收。",
        "（五）本指南每年至少更新一次；机构名称、办公地址、联系方式等发生变化的，自变化之日起"
        "20个工作日内更新。",
    ))


def system_text(data: TownshipData) -> str:
    town = data.name
    return "\n".join((
        f"第一条 为规范{town}人民政府政府信息公开工作，保障公民、法人和其他组织依法获取政府信息，"
        "根据《中华人民共和国政府信息公开条例》，结合本乡镇实际，制定本制度。",
        f"第二条 {town}党政综合办公室是本乡镇政府信息公开工作机构，负责组织、协调、指导和推进"
        "政府信息公开工作，编制政府信息公开指南、目录和年度报告，受理依申请公开事项。"
        "各办、所、站、中心确定一名信息报送员，负责本单位政府信息的收集、报送和更新。",
        "第三条 主动公开的政府信息，由责任科室拟稿并填写索引号、发布机构、成文日期、内容概述等"
        "要素，经科室负责人审核、分管领导审签后，由党政综合办公室发布；涉及重大事项或者"
        "可能引起社会关注的，报主要领导审定。",
        "第四条 政府信息公开前应当依照保密法律法规进行审查，做到“先审查、后公开”“一事一审”。"
        "不能确定是否可以公开的，报县级有关主管部门或者保密行政管理部门确定。"
        "公开的信息不得含有公民身份证号码、联系电话、家庭住址等个人信息。",
        "第五条 主动公开的政府信息，自该信息形成或者变更之日起20个工作日内予以公开。"
        "法律、法规对公开期限另有规定的，从其规定。",
        "第六条 依申请公开的，由党政综合办公室统一登记受理，按照条例规定的期限和方式答复，"
        "并建立申请登记、审核、办理、答复、归档台账。",
        "第七条 党政综合办公室每年对已公开信息进行清理，对失效、废止的行政规范性文件及时标注；"
        "对不予公开的政府信息定期评估审查，因情势变化可以公开的，及时公开。",
        "第八条 政府信息公开工作纳入各科室年度绩效考核，接受社会评议。对不依法履行公开义务、"
        "泄露国家秘密或者个人信息的，依法依规追究相关人员责任。",
        "第九条 本制度由党政综合办公室负责解释，自印发之日起施行。",
    ))


# -- building -----------------------------------------------------------------------------

def _ensure_county() -> County:
    county = County.objects.filter(division_code=COUNTY_CODE).order_by("id").first()
    county = county or County(division_code=COUNTY_CODE)
    for field, value in COUNTY.items():
        setattr(county, field, value)
    _attach_samples(county)
    county.save()
    return county


def _attach_samples(county: County) -> None:
    """The sample 党政机关网站标识 and emblem, stored once (kept when already the sample)."""
    county.emblem_alt = "清河县徽标（演示用占位图）"
    county.gov_mark_url = SAMPLE_GOV_MARK_URL
    for field, path in SAMPLE_FILES.items():
        image = getattr(county, field)
        if image and is_sample(image, field):
            continue
        with path.open("rb") as handle:
            image.save(path.name, File(handle), save=False)


def _guide_date(index: int, today: datetime.date) -> datetime.date:
    # The last township's guide is deliberately more than a year old, so the
    # "指南超过12个月未更新" warning can be seen in the demo.
    day = datetime.date(2025, 3, 18) if index == len(TOWNSHIPS) - 1 else datetime.date(2026, 2, 9)
    return min(day, today)


def _ensure_township(county: County, data: TownshipData, index: int,
                     today: datetime.date) -> Township:
    division = f"{COUNTY_CODE}{data.code3}000"
    township, _ = Township.objects.update_or_create(
        slug=data.slug,
        defaults={
            "county": county,
            "name": data.name,
            "full_name": f"{county.name}{data.name}人民政府",
            "division_code": division,
            "org_code": credit_code(COUNTY_CODE, data.org_body),
            "sponsor": f"{county.name}{data.name}人民政府",
            "disclosure_office": "党政综合办公室",
            "address": data.address,
            "office_hours": OFFICE_HOURS,
            "phone": f"0000-62{data.phone_suffix}001",
            "fax": f"0000-62{data.phone_suffix}009",
            "email": f"{data.slug}@qinghe.example.gov.cn",
            "postcode": "999023",
            "introduction": introduction(data),
            "guide_text": guide_text(data),
            "guide_updated_on": _guide_date(index, today),
            "system_text": system_text(data),
            "order": (index + 1) * 10,
            "is_active": True,
        },
    )
    for number, (name, kind, order) in enumerate(OFFICES, start=1):
        Office.objects.update_or_create(
            township=township, name=name,
            defaults={"kind": kind, "order": order,
                      "phone": f"0000-62{data.phone_suffix}{number:03d}"},
        )
    return township


def _ensure_user(username: str, full_name: str, password_hash: str, *,
                 superuser: bool = False) -> User:
    user, _ = User.objects.update_or_create(
        username=username,
        defaults={"full_name": full_name, "is_staff": True, "is_active": True,
                  "is_superuser": superuser, "password": password_hash},
    )
    return user


def _ensure_membership(user: User, role: str, *, township: Township | None = None,
                       county: County | None = None, office: Office | None = None) -> None:
    Membership.objects.update_or_create(
        user=user, role=role, township=township, county=county,
        defaults={"office": office},
    )


def _township_users(township: Township, data: TownshipData,
                    password_hash: str) -> dict[tuple[str, str], User]:
    offices = {o.name: o for o in township.offices.all()}
    users = {}
    for role in TOWNSHIP_ROLE_ORDER:
        user = _ensure_user(f"{data.slug}_{role.value}", f"{data.name}{role.label}",
                            password_hash)
        _ensure_membership(user, role, township=township,
                           office=offices.get(ROLE_OFFICES.get(role, "")))
        users[(township.slug, role.value)] = user
    return users


def _county_users(county: County, password_hash: str) -> dict[tuple[str, str], User]:
    users = {}
    for role in (Role.COUNTY_AUDITOR, Role.COUNTY_ADMIN):
        user = _ensure_user(role.value, f"{county.name}{role.label}", password_hash)
        _ensure_membership(user, role, county=county)
        users[("county", role.value)] = user
    admin = _ensure_user(SUPERUSER_NAME, "平台管理员", password_hash, superuser=True)
    _ensure_membership(admin, Role.COUNTY_ADMIN, county=county)
    return users


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


def login_rows(ctx: DemoContext) -> list[tuple[str, str, str]]:
    """(username, role label, where) for every demo account, superuser first."""
    rows = [(SUPERUSER_NAME, "平台超级管理员", ctx.county.name)]
    for (where, role), user in ctx.users.items():
        place = ctx.county.name if where == "county" else next(
            t.name for t in ctx.townships if t.slug == where)
        rows.append((user.username, str(Role(role).label), place))
    return rows


def login_table(ctx: DemoContext) -> list[str]:
    header = ("用户名", "角色", "乡镇/县", "密码")
    rows = [(*row, DEMO_PASSWORD) for row in login_rows(ctx)]
    widths = [max(_width(r[i]) for r in (header, *rows)) + 2 for i in range(4)]
    lines = ["".join(_pad(cell, w) for cell, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("-" * sum(widths))
    lines += ["".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
              for row in rows]
    return lines


def build_county(stdout: TextIO) -> DemoContext:
    """Create or refresh the demo county, townships, offices, accounts and memberships."""
    today = timezone.localdate()
    county = _ensure_county()
    password_hash = make_password(DEMO_PASSWORD)  # hashed once: one slow hash per run
    townships, users = [], {}
    for index, data in enumerate(TOWNSHIPS):
        township = _ensure_township(county, data, index, today)
        townships.append(township)
        users.update(_township_users(township, data, password_hash))
    users.update(_county_users(county, password_hash))
    forget_current_county()
    stdout.write(f"演示县：{county.full_name}，乡镇 {len(townships)} 个，"
                 f"演示账号 {len(users) + 1} 个。")
    ctx = DemoContext(county=county, townships=townships, users=users, stdout=stdout,
                      today=today)
    ctx.notes += [
        "",
        "演示账号（每次运行 seed_demo 都会把密码重置为下表所列）：",
        *login_table(ctx),
        "",
        "公众网站：http://127.0.0.1:8000/",
        "管理后台：http://127.0.0.1:8000/admin/",
    ]
    return ctx
