"""Rendering through LibreOffice in tests: required in CI (REQUIRE_LIBREOFFICE=1, set by
.ci/run), skipped with the reason elsewhere when LibreOffice is not installed. Tests batch
their documents into one `convert_many` call per module."""

from __future__ import annotations

import io
import os

import pypdf
import pytest

from officialdocs import pdf

A4_PORTRAIT = (595, 842)
A4_LANDSCAPE = (842, 595)


def require_libreoffice() -> None:
    if pdf.available():
        return
    if os.environ.get("REQUIRE_LIBREOFFICE") == "1":
        pytest.fail("REQUIRE_LIBREOFFICE=1 but LibreOffice (soffice) is not installed")
    pytest.skip("LibreOffice (soffice) is not installed")


def reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def page_sizes(data: bytes) -> list[tuple[int, int]]:
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
            for p in reader(data).pages]


def page_texts(data: bytes) -> list[str]:
    return [p.extract_text() or "" for p in reader(data).pages]


def embedded_fonts(data: bytes) -> set[str]:
    names = set()
    for page in reader(data).pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for font in fonts.values():
            names.add(str(font.get_object().get("/BaseFont")))
    return names
