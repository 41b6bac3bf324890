"""Demo data for the sign-off chain: items in every state of every chain.

`seed_chain_demo(ctx)` is called from `demo/items.py` after the demo items exist. For
each township it moves draft items through the real transitions (so the log is genuine):
in review at every step of the three default chains, sent back for changes, approved and
waiting for the 党政办, a published item with a revision in review, and a withdrawn item.
Where a township has too few drafts, it writes its own (fictional) ones. Idempotent: a
township that already has an open or ended review (other than a publication) is left alone.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import escape

from demo.context import DemoContext
from demo.walkthrough import sign_steps
from disclosure import revising
from disclosure.models import Category, DisclosureItem
from disclosure.models.revisions import snapshot_item
from signoff import chain
from signoff.models import Review
from signoff.subjects import adapter_for
from townships.models import Role, Township

Importance = DisclosureItem.Importance
Status = DisclosureItem.Status

# (importance, steps to sign before stopping): one item per step of each chain ...
IN_REVIEW_PLAN = [(Importance.NORMAL, n) for n in range(2)] + \
    [(Importance.IMPORTANT, n) for n in range(3)] + \
    [(Importance.CRITICAL, n) for n in range(4)]
# ... plus one item per chain signed to the end (waiting for the 党政办).
APPROVED_PLAN = [Importance.NORMAL, Importance.IMPORTANT, Importance.CRITICAL]

KEEP_DRAFTS = 2

# Fallback drafts (fictional): title, summary, paragraphs.
EXTRA_DRAFTS = [
    ("关于开展秋冬季森林防火专项检查的通知", "部署辖区林区秋冬季防火检查。",
     ["各村（社区）、各站所：", "为做好秋冬季森林防火工作，决定自即日起开展为期一个月的专项检查。",
      "检查重点为林区野外用火管理、防火物资储备和巡护队伍值守情况。"]),
    ("关于调整村级公益性岗位补贴标准的通知", "明确村级公益性岗位补贴的调整范围和发放方式。",
     ["经研究，自下月起调整村级保洁、护林等公益性岗位补贴标准。",
      "补贴按月核发，由各村汇总上报、财政所审核后发放。"]),
    ("关于做好冬季农村饮水安全保障工作的通知", "部署冬季农村供水设施防冻和水质巡查。",
     ["入冬以来气温持续走低，为保障群众冬季饮水安全，现就有关工作通知如下。",
      "各村要落实供水设施防冻措施，每周开展一次水质巡查。"]),
    ("关于公布第二批高标准农田建设项目实施方案的公告",
     "公布高标准农田建设项目的建设内容和实施安排。",
     ["根据县级批复，现将第二批高标准农田建设项目实施方案予以公布。",
      "项目涉及土地平整、灌溉排水和田间道路建设，计划于明年春耕前完工。"]),
    ("关于开展农村自建房安全隐患排查整治的通知", "部署农村自建房安全隐患排查和分类整治。",
     ["为切实保障群众生命财产安全，决定在全镇范围内开展农村自建房安全隐患排查整治。",
      "排查发现的隐患，按照“一户一策”落实整治措施并建立台账。"]),
    ("关于印发农贸市场环境卫生管理办法的通知", "规范农贸市场环境卫生日常管理。",
     ["现将《农贸市场环境卫生管理办法》印发给你们，请认真贯彻执行。",
      "市场开办方负责日常保洁，综合行政执法队负责监督检查。"]),
    ("关于组织开展冬春季农田水利设施维修养护的通知", "安排冬春季农田水利设施维修养护任务。",
     ["利用冬春农闲时节，集中开展沟渠清淤、泵站检修和塘坝加固。",
      "各村于月底前上报维修项目清单，农业农村服务中心统一审核。"]),
    ("关于做好困难群众冬春期间基本生活保障的通知", "部署困难群众冬春生活救助和走访慰问。",
     ["为切实保障困难群众温暖过冬，现就冬春期间基本生活保障工作通知如下。",
      "各村要全面摸排低保、特困和临时遇困家庭，及时落实救助措施。"]),
    ("关于开展消防安全宣传月活动的通知", "安排消防安全宣传进村入户活动。",
     ["结合“119”消防宣传月，在全镇范围内开展消防安全宣传活动。",
      "活动以进村、进校、进企业为重点，普及火灾预防和初期火灾扑救知识。"]),
    ("关于加强道路交通安全劝导站管理的通知", "规范农村道路交通安全劝导站值守和台账。",
     ["为进一步减少农村道路交通事故，现就劝导站管理有关事项通知如下。",
      "劝导站在赶集日、节假日须安排专人值守，并如实填写劝导记录。"]),
    ("关于开展集体经济组织财务公开检查的通知", "部署村集体经济组织财务公开情况检查。",
     ["为推进村级财务规范管理，决定对各村集体经济组织财务公开情况进行检查。",
      "检查内容包括公开时间、公开内容和群众意见处理情况。"]),
    ("关于做好今冬明春秸秆禁烧工作的通知", "部署秸秆禁烧巡查和综合利用。",
     ["为改善空气质量，现就今冬明春秸秆禁烧工作通知如下。",
      "各村要划定责任网格，落实巡查人员，引导群众开展秸秆还田和综合利用。"]),
    ("关于开展老年人防范养老诈骗宣传的通知", "组织防范养老诈骗宣传活动。",
     ["为提高老年人防骗意识，决定在各村组织开展防范养老诈骗宣传。",
      "宣传以案例讲解为主，由派出所、司法所和村干部共同参与。"]),
]


def _html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def _drafts(township: Township, author, needed: int, today: datetime.date
            ) -> list[DisclosureItem]:
    """Existing drafts without personal data first (the newest few stay drafts, so the
    demo shows that state too), then fallback drafts up to `needed`."""
    drafts = []
    existing = DisclosureItem.objects.filter(township=township, status=Status.DRAFT,
                                             created_by__isnull=False).order_by("-pk")
    for item in list(existing)[KEEP_DRAFTS:]:
        if not item.publish_problems() and not adapter_for(item).pii_findings():
            drafts.append(item)
    leaf = (Category.objects.for_township(township).filter(children__isnull=True)
            .order_by("order", "id").first())
    for title, summary, paragraphs in EXTRA_DRAFTS:
        if len(drafts) >= needed:
            break
        item, _created = DisclosureItem.objects.get_or_create(
            township=township, title=title,
            defaults={"category": leaf, "summary": summary, "body": _html(paragraphs),
                      "publisher_name": township.full_name, "created_by": author,
                      "written_on": today - datetime.timedelta(days=2)},
        )
        if item.status == Status.DRAFT and item not in drafts:
            drafts.append(item)
    return drafts


def _submit(item: DisclosureItem, importance: str, ctx: DemoContext, township: Township):
    author = item.created_by or ctx.user(township, Role.AUTHOR)
    if item.importance != importance:
        item.importance = importance
        item.save(update_fields=["importance", "updated_at"])
    return chain.submit(item, author, comment="请审核。")


def _sign(review: Review, ctx: DemoContext, township: Township, steps: int) -> Review:
    return sign_steps(review, lambda role: ctx.user(township, role), upto=steps)


def _seed_drafts(ctx: DemoContext, township: Township, drafts: list) -> int:
    moved = 0
    plan = [(imp, n) for imp, n in IN_REVIEW_PLAN] + [(imp, None) for imp in APPROVED_PLAN]
    plan.append((Importance.NORMAL, "changes"))
    for (importance, stop), item in zip(plan, drafts, strict=False):
        try:
            review = _submit(item, importance, ctx, township)
            if stop == "changes":
                review = _sign(review, ctx, township, 1)
                chain.request_changes(review, ctx.user(township, Role.INFO_LEADER),
                                      comment="请补充实施时间和责任单位后重新提交。")
            else:
                _sign(review, ctx, township, len(review.steps) if stop is None else stop)
            moved += 1
        except ValidationError:
            continue
    return moved


def _seed_published(ctx: DemoContext, township: Township) -> None:
    published = list(DisclosureItem.objects.filter(township=township, status=Status.PUBLISHED)
                     .order_by("-published_on", "-pk")[:2])
    if len(published) < 2:
        return
    revised, withdrawn = published
    author = ctx.user(township, Role.AUTHOR)
    data = snapshot_item(revised)
    data["body"] = (data.get("body") or "") + _html(
        ["（补充说明：有关事项的咨询渠道调整为本镇党政综合办公室，工作日办公时间可来人来电咨询。）"])
    data["summary"] = (data.get("summary") or revised.title)[:480] + "（已补充说明）"
    try:
        revision = revising.save_revision(revised, author, data, note="补充咨询渠道")
        review = chain.submit(revision, author, comment="补充咨询渠道，请审核。")
        _sign(review, ctx, township, 1)
    except ValidationError:
        pass
    chain.withdraw(withdrawn, ctx.user(township, Role.PUBLISHER),
                   reason="所附名单需重新核实，核实后重新发布。")


def seed_chain_demo(ctx: DemoContext) -> None:
    needed = len(IN_REVIEW_PLAN) + len(APPROVED_PLAN) + 1
    total = 0
    for township in ctx.townships:
        chain.ensure_default_chains(township)
        # Published items went through the chain too; open reviews mean this demo already ran.
        if Review.objects.filter(township=township).exclude(
                state=Review.State.PUBLISHED).exists():
            continue
        with transaction.atomic():
            drafts = _drafts(township, ctx.user(township, Role.AUTHOR), needed, ctx.today)
            total += _seed_drafts(ctx, township, drafts)
            _seed_published(ctx, township)
    ctx.stdout.write(f"审签流程：本次送审演示信息 {total} 条。")
    ctx.notes.append("审签演示：各乡镇均有处于各审签环节的信息。以科室负责人、分管领导、"
                     "信息分管领导、主要领导、党政办账号登录后台，查看“待我处理”。")
