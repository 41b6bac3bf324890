"""Normalising and checking 文号 and 索引号 (DOMAIN.md §3, §6 items 23 and 25)."""

from __future__ import annotations

import re

_BRACKETS = str.maketrans({
    "[": "〔", "]": "〕", "［": "〔", "］": "〕", "【": "〔", "】": "〕",
    "(": "〔", ")": "〕", "（": "〔", "）": "〕", "｛": "〔", "｝": "〕",
    "〖": "〔", "〗": "〕",
})
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

DOC_NUMBER_RE = re.compile(r"^\S+〔(19|20)\d{2}〕\d{1,5}号$")
INDEX_NO_RE = re.compile(
    r"^(?P<prefix>[0-9A-Z-]{9,18})/(?P<year>\d{4})(?P<month>\d{2})?-(?P<serial>\d{4,6})$"
)


def normalize_doc_number(value: str) -> str:
    """Fold the brackets people type around the year into 〔〕 and drop spaces.

    Only a bracket pair around a four-digit year is folded, so other parentheses in the
    issuing-body abbreviation stay as they were.
    """
    value = (value or "").strip().translate(_FULLWIDTH_DIGITS)
    value = re.sub(r"\s+", "", value)
    return re.sub(
        r"[\[［【(（｛〖〔](\d{4})[\]］】)）｝〗〕]",
        lambda m: f"〔{m.group(1)}〕",
        value,
    )


def is_valid_doc_number(value: str) -> bool:
    return bool(DOC_NUMBER_RE.match(value))


def format_index_no(prefix: str, year: int, serial: int) -> str:
    return f"{prefix.replace('-', '')}/{year:04d}-{serial:05d}"


def parse_index_no(value: str):
    return INDEX_NO_RE.match(value or "")
