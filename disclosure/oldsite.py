"""Moving in from a township's old 信息公开 site: items from a spreadsheet or saved pages.

Sources (`read_source`):

- a spreadsheet (.xlsx, first sheet): a header row naming the columns (索引号, 标题, 文号,
  成文日期, 发布日期, 发布机构, 主题分类, 目录, 正文 or 正文文件, 附件, 原网址; the usual
  variants such as 发文字号, 生成日期, 名称 are understood), then one row per item;
- saved HTML pages of the old site whose item pages carry the national metadata table
  (索引号 / 发布机构 / 生成日期 / 文号 / 主题分类 / 名称 …) above the text;
- a .zip holding either (a spreadsheet plus the body files and attachments it names, or
  the saved pages), or a folder with the same (management command).

Each row is checked (`check_rows`) into an unsaved item and a list of Chinese problems; the
dry run shows them per row. `import_rows` saves the rows without problems as drafts (each
row on its own: a refused row leaves nothing behind), keeping their 索引号 and dates; the
drafts then go through the sign-off chain like any other item. A row's 原网址 becomes an
old-address redirect (`OldUrlRedirect`, served by `oldsite_redirects.py`).
"""

from __future__ import annotations

import contextlib
import datetime
import io
import posixpath
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import Attachment, Category, DisclosureItem, IndexSerial, OldUrlRedirect
from .numbers import parse_index_no
from .uploads import FILE_TYPES, validate_upload
from .wordhtml import clean_body

MAX_ROWS = 5000
MAX_SOURCE_BYTES = 500 * 1024 * 1024

#: Column header (folded) -> row field.
COLUMNS = {
    "索引号": "index_no", "标题": "title", "名称": "title", "信息名称": "title",
    "文号": "doc_number", "发文字号": "doc_number", "文件编号": "doc_number",
    "成文日期": "written_on", "生成日期": "written_on", "发文日期": "written_on",
    "发布日期": "published_on", "公开日期": "published_on", "发布时间": "published_on",
    "发布机构": "publisher_name", "发文机关": "publisher_name", "发布单位": "publisher_name",
    "主题分类": "topic", "主题": "topic", "目录": "category", "目录分类": "category",
    "信息分类": "category", "栏目": "category", "正文": "body", "正文文件": "body_file",
    "附件": "attachments", "原网址": "old_url", "原链接": "old_url", "原地址": "old_url",
    "关键词": "keywords", "主题词": "keywords", "内容概述": "summary", "摘要": "summary",
    "体裁分类": "doc_type", "体裁": "doc_type",
}
_DATE_RE = re.compile(r"(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]\s*(\d{1,2})")


def fold(text) -> str:
    text = unicodedata.normalize("NFKC", str(text or ""))
    return re.sub(r"[\s:：()（）\[\]【】*]+", "", text)


@dataclass
class SourceRow:
    source: str  # "第3行" or a page's file name
    values: dict = field(default_factory=dict)
    files: dict = field(default_factory=dict)  # name -> bytes available beside the row


@dataclass
class RowResult:
    source: str
    title: str = ""
    index_no: str = ""
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    item_id: int | None = None
    redirect: str = ""
    item: DisclosureItem | None = None
    attachments: list[tuple[str, bytes]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


# -- reading ----------------------------------------------------------------------------

def parse_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    match = _DATE_RE.search(unicodedata.normalize("NFKC", str(value or "")))
    if not match:
        return None
    try:
        return datetime.date(*map(int, match.groups()))
    except ValueError:
        return None


def read_spreadsheet(data: bytes, files: dict | None = None) -> list[SourceRow]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ValidationError(_("无法读取该 Excel 文件（仅支持 .xlsx）。")) from exc
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None) or ()
    columns = {i: COLUMNS[fold(name)] for i, name in enumerate(header) if fold(name) in COLUMNS}
    if "title" not in columns.values():
        raise ValidationError(_("表格第一行须是列名，且至少有“标题”一列。可用的列名：%(names)s。")
                              % {"names": "、".join(dict.fromkeys(COLUMNS))})
    out = []
    for number, row in enumerate(rows, start=2):
        values = {name: row[i] for i, name in columns.items() if i < len(row)}
        if not any(v not in (None, "") for v in values.values()):
            continue
        if len(out) >= MAX_ROWS:
            raise ValidationError(_("一次最多导入%(n)s条。") % {"n": MAX_ROWS})
        out.append(SourceRow(_("第%(n)s行") % {"n": number}, values, files or {}))
    book.close()
    return out


def _text(node) -> str:
    return re.sub(r"\s+", " ", "".join(node.itertext())).strip()


_SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+)")
_BODY_HINTS = ("trs_editor", "zoom", "article-content", "article_content", "content",
               "xxgk_content", "detail", "main-txt", "article")
_META_LABELS = ("索引号", "发布机构", "生成日期", "成文日期", "发布日期", "文号", "发文字号",
                "主题分类", "名称", "标题", "信息名称", "关键词", "主题词", "公开日期", "目录")


def read_html_page(name: str, data: bytes) -> SourceRow:
    """One saved item page: the metadata table's cells, the body, the old address."""
    import lxml.html

    row = SourceRow(name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("gb18030", errors="replace")
    match = _SAVED_FROM.search(text[:2000])
    if match:
        row.values["old_url"] = match.group(1)
    text = re.sub(r"^<\?xml[^>]*>", "", text.lstrip())
    try:
        root = lxml.html.document_fromstring(text or "<html></html>")
    except (ValueError, lxml.etree.ParserError):
        return row
    canonical = root.xpath("//link[@rel='canonical']/@href")
    if canonical and "old_url" not in row.values:
        row.values["old_url"] = canonical[0]
    meta_table = _read_metadata(root, row.values)
    body = _body_node(root, meta_table)
    if body is not None:
        row.values["body"] = lxml.html.tostring(body, encoding="unicode")
    # Attachments: links in the body, or in an attachment block after it ("附件：…").
    hrefs = (body.xpath(".//a/@href") if body is not None else []) + root.xpath(
        "//a[contains(., '附件') or ancestor::*[contains(@class, 'fj') or contains(@id, 'fj')"
        " or contains(@class, 'attach') or contains(@id, 'attach')]]/@href")
    row.values["linked"] = [href for href in hrefs
                            if PurePosixPath(urlsplit(href).path).suffix.lower().lstrip(".")
                            in FILE_TYPES]
    if "title" not in row.values:
        heading = root.xpath("//h1|//h2|//title")
        row.values["title"] = _text(heading[0]) if heading else ""
    return row


def _read_metadata(root, values: dict):
    """The national metadata table's cells into `values`; returns the table's element."""
    meta_table = None
    for cell in root.xpath("//td|//th|//li|//span|//div[not(*)]|//b|//strong"):
        label = fold(_text(cell))
        known = next((k for k in _META_LABELS if label == k or (
            label.startswith(k) and cell.tag in ("td", "th", "li", "span", "div"))), None)
        key = COLUMNS.get(known or "")
        if not key or key in values:
            continue
        value = _value_after(cell, known)
        if value is not None:
            values[key] = value
            if meta_table is None:
                meta_table = cell.getparent()
    return meta_table


def _value_after(cell, label: str) -> str | None:
    """The value of "索引号：xxx" in the same cell, or of the next cell."""
    own = unicodedata.normalize("NFKC", _text(cell))
    own = re.sub(r"\s+", "", own)
    parts = re.split(r"[:：]", own, maxsplit=1)
    if len(parts) == 2 and fold(parts[0]) == label:
        return parts[1].strip() or _next_value(cell)
    if fold(own) == label:
        return _next_value(cell)
    return None


def _next_value(cell) -> str | None:
    sibling = cell.getnext()
    while sibling is not None and not _text(sibling):
        sibling = sibling.getnext()
    if sibling is None:
        return ""
    return _text(sibling)


def _body_node(root, meta_table):
    """The element holding the item's text: a known content container, else the largest
    text block outside the metadata table."""
    candidates = []
    for node in root.xpath("//div|//td|//article|//section"):
        marks = f"{node.get('id', '')} {node.get('class', '')}".lower()
        if any(hint in marks for hint in _BODY_HINTS):
            if meta_table is not None and (node in meta_table.iterancestors()
                                           or node is meta_table):
                continue
            if node.xpath(".//table//*[contains(text(),'索引号')]"):
                continue
            candidates.append(node)
    if not candidates:
        return None
    # The innermost container with most of the text.
    return max(candidates, key=lambda n: (len(_text(n)), -len(list(n.iterancestors()))))


def read_source(name: str, data: bytes) -> list[SourceRow]:
    """Rows from an uploaded .xlsx, .html page or .zip of either."""
    ext = Path(name).suffix.lower()
    if len(data) > MAX_SOURCE_BYTES:
        raise ValidationError(_("文件过大，一次最多上传 500 MB。"))
    if ext == ".xlsx":
        return read_spreadsheet(data)
    if ext in (".html", ".htm", ".shtml"):
        return [read_html_page(name, data)]
    if ext == ".zip":
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as exc:
            raise ValidationError(_("无法读取该压缩包（仅支持 .zip）。")) from exc
        total = sum(info.file_size for info in archive.infolist())
        if total > MAX_SOURCE_BYTES:
            raise ValidationError(_("压缩包解压后超过 500 MB，请分批导入。"))
        files = {_zip_name(info): archive.read(info) for info in archive.infolist()
                 if not info.is_dir()}
        return rows_from_files(files)
    raise ValidationError(_("只能导入 .xlsx 表格、保存的 .html 网页，或包含它们的 .zip 压缩包。"))


def _zip_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if not info.flag_bits & 0x800:  # not flagged UTF-8: Windows zips use GBK names
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("gb18030")
    return name


def rows_from_files(files: dict[str, bytes]) -> list[SourceRow]:
    """A folder's files: the spreadsheet in it (with the rest as its files), else pages."""
    sheets = sorted(n for n in files if n.lower().endswith(".xlsx")
                    and not posixpath.basename(n).startswith("~$"))
    if sheets:
        return read_spreadsheet(files[sheets[0]], files)
    pages = sorted(n for n in files if n.lower().endswith((".html", ".htm", ".shtml")))
    if not pages:
        raise ValidationError(_("压缩包中没有 .xlsx 表格或 .html 网页。"))
    rows = []
    for page in pages:
        row = read_html_page(posixpath.basename(page), files[page])
        row.files = files
        rows.append(row)
    return rows


def read_folder(path: Path) -> list[SourceRow]:
    files = {str(p.relative_to(path)).replace("\\", "/"): p.read_bytes()
             for p in sorted(path.rglob("*")) if p.is_file()}
    return rows_from_files(files)


# -- checking ---------------------------------------------------------------------------

_TOPICS = {fold(label): value for value, label in DisclosureItem.Topic.choices}
_DOC_TYPES = {fold(label): value for value, label in DisclosureItem.DocType.choices}


def _str(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value == int(value):
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip() if not isinstance(
        value, str) else value.strip()


def _find_file(files: dict, name: str) -> tuple[str, bytes] | None:
    name = name.strip().replace("\\", "/")
    if not name:
        return None
    if name in files:
        return name, files[name]
    base = posixpath.basename(unquote(urlsplit(name).path) or name)
    for key, data in files.items():
        if posixpath.basename(key) == base:
            return base, data
    return None


def _category(value: str, township, default):
    text = _str(value)
    if not text:
        return default
    last = re.split(r"\s*[>/›»]\s*", text)[-1]
    qs = Category.objects.filter(township=township)
    return (qs.filter(name=last).first() or qs.filter(code=last).first()
            or qs.filter(name=text).first())


def old_path(url: str) -> str:
    """"http://old.gov.cn/art/2019/5/6/art_1_2.html?x=1" -> "/art/2019/5/6/art_1_2.html?x=1"."""
    url = (url or "").strip()
    if not url:
        return ""
    parts = urlsplit(url)
    path = parts.path or "/"
    if not path.startswith("/"):
        path = f"/{path}"
    return f"{path}?{parts.query}" if parts.query else path


def check_rows(rows: list[SourceRow], township, *, default_category=None) -> list[RowResult]:
    """Each row as an unsaved item and its problems (Chinese); nothing is written."""
    results = []
    seen_index: dict[str, str] = {}
    seen_paths: dict[str, str] = {}
    existing_index = set(DisclosureItem.objects.filter(
        index_no__in=[_str(r.values.get("index_no")) for r in rows if r.values.get("index_no")]
    ).values_list("index_no", flat=True))
    existing_paths = set(OldUrlRedirect.objects.filter(
        old_path__in=[old_path(_str(r.values.get("old_url"))) for r in rows]
    ).values_list("old_path", flat=True))
    for row in rows:
        result = _check_row(row, township, default_category)
        if result.index_no:
            if result.index_no in existing_index:
                result.errors.append(_("索引号 %(no)s 已存在于平台，不能重复导入。")
                                     % {"no": result.index_no})
            elif result.index_no in seen_index:
                result.errors.append(_("索引号 %(no)s 与%(other)s重复。") % {
                    "no": result.index_no, "other": seen_index[result.index_no]})
            seen_index.setdefault(result.index_no, row.source)
        if result.redirect:
            if result.redirect in existing_paths or result.redirect in seen_paths:
                result.warnings.append(_("原网址 %(p)s 已有跳转，不再重复设置。")
                                       % {"p": result.redirect})
                result.redirect = ""
            else:
                seen_paths[result.redirect] = row.source
        results.append(result)
    return results


def _check_row(row: SourceRow, township, default_category) -> RowResult:
    v = row.values
    result = RowResult(row.source, title=_str(v.get("title"))[:200],
                       index_no=_str(v.get("index_no")))
    errors = result.errors
    if not result.title:
        errors.append(_("缺少标题。"))
    if len(_str(v.get("title"))) > 200:
        errors.append(_("标题超过200字。"))
    if len(result.index_no) > 32:
        errors.append(_("索引号超过32个字符：%(no)s。") % {"no": result.index_no})
    written_on, published_on = _dates(v, result)
    category = _category(v.get("category"), township, default_category)
    if category is None:
        errors.append(_("目录“%(c)s”在本乡镇不存在；请先建目录，或选择默认目录。")
                      % {"c": _str(v.get("category"))} if _str(v.get("category"))
                      else _("缺少目录分类；请在表格中填写，或选择默认目录。"))
    topic, doc_type, doc_number = _classification(v, result)
    body = _body(row, result)
    _attachments(row, result)
    images = len(re.findall(r"<img\b", body, re.IGNORECASE))
    if images:
        kept = len(re.findall(r"<img\b", clean_body(body), re.IGNORECASE))
        if kept < images:
            result.warnings.append(_("正文中有%(n)s张图片引用旧网站的地址，未导入；请在编辑页"
                                     "上传后插入。") % {"n": images - kept})
    item = DisclosureItem(
        township=township, category=category, title=result.title,
        publisher_name=_str(v.get("publisher_name")) or township.full_name,
        written_on=written_on, published_on=published_on, doc_number=doc_number,
        topic=topic, doc_type=doc_type, keywords=_str(v.get("keywords"))[:100],
        summary=_str(v.get("summary"))[:500], body=body, status=DisclosureItem.Status.DRAFT,
        validity=(DisclosureItem.Validity.VALID
                  if doc_type == DisclosureItem.DocType.NORMATIVE else ""))
    item.index_no = result.index_no or None
    if not errors:
        _model_checks(item, errors)
    result.item = item
    result.redirect = old_path(_str(v.get("old_url")))
    if len(result.redirect) > 500:
        errors.append(_("原网址过长（超过500个字符）。"))
    return result


def _dates(v: dict, result: RowResult):
    errors = result.errors
    written_on, published_on = parse_date(v.get("written_on")), parse_date(v.get("published_on"))
    if result.index_no and not published_on and v.get("published_on") in (None, ""):
        errors.append(_("有索引号的信息须有发布日期（索引号中的年份即发布年份）。"))
    for key, label, value in (("written_on", _("成文日期"), written_on),
                              ("published_on", _("发布日期"), published_on)):
        if v.get(key) not in (None, "") and value is None:
            errors.append(_("%(label)s“%(value)s”不是日期（应为 2023-05-06 或 2023年5月6日）。")
                          % {"label": label, "value": _str(v.get(key))})
    if written_on is None and v.get("written_on") in (None, ""):
        written_on = published_on
        if written_on:
            result.warnings.append(_("没有成文日期，按发布日期填写。"))
        else:
            errors.append(_("缺少成文日期。"))
    return written_on, published_on


def _classification(v: dict, result: RowResult):
    topic = DisclosureItem.Topic.GENERAL
    if _str(v.get("topic")):
        topic = _TOPICS.get(fold(re.split(r"[>/›]", _str(v.get("topic")))[-1]))
        if topic is None:
            topic = DisclosureItem.Topic.OTHER
            result.warnings.append(_("主题分类“%(t)s”不在国家分类中，按“其他”填写。")
                                   % {"t": _str(v.get("topic"))})
    doc_number = _str(v.get("doc_number"))
    if doc_number in ("无", "-", "—", "/"):
        doc_number = ""
    doc_type = DisclosureItem.DocType.DOCUMENT if doc_number else DisclosureItem.DocType.GENERAL
    if _str(v.get("doc_type")):
        doc_type = _DOC_TYPES.get(fold(v.get("doc_type")))
        if doc_type is None:
            result.errors.append(_("体裁分类“%(t)s”无法识别。") % {"t": _str(v.get("doc_type"))})
            doc_type = DisclosureItem.DocType.GENERAL
    return topic, doc_type, doc_number


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{_escape(line)}</p>" for line in text.splitlines() if line.strip())


def _body(row: SourceRow, result: RowResult) -> str:
    """The body HTML (saved through the platform's cleaning by the item's save)."""
    body = _str(row.values.get("body"))
    body_file = _str(row.values.get("body_file"))
    if not body_file:
        return body if "<" in body else _paragraphs(body)
    found = _find_file(row.files, body_file)
    if found is None:
        result.errors.append(_("找不到正文文件“%(f)s”。") % {"f": body_file})
        return ""
    try:
        text = found[1].decode("utf-8")
    except UnicodeDecodeError:
        text = found[1].decode("gb18030", errors="replace")
    return text if found[0].lower().endswith((".html", ".htm")) else _paragraphs(text)


def _attachments(row: SourceRow, result: RowResult) -> None:
    """The 附件 column's files (missing: the row is refused), then the files a saved page
    links to that were saved beside it (missing: a warning, the page is still imported)."""
    named = [(n, True) for n in re.split(r"[;；\n]+", _str(row.values.get("attachments")))]
    linked = [(n, False) for n in dict.fromkeys(row.values.get("linked") or [])]
    for name, required in named + linked:
        if not name.strip():
            continue
        found = _find_file(row.files, name)
        if found is None:
            if required:
                result.errors.append(_("找不到附件“%(f)s”。") % {"f": name.strip()})
            else:
                result.warnings.append(_("页面链接的附件“%(f)s”不在上传的文件中，未导入。")
                                       % {"f": posixpath.basename(unquote(urlsplit(name).path))})
            continue
        if any(existing == posixpath.basename(found[0]) for existing, _d in result.attachments):
            continue
        upload = ContentFile(found[1], name=posixpath.basename(found[0]))
        try:
            validate_upload(upload)
        except ValidationError as exc:
            result.errors.append(_("附件“%(f)s”：%(m)s") % {"f": upload.name,
                                                          "m": "；".join(exc.messages)})
            continue
        result.attachments.append((upload.name, found[1]))


def _model_checks(item: DisclosureItem, errors: list[str]) -> None:
    """The item form's own checks (文号 format, dates, 发布机构 wording, 索引号 year)."""
    try:
        item.clean_fields(exclude=["township", "category", "office", "body", "created_by"])
        item.clean()
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            label = ("" if name == "__all__"
                     else DisclosureItem._meta.get_field(name).verbose_name)
            errors.extend(f"{label}：{m}" if label else m for m in messages)


def _escape(text: str) -> str:
    from django.utils.html import escape

    return escape(text)


# -- saving -----------------------------------------------------------------------------

def import_rows(results: list[RowResult], *, user=None) -> list[RowResult]:
    """Save every row without problems as a draft (one transaction per row)."""
    for result in results:
        if not result.ok:
            continue
        item = result.item
        item.created_by = user
        try:
            with transaction.atomic():
                item.save()
                for order, (name, data) in enumerate(result.attachments):
                    Attachment.objects.create(item=item, file=ContentFile(data, name=name),
                                              original_name=name, order=order)
                if result.redirect:
                    OldUrlRedirect.objects.create(township=item.township, item=item,
                                                  old_path=result.redirect)
                _reserve_serial(item.index_no)
        except IntegrityError:
            result.errors.append(_("保存失败：索引号或原网址已被占用。"))
            item.pk = None
            continue
        result.item_id = item.pk
    return results


def _reserve_serial(index_no: str | None) -> None:
    """An imported 索引号 in the platform's own form (same prefix and year) moves that
    counter past it, so the platform never hands the same number out again."""
    match = parse_index_no(index_no or "")
    if not match:
        return
    key = {"prefix": match["prefix"].replace("-", ""), "year": int(match["year"])}
    IndexSerial.objects.get_or_create(**key)
    IndexSerial.objects.filter(**key, last__lt=int(match["serial"])).update(
        last=int(match["serial"]))


def summary(results: list[RowResult]) -> dict:
    kept = [r for r in results if r.ok]
    return {"rows": len(results), "kept": len(kept), "refused": len(results) - len(kept),
            "redirects": sum(1 for r in kept if r.redirect),
            "attachments": sum(len(r.attachments) for r in kept)}


# -- the old-address mapping ------------------------------------------------------------

_MAP_COLUMNS = {"原网址": "old_url", "原链接": "old_url", "原地址": "old_url", "旧网址": "old_url",
                "索引号": "index_no", "新网址": "new_url", "信息号": "item_id"}
_ITEM_URL = re.compile(r"/xxgk/[\w-]+/content/(\d+)/?$")


@dataclass
class RedirectRow:
    source: str
    old_path: str
    item: DisclosureItem | None = None
    errors: list[str] = field(default_factory=list)


def _mapping_table(name: str, data: bytes) -> list[list]:
    ext = Path(name).suffix.lower()
    if ext == ".xlsx":
        import openpyxl

        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:
            raise ValidationError(_("无法读取该 Excel 文件（仅支持 .xlsx）。")) from exc
        return [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    if ext != ".csv":
        raise ValidationError(_("对照表须是 .xlsx 或 .csv 文件。"))
    import csv

    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return list(csv.reader(io.StringIO(data.decode(encoding))))
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("无法识别 CSV 文件的编码（支持 UTF-8 与 GBK）。"))


def read_redirect_mapping(name: str, data: bytes) -> list[tuple[str, dict]]:
    """(source, values) rows of a mapping (.xlsx or .csv): 原网址, and 索引号, 新网址
    or 信息号."""
    table = _mapping_table(name, data)
    if not table:
        raise ValidationError(_("对照表是空的。"))
    columns = {i: _MAP_COLUMNS[fold(h)] for i, h in enumerate(table[0]) if fold(h) in _MAP_COLUMNS}
    if "old_url" not in columns.values() or not {"index_no", "new_url", "item_id"} & set(
            columns.values()):
        raise ValidationError(_("对照表第一行须有“原网址”列，以及“索引号”“新网址”或“信息号”之一。"))
    rows = []
    for number, row in enumerate(table[1:], start=2):
        values = {key: _str(row[i]) for i, key in columns.items() if i < len(row)}
        if any(values.values()):
            rows.append((_("第%(n)s行") % {"n": number}, values))
    if len(rows) > MAX_ROWS * 4:
        raise ValidationError(_("一次最多导入%(n)s条跳转。") % {"n": MAX_ROWS * 4})
    return rows


def check_redirects(rows: list[tuple[str, dict]], townships) -> list[RedirectRow]:
    """Each mapping row resolved to an item of one of `townships` (the uploader's scope)."""
    items = DisclosureItem.objects.filter(township__in=townships)
    taken = set(OldUrlRedirect.objects.filter(
        old_path__in=[old_path(v.get("old_url", "")) for _s, v in rows]
    ).values_list("old_path", flat=True))
    seen: set[str] = set()
    out = []
    for source, values in rows:
        row = RedirectRow(source, old_path(values.get("old_url", "")))
        if not row.old_path or row.old_path == "/":
            row.errors.append(_("缺少原网址。"))
        elif len(row.old_path) > 500:
            row.errors.append(_("原网址过长（超过500个字符）。"))
        elif row.old_path in taken or row.old_path in seen:
            row.errors.append(_("原网址 %(p)s 已有跳转。") % {"p": row.old_path})
        seen.add(row.old_path)
        item = None
        if values.get("index_no"):
            item = items.filter(index_no=values["index_no"]).first()
            missing = _("本乡镇没有索引号为 %(v)s 的信息。") % {"v": values["index_no"]}
        elif values.get("item_id", "").isdigit():
            item = items.filter(pk=values["item_id"]).first()
            missing = _("本乡镇没有信息号为 %(v)s 的信息。") % {"v": values["item_id"]}
        else:
            match = _ITEM_URL.search(urlsplit(values.get("new_url", "")).path)
            item = items.filter(pk=match.group(1)).first() if match else None
            missing = _("新网址“%(v)s”不是本乡镇的信息页。") % {"v": values.get("new_url", "")}
        if item is None:
            row.errors.append(missing)
        row.item = item
        out.append(row)
    return out


def save_redirects(rows: list[RedirectRow]) -> int:
    saved = 0
    for row in rows:
        if row.errors:
            continue
        try:
            with transaction.atomic():
                OldUrlRedirect.objects.create(township_id=row.item.township_id, item=row.item,
                                              old_path=row.old_path)
        except IntegrityError:
            row.errors.append(_("原网址 %(p)s 已有跳转。") % {"p": row.old_path})
            continue
        saved += 1
    return saved
