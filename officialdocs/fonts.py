"""Font names as Chinese offices have them, declared so Word, WPS and LibreOffice pick them.

GB/T 9704 names 小标宋 for titles, 仿宋 for the body, 黑体 and 楷体 for headings and 宋体 for
page numbers. The files declare the names an office's Word or WPS has (方正小标宋简体,
仿宋_GB2312, …) on all four slots of `w:rFonts` (ascii, hAnsi, eastAsia, cs) with the
East-Asian hint, so Chinese punctuation such as “” is set in the same face as the text, and
list them in the font table with the GB2312 character set and a usual alternative
(`w:altName`), which Word and WPS use where the named font is missing.

Those fonts are proprietary. Servers without them render PDFs through `fonts.conf` (next to
this module): fontconfig aliases that keep an installed office font first and fall back to
free faces — Noto Serif CJK SC (bold for 小标宋), Noto Sans CJK SC for 黑体, AR PL UKai for 楷体
where installed — so a Debian server with fonts-noto-cjk renders every document.
"""

from __future__ import annotations

from pathlib import Path

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

TITLE = "方正小标宋简体"
BODY = "仿宋_GB2312"
HEI = "黑体"
KAI = "楷体_GB2312"
SONG = "宋体"

#: The font Word and WPS substitute when the declared one is missing (font table altName).
ALT_NAMES = {TITLE: "宋体", BODY: "仿宋", HEI: "SimHei", KAI: "楷体", SONG: "SimSun"}

#: fontconfig file used for LibreOffice conversions (see pdf.py).
FONTCONFIG_FILE = Path(__file__).with_name("fonts.conf")


def declare(rpr, name: str) -> None:
    """Set `name` on every script slot of a run or style `w:rPr` element."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), name)
        fonts.attrib.pop(qn(f"w:{slot}Theme"), None)
    fonts.set(qn("w:hint"), "eastAsia")


def set_run_font(run, name: str) -> None:
    declare(run._r.get_or_add_rPr(), name)


def set_style_font(style, name: str) -> None:
    declare(style.element.get_or_add_rPr(), name)


def declared_fonts(element) -> set[str]:
    """Every East-Asian font name an element and its descendants declare (for tests)."""
    return {f.get(qn("w:eastAsia")) for f in element.iter(qn("w:rFonts"))
            if f.get(qn("w:eastAsia"))}


def _entry(name: str) -> str:
    return (f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{ALT_NAMES[name]}"/>'
            '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>')


def register_in_font_table(document) -> None:
    """List the official fonts in word/fontTable.xml with GB2312 charset and altName."""
    part = next((rel.target_part for rel in document.part.rels.values()
                 if rel.reltype.endswith("/fontTable")), None)
    if part is None:
        return
    table = parse_xml(part.blob)
    present = {font.get(qn("w:name")) for font in table.iterfind(qn("w:font"))}
    for name in ALT_NAMES:
        if name not in present:
            table.append(parse_xml(_entry(name)))
    from lxml import etree

    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8",
                                standalone=True)
