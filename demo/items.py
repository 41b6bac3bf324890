"""Demo catalogue and disclosure items for every demo township (`manage.py seed_demo`).

All text is written for the demo from templates; numbers come from `random.Random` seeded per
township, so the same items (same titles) are produced on every run. Items are keyed on
(township, title): a second run finds them all and creates nothing. Items dated after today
are skipped; recent ones are left as drafts so staff see unpublished work.
"""

from __future__ import annotations

import datetime
import io
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from demo.context import DemoContext
from demo.walkthrough import publish_through_chain
from disclosure.catalogue import copy_template_to_township, ensure_county_template
from disclosure.models import (
    Attachment,
    Category,
    DisclosureItem,
    PolicyLink,
    RichTextImage,
)
from disclosure.richtext import sanitize_html
from disclosure.uploads import validate_upload
from townships.models import Township

T = DisclosureItem.Topic
D = DisclosureItem.DocType
V = DisclosureItem.Validity
IMP = DisclosureItem.Importance

SEED = 2026
YEARS = (2022, 2023, 2024, 2025, 2026)
#: Items written within this many days before today stay drafts (so do a few older ones of
#: the current year). Specs never depend on today, so titles (the idempotency key) are stable;
#: items dated after today are simply not created yet.
DRAFT_WINDOW_DAYS = 25
DRAFT_SHARE = 0.05

# category code -> (responsible office, 主题分类)
CATEGORY_DEFAULTS: dict[str, tuple[str, str]] = {
    "jgzn": ("党政综合办公室", T.GOVERNMENT),
    "zcwj": ("党政综合办公室", T.GENERAL),
    "ghjh": ("经济发展办公室", T.ECONOMY),
    "tjxx": ("经济发展办公室", T.ECONOMY),
    "czyjs": ("财政所", T.FINANCE),
    "xzzf": ("综合行政执法队", T.SECURITY),
    "xzzf-xzxk": ("自然资源和规划所", T.URBAN),
    "sfxm": ("财政所", T.FINANCE),
    "zfcg": ("财政所", T.FINANCE),
    "zdxm": ("经济发展办公室", T.URBAN),
    "msbz": ("社会事务办公室", T.CIVIL),
    "msbz-jyjy": ("社会事务办公室", T.LABOUR),
    "msbz-xczx": ("农业农村服务中心", T.CIVIL),
    "yjgl": ("平安建设办公室", T.SECURITY),
    "jdjc": ("平安建设办公室", T.MARKET),
    "rsxx": ("党政综合办公室", T.LABOUR),
    "nync": ("农业农村服务中心", T.AGRICULTURE),
    "nync-zjd": ("自然资源和规划所", T.LAND),
    "nync-tdzs": ("自然资源和规划所", T.LAND),
    "nync-fwzs": ("自然资源和规划所", T.URBAN),
    "qtxx": ("党政综合办公室", T.GENERAL),
}


def _defaults(code: str) -> tuple[str, str]:
    return CATEGORY_DEFAULTS.get(code) or CATEGORY_DEFAULTS.get(
        code.split("-")[0], ("党政综合办公室", T.GENERAL))


# -- HTML helpers (the output goes through sanitize_html as well) ---------------------------

def P(*texts: str) -> str:  # noqa: N802
    return "".join(f"<p>{escape(t)}</p>" for t in texts)


def H(text: str) -> str:  # noqa: N802
    return f"<h2>{escape(text)}</h2>"


def UL(items) -> str:  # noqa: N802
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def OL(items) -> str:  # noqa: N802
    return "<ol>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ol>"


def TABLE(caption: str, headers, rows) -> str:  # noqa: N802
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join(
        "<tr>" + "".join(
            (f'<th scope="row">{escape(str(c))}</th>' if i == 0 else f"<td>{escape(str(c))}</td>")
            for i, c in enumerate(row)
        ) + "</tr>"
        for row in rows
    )
    return (f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>")


# -- specs --------------------------------------------------------------------------------

@dataclass
class Spec:
    code: str
    title: str
    summary: str
    body: str
    keywords: str
    written_on: datetime.date
    doc_type: str = D.GENERAL
    series: str = ""  # 文号 series, e.g. "政发"; numbered in date order per year
    doc_number: str = ""
    validity: str = ""
    repealed_on: datetime.date | None = None
    importance: str = IMP.NORMAL
    office: str = ""
    topic: str = ""
    delay: int = 0
    attachment: str = ""
    draft: bool = False
    interprets: str = ""  # a 政策解读: the title of the document it interprets


@dataclass
class Writer:
    """Writes the item specs of one township from templates and a seeded RNG."""

    town: str
    full: str
    villages: tuple[str, ...]
    rng: random.Random
    specs: list[Spec] = field(default_factory=list)

    @property
    def unit(self) -> str:
        return self.town[-1]  # 镇 or 乡

    @property
    def abbr(self) -> str:
        return self.town[0]

    def v(self) -> str:
        return self.rng.choice(self.villages)

    def some(self, k: int) -> list[str]:
        return self.rng.sample(self.villages, min(k, len(self.villages)))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def day(self, year: int, first_month: int, last_month: int) -> datetime.date:
        start = datetime.date(year, first_month, 1)
        end = (datetime.date(year, last_month + 1, 1) if last_month < 12
               else datetime.date(year, 12, 31))
        day = start + datetime.timedelta(days=self.rng.randrange((end - start).days))
        while not _is_workday(day):
            day += datetime.timedelta(days=1)
        return day

    def add(self, code: str, title: str, summary: str, body: str, keywords: str,
            written_on: datetime.date, **fields) -> None:
        office, topic = _defaults(code)
        fields.setdefault("office", office)
        fields.setdefault("topic", topic)
        fields.setdefault("delay", self.rng.choice((0, 1, 1, 2, 3, 4, 6, 8, 12)))
        fields.setdefault("draft", self.chance(DRAFT_SHARE) and written_on.year == YEARS[-1])
        self.specs.append(Spec(code, title, summary, body, keywords, written_on, **fields))


def _is_workday(day: datetime.date) -> bool:
    try:
        import chinese_calendar

        return chinese_calendar.is_workday(day)
    except (ImportError, NotImplementedError):
        return day.weekday() < 5


SECTIONS: list[Callable[[Writer], None]] = []


def section(func: Callable[[Writer], None]) -> Callable[[Writer], None]:
    SECTIONS.append(func)
    return func


# -- 机构职能 ------------------------------------------------------------------------------

DUTIES = (
    "贯彻执行党和国家的路线方针政策，执行上级人民政府的决定和命令，组织实施本行政区域的经济社会发展规划。",
    "负责本行政区域的农业农村工作，推进乡村振兴、高标准农田建设和农村人居环境整治。",
    "负责社会救助、养老服务、退役军人服务、医疗保障和就业服务等民生工作。",
    "负责自然资源保护、村庄规划实施、农村宅基地审核和违法建设的巡查制止。",
    "负责安全生产、防汛抗旱、森林防火、地质灾害防治等应急管理工作。",
    "承担法律法规赋予和县人民政府依法委托的其他事项。",
)


@section
def organisation(w: Writer) -> None:
    for year in (2022, 2024, 2026):
        w.add("jgzn-jgsz", f"{w.town}人民政府机构职能（{year}年更新）",
              f"介绍{w.town}人民政府的主要职责、内设机构设置和办公地址、办公时间。",
              H("主要职责") + OL(DUTIES)
              + P(f"{w.town}人民政府内设党政综合办公室、经济发展办公室、社会事务办公室、"
                  "平安建设办公室等工作机构，设财政所、自然资源和规划所、农业农村服务中心、"
                  "便民服务中心、综合行政执法队、退役军人服务站等站所。"),
              "机构职能 机构设置", w.day(year, 1, 3))
    posts = (
        ("党委书记", "主持党委全面工作。"),
        (f"党委副书记、{w.unit}长", f"主持{w.unit}政府全面工作，负责财政、审计工作。"),
        ("党委副书记", "负责党建、组织、乡村振兴工作。"),
        (f"党委委员、副{w.unit}长", "负责农业农村、水利、高标准农田建设工作。"),
        (f"党委委员、副{w.unit}长", "负责安全生产、应急管理、综合行政执法工作。"),
        (f"副{w.unit}长", "负责社会事务、医疗保障、教育卫生工作。"),
    )
    for year in w.rng.sample(YEARS, 2):
        month = w.rng.randint(2, 9)
        w.add("jgzn-ldxx", f"{w.town}领导班子成员工作分工（{year}年{month}月调整）",
              "因工作需要调整领导班子成员分工，列出各岗位负责的工作领域及分管科室站所。",
              P(f"根据工作需要，经{w.unit}党委会议研究，对领导班子成员工作分工作如下调整：")
              + UL(f"{post}：{duty}" for post, duty in posts)
              + P("领导班子成员简历以县委组织部公布的信息为准。"),
              "领导分工 领导信息", w.day(year, month, month))
    rows = [
        ("党政综合办公室", "文电会务、政务公开、机要保密、督查督办", "0000-6201001"),
        ("经济发展办公室", "经济运行、项目建设、统计、招商服务", "0000-6201002"),
        ("社会事务办公室", "社会救助、养老服务、医疗保障、就业服务", "0000-6201003"),
        ("平安建设办公室", "安全生产、应急管理、矛盾纠纷调处", "0000-6201004"),
        ("财政所", "预算编制执行、惠农补贴发放、村级财务监管", "0000-6201006"),
        ("农业农村服务中心", "农技推广、农田水利、动物防疫、农村经营管理", "0000-6201007"),
    ]
    for year in (2023, 2025):
        w.add("jgzn-nsjg", f"{w.town}内设机构及下属单位一览（{year}年）",
              "列出各内设机构和站所的主要职责与办公电话，方便群众办事咨询。",
              TABLE(f"{w.town}内设机构及下属单位", ("机构名称", "主要职责", "办公电话"), rows),
              "内设机构 下属单位 联系方式", w.day(year, 2, 4))


# -- 行政规范性文件 and 政策解读 ----------------------------------------------------------------

# (name, year, first month, last month, validity, replaced-by index or None, articles)
NORMATIVE = (
    ("农村人居环境长效管护办法", 2022, 3, 5, V.REPEALED, 1, (
        "各村（社区）是本村人居环境管护的责任主体，村党组织书记为第一责任人。",
        "村庄保洁实行“门前三包”和保洁员包片责任制，生活垃圾做到日产日清。",
        "镇（乡）每季度组织一次检查评比，结果与村级以奖代补资金挂钩。",
    )),
    ("农村人居环境长效管护办法（修订）", 2025, 3, 4, V.VALID, None, (
        "各村（社区）是本村人居环境管护的责任主体，建立“村—组—户”三级管护网络。",
        "保洁员实行聘用制，由村民委员会与其签订服务协议，明确保洁范围和考核标准。",
        "检查评比每季度一次，评比结果在村务公开栏公示，并作为奖补资金分配依据。",
        "本办法施行后，原管护办法同时废止。",
    )),
    ("村级小微权力清单（试行）", 2023, 4, 6, V.EXPIRED, None, (
        "村级重大事项决策实行“四议两公开”。",
        "村级工程项目、物资采购按照规定程序实施，结果及时公开。",
        "本清单试行期为两年。",
    )),
    ("农村集体“三资”管理办法", 2024, 5, 7, V.VALID, None, (
        "农村集体资金、资产、资源实行村有镇管、民主理财。",
        "集体资产出租、发包应当公开协商或者竞价，合同报经管部门备案。",
        "村务监督委员会每季度对“三资”管理情况进行监督。",
    )),
    ("高标准农田建后管护办法", 2023, 8, 10, V.VALID, None, (
        "已建成的高标准农田由项目所在村负责日常管护，明确管护人员和管护责任。",
        "严禁在高标准农田内挖塘养鱼、植树造林和建设永久性设施。",
        "管护经费按照受益面积分配，专款专用。",
    )),
    ("农村村民建房管理办法", 2022, 6, 8, V.REPEALED, 6, (
        "农村村民建房应当符合村庄规划，实行“一户一宅”。",
        "建房申请经村民小组、村民委员会审查后，报镇（乡）人民政府审批。",
    )),
    ("农村村民住房建设管理办法", 2024, 9, 11, V.VALID, None, (
        "农村村民住房建设坚持“先规划、后许可、再建设”，严格落实“一户一宅”。",
        "村民建房实行联审联办，由便民服务中心统一受理，自然资源和规划所组织现场踏勘。",
        "住房建设实行开工前放样、施工中巡查、竣工后验收“三到场”。",
        "本办法施行后，原建房管理办法同时废止。",
    )),
    ("殡葬改革工作实施办法", 2026, 4, 6, V.VALID, None, (
        "倡导文明节俭办丧事，推行遗体火化和生态安葬。",
        "禁止在耕地、林地、河道两侧新建坟墓。",
        "各村将殡葬事项纳入村规民约，成立红白理事会。",
    )),
)


@section
def normative(w: Writer) -> None:
    written = [w.day(year, m1, m2) for _, year, m1, m2, *_ in NORMATIVE]
    for index, (name, _, _, _, validity, replaced_by, articles) in enumerate(NORMATIVE):
        repealed_on = written[replaced_by] if replaced_by is not None else None
        title = f"{w.full}关于印发《{w.town}{name}》的通知"
        body = (P(f"各村（社区）、{w.unit}直各单位：",
                  f"《{w.town}{name}》已经{w.unit}人民政府常务会议研究通过，现印发给你们，"
                  "请结合实际认真贯彻执行。")
                + H(f"{w.town}{name}")
                + P(*(f"第{_CN[i]}条 {a}" for i, a in enumerate(articles, start=1)))
                + P(f"第{_CN[len(articles) + 1]}条 本办法自印发之日起施行，"
                    f"由{w.town}人民政府负责解释。"))
        w.add("zcwj-gfxwj", title,
              f"明确{name.split('（')[0]}的责任主体、工作要求和监督考核方式，共"
              f"{len(articles) + 1}条。",
              body, f"规范性文件 {name.split('（')[0]}", written[index],
              doc_type=D.NORMATIVE, series="政发", validity=validity,
              repealed_on=repealed_on, importance=IMP.IMPORTANT, topic=T.GENERAL, delay=1)
        if validity == V.VALID:
            w.add("zcwj-zcjd", f"《{w.town}{name}》政策解读",
                  "从制定背景、主要内容和适用对象三个方面，解答群众关心的问题。",
                  H("一、制定背景") + P(f"为进一步规范{name.split('（')[0]}工作，"
                                       f"结合{w.town}实际制定本办法。")
                  + H("二、主要内容") + UL(articles)
                  + H("三、咨询方式") + P(f"如有疑问，可在工作日到{w.town}便民服务中心咨询。"),
                  # published with its document, the same day (同步, the county's rule)
                  f"政策解读 {name.split('（')[0]}", written[index], delay=1,
                  interprets=title)


_CN = "〇一二三四五六七八九十"


# -- 本级文件 -------------------------------------------------------------------------------

DOCUMENTS = (
    ("关于印发{town}{year}年政府工作要点的通知", 2, 3, "工作要点", T.GENERAL,
     "围绕经济发展、乡村振兴、民生保障和安全稳定四个方面，部署全年重点工作任务。"),
    ("关于做好{year}年防汛抗旱工作的通知", 4, 5, "防汛 抗旱", T.AGRICULTURE,
     "部署汛前隐患排查、山塘水库巡查、转移避险和物资储备等防汛准备工作。"),
    ("关于做好{year}年秸秆禁烧和综合利用工作的通知", 5, 6, "秸秆禁烧 综合利用", T.URBAN,
     "明确夏收期间秸秆禁烧的责任分工、巡查要求和秸秆还田离田措施。"),
    ("关于开展{year}年农村人居环境整治集中行动的通知", 3, 4, "农村人居环境整治", T.URBAN,
     "集中清理村庄生活垃圾、沟渠塘坝和乱堆乱放，推进农村厕所问题排查整改。"),
    ("关于做好{year}年森林防火工作的通知", 10, 11, "森林防火", T.SECURITY,
     "落实秋冬季森林防火责任，加强野外用火管理和重点时段巡山护林。"),
)


@section
def documents(w: Writer) -> None:
    for year in YEARS:
        for title, m1, m2, keywords, topic, summary in DOCUMENTS:
            if not w.chance(0.6):
                continue
            w.add("zcwj-bjwj", title.format(town=w.town, year=year), summary,
                  P(f"各村（社区）、{w.unit}直各单位：", summary,
                    f"各单位要高度重视，主要负责人亲自部署，明确专人负责，"
                    f"于每月25日前将工作进展报{w.unit}党政综合办公室。")
                  + OL(("提高思想认识，压实工作责任。", "突出工作重点，抓好任务落实。",
                        "加强督查考核，确保取得实效。")),
                  keywords, w.day(year, m1, m2), doc_type=D.DOCUMENT,
                  series=w.rng.choice(("政", "政办")), topic=topic)


# -- 规划计划 and 统计信息 ------------------------------------------------------------------

@section
def plans(w: Writer) -> None:
    plans_ = (
        (2022, f"{w.town}“十四五”乡村振兴发展规划（2021—2025年）",
         "提出到2025年产业发展、生态宜居、乡风文明和农民增收的主要目标及重点工程。"),
        (2023, f"{w.town}“十四五”规划纲要实施中期评估报告",
         "评估规划主要指标完成进度，分析存在的问题，提出后半程推进措施。"),
        (2024, f"{w.town}国土空间总体规划（2021—2035年）批前公示",
         "公示国土空间开发保护格局、耕地和永久基本农田保护目标及村庄布局，征求公众意见。"),
        (2026, f"{w.town}“十五五”发展规划编制工作方案",
         "明确规划编制的组织机构、时间安排、前期研究课题和公众参与方式。"),
    )
    for year, title, summary in plans_:
        w.add("ghjh-fzgh", title, summary,
              P(summary) + H("主要内容")
              + UL(("发展基础与面临形势", "总体要求与主要目标", "重点任务与重大工程",
                    "保障措施")),
              "发展规划", w.day(year, 3, 9), importance=IMP.IMPORTANT)
    for year in YEARS:
        w.add("ghjh-gzjh", f"{w.town}{year}年政府工作报告",
              f"回顾{year - 1}年工作，提出{year}年经济社会发展主要预期目标和重点工作。",
              H(f"一、{year - 1}年工作回顾")
              + P(f"过去一年，全{w.unit}新建高标准农田{w.rng.randint(800, 3000)}亩，"
                  f"硬化村组道路{w.rng.randint(5, 20)}公里，农村居民人均可支配收入增长"
                  f"{w.rng.randint(50, 80) / 10}%。")
              + H(f"二、{year}年主要任务")
              + OL(("稳住粮食生产，抓好高标准农田建设。", "推进农村人居环境整治提升。",
                    "办好民生实事，兜牢基本民生底线。", "守牢安全生产和防汛底线。")),
              "政府工作报告", w.day(year, 1, 2), importance=IMP.IMPORTANT)
        if year < 2026 or w.chance(0.5):
            w.add("ghjh-gzjh", f"{w.town}{year}年上半年工作总结和下半年工作计划",
                  "总结上半年重点任务完成情况，安排下半年农业生产、项目建设和民生工作。",
                  P("上半年，各项重点工作按计划推进。", "下半年将重点抓好秋粮生产、"
                    "项目建设和冬春安全生产工作。"),
                  "工作总结 工作计划", w.day(year, 7, 7))


@section
def statistics(w: Writer) -> None:
    for year in YEARS[:-1]:
        grain = w.rng.randint(18000, 32000)
        rows = [("粮食总产量（吨）", grain),
                ("农林牧渔业总产值（万元）", w.rng.randint(60000, 120000)),
                ("农村居民人均可支配收入（元）", w.rng.randint(18000, 26000) + (year - 2021) * 900),
                ("规模以上工业企业（家）", w.rng.randint(4, 15))]
        w.add("tjxx", f"{w.town}{year}年国民经济和社会发展主要指标",
              f"公布{year}年粮食产量、农林牧渔业产值、农村居民收入等主要统计数据。",
              TABLE(f"{w.town}{year}年主要指标", ("指标", "数值"), rows)
              + P("数据来源：清河县统计局乡镇统计报表。"),
              "统计信息 主要指标", w.day(year + 1, 3, 4), topic=T.ECONOMY)


# -- 财政预决算 ----------------------------------------------------------------------------

@section
def finance(w: Writer) -> None:
    for year in YEARS:
        total = w.rng.randint(2800, 5200)
        parts = [round(total * share) for share in (0.32, 0.18, 0.27, 0.15)]
        rows = [("一般公共服务支出", parts[0]), ("社会保障和就业支出", parts[1]),
                ("农林水支出", parts[2]), ("城乡社区支出", parts[3]),
                ("其他支出", total - sum(parts))]
        w.add("czyjs-ys", f"{w.town}{year}年财政预算公开",
              f"{year}年一般公共预算支出安排{total}万元，重点保障农林水和社会保障支出。",
              P(f"经{w.town}人民代表大会审查批准，现将{year}年财政预算公开如下。")
              + TABLE(f"{year}年一般公共预算支出表（单位：万元）", ("功能分类", "预算数"), rows),
              "财政预算 预算公开", w.day(year, 2, 3), importance=IMP.IMPORTANT)
        if year > 2022:
            w.add("czyjs-js", f"{w.town}{year - 1}年财政决算公开",
                  f"{year - 1}年一般公共预算支出决算数为{total - w.rng.randint(20, 150)}万元，"
                  "附收支决算表及情况说明。",
                  P(f"现将{w.town}{year - 1}年财政决算公开如下，预算执行总体平稳。")
                  + UL(("收入决算情况", "支出决算情况", "预算调整情况说明")),
                  "财政决算 决算公开", w.day(year, 8, 9))
        car, reception = w.rng.randint(8, 20), w.rng.randint(2, 8)
        w.add("czyjs-sgjf", f"{w.town}{year}年“三公”经费预算情况说明",
              f"{year}年“三公”经费预算合计{car + reception}万元，其中因公出国（境）费为零。",
              TABLE(f"{year}年“三公”经费预算（单位：万元）", ("项目", "预算数"),
                    [("因公出国（境）费", 0), ("公务用车购置及运行维护费", car),
                     ("公务接待费", reception), ("合计", car + reception)])
              + P("“三公”经费严格按照厉行节约要求安排，公务接待执行县级接待标准。"),
              "三公经费", w.day(year, 2, 3))


# -- 行政执法 ------------------------------------------------------------------------------

@section
def licensing(w: Writer) -> None:
    for year in YEARS:
        for batch in range(1, w.rng.randint(2, 3)):
            rows = [(f"乡字第{year}{w.rng.randint(100, 999)}号", w.v(),
                     w.rng.choice(("原址翻建", "新建", "异址新建")),
                     w.rng.choice((108, 120, 126, 135, 140)), w.rng.choice((2, 3)))
                    for _ in range(w.rng.randint(3, 6))]
            w.add("xzzf-xzxk", f"乡村建设规划许可证核发结果公示（{year}年第{batch}批）",
                  f"本批共核发农村村民住宅乡村建设规划许可证{len(rows)}件，公示许可证编号和建设地点。",
                  P("依据《中华人民共和国城乡规划法》第四十一条，现将本批乡村建设规划许可"
                    "核发结果公示如下（申请人个人信息依法不予公开）。")
                  + TABLE("乡村建设规划许可核发结果",
                          ("许可证编号", "建设地点", "建设类型", "占地面积（㎡）", "层数"), rows),
                  "乡村建设规划许可 农村建房",
                  w.day(year, 3 + 4 * (batch - 1), 5 + 4 * (batch - 1)),
                  doc_type=D.LICENSING)


PENALTIES = (
    ("在禁烧区域露天焚烧农作物秸秆", "《中华人民共和国大气污染防治法》第一百一十九条第一款",
     "个人", (500, 800, 1000)),
    ("露天焚烧废旧塑料等产生有毒有害烟尘的物质",
     "《中华人民共和国大气污染防治法》第一百一十九条第二款",
     "单位", (10000, 15000, 20000)),
)


@section
def enforcement(w: Writer) -> None:
    for year in YEARS:
        days = sorted(w.day(year, 5, 11) for _ in range(w.rng.randint(1, 3)))
        for number, day in enumerate(days, start=1):
            act, basis, party, fines = w.rng.choice(PENALTIES)
            fine = w.rng.choice(fines)
            doc = f"{w.abbr}综执罚决〔{year}〕{number}号"
            party_text = ("某农户（自然人，个人信息依法不予公开）" if party == "个人"
                          else f"{w.v()}某废旧物资回收点")
            w.add("xzzf-xzcf", f"行政处罚决定信息公开（{doc}）",
                  f"当事人{act}，{w.town}依法作出罚款{fine}元的行政处罚决定。",
                  TABLE("行政处罚决定信息", ("项目", "内容"), [
                      ("决定书文号", doc), ("当事人", party_text), ("违法事实", act),
                      ("处罚依据", basis), ("处罚结果", f"罚款人民币{fine}元"),
                      ("作出处罚的机关", w.full)]),
                  "行政处罚 秸秆禁烧", day, doc_type=D.PENALTY, doc_number=doc,
                  topic=T.URBAN)
        if w.chance(0.6):
            doc = f"{w.abbr}综执强〔{year}〕{w.rng.randint(1, 4)}号"
            w.add("xzzf-xzqz", f"责令限期拆除违法建设决定信息公开（{doc}）",
                  "当事人未取得乡村建设规划许可证擅自建设，责令其限期自行拆除。",
                  P("依据《中华人民共和国城乡规划法》第六十五条，责令当事人停止建设，"
                    "并于决定书送达之日起十五日内自行拆除违法建设部分。",
                    "当事人如不服本决定，可依法申请行政复议或者提起行政诉讼。"),
                  "行政强制 违法建设", w.day(year, 3, 10), doc_type=D.ENFORCEMENT,
                  doc_number=doc, topic=T.URBAN)


@section
def fees(w: Writer) -> None:
    for year in (2023, 2025, 2026):
        w.add("sfxm", f"{w.town}{year}年行政事业性收费项目公示",
              f"本{w.unit}无自行设立的行政事业性收费项目，代收项目均执行国家和省定标准。",
              P(f"经清理，{w.town}人民政府{year}年无自行设立的行政事业性收费项目。",
                "群众办理各类事项时如遇乱收费，可向县市场监管部门或本机关投诉。"),
              "行政事业性收费 收费公示", w.day(year, 1, 3), doc_type=D.FEE)


# -- 政府采购 and 重大建设项目 --------------------------------------------------------------

PROJECTS = ("村组道路硬化工程", "农村生活污水处理设施提升工程", "太阳能路灯安装工程",
            "灌溉渠道维修工程", "村级综合服务中心改造工程", "农村公厕改建工程")


@section
def procurement(w: Writer) -> None:
    for year in YEARS:
        if w.chance(0.7):
            w.add("zfcg", f"{w.town}{year}年政府采购意向公开",
                  f"公开{year}年拟实施的政府采购项目名称、需求概况和预计采购时间。",
                  TABLE("采购意向", ("项目名称", "预算金额（万元）", "预计采购时间"),
                        [(f"{v}{w.rng.choice(PROJECTS)}", w.rng.randint(20, 180),
                          f"{year}年{w.rng.randint(4, 10)}月") for v in w.some(3)]),
                  "政府采购 采购意向", w.day(year, 1, 3))
        village, project = w.v(), w.rng.choice(PROJECTS)
        w.add("zfcg", f"{village}{project}采购结果公告（{year}年）",
              f"{village}{project}经询价确定成交供应商，公告成交金额和服务期限。",
              P(f"项目名称：{village}{project}",
                f"成交金额：{w.rng.randint(18, 95)}.{w.rng.randint(0, 9)}万元",
                "成交供应商：清河县某建设工程有限公司", "公告期限：自本公告发布之日起1个工作日。"),
              "政府采购 采购结果", w.day(year, 5, 10))


@section
def projects(w: Writer) -> None:
    for year in YEARS:
        rows = [(f"{v}{w.rng.choice(PROJECTS)}", v, w.rng.randint(50, 600),
                 w.rng.choice(("新建", "续建", "已完工")))
                for v in w.some(w.rng.randint(2, 4))]
        w.add("zdxm", f"{w.town}{year}年重点建设项目批准和实施情况",
              f"公布{year}年重点建设项目{len(rows)}个的建设地点、投资规模和实施进度。",
              TABLE(f"{year}年重点建设项目", ("项目名称", "建设地点", "总投资（万元）", "进度"),
                    rows),
              "重大建设项目 项目实施", w.day(year, 3, 10))


# -- 民生保障 ------------------------------------------------------------------------------

@section
def assistance(w: Writer) -> None:
    for year in YEARS:
        for quarter in sorted(w.rng.sample((1, 2, 3, 4), 2)):
            rows = []
            for v in w.villages:
                households = w.rng.randint(8, 40)
                rows.append((v, households, households + w.rng.randint(3, 30),
                             w.rng.randint(0, 3), w.rng.randint(0, 3)))
            w.add("msbz-shjz", f"{w.town}{year}年第{_CN[quarter]}季度城乡低保动态管理情况公示",
                  "按村汇总公布本季度低保保障户数、人数及新增、退出户数，不含个人信息。",
                  P("根据《社会救助暂行办法》，现将本季度城乡最低生活保障动态管理情况公示如下。"
                    "为保护个人信息，本公示仅公布汇总数据，具体名单在各村务公开栏公示7天。")
                  + TABLE("城乡低保动态管理情况", ("村别", "保障户数", "保障人数", "新增户数",
                                                  "退出户数"), rows)
                  + P(f"对公示内容有异议的，可在公示期内向{w.unit}社会事务办公室反映。"),
                  "低保 社会救助 动态管理", w.day(year, quarter * 3 - 1, quarter * 3))
        if w.chance(0.5):
            w.add("msbz-shjz", f"{w.town}{year}年临时救助资金发放情况",
                  f"{year}年累计发放临时救助资金{w.rng.randint(8, 40)}万元，按救助类别汇总公布。",
                  UL(("因病致困", "因灾致困", "意外事故"))
                  + P("临时救助按照“先行救助、事后补审”办理。"),
                  "临时救助", w.day(year, 12, 12) if year < 2026 else w.day(year, 6, 6))


@section
def employment(w: Writer) -> None:
    for year in YEARS:
        w.add("msbz-jyjy", f"关于做好{year + 1}年度城乡居民基本医疗保险集中缴费工作的通告",
              f"{year + 1}年度城乡居民医保集中缴费期为{year}年9月至12月，说明缴费渠道和注意事项。",
              P(f"{year + 1}年度城乡居民基本医疗保险集中缴费工作已经开始，请尚未参加职工医保的"
                "城乡居民按时缴费。个人缴费标准按县医疗保障局公布的标准执行。")
              + H("缴费方式")
              + UL(("通过税务部门手机缴费渠道自助缴纳", "到村（社区）便民服务站委托代缴",
                    f"到{w.town}便民服务中心窗口缴纳"))
              + P("特困人员、低保对象等困难群众个人缴费部分按规定给予资助。"),
              "医保缴费 城乡居民医保", w.day(year, 9, 9), topic=T.HEALTH)
        if w.chance(0.5):
            w.add("msbz-jyjy", f"{w.town}{year}年春风行动就业招聘会公告",
                  "春节后举办现场招聘会，县内企业提供普工、技工、电商客服等就业岗位。",
                  P(f"招聘会地点：{w.town}便民服务中心广场", "参会企业：县内重点企业及返乡创业企业",
                    "求职者请携带个人简历，现场免费提供就业政策咨询。"),
                  "就业 招聘会", w.day(year, 2, 2))


XCZX_PROJECTS = ("茶叶加工厂房", "冷链仓储设施", "产业路", "光伏发电", "村级集体经济")


@section
def revitalisation(w: Writer) -> None:
    for year in YEARS:
        rows = [(f"{v}{w.rng.choice(XCZX_PROJECTS)}项目",
                 v, w.rng.randint(30, 200), w.rng.randint(40, 300))
                for v in w.some(3)]
        w.add("msbz-xczx", f"{w.town}{year}年乡村振兴衔接资金项目计划公示",
              f"公示{year}年拟使用衔接资金实施的{len(rows)}个项目及其预算和带动受益户数。",
              TABLE("衔接资金项目计划", ("项目名称", "建设地点", "资金（万元）", "带动户数"), rows)
              + P("公示期10天。对项目安排有意见的，可向乡村振兴工作办公室反映。"),
              "乡村振兴 衔接资金 项目公示", w.day(year, 3, 4), importance=IMP.IMPORTANT)
        if w.chance(0.6):
            village = w.v()
            w.add("msbz-xczx", f"{village}{year}年和美乡村建设项目完工公告",
                  f"{village}完成村庄道路、排水和绿化提升，项目已通过{w.unit}级初步验收。",
                  P(f"{village}和美乡村建设项目已于{year}年完工，建设内容包括：")
                  + UL(("村内道路改造", "雨污分流管网", "公共绿地和休闲广场")),
                  "乡村振兴 和美乡村", w.day(year, 10, 11))


# -- 应急管理 and 监督检查 -----------------------------------------------------------------

@section
def emergency(w: Writer) -> None:
    for year in (2022, 2024, 2026):
        w.add("yjgl", f"{w.town}防汛应急预案（{year}年修订）",
              "规定防汛组织指挥体系、预警分级、转移避险和灾后恢复等应急响应程序。",
              H("一、组织指挥体系") + P(f"{w.town}防汛抗旱指挥部负责全{w.unit}防汛工作，"
                                         "各村成立防汛工作组。")
              + H("二、预警与响应") + OL(("Ⅳ级响应：加强值班和巡查。",
                                        "Ⅲ级响应：组织危险区域人员转移。",
                                        "Ⅱ级及以上响应：全员上岗，启动抢险队伍。"))
              + H("三、保障措施") + P("各村储备编织袋、救生衣、照明设备等防汛物资。"),
              "应急预案 防汛", w.day(year, 4, 4), importance=IMP.IMPORTANT, delay=2)
    for year in YEARS:
        if w.chance(0.7):
            w.add("yjgl", f"关于做好{year}年主汛期强降雨防范工作的紧急通知",
                  "针对未来三天强降雨过程，要求加强值班值守、山塘巡查和危险区域人员转移。",
                  P("各村（社区）、各单位：据气象部门预报，近期我县将出现强降雨天气过程。")
                  + OL(("严格执行24小时值班和领导带班制度。",
                        "对山塘水库、地质灾害隐患点加密巡查。",
                        "提前转移危险区域群众，确保人员安全。")),
                  "防汛 强降雨 紧急通知", w.day(year, 6, 7), importance=IMP.CRITICAL, delay=0)
        if w.chance(0.5):
            w.add("yjgl", f"{w.town}{year}年“安全生产月”活动方案",
                  "安排安全宣传咨询日、应急演练和重点行业隐患排查等活动。",
                  UL(("安全宣传咨询日", "防汛和消防应急演练", "重点行业领域隐患排查")),
                  "安全生产月", w.day(year, 5, 6))


@section
def inspections(w: Writer) -> None:
    for year in YEARS:
        for quarter in sorted(w.rng.sample((1, 2, 3, 4), 2)):
            rows = [(kind, w.rng.randint(5, 40), w.rng.randint(0, 12))
                    for kind in ("砂石加工和建材企业", "加油站和液化气供应点", "人员密集场所",
                                 "自建房和经营性场所")]
            found = sum(r[2] for r in rows)
            w.add("jdjc", f"{w.town}{year}年第{_CN[quarter]}季度安全生产检查情况通报",
                  f"本季度检查生产经营单位{sum(r[1] for r in rows)}家次，"
                  f"发现隐患{found}处，已督促整改。",
                  TABLE("安全生产检查情况", ("检查对象", "检查家次", "发现隐患（处）"), rows)
                  + P("对未按期完成整改的单位，将依法移交县应急管理部门处理。"),
                  "安全生产检查", w.day(year, quarter * 3, quarter * 3))
        if w.chance(0.6):
            rows = sorted(((v, w.rng.randint(78, 98)) for v in w.villages),
                          key=lambda r: -r[1])
            w.add("jdjc", f"{w.town}{year}年农村人居环境整治检查评比结果通报",
                  f"通报各村人居环境检查得分，{rows[0][0]}排名第一，{rows[-1][0]}需限期整改。",
                  TABLE("人居环境整治检查评比得分", ("村别", "得分"), rows)
                  + P("评比结果与村级以奖代补资金挂钩。"),
                  "农村人居环境整治 检查评比", w.day(year, 11, 12), topic=T.URBAN,
                  office="农业农村服务中心")


@section
def personnel(w: Writer) -> None:
    for year in YEARS:
        if not w.chance(0.7):
            continue
        rows = [("保洁员", w.rng.randint(2, 6), "年龄在55周岁以下，身体健康"),
                ("护林员", w.rng.randint(1, 4), "熟悉本地山林情况"),
                ("便民服务代办员", w.rng.randint(1, 3), "具有高中及以上学历")]
        w.add("rsxx", f"{w.town}{year}年公益性岗位招聘公告",
              f"面向本{w.unit}就业困难人员招聘保洁员、护林员等公益性岗位人员，说明报名条件和流程。",
              P(f"为帮助就业困难人员就业，{w.town}人民政府决定公开招聘公益性岗位人员。")
              + TABLE("招聘岗位", ("岗位", "人数", "条件"), rows)
              + H("报名方式") + P(f"符合条件的人员请于公告发布之日起7日内，携带本人证件到"
                                  f"{w.town}便民服务中心报名，并填写报名登记表（见附件）。"),
              "招聘 公益性岗位", w.day(year, 3, 4), attachment="docx")


# -- 农业农村 ------------------------------------------------------------------------------

@section
def rural_policy(w: Writer) -> None:
    for year in YEARS:
        w.add("nync-nczc", f"关于做好{year}年耕地地力保护补贴申报工作的通知",
              f"{year}年耕地地力保护补贴以二轮承包面积为基础核实申报，补贴资金直接发放到户。",
              P("各村要组织人员逐户核实种植面积，做到账实相符。")
              + OL(("村级摸底核实", "村内公示7天", f"{w.unit}级审核汇总", "县级审定后一卡通发放")),
              "耕地地力保护补贴 惠农补贴", w.day(year, 3, 4))
        if w.chance(0.5):
            w.add("nync-nczc", f"{w.town}{year}年秋冬种生产工作方案",
                  "安排油菜、小麦等冬季作物的播种面积、良种推广和技术指导工作。",
                  P(f"全{w.unit}计划秋冬种面积{w.rng.randint(8000, 20000)}亩。")
                  + UL(("推广优质良种", "开展机械化播种", "加强病虫害防控")),
                  "秋冬种 农业生产", w.day(year, 9, 10))


@section
def irrigation(w: Writer) -> None:
    for year in YEARS:
        rows = [(v, w.rng.randint(300, 1500), w.rng.randint(2, 9), w.rng.randint(1, 6))
                for v in w.some(3)]
        w.add("nync-nsl", f"{w.town}{year}年高标准农田建设项目公示",
              f"{year}年项目涉及{len(rows)}个村，建设面积{sum(r[1] for r in rows)}亩，"
              "公示建设内容接受群众监督。",
              TABLE("高标准农田建设内容", ("村别", "建设面积（亩）", "新修渠道（公里）",
                                           "机耕路（公里）"), rows)
              + P("项目建成后由所在村负责管护，严禁非农建设占用。"),
              "高标准农田建设 农田水利", w.day(year, 4, 6), importance=IMP.IMPORTANT)
        if w.chance(0.6):
            village = w.v()
            w.add("nync-nsl", f"{village}{year}年山塘清淤及渠道维修工程竣工公示",
                  f"{village}完成山塘清淤和渠道维修，改善灌溉面积约{w.rng.randint(200, 800)}亩。",
                  P("工程已完工并通过村民代表验收，现将工程量和资金使用情况公示。"),
                  "农田水利 山塘清淤", w.day(year, 11, 12) if year < 2026 else w.day(year, 8, 9))


@section
def land_transfer(w: Writer) -> None:
    for year in YEARS:
        for village in w.some(2 if w.chance(0.5) else 1):
            rows = [(f"第{w.rng.randint(1, 12)}村民小组", f"{village}{kind}",
                     w.rng.randint(30, 400), w.rng.choice(("5年", "8年", "10年")), use)
                    for kind, use in (("兴农种植专业合作社", "优质水稻种植"),
                                      ("绿源家庭农场", "蔬菜种植"))]
            w.add("nync-tdlz", f"{village}{year}年土地承包经营权流转情况公示",
                  f"{village}本年度经村民小组同意流转耕地{sum(r[2] for r in rows)}亩，"
                  "公示流转方和用途。",
                  TABLE("土地承包经营权流转情况", ("流出方", "受让方", "面积（亩）", "期限",
                                                 "用途"), rows)
                  + P("流转合同已报农村经营管理部门备案，流转土地不得改变农业用途。"),
                  "土地承包经营权流转", w.day(year, 10, 11) if year < 2026 else w.day(year, 3, 4))


@section
def homesteads(w: Writer) -> None:
    for year in YEARS:
        for batch in range(1, 3):
            rows = [(f"{w.abbr}宅{year}-{batch}{n:02d}", w.v(),
                     w.rng.choice(("原址翻建", "新建", "异址新建")),
                     w.rng.choice((100, 110, 120, 126, 130)),
                     w.rng.choice(("存量建设用地", "村内空闲地")))
                    for n in range(1, w.rng.randint(4, 8))]
            w.add("nync-zjd", f"{w.town}{year}年第{batch}批农村宅基地审批结果公示",
                  f"本批共批准农村村民宅基地{len(rows)}宗，以申请编号公示审批结果。",
                  P("根据农村宅基地审批管理有关规定，现将本批审批结果公示如下"
                    "（申请人姓名等个人信息不在网上公示，可到村务公开栏查看）。")
                  + TABLE("宅基地审批结果", ("申请编号", "村别", "建房类型", "批准面积（㎡）",
                                             "用地类型"), rows),
                  "宅基地审批 农村建房", w.day(year, 4 + 5 * (batch - 1), 5 + 5 * (batch - 1)),
                  topic=T.LAND)


@section
def expropriation(w: Writer) -> None:
    village = w.villages[0]
    w.add("nync-tdzs", f"{village}省道改线工程土地征收启动公告",
          "拟征收集体土地用于省道改线工程，公告征收范围、目的和土地现状调查安排。",
          P(f"因省道改线工程建设需要，拟征收{village}部分集体土地，现予公告。")
          + OL(("征收范围：以勘测定界图为准。", "征收目的：公路建设。",
                "自本公告发布之日起，在拟征收范围内抢栽抢建的，不予补偿。")),
          "土地征收 征地公告", w.day(2023, 3, 4), topic=T.LAND)
    w.add("nync-tdzs", f"{village}省道改线工程征地补偿安置方案公告",
          "公告征地补偿标准、安置方式和社会保障费用，征求被征地农村集体经济组织意见。",
          P("补偿标准执行省人民政府公布的区片综合地价，地上附着物和青苗按县定标准补偿。"),
          "征地补偿 安置方案", w.day(2023, 6, 7), topic=T.LAND)
    for year in (2024, 2025, 2026):
        w.add("nync-fwzs", f"关于{w.town}{year}年度房屋征收工作情况的说明",
              f"{year}年度本{w.unit}未实施国有土地上房屋征收，无相关征收决定和补偿方案。",
              P(f"经核实，{year}年度{w.town}人民政府未作出房屋征收决定。如有新的征收项目，"
                "将依法及时公开征收决定、补偿方案和补偿结果。"),
              "房屋征收", w.day(year, 1, 2) if year < 2026 else w.day(year, 6, 6))


@section
def labour(w: Writer) -> None:
    for year in YEARS:
        village = w.v()
        households = w.rng.randint(180, 520)
        per = w.rng.choice((15, 20, 25))
        w.add("nync-czcl", f"{village}{year}年“一事一议”筹资筹劳方案公示",
              f"经村民代表会议通过，{village}按户均{per}元筹资用于村内道路维护，公示筹资标准。",
              TABLE("筹资筹劳方案", ("事项", "内容"), [
                  ("议事项目", "村内道路维护和排水沟清理"), ("受益户数", households),
                  ("筹资标准", f"每户{per}元"), ("筹劳标准", "每个劳动力每年不超过2个工日")])
              + P("筹资筹劳实行上限控制，困难家庭可申请减免。"),
              "筹资筹劳 一事一议", w.day(year, 3, 5))
        if year > 2022 and w.chance(0.5):
            w.add("nync-czcl", f"{village}{year - 1}年度筹资筹劳使用情况公示",
                  f"公布{village}上年度筹集资金和劳务的使用明细，接受村民监督。",
                  P("上年度筹集资金已全部用于村内道路维护，账目经村务监督委员会审核。"),
                  "筹资筹劳 使用情况", w.day(year, 1, 2))


@section
def other(w: Writer) -> None:
    for year in YEARS:
        if w.chance(0.6):
            w.add("qtxx", f"关于{year}年春节期间便民服务中心值班安排的公告",
                  "春节假期便民服务中心实行轮流值班，急需办理的事项可电话预约。",
                  P(f"春节假期期间，{w.town}便民服务中心安排工作人员值班，"
                    f"值班电话：0000-6200{w.rng.randint(100, 999)}。"),
                  "便民服务 值班安排", w.day(year, 1, 2), topic=T.GOVERNMENT)


def fallback(w: Writer, code: str, name: str) -> None:
    """Two generic items for a leaf category the templates above do not cover."""
    for year in w.rng.sample(YEARS, 2):
        w.add(code, f"{w.town}{year}年{name}工作情况",
              f"概述{year}年{name}方面的主要工作、完成情况和下一步安排。",
              P(f"{year}年，{w.town}按照县委、县政府部署，扎实推进{name}各项工作。"),
              name, w.day(year, 3, 10))


# -- writing to the database ---------------------------------------------------------------

def _specs_for(township: Township, villages: tuple[str, ...], leaves: dict[str, Category]
               ) -> list[Spec]:
    w = Writer(township.name, township.full_name, villages or ("东村", "西村", "南村"),
               random.Random(f"{SEED}:{township.slug}"))  # noqa: S311 (demo data)
    for write in SECTIONS:
        write(w)
    covered = {s.code for s in w.specs}
    for code, category in sorted(leaves.items()):
        if code not in covered:
            fallback(w, code, category.name)
    _number_documents(w)
    return [s for s in w.specs if s.code in leaves]


def _number_documents(w: Writer) -> None:
    """Give numbered documents a 文号, in date order per series and year."""
    serials: dict[tuple[str, int], int] = defaultdict(int)
    for spec in sorted(w.specs, key=lambda s: s.written_on):
        if spec.series and not spec.doc_number:
            key = (spec.series, spec.written_on.year)
            serials[key] += w.rng.randint(1, 4)
            spec.doc_number = f"{w.abbr}{spec.series}〔{key[1]}〕{serials[key]}号"


def _build_item(spec: Spec, township: Township, leaves, offices, author, today):
    published_on = None
    if not spec.draft and (today - spec.written_on).days > DRAFT_WINDOW_DAYS:
        published_on = min(spec.written_on + datetime.timedelta(days=spec.delay), today)
    repealed_on = spec.repealed_on if spec.repealed_on and spec.repealed_on <= today else None
    validity = spec.validity
    if validity == V.REPEALED and repealed_on is None:
        validity = V.VALID
    return DisclosureItem(
        township=township, category=leaves[spec.code], office=offices.get(spec.office),
        title=spec.title, summary=spec.summary[:500], publisher_name=township.full_name,
        written_on=spec.written_on, published_on=published_on, doc_number=spec.doc_number,
        topic=spec.topic, doc_type=spec.doc_type, validity=validity, repealed_on=repealed_on,
        keywords=spec.keywords, importance=spec.importance, body=sanitize_html(spec.body),
        created_by=author,
    )


def _attachment_file(item: DisclosureItem) -> ContentFile:
    from docx import Document

    document = Document()
    document.add_heading("公益性岗位报名登记表", level=1)
    table = document.add_table(rows=6, cols=2)
    for row, label in zip(table.rows, ("姓名", "性别", "出生年月", "报考岗位", "联系地址",
                                       "本人签名"), strict=True):
        row.cells[0].text = label
    document.add_paragraph(f"（{item.title}附件）")
    buffer = io.BytesIO()
    document.save(buffer)
    return ContentFile(buffer.getvalue(), name="公益性岗位报名登记表.docx")


def _add_attachments(items: list[DisclosureItem], specs: dict[str, Spec]) -> int:
    count = 0
    for item in items:
        if specs[item.title].attachment != "docx":
            continue
        upload = _attachment_file(item)
        validate_upload(upload)
        Attachment.objects.create(item=item, file=upload, title="公益性岗位报名登记表")
        count += 1
    return count


def _figure_png() -> ContentFile:
    """A plain organisation-chart drawing (boxes and lines, no text: fonts vary)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 240), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((190, 20, 290, 60), outline="#1f4e79", width=3)
    draw.line((240, 60, 240, 100), fill="#1f4e79", width=3)
    draw.line((60, 100, 420, 100), fill="#1f4e79", width=3)
    for x in (60, 180, 300, 420):
        draw.line((x, 100, x, 140), fill="#1f4e79", width=3)
        draw.rectangle((x - 45, 140, x + 45, 190), outline="#1f4e79", width=3)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="jigou.png")


def _add_figure(township: Township, items: list[DisclosureItem], author) -> None:
    """One rich-text image per township: the organisation chart in its 机构设置 item."""
    target = next((i for i in items if i.category.code == "jgzn-jgsz"), None)
    if target is None or RichTextImage.objects.filter(township=township).exists():
        return
    alt = f"{township.name}人民政府内设机构示意图：党政领导班子下设四个办（站、所）"
    image = RichTextImage(township=township, alt=alt, uploaded_by=author)
    image.file.save("jigou.png", _figure_png(), save=False)
    image.save()
    target.body += (f'<figure><img src="{image.url}" alt="{escape(alt)}">'
                    f"<figcaption>{escape(alt)}</figcaption></figure>")
    target.save(update_fields=["body", "updated_at"])


def _link_interpretations(township: Township, items: list[DisclosureItem],
                          specs: dict[str, Spec]) -> None:
    """Each new 政策解读 names the document it interprets (before either is published)."""
    wanted = {item.pk: specs[item.title].interprets for item in items
              if specs[item.title].interprets}
    documents = dict(DisclosureItem.objects.filter(township=township,
                                                   title__in=set(wanted.values()))
                     .values_list("title", "pk"))
    PolicyLink.objects.bulk_create(
        [PolicyLink(interpretation_id=pk, document_id=documents[title])
         for pk, title in wanted.items() if title in documents], ignore_conflicts=True)


def _publish(ctx: DemoContext, township: Township, items: list[DisclosureItem]) -> None:
    """Publish through each item's chain, at the time it historically went online."""
    tz = timezone.get_current_timezone()
    people = partial(ctx.user, township)
    for item in sorted(items, key=lambda i: (i.published_on, i.written_on, i.pk)):
        minutes = (item.pk * 37) % 420
        online = datetime.datetime.combine(
            item.published_on, datetime.time(8 + minutes // 60, minutes % 60), tzinfo=tz)
        # Signed on the working days before it went online (demo/clock.py), not at seed time.
        publish_through_chain(item, people, author=item.created_by,
                              published=min(online, timezone.now()), seed=item.pk,
                              not_before=item.written_on)


@transaction.atomic
def seed_township(ctx: DemoContext, township: Township, villages: tuple[str, ...]
                  ) -> tuple[int, int, int]:
    """Create the township's missing demo items; return (created, published, attachments)."""
    leaves = {c.code: c for c in Category.objects.for_township(township)
              .filter(children__isnull=True)}
    offices = {o.name: o for o in township.offices.all()}
    author = ctx.users.get((township.slug, "author"))
    existing = set(DisclosureItem.objects.filter(township=township)
                   .values_list("title", flat=True))
    specs: dict[str, Spec] = {}
    for spec in _specs_for(township, villages, leaves):
        if spec.written_on <= ctx.today and spec.title not in existing:
            specs.setdefault(spec.title, spec)
    items = [_build_item(s, township, leaves, offices, author, ctx.today) for s in specs.values()]
    for item in items:
        item.clean()
    DisclosureItem.objects.bulk_create(items, batch_size=200)
    attachments = _add_attachments(items, specs)
    _link_interpretations(township, items, specs)
    _add_figure(township, items, author)
    to_publish = [i for i in items if i.published_on is not None]
    _publish(ctx, township, to_publish)
    return len(items), len(to_publish), attachments


def seed(ctx: DemoContext) -> None:
    from demo.county import VILLAGES

    ensure_county_template(ctx.county)
    created = published = attachments = 0
    for township in ctx.townships:
        copy_template_to_township(township)
        c, p, a = seed_township(ctx, township, VILLAGES.get(township.slug, ()))
        created, published, attachments = created + c, published + p, attachments + a
    total = DisclosureItem.objects.filter(township__in=ctx.townships).count()
    drafts = DisclosureItem.objects.filter(township__in=ctx.townships,
                                           status=DisclosureItem.Status.DRAFT).count()
    ctx.stdout.write(f"政府信息：本次新建 {created} 条"
                     f"（发布 {published} 条，附件 {attachments} 个）。")
    ctx.notes.insert(0, f"演示乡镇共有政府信息 {total} 条，其中草稿 {drafts} 条。")

    from demo.item_chain import seed_chain_demo

    seed_chain_demo(ctx)
