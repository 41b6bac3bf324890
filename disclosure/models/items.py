"""Disclosure items (政府信息) with the national catalogue metadata (DOMAIN.md §3)."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField

from disclosure.numbers import is_valid_doc_number, normalize_doc_number, parse_index_no
from disclosure.richtext import EDITOR_EXTENSIONS
from disclosure.wordhtml import clean_body
from signoff.models import Importance

ORG_SUFFIXES = ("人民政府", "办公室", "委员会", "站", "所", "中心", "局", "院", "队", "办",
                "管理处", "服务部", "党委")


class Topic(models.TextChoices):
    """主题分类, after the national government-information topic list."""

    GENERAL = "zhzw", _("综合政务")
    ECONOMY = "gmjj", _("国民经济管理、国有资产监管")
    FINANCE = "czjr", _("财政、金融、审计")
    LAND = "gtzy", _("国土资源、能源")
    AGRICULTURE = "nlmy", _("农业、林业、水利")
    INDUSTRY = "gyjt", _("工业、交通")
    COMMERCE = "smhg", _("商贸、海关、旅游")
    MARKET = "scjg", _("市场监管、安全生产监管")
    URBAN = "cxjs", _("城乡建设、环境保护")
    SCIENCE = "kjjy", _("科技、教育")
    CULTURE = "whws", _("文化、广电、新闻出版")
    HEALTH = "wsty", _("卫生、体育")
    POPULATION = "rkjs", _("人口与计划生育、妇女儿童工作")
    LABOUR = "ldrs", _("劳动、人事、监察")
    SECURITY = "gasf", _("公安、安全、司法")
    CIVIL = "mzsh", _("民政、扶贫、救灾")
    ETHNIC = "mzzj", _("民族、宗教")
    FOREIGN = "wsgz", _("对外事务")
    GOVERNMENT = "zfjg", _("政府机构与人事")
    OTHER = "qt", _("其他")


class DocType(models.TextChoices):
    """体裁: decides whether a 文号 is required and what Table 2 counts."""

    GENERAL = "general", _("一般信息")
    NORMATIVE = "normative", _("行政规范性文件")
    DOCUMENT = "document", _("其他文件")
    REGULATION = "regulation", _("规章")
    LICENSING = "licensing", _("行政许可决定")
    PENALTY = "penalty", _("行政处罚决定")
    ENFORCEMENT = "enforcement", _("行政强制决定")
    FEE = "fee", _("行政事业性收费")


NUMBERED_DOC_TYPES = frozenset({DocType.NORMATIVE, DocType.DOCUMENT, DocType.REGULATION})


class DisclosureMode(models.TextChoices):
    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "on_request", _("依申请公开")
    WITHHELD = "withheld", _("不予公开")


class Validity(models.TextChoices):
    VALID = "valid", _("有效")
    EXPIRED = "expired", _("失效")
    REPEALED = "repealed", _("废止")


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    IN_REVIEW = "in_review", _("审核中")
    CHANGES_REQUESTED = "changes_requested", _("退回修改")
    APPROVED = "approved", _("待发布")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class DisclosureItemQuerySet(models.QuerySet):
    def for_township(self, township):
        return self.filter(township=township)

    def disclosed(self):
        """Published and proactively disclosed, of any township, active or not: for a caller
        that scopes the rows itself (`published()`, `published_of_active()`, the columns of
        one active township's catalogue)."""
        return self.filter(status=Status.PUBLISHED, disclosure_mode=DisclosureMode.PROACTIVE)

    def published(self):
        """Everything the public may see: published, proactively disclosed items."""
        return self.disclosed().filter(township__is_active=True)

    def published_of_active(self, township_id):
        """`published()` of one township that the caller has found active already (the
        public pages get it from townships.selectors.public_township, which a county or
        township change makes read again): the township is not joined a second time to
        check it. On a page-cache miss that join cost PostgreSQL 0.03–0.13 ms per read."""
        return self.disclosed().filter(township_id=township_id)

    def in_force(self):
        return self.filter(validity=DisclosureItem.Validity.VALID)


class IndexSerial(models.Model):
    """The last 索引号 serial handed out per prefix (publishing body) and year."""

    prefix = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("索引号流水")
        verbose_name_plural = _("索引号流水")
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="index_serial_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}/{self.year}: {self.last}"


class DisclosureItem(models.Model):
    Topic = Topic
    DocType = DocType
    DisclosureMode = DisclosureMode
    Validity = Validity
    Importance = Importance
    Status = Status

    township = models.ForeignKey("townships.Township", on_delete=models.PROTECT,
                                 related_name="items", verbose_name=_("乡镇"))
    # Indexed by item_category_status_order (category first): a single-column index beside
    # it looked cheaper to the planner for a column's page and cost a sort of the column.
    category = models.ForeignKey("disclosure.Category", on_delete=models.PROTECT,
                                 db_index=False, related_name="items",
                                 verbose_name=_("目录分类"))
    office = models.ForeignKey("townships.Office", on_delete=models.SET_NULL, null=True,
                               blank=True, related_name="items", verbose_name=_("责任科室"))
    index_no = models.CharField(_("索引号"), max_length=32, unique=True, null=True, blank=True,
                                editable=False)
    title = models.CharField(_("标题"), max_length=200)
    summary = models.CharField(_("内容概述"), max_length=500, blank=True)
    publisher_name = models.CharField(_("发布机构"), max_length=80,
                                      help_text=_("发布机构标准全称，不得简写。"))
    written_on = models.DateField(_("成文日期"))
    published_on = models.DateField(_("发布日期"), null=True, blank=True,
                                    help_text=_("留空则发布时取当天。"))
    doc_number = models.CharField(_("文号"), max_length=60, blank=True,
                                  help_text=_("如：青政发〔2024〕7号；输入 [] 或（）"
                                              "会自动改为〔〕。"))
    topic = models.CharField(_("主题分类"), max_length=8, choices=Topic.choices,
                             default=Topic.GENERAL)
    doc_type = models.CharField(_("体裁分类"), max_length=12, choices=DocType.choices,
                                default=DocType.GENERAL)
    disclosure_mode = models.CharField(_("公开方式"), max_length=12,
                                       choices=DisclosureMode.choices,
                                       default=DisclosureMode.PROACTIVE)
    validity = models.CharField(_("有效性"), max_length=10, choices=Validity.choices,
                                blank=True)
    repealed_on = models.DateField(_("废止日期"), null=True, blank=True)
    keywords = models.CharField(_("关键词"), max_length=100, blank=True,
                                help_text=_("多个关键词以空格或逗号分隔。"))
    importance = models.CharField(_("重要程度"), max_length=10, choices=Importance.choices,
                                  default=Importance.NORMAL)
    interprets = models.ManyToManyField(
        "self", symmetrical=False, through="disclosure.PolicyLink",
        through_fields=("interpretation", "document"), related_name="interpretations",
        blank=True, verbose_name=_("所解读的政策文件"),
        help_text=_("仅“政策解读”栏目的信息填写：选择本解读所解读的、本乡镇已发布的政策文件，"
                    "可多选。"))
    body = ProseEditorField(_("正文"), blank=True, config={"extensions": EDITOR_EXTENSIONS},
                            sanitize=clean_body)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices,
                              default=Status.DRAFT, editable=False)
    first_published_at = models.DateTimeField(_("首次发布时间"), null=True, blank=True,
                                              editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="authored_items", null=True, blank=True,
                                   editable=False, verbose_name=_("创建人"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = DisclosureItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府信息")
        verbose_name_plural = _("政府信息")
        ordering = ["-published_on", "-id"]
        indexes = [
            # A township's and a column's public lists, in their order: the newest rows
            # of one status are read directly, not found among the drafts (no published_on,
            # first in this order) or sorted out of the whole column (docs/PERFORMANCE.md).
            models.Index(fields=["township", "status", "-published_on", "-id"],
                         name="item_township_status_order"),
            models.Index(fields=["category", "status", "-published_on", "-id"],
                         name="item_category_status_order"),
            models.Index(fields=["status", "-published_on", "-id"],
                         name="item_status_published_order"),
            # The back office's default order (-published_on, -id) over every township.
            models.Index(fields=["-published_on", "-id"], name="item_published_order"),
            # The back office's list filtered by one value, in its order: a page and the
            # capped count read index entries of that value only, however rare it is.
            models.Index(fields=["township", "-published_on", "-id"], name="item_township_order"),
            models.Index(fields=["doc_type", "-published_on", "-id"], name="item_doc_type_order"),
            models.Index(fields=["disclosure_mode", "-published_on", "-id"],
                         name="item_mode_order"),
            models.Index(fields=["validity", "-published_on", "-id"], name="item_validity_order"),
            models.Index(fields=["importance", "-published_on", "-id"],
                         name="item_importance_order"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(published_on__isnull=True)
                           | Q(written_on__lte=models.F("published_on"))),
                name="item_written_before_published",
            ),
            models.CheckConstraint(
                condition=~Q(validity="repealed") | Q(repealed_on__isnull=False),
                name="item_repealed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # Normalising only: the same field values whatever path saved the row.
        self.doc_number = normalize_doc_number(self.doc_number)
        self.body = clean_body(self.body)
        self.title = (self.title or "").strip()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("disclosure:item_detail", args=[self.township.slug, self.pk])

    @property
    def is_public(self) -> bool:
        return (self.status == Status.PUBLISHED
                and self.disclosure_mode == DisclosureMode.PROACTIVE)

    @property
    def requires_doc_number(self) -> bool:
        return self.doc_type in NUMBERED_DOC_TYPES

    @property
    def signature(self) -> tuple[str, object] | None:
        """The 落款 (issuing body, date written) of a numbered document, or None.

        Documents with a 文号 carry one; it is left out when the body already ends with it
        (an editor who typed the 落款 into the text).
        """
        if not (self.doc_number or self.requires_doc_number) or not self.publisher_name:
            return None
        tail = re.sub(r"<[^>]+>|\s", "", self.body or "")[-80:]
        if self.publisher_name in tail and self.written_on and (
                f"{self.written_on.year}年" in tail):
            return None
        return self.publisher_name, self.written_on

    def keyword_list(self) -> list[str]:
        return [k for k in re.split(r"[\s,，;；、]+", self.keywords or "") if k]

    # -- validation (DOMAIN.md §6 items 22–26) ------------------------------------------

    def clean(self):
        errors: dict[str, list[str]] = {}
        self.doc_number = normalize_doc_number(self.doc_number)
        self.title = (self.title or "").strip()
        for check in (self._check_numbering, self._check_validity, self._check_dates,
                      self._check_wording, self._check_relations):
            for field_name, message in check():
                errors.setdefault(field_name, []).append(message)
        if errors:
            raise ValidationError(errors)

    def _check_numbering(self):
        if self.doc_number and not is_valid_doc_number(self.doc_number):
            yield "doc_number", _("文号格式应为“机关代字〔年份〕序号号”，如：青政发〔2024〕7号。")
        if self.requires_doc_number and not self.doc_number:
            yield "doc_number", _("“%(type)s”须填写文号。") % {"type": self.get_doc_type_display()}
        if self.index_no and self.published_on:
            match = parse_index_no(self.index_no)
            if match and int(match["year"]) != self.published_on.year:
                yield "published_on", (_("发布日期的年份须与索引号年份（%(year)s）一致。")
                                       % {"year": match["year"]})

    def _check_validity(self):
        if self.doc_type == DocType.NORMATIVE and not self.validity:
            yield "validity", _("行政规范性文件须注明有效性。")
        if self.validity == Validity.REPEALED and not self.repealed_on:
            yield "repealed_on", _("有效性为“废止”时须填写废止日期。")
        if self.repealed_on and self.validity != Validity.REPEALED:
            yield "repealed_on", _("只有有效性为“废止”时才填写废止日期。")

    def _check_dates(self):
        if self.repealed_on and self.written_on and self.repealed_on < self.written_on:
            yield "repealed_on", _("废止日期不能早于成文日期。")
        if self.written_on and self.published_on and self.written_on > self.published_on:
            yield "written_on", _("成文日期不能晚于发布日期。")
        if self.written_on and self.written_on > timezone.localdate():
            yield "written_on", _("成文日期不能晚于今天。")

    def _check_wording(self):
        if self.summary and _repeats(self.summary, self.title):
            yield "summary", _("内容概述不能只是重复标题，请概括信息的主要内容。")
        if self.publisher_name and not self.publisher_name.strip().endswith(ORG_SUFFIXES):
            yield "publisher_name", _("发布机构须填写标准全称，如：清河县青石镇人民政府。")

    def _check_relations(self):
        if self.category_id and self.township_id and self.category.township_id != self.township_id:
            yield "category", _("目录分类须属于本乡镇。")
        if self.office_id and self.township_id and self.office.township_id != self.township_id:
            yield "office", _("责任科室须属于本乡镇。")

    def publish_problems(self) -> list[str]:
        """What blocks publication (DOMAIN.md §6 item 22), in Chinese; empty when ready."""
        problems = []
        if not self.title:
            problems.append(_("缺少标题。"))
        if not self.publisher_name:
            problems.append(_("缺少发布机构。"))
        if not self.written_on:
            problems.append(_("缺少成文日期。"))
        if not self.category_id:
            problems.append(_("缺少目录分类。"))
        if not self.disclosure_mode:
            problems.append(_("缺少公开方式。"))
        try:
            self.clean()
        except ValidationError as exc:
            problems.extend(str(m) for messages in exc.message_dict.values() for m in messages)
        return problems


_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


def _repeats(summary: str, title: str) -> bool:
    s, t = _PUNCT.sub("", summary), _PUNCT.sub("", title)
    return bool(s) and (s == t or s in t)
