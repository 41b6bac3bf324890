"""The county catalogue template and copying it into a township (DOMAIN.md §4)."""

from __future__ import annotations

from django.db import transaction

from .models import Category

# (code, name, legal basis, children) — Art. 20 baseline plus the Art. 21 township nodes.
DEFAULT_TEMPLATE: list[tuple[str, str, str, list[tuple[str, str, str]]]] = [
    ("jgzn", "机构职能", "条例第二十条第（二）项", [
        ("jgzn-jgsz", "机构设置", "条例第二十条第（二）项"),
        ("jgzn-ldxx", "领导信息", "条例第二十条第（二）项"),
        ("jgzn-nsjg", "内设机构与下属单位", "条例第二十条第（二）项"),
    ]),
    ("zcwj", "政策文件", "条例第二十条第（一）项", [
        ("zcwj-gfxwj", "行政规范性文件", "条例第二十条第（一）项"),
        ("zcwj-bjwj", "本级文件", "条例第二十条第（一）项"),
        ("zcwj-zcjd", "政策解读", "条例第二十条第（一）项"),
    ]),
    ("ghjh", "规划计划", "条例第二十条第（三）项", [
        ("ghjh-fzgh", "发展规划", "条例第二十条第（三）项"),
        ("ghjh-gzjh", "年度计划与工作总结", "条例第二十条第（三）项"),
    ]),
    ("tjxx", "统计信息", "条例第二十条第（四）项", []),
    ("czyjs", "财政预决算", "条例第二十条第（七）项", [
        ("czyjs-ys", "财政预算", "条例第二十条第（七）项"),
        ("czyjs-js", "财政决算", "条例第二十条第（七）项"),
        ("czyjs-sgjf", "“三公”经费", "条例第二十条第（七）项"),
    ]),
    ("xzzf", "行政执法", "条例第二十条第（五）（六）项", [
        ("xzzf-xzxk", "行政许可", "条例第二十条第（五）项"),
        ("xzzf-xzcf", "行政处罚", "条例第二十条第（六）项"),
        ("xzzf-xzqz", "行政强制", "条例第二十条第（六）项"),
    ]),
    ("sfxm", "行政事业性收费", "条例第二十条第（八）项", []),
    ("zfcg", "政府采购", "条例第二十条第（九）项", []),
    ("zdxm", "重大建设项目", "条例第二十条第（十）项", []),
    ("msbz", "民生保障", "条例第二十条第（十一）项", [
        ("msbz-shjz", "社会救助", "条例第二十一条"),
        ("msbz-jyjy", "就业与社会保障", "条例第二十条第（十一）项"),
        ("msbz-xczx", "乡村振兴", "条例第二十条第（十一）项"),
    ]),
    ("yjgl", "应急管理", "条例第二十条第（十二）项", []),
    ("jdjc", "监督检查", "条例第二十条第（十三）项", []),
    ("rsxx", "人事信息", "条例第二十条第（十四）项", []),
    ("nync", "农业农村", "条例第二十一条", [
        ("nync-nczc", "贯彻落实农业农村政策", "条例第二十一条"),
        ("nync-nsl", "农田水利工程建设运营", "条例第二十一条"),
        ("nync-tdlz", "农村土地承包经营权流转", "条例第二十一条"),
        ("nync-zjd", "宅基地使用情况审核", "条例第二十一条"),
        ("nync-tdzs", "土地征收", "条例第二十一条"),
        ("nync-fwzs", "房屋征收", "条例第二十一条"),
        ("nync-czcl", "筹资筹劳", "条例第二十一条"),
    ]),
    ("qtxx", "其他信息", "条例第二十条第（十五）项", []),
]

#: The 政策解读 column: its items interpret 政策文件 (disclosure/interpretations.py).
INTERPRETATION_CODE = "zcwj-zcjd"

# The Art. 21 township nodes every channel must carry (DOMAIN.md §6 item 29).
ART21_CODES = ("nync-nczc", "nync-nsl", "nync-tdlz", "nync-zjd", "nync-tdzs", "nync-fwzs",
               "nync-czcl", "msbz-shjz")


@transaction.atomic
def ensure_county_template(county) -> list[Category]:
    """Create the default template tree for a county (idempotent)."""
    nodes = []
    for order, (code, name, basis, children) in enumerate(DEFAULT_TEMPLATE, start=1):
        parent, _ = Category.objects.get_or_create(
            county=county, township=None, code=code,
            defaults={"name": name, "legal_basis": basis, "order": order * 10},
        )
        nodes.append(parent)
        for child_order, (child_code, child_name, child_basis) in enumerate(children, start=1):
            child, _ = Category.objects.get_or_create(
                county=county, township=None, code=child_code,
                defaults={"name": child_name, "legal_basis": child_basis,
                          "order": child_order * 10, "parent": parent},
            )
            nodes.append(child)
    return nodes


@transaction.atomic
def copy_template_to_township(township) -> int:
    """Copy every template node the township lacks; return how many were created.

    Nodes the township added itself, or renamed, are kept as they are.
    """
    templates = list(
        Category.objects.templates(township.county).order_by("parent_id", "order", "id")
    )
    existing = {c.code: c for c in Category.objects.for_township(township)}
    by_template_id: dict[int, Category] = {}
    created = 0
    # Parents first: template roots have parent_id None, sorted first by nulls-first order.
    for node in sorted(templates, key=lambda n: (n.parent_id is not None, n.order, n.id)):
        copy = existing.get(node.code)
        if copy is None:
            copy = Category.objects.create(
                county=township.county, township=township, template=node,
                parent=by_template_id.get(node.parent_id), name=node.name, code=node.code,
                description=node.description, legal_basis=node.legal_basis, order=node.order,
            )
            created += 1
        by_template_id[node.pk] = copy
    return created
