"""A blank document set up to GB/T 9704: A4, the 版心 and its line grid, the styles, the fonts
and the page numbers. Everything else in this package writes into a document made here.

Styles (built-in names kept, so Word's navigation pane and the report importer see them):

    =============  ==========================  ==========================================
    style          font                        use
    =============  ==========================  ==========================================
    Normal         仿宋 3号, one grid line       every paragraph's base (exact 28.95 pt)
    Body Text      Normal, 2 characters in     正文 paragraphs (左空二字，回行顶格)
    Title          小标宋 2号, centred           标题
    Heading 1–4    黑体 / 楷体 / 仿宋 bold / 仿宋    一、 （一） 1. （1）, 2 characters in
    Table Text     仿宋 5号, single spacing       table cells (off the line grid)
    Footer         宋体 4号                      — 1 — page numbers
    =============  ==========================  ==========================================
"""

from __future__ import annotations

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, RGBColor, Twips

from . import fonts, ooxml
from . import gbt9704 as g

BODY_INDENT_CHARS = 2


def chars(n: float, size: Pt = g.BODY_SIZE) -> Twips:
    """The width of n Chinese characters at a type size."""
    return Twips(round(n * size.pt * 20))


def indent_chars(paragraph, *, first_line: float = 0, left: float = 0, right: float = 0,
                 size: Pt = g.BODY_SIZE) -> None:
    """Indents in characters: Word and WPS read the *Chars values, LibreOffice the twips."""
    fmt = paragraph.paragraph_format if hasattr(paragraph, "paragraph_format") else paragraph
    if first_line:
        fmt.first_line_indent = chars(first_line, size)
    if left:
        fmt.left_indent = chars(left, size)
    if right:
        fmt.right_indent = chars(right, size)
    ind = fmt.element.get_or_add_pPr().find(qn("w:ind"))
    first_name = "firstLineChars" if first_line >= 0 else "hangingChars"
    for name, value in ((first_name, abs(first_line)), ("leftChars", left),
                        ("rightChars", right)):
        if value and ind is not None:
            ind.set(qn(f"w:{name}"), str(round(value * 100)))


def _exact(fmt, height: Pt = g.LINE_PITCH) -> None:
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = height
    fmt.space_before = fmt.space_after = Pt(0)


def _reset(style) -> None:
    """Drop what a built-in style brings from python-docx's template (blue, Calibri, …)."""
    for tag in ("w:pPr", "w:rPr"):
        old = style.element.find(qn(tag))
        if old is not None:
            style.element.remove(old)


def _style(document, name: str, font: str, size: Pt, *, bold: bool = False,
           kind=WD_STYLE_TYPE.PARAGRAPH):
    try:
        style = document.styles[name]
    except KeyError:
        style = document.styles.add_style(name, kind)
        style.base_style = document.styles["Normal"]
    _reset(style)
    fonts.set_style_font(style, font)
    style.font.size = size
    style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    return style


def _defaults(document) -> None:
    """Document defaults: 仿宋 3号, Chinese language (line breaking rules), no spacing."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    styles.insert(0, parse_xml(
        f'<w:docDefaults {nsdecls("w")}><w:rPrDefault><w:rPr>'
        f'<w:rFonts w:ascii="{fonts.BODY}" w:hAnsi="{fonts.BODY}" w:eastAsia="{fonts.BODY}"'
        f' w:cs="{fonts.BODY}" w:hint="eastAsia"/>'
        f'<w:kern w:val="2"/><w:sz w:val="{int(g.BODY_SIZE.pt * 2)}"/>'
        f'<w:szCs w:val="{int(g.BODY_SIZE.pt * 2)}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr></w:pPrDefault>'
        '</w:docDefaults>'))


def _paragraph_styles(document) -> None:
    normal = _style(document, "Normal", fonts.BODY, g.BODY_SIZE)
    _exact(normal.paragraph_format)
    _condense(normal)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body = _style(document, "Body Text", fonts.BODY, g.BODY_SIZE)
    body.base_style = normal
    indent_chars(body.paragraph_format, first_line=BODY_INDENT_CHARS)
    title = _style(document, "Title", fonts.TITLE, g.TITLE_SIZE)
    title.base_style = normal
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _exact(title.paragraph_format, Pt(g.LINE_PITCH.pt * 1.2))
    for level, font, bold in ((1, fonts.HEI, False), (2, fonts.KAI, False),
                              (3, fonts.BODY, True), (4, fonts.BODY, False)):
        heading = _style(document, f"Heading {level}", font, g.BODY_SIZE, bold=bold)
        heading.base_style = normal
        heading.paragraph_format.keep_with_next = True
        indent_chars(heading.paragraph_format, first_line=BODY_INDENT_CHARS)
        ooxml.put(heading.element.get_or_add_pPr(),
                  ooxml.element(f'<w:outlineLvl w:val="{level - 1}"/>'))
    table = _style(document, "Table Text", fonts.BODY, g.TABLE_SIZE)
    table.base_style = normal
    table.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    _off_grid(table)
    footer = _style(document, "Footer", fonts.SONG, g.PAGE_NUMBER_SIZE)
    footer.base_style = normal
    footer.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    _off_grid(footer)
    header = _style(document, "Header", fonts.TITLE, g.MARK_SIZE)
    header.base_style = normal
    header.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    header.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _off_grid(header)


def _condense(style) -> None:
    """28 characters of 16 pt in 156 mm: each is set 0.25 pt narrower. (Word's character grid
    would do the same, but LibreOffice puts every 16 pt character on two cells of a 15.79 pt
    grid, so the grid is a line grid and the 28 characters come from the spacing.)"""
    ooxml.put(style.element.get_or_add_rPr(), ooxml.element(
        f'<w:spacing w:val="{g.CHAR_CONDENSE_TWIPS}"/>'))


def _off_grid(style) -> None:
    """Tables, headers and footers keep their own line height, not the 22-line grid."""
    ooxml.put(style.element.get_or_add_pPr(), ooxml.element('<w:snapToGrid w:val="0"/>'))


def set_page(section, *, landscape: bool = False) -> None:
    """A4 with the 版心 156 × 225 mm and the 22 × 28 grid (turned for a landscape page)."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = (g.PAGE_HEIGHT, g.PAGE_WIDTH) if landscape else (g.PAGE_WIDTH,
                                                                      g.PAGE_HEIGHT)
    section.page_width, section.page_height = width, height
    margins = (g.TOP_MARGIN, g.RIGHT_MARGIN, g.BOTTOM_MARGIN, g.LEFT_MARGIN)
    if landscape:  # printed turned a quarter left: the table's top lies on the binding edge
        margins = (g.LEFT_MARGIN, g.TOP_MARGIN, g.RIGHT_MARGIN, g.BOTTOM_MARGIN)
    (section.top_margin, section.right_margin, section.bottom_margin,
     section.left_margin) = margins
    section.header_distance = g.HEADER_DISTANCE
    section.footer_distance = g.FOOTER_DISTANCE
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = section._sectPr.makeelement(qn("w:docGrid"), {})
        section._sectPr.append(grid)
    grid.attrib.clear()
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(g.LINE_PITCH_TWIPS))


def _page_field(paragraph) -> None:
    paragraph.add_run("— ")
    paragraph._p.append(ooxml.element(
        '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    paragraph.add_run(" —")


def page_numbers(section) -> None:
    """— n — on every page: odd pages right, even pages left, one character in."""
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    for footer, align, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
                                (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
        paragraph = footer.paragraphs[0]
        paragraph.style = "Footer"
        paragraph.alignment = align
        paragraph.paragraph_format.space_after = g.PAGE_NUMBER_LIFT
        indent_chars(paragraph, size=g.PAGE_NUMBER_SIZE, **{side: 1})
        _page_field(paragraph)


def new_document():
    """An empty GB/T 9704 document: page, grid, styles, fonts and page numbers set."""
    document = docx.Document()
    _defaults(document)
    _paragraph_styles(document)
    fonts.register_in_font_table(document)
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    set_page(section)
    page_numbers(section)
    return document
