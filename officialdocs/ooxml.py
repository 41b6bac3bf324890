"""The few WordprocessingML properties python-docx has no API for (paragraph borders, grid
snapping, repeated table headers, floating tables, cell margins), put in schema order so Word
opens the file without repairing it."""

from __future__ import annotations

import re

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

_ORDER = {
    "pPr": ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
            "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
            "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
            "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
            "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
            "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
            "sectPr", "pPrChange"),
    "rPr": ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
            "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
            "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
            "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em",
            "lang", "eastAsianLayout", "specVanish", "oMath"),
    "tblPr": ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
              "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
              "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription"),
    "tcPr": ("cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
             "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark"),
}


def element(xml: str):
    """Parse one w: element written without its namespace declaration."""
    name = re.match(r"<[\w:]+", xml).group(0)
    return parse_xml(f"{name} {nsdecls('w')}{xml[len(name):]}")


def put(parent, child) -> None:
    """Set `child` in `parent` (a pPr, tblPr or tcPr), replacing one of the same tag, at its
    place in the schema sequence (trPr children may come in any order: appended)."""
    local = parent.tag.rsplit("}", 1)[-1]
    name = child.tag.rsplit("}", 1)[-1]
    old = parent.find(child.tag)
    if old is not None:
        parent.replace(old, child)
        return
    order = _ORDER.get(local)
    if order is None or name not in order:
        parent.append(child)
        return
    later = {qn(f"w:{tag}") for tag in order[order.index(name) + 1:]}
    for sibling in parent:
        if sibling.tag in later:
            sibling.addprevious(child)
            return
    parent.append(child)
