"""`OfficialDocument`: writes the parts of a GB/T 9704 document top to bottom.

Letters, notices, reports and sign-off sheets are all written with these few methods, so
their layout is defined once:

    doc = OfficialDocument()
    doc.letterhead("青石镇人民政府", "青石政信复〔2026〕1号")  # 信函格式 版头 (or file_head)
    doc.title("政府信息公开申请答复告知书")
    doc.addressee("钱文静")
    doc.paragraph("本机关于2026年5月8日收到……")
    doc.signature("青石镇人民政府", datetime.date(2026, 6, 1))
    data = doc.to_bytes()
"""

from __future__ import annotations

import datetime
import io

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Mm, Pt, RGBColor

from . import fonts, ooxml, page, tables
from . import gbt9704 as g
from .tables import text_width

#: 发文机关标志 of the 信函格式 and its red double lines are 170 mm long, centred on the 版心.
LETTER_RULE_OVERHANG = Mm(7)


def official_date(day: datetime.date | None) -> str:
    """2026年6月1日: the year in full, no leading zeros (GB/T 9704 7.3.5)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else ""


def _border(paragraph, edge: str, style: str, size_eighths: int, space_pt: int = 0,
            color: str = g.RED) -> None:
    ooxml.put(paragraph._p.get_or_add_pPr(), ooxml.element(
        f'<w:pBdr><w:{edge} w:val="{style}" w:sz="{size_eighths}" w:space="{space_pt}" '
        f'w:color="{color}"/></w:pBdr>'))


class OfficialDocument:
    """One document being written; every method appends below what is there."""

    def __init__(self):
        self.document = page.new_document()
        self._landscape = False  # the current section is a landscape one (for a wide table)

    # -- paragraphs ---------------------------------------------------------------------------

    def _add(self, text: str = "", style: str = "Normal", *, with_table: bool = False):
        if self._landscape and not with_table:  # text after a wide table: back to portrait
            self.section(landscape=False)
        return self.document.add_paragraph(text, style=style)

    def blank(self, lines: int = 1) -> None:
        for _ in range(lines):
            self._add()

    def title(self, text: str):
        """标题: 2号 小标宋, centred; a newline in `text` starts a new line."""
        paragraph = self._add(style="Title")
        for n, line in enumerate(text.split("\n")):
            if n:
                paragraph.runs[-1].add_break()
            paragraph.add_run(line)
        return paragraph

    def number_line(self, number: str):
        """发文字号 centred under the title, for a document without 版头."""
        paragraph = self._add(number)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return paragraph

    def addressee(self, text: str):
        """主送机关 or the person addressed: 顶格, ending with a full-width colon."""
        text = text.strip().rstrip(":：")
        return self._add(f"{text}：")

    def paragraph(self, text: str, *, with_table: bool = False):
        """正文 paragraph: two characters in, lines wrap to the margin. `with_table`: it
        introduces the next table, so on a landscape page it stays there with it."""
        return self._add(text, style="Body Text", with_table=with_table)

    def heading(self, text: str, level: int = 1, *, with_table: bool = False):
        """一、 (黑体), （一） (楷体), 1. (仿宋 bold), （1） (仿宋): two characters in."""
        return self._add(text, style=f"Heading {min(max(level, 1), 4)}",
                         with_table=with_table)

    def attachments(self, names: list[str]) -> None:
        """附件说明: one line below the text, 附件：1.… aligned under the first name."""
        if not names:
            return
        self.blank()
        numbered = len(names) > 1
        lead_width = text_width("附件：")
        for n, name in enumerate(names, start=1):
            label = f"{n}." if numbered else ""
            lead = "附件：" if n == 1 else ""
            paragraph = self._add(f"{lead}{label}{name}")
            # Two characters in; later names and wrapped lines under the first name's text.
            page.indent_chars(paragraph, left=2 + lead_width + text_width(label),
                              first_line=-text_width(lead + label))

    def note(self, text: str):
        """附注 (e.g. 联系人和电话): in brackets, two characters in, under the date."""
        paragraph = self._add(f"（{text.strip().strip('（）()')}）")
        page.indent_chars(paragraph, first_line=2)
        return paragraph

    # -- 落款 ----------------------------------------------------------------------------------

    def signature(self, signer: str, day: datetime.date | None, *, sealed: bool = True) -> None:
        """发文机关署名 and 成文日期.

        Sealed (加盖印章): two blank lines for the seal, the date four characters from the
        right margin and the signer centred over the date, so the seal presses on both.
        Unsealed: the signer two characters from the right, the date centred under it.
        """
        date_text = official_date(day)
        paragraphs = self.document.paragraphs
        # A page holding only the signature (GB/T 9704 7.3.5.1): a short last paragraph
        # (up to 4 lines) goes over with it. A longer one is not kept: a paragraph kept with
        # the next moves whole, which would leave most of a page empty.
        if paragraphs and len(paragraphs[-1].text) <= 4 * 28:
            paragraphs[-1].paragraph_format.keep_with_next = True
        for _ in range(2 if sealed else 1):  # the seal's room stays with the signature
            self._add().paragraph_format.keep_with_next = True
        signer_w, date_w = text_width(signer), text_width(date_text)
        if sealed:
            date_in = max(4.0, 2 + (signer_w - date_w) / 2)
            signer_in = date_in + (date_w - signer_w) / 2
        else:
            signer_in = 2.0
            date_in = signer_in + (signer_w - date_w) / 2
        for text, right in ((signer, signer_in), (date_text, date_in)):
            if text:
                paragraph = self._add(text)
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                paragraph.paragraph_format.keep_with_next = text == signer
                page.indent_chars(paragraph, right=max(right, 0.01))

    # -- 版头 ----------------------------------------------------------------------------------

    def letterhead(self, issuer: str, number: str = "") -> None:
        """信函格式 版头 on the first page: the red 发文机关标志 near the top edge over a red
        double line (thick over thin), the 文号 under it at the right margin, and a red double
        line (thin over thick) near the bottom edge; the first page shows no page number."""
        section = self.document.sections[0]
        section.different_first_page_header_footer = True
        head = section.first_page_header.paragraphs[0]
        head.style = "Header"
        run = head.add_run(issuer)
        run.font.color.rgb = RGBColor.from_string(g.RED)
        fonts.set_run_font(run, fonts.TITLE)
        run.font.size = Pt(min(g.SIZE["一号"], g.TEXT_WIDTH.pt * 0.9 / max(len(issuer), 1)))
        self._overhang(head)
        _border(head, "bottom", "thickThinSmallGap", 24, space_pt=4)
        if number:
            line = section.first_page_header.add_paragraph(number, style="Normal")
            line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        foot = section.first_page_footer.paragraphs[0]
        foot.style = "Footer"
        foot.paragraph_format.line_spacing = Pt(1)  # only the rule: it lies on the footer line
        foot.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        self._overhang(foot)
        _border(foot, "top", "thinThickSmallGap", 24)
        self.blank()

    def _overhang(self, paragraph) -> None:
        paragraph.paragraph_format.left_indent = -LETTER_RULE_OVERHANG
        paragraph.paragraph_format.right_indent = -LETTER_RULE_OVERHANG

    def file_head(self, mark: str, number: str = "") -> None:
        """文件格式 版头: the red 发文机关标志 (e.g. 清河县人民政府办公室文件) 35 mm below the
        top of the 版心, two lines below it the 文号, centred, and 4 mm under that the red
        separator line as wide as the 版心."""
        head = self._add(style="Title")
        head.paragraph_format.space_before = Mm(35)
        run = head.add_run(mark)
        run.font.color.rgb = RGBColor.from_string(g.RED)
        run.font.size = Pt(min(g.SIZE["小初"], g.TEXT_WIDTH.pt * 0.95 / max(len(mark), 1)))
        head.paragraph_format.line_spacing = Pt(run.font.size.pt * 1.25)
        self.blank(2)
        line = self._add(number)
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _border(line, "bottom", "single", 12, space_pt=11)
        self.blank(2)

    # -- 版记 ----------------------------------------------------------------------------------

    def colophon(self, copies_to: list[str], printer: str = "",
                 printed_on: datetime.date | None = None) -> None:
        """版记 at the foot of the last page: 抄送 and 印发机关/印发日期 between rules (thick
        first and last, thin between), 4号 仿宋, one character in from each side. Letters
        (no printer) get the 抄送 line alone, without rules."""
        rows = []
        if copies_to:
            rows.append(("抄送：" + "，".join(copies_to) + "。", ""))
        if printer:
            rows.append((printer, f"{official_date(printed_on)}印发" if printed_on else ""))
        if rows:
            tables.colophon_table(self.document, rows, ruled=bool(printer))

    # -- tables and orientation -----------------------------------------------------------------

    def caption(self, text: str, *, with_table: bool = False):
        """A table's caption, centred in 黑体 (a heading, so it keeps with its table)."""
        paragraph = self._add(text, style="Heading 4", with_table=with_table)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = Pt(0)
        fonts.set_run_font(paragraph.runs[0], fonts.HEI)
        return paragraph

    def unit(self, text: str, *, with_table: bool = False):
        """单位：件, at the right above a table."""
        paragraph = self._add(text, with_table=with_table)
        paragraph.paragraph_format.keep_with_next = True
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        return paragraph

    def table(self, grid: tables.Grid, *, caption: str = "", unit: str = "",
              landscape: bool | None = None, size: Pt = g.TABLE_SIZE):
        """A table under its caption and unit line, laid out by `tables.fit`. A table too
        wide for a portrait page gets a landscape section of its own (`landscape=None`:
        decided by its content); the text after it starts a new portrait page. Call
        `turn_for(grid)` first to put the heading that introduces it on that page too."""
        layout = tables.fit(grid, landscape=landscape, size=size)
        if layout.landscape != self._landscape:
            self.section(landscape=layout.landscape)
        if caption:
            self.caption(caption, with_table=True)
        if unit:
            self.unit(unit, with_table=True)
        return tables.add_table(self.document, grid, layout)

    def turn_for(self, grid: tables.Grid, *, size: Pt = g.TABLE_SIZE) -> bool:
        """Start the landscape page a table will need now, so the heading and text written
        next (with `with_table=True`) stand on it with the table; True if it turned."""
        if tables.fit(grid, size=size).landscape and not self._landscape:
            self.section(landscape=True)
            return True
        return self._landscape

    def section(self, *, landscape: bool) -> None:
        """Start a new page in the given orientation (a new section, same page numbers)."""
        section = self.document.add_section()
        section.different_first_page_header_footer = False
        page.set_page(section, landscape=landscape)
        self._landscape = landscape

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()
