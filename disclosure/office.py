"""LibreOffice (headless `soffice`) turns .doc, .wps and .rtf files into .docx.

LibreOffice is an optional dependency (Debian: `libreoffice-writer-nogui`; CI installs it).
Without it, .docx files still import; the others get a Chinese message saying what to do.
`to_docx` converts several files in one `soffice` run (tests batch their conversions);
each call uses its own LibreOffice profile in its own folder, so parallel workers never
share one. Settings: `SOFFICE_BINARY` (shared with officialdocs/pdf.py; empty finds soffice
on the PATH) and `OFFICE_CONVERT_TIMEOUT` (seconds, default 120).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from officialdocs import pdf

#: Extensions LibreOffice converts for us; .wps (WPS文字) is read with the Word 97 filter,
#: which is the format WPS writes under that name.
CONVERTED = frozenset({"doc", "wps", "rtf"})


class OfficeUnavailableError(ValidationError):
    pass


def soffice_path() -> str | None:
    """The LibreOffice program the documents package uses too (settings.SOFFICE_BINARY)."""
    return pdf.soffice()


def missing_message() -> str:
    return _("服务器未安装 LibreOffice，无法转换 .doc、.wps、.rtf 文件。请在 Word 或 WPS 中"
             "“另存为”.docx 后再导入，或请系统管理员安装 LibreOffice"
             "（Debian：apt-get install libreoffice-writer-nogui）。")


def to_docx(paths: list[Path], folder: Path, *, timeout: int | None = None
            ) -> dict[Path, Path]:
    """Convert each file to .docx in one LibreOffice run, working in `folder` (which the
    caller removes); {source: converted file}. A file LibreOffice could not read is
    missing from the result."""
    soffice = soffice_path()
    if soffice is None:
        raise OfficeUnavailableError(missing_message(), code="no_office")
    inputs, outputs = folder / "in", folder / "out"
    inputs.mkdir(parents=True, exist_ok=True)
    staged: dict[Path, Path] = {}
    for index, source in enumerate(paths):
        # Plain ASCII names (LibreOffice writes `<stem>.docx`); .wps is staged as .doc so
        # the Word 97 filter reads it: WPS writes that format under its own extension.
        extension = source.suffix.lower().lstrip(".")
        target = inputs / f"f{index}.{'doc' if extension == 'wps' else extension}"
        shutil.copyfile(source, target)
        staged[source] = target
    command = [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
               "--headless", "--norestore", "--nolockcheck",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outputs),
               *(str(p) for p in staged.values())]
    try:
        subprocess.run(command, capture_output=True, check=False,  # noqa: S603
                       timeout=timeout or getattr(settings, "OFFICE_CONVERT_TIMEOUT", 120))
    except subprocess.TimeoutExpired:
        raise ValidationError(_("文档转换超时，请在 Word 或 WPS 中另存为 .docx 后再导入。"),
                              code="office_timeout") from None
    result = {}
    for source, target in staged.items():
        converted = outputs / f"{target.stem}.docx"
        if converted.exists() and converted.stat().st_size:
            result[source] = converted
    return result


def convert_one(source: Path, folder: Path) -> Path:
    """The converted .docx of one file; a Chinese error when LibreOffice cannot read it."""
    result = to_docx([source], folder)
    if source not in result:
        raise ValidationError(_("LibreOffice 无法读取该文件，文件可能已损坏或不是 Word/WPS 文档。"),
                              code="office_failed")
    return result[source]
