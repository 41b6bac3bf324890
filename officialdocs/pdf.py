"""PDF from .docx (and .xlsx) through LibreOffice headless, the renderer county offices use.

    pdf = to_pdf(docx_bytes)                                  # one file
    pdfs = convert_many({"a.docx": a, "b.xlsx": b})            # one soffice run for many

LibreOffice is an optional dependency (Debian: libreoffice-writer-nogui for .docx,
libreoffice-calc-nogui for .xlsx). Where it is missing, or a conversion fails, `PDFUnavailableError`
is raised with a message in Chinese for the page or command to show. Each run gets its own
LibreOffice profile in a temporary directory, so several workers convert at the same time, and
runs with `FONTCONFIG_FILE` set to this package's fonts.conf, so documents that name office
fonts render with the fonts the server has (docs/DOCUMENTS.md).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from . import fonts

log = logging.getLogger(__name__)

SUFFIXES = (".docx", ".xlsx")
#: Seconds for one LibreOffice run: settings.OFFICE_CONVERT_TIMEOUT (start-up and the first
#: file, default 60) plus this much for each further file.
START_SECONDS, SECONDS_PER_FILE = 60, 30
#: A made PDF is kept in the default cache this long (its key names the source's version).
CACHE_SECONDS = 7 * 24 * 3600
#: How long a request waits for another one already making the same PDF.
WAIT_SECONDS = 60


class PDFUnavailableError(RuntimeError):
    """No PDF could be made; `str(error)` says why, in Chinese."""


def soffice() -> str | None:
    """The LibreOffice program: settings.SOFFICE_BINARY, else soffice or libreoffice on PATH."""
    configured = getattr(settings, "SOFFICE_BINARY", "") or ""
    if configured:
        return configured if Path(configured).is_file() else shutil.which(configured)
    return shutil.which("soffice") or shutil.which("libreoffice")


def available() -> bool:
    return soffice() is not None


def missing_message() -> str:
    return _("服务器未安装 LibreOffice，无法生成 PDF。请系统管理员安装 libreoffice-writer-nogui"
             "（Excel 表格另需 libreoffice-calc-nogui）和中文字体，见 docs/DOCUMENTS.md。")


def _command(program: str, work: Path, sources: list[Path]) -> list[str]:
    return [program, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--convert-to", "pdf", "--outdir", str(work / "out"), *map(str, sources)]


def _run(program: str, work: Path, sources: list[Path]) -> None:
    env = {**os.environ, "FONTCONFIG_FILE": str(fonts.FONTCONFIG_FILE), "HOME": str(work)}
    start = getattr(settings, "OFFICE_CONVERT_TIMEOUT", START_SECONDS) or START_SECONDS
    timeout = start + SECONDS_PER_FILE * (len(sources) - 1)
    try:
        result = subprocess.run(_command(program, work, sources), env=env,  # noqa: S603
                                capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise PDFUnavailableError(_("LibreOffice 转换 PDF 超时（%(n)s 秒），请稍后重试。")
                             % {"n": timeout}) from None
    except OSError as exc:
        raise PDFUnavailableError(missing_message()) from exc
    if result.returncode:
        log.error("soffice exited %s: %s", result.returncode,
                  result.stderr.decode(errors="replace")[-2000:])


def convert_many(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """PDF of each named .docx/.xlsx file, in one LibreOffice run; keys are kept."""
    program = soffice()
    if program is None:
        raise PDFUnavailableError(missing_message())
    names = list(files)
    if any(Path(name).suffix not in SUFFIXES or Path(name).name != name for name in names):
        raise ValueError(f"plain .docx/.xlsx file names expected, got {names}")
    stems = [Path(name).stem for name in names]
    if len(set(stems)) != len(stems):
        raise ValueError("file names must differ before the suffix")
    with tempfile.TemporaryDirectory(prefix="officialdocs-") as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        sources = []
        for name, data in files.items():
            sources.append(work / "in" / name)
            sources[-1].write_bytes(data)
        _run(program, work, sources)
        result, failed = {}, []
        for name, stem in zip(names, stems, strict=True):
            pdf = work / "out" / f"{stem}.pdf"
            if pdf.is_file() and pdf.stat().st_size:
                result[name] = pdf.read_bytes()
            else:
                failed.append(name)
    if failed:
        raise PDFUnavailableError(_("LibreOffice 未能把以下文件转换为 PDF：%(names)s。")
                             % {"names": "、".join(failed)})
    return result


def to_pdf(data: bytes, suffix: str = ".docx") -> bytes:
    """One .docx (or .xlsx, with suffix=".xlsx") as PDF."""
    name = f"document{suffix}"
    return convert_many({name: data})[name]


def cached(key: str, make: Callable[[], bytes]) -> bytes:
    """The PDF `make()` gives, kept in the cache under `key` (put the source's version in
    it). One request makes it while others with the same key wait up to WAIT_SECONDS, so a
    public link never starts one LibreOffice run per visitor."""
    key = f"officialdocs:pdf:{key}"
    data = cache.get(key)
    if data:
        return data
    lock = f"{key}:making"
    if cache.add(lock, 1, timeout=WAIT_SECONDS * 3):
        try:
            data = make()
            cache.set(key, data, CACHE_SECONDS)
            return data
        finally:
            cache.delete(lock)
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.5)
        data = cache.get(key)
        if data:
            return data
    raise PDFUnavailableError(_("PDF 正在生成，请稍后刷新本页。"))
