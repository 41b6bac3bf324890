"""政策解读 ↔ 政策文件 (DOMAIN.md rule 39): what an interpretation may name, the link rows,
and what the public pages show.

An interpretation is an item of the 政策解读 column (catalogue code `zcwj-zcjd`). It names
published documents of its own township (every item belongs to a township, and a township's
back office never lists another's rows: tests/test_tenant_isolation.py). The
links are versioned with the item (models/revisions.py carries them as `interprets`):
a draft's rows are its own business, a published item's change only when a revision is
published, and public pages show a link only when both ends are public.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from pagecache import generations
from townships.pages import bump_township_pages

from .catalogue import INTERPRETATION_CODE
from .models import Category, DisclosureItem, InterpretationRule, PolicyLink
from .models.items import NUMBERED_DOC_TYPES

#: The catalogue columns of policy documents (catalogue.DEFAULT_TEMPLATE), besides any item
#: whose 体裁 is a numbered document.
DOCUMENT_CODES = ("zcwj-gfxwj", "zcwj-bjwj")


def is_interpretation(category: Category | None) -> bool:
    return category is not None and category.code == INTERPRETATION_CODE


def document_filter() -> Q:
    """Items an interpretation may name: policy documents, never interpretations."""
    return ((Q(category__code__in=DOCUMENT_CODES) | Q(doc_type__in=NUMBERED_DOC_TYPES))
            & ~Q(category__code=INTERPRETATION_CODE))


def document_choices(township_ids):
    """Published policy documents of these townships, for the item form's picker."""
    return (DisclosureItem.objects.published().filter(document_filter(),
                                                      township_id__in=township_ids)
            .select_related("township").order_by("township__order", "township_id",
                                                 "-published_on", "-id"))


def link_problems(item: DisclosureItem, documents) -> list[str]:
    """Why these documents cannot be named by this item (Chinese), or nothing."""
    documents = list(documents)
    if not documents:
        return []
    if not is_interpretation(item.category if item.category_id else None):
        return [_("只有“政策解读”栏目的信息才能选择所解读的政策文件；"
                  "请把目录分类改为“政策文件 › 政策解读”，或清空所选文件。")]
    problems = []
    allowed = set(document_choices([item.township_id])
                  .filter(pk__in=[d.pk for d in documents]).values_list("pk", flat=True))
    for document in documents:
        if document.pk == item.pk:
            problems.append(_("政策解读不能选择自身。"))
        elif document.pk not in allowed:
            problems.append(_("“%(title)s”不是本乡镇已发布的政策文件，不能作为解读对象。")
                            % {"title": document.title})
    return problems


@transaction.atomic
def set_links(item: DisclosureItem, document_ids) -> None:
    """Make the item's link rows these documents (rows it keeps keep their date)."""
    wanted = {int(pk) for pk in document_ids or []} - {item.pk}
    current = set(item.document_links.values_list("document_id", flat=True))
    removed = current - wanted
    added = set(DisclosureItem.objects.filter(pk__in=wanted - current)
                .values_list("pk", flat=True))
    if not (removed or added):
        return
    PolicyLink.objects.filter(interpretation=item, document_id__in=removed).delete()
    public = item.status in (DisclosureItem.Status.PUBLISHED, DisclosureItem.Status.WITHDRAWN)
    linked_at = timezone.now() if public else None
    PolicyLink.objects.bulk_create([PolicyLink(interpretation=item, document_id=pk,
                                               linked_at=linked_at) for pk in sorted(added)])
    if public:
        # The documents' pages list their interpretations: theirs go stale with this one's.
        townships = set(DisclosureItem.objects.filter(pk__in=removed | added)
                        .values_list("township_id", flat=True)) | {item.township_id}
        for township_id in sorted(townships):
            bump_township_pages(township_id)


def public_links(item: DisclosureItem) -> tuple[list, list]:
    """(documents it interprets, its interpretations) for a public page, in one query:
    an interpretation lists documents, any other item its interpretations."""
    if is_interpretation(item.category):
        return list(public_documents(item)), []
    if settings.PAGE_CACHE and item.pk not in interpreted_ids(item.township):
        return [], []  # most items: no query
    return [], list(public_interpretations(item))


def interpreted_ids(township) -> frozenset[int]:
    """The township's items that a public interpretation names, kept under the township's
    page counter (publishing or withdrawing an interpretation, and changing its links, bump
    the townships of both ends: signals.public_row_changed, set_links)."""
    return generations.remember(
        f"interpreted:{township.pk}", [generations.township_scope(township.slug)],
        lambda: frozenset(public_reading_links().filter(document__township=township)
                          .values_list("document_id", flat=True)))


def public_documents(item: DisclosureItem):
    """The public documents a public interpretation explains (for its page)."""
    return (DisclosureItem.objects.published().filter(interpretation_links__interpretation=item)
            .select_related("township").order_by("-published_on", "-id"))


def public_interpretations(item: DisclosureItem):
    """The public interpretations of a document (for its page)."""
    return (DisclosureItem.objects.published().filter(document_links__document=item)
            .select_related("township").order_by("-published_on", "-id"))


def linked_township_ids(item_id: int) -> set[int]:
    """Townships of every item linked to this one, either way (their pages show it)."""
    rows = PolicyLink.objects.filter(Q(interpretation_id=item_id) | Q(document_id=item_id))
    return (set(rows.values_list("interpretation__township_id", flat=True))
            | set(rows.values_list("document__township_id", flat=True)))


# -- the rule: which documents need an interpretation (DOMAIN.md rule 39) -------------------

OUT_OF_FORCE = (DisclosureItem.Validity.EXPIRED, DisclosureItem.Validity.REPEALED)


def public_reading_links():
    """Link rows whose interpretation is public."""
    return PolicyLink.objects.filter(
        interpretation__status=DisclosureItem.Status.PUBLISHED,
        interpretation__disclosure_mode=DisclosureItem.DisclosureMode.PROACTIVE)


def documents_needing_reading(rule: InterpretationRule):
    """Public documents of the county, of the kinds its rule names and still in force."""
    return (DisclosureItem.objects.published()
            .filter(township__county_id=rule.county_id, doc_type__in=rule.doc_types or [])
            .exclude(validity__in=OUT_OF_FORCE)
            .exclude(category__code=INTERPRETATION_CODE))


def without_reading(documents):
    """Those of `documents` no public interpretation names yet."""
    return documents.exclude(Exists(public_reading_links().filter(document=OuterRef("pk"))))
