"""Screenshots of the main public page shapes, for reviewers who do not run the site.

    make screenshots                      # seed the demo, serve it, shoot, stop the server
    .venv/bin/python tools/screenshots.py --base http://127.0.0.1:8150   # against a live site

Every page shape (county home, township home, category list, item page, annual report,
search results, application form, site map, 找错 form) at 1280×800 and 375×812, in the
standard site and in 关怀版, plus the SCENES further down a page (Table 3 of a report on a
phone, scrolled sideways: its row headers stay), with Playwright driving Debian's Chromium
(/usr/bin/chromium or $CHROMIUM_PATH; nothing is downloaded). Pages are captured from the
top, at most MAX_SCREENS viewport heights, and saved as 256-colour PNGs so the folder stays small.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")

VIEWPORTS = {"desktop": (1280, 800), "mobile": (375, 812)}
MODES = ("standard", "care")
MAX_SCREENS = {"desktop": 3, "mobile": 4}
#: Views of a page further down than its top, one screen each: (page shape it is taken on,
#: viewports, script that puts the screen in place). Table 3 of the annual report on a phone,
#: scrolled sideways inside its region so the fixed row headers show.
SCENES = {
    "report-table3": ("annual-report", ("mobile",), """() => {
        const region = document.querySelector('#table3').parentElement;
        region.scrollIntoView();
        window.scrollBy(0, -8);
        region.scrollLeft = 140; }"""),
    # The normative document's 政策解读 section (issue 26: a policy and its interpretation).
    "item-interpretation": ("item-page", ("desktop", "mobile"), """() => {
        const section = document.querySelector('.policy-links');
        if (section) { section.scrollIntoView(); window.scrollBy(0, -120); } }"""),
}
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


def page_paths() -> dict[str, str]:
    """The URL of each page shape, found in the demo database."""
    import django

    django.setup()
    from django.db.models import Count
    from django.urls import NoReverseMatch, reverse

    from disclosure.models import DisclosureItem
    from disclosure.selectors import public_items
    from townships.models import Township

    township = Township.objects.active().order_by("order", "id").first()
    if township is None:
        raise SystemExit("no township: run `manage.py seed_demo` first")
    published = public_items().filter(township=township)
    category = (published.values("category").annotate(n=Count("id")).order_by("-n")
                .values_list("category", flat=True).first())
    # A numbered normative document shows the most: metadata, 文号, body and its 落款.
    documents = published.exclude(doc_number="").order_by("-published_on")
    item = (documents.filter(doc_type=DisclosureItem.DocType.NORMATIVE).first()
            or documents.first() or published.order_by("-published_on").first())
    paths = {
        "county-home": reverse("disclosure:county_home"),
        "township-home": reverse("disclosure:township_home", args=[township.slug]),
        "site-map": reverse("disclosure:site_map"),
        "search-results": reverse("search:results") + "?" + urlencode({"q": "通知"}),
    }
    if category:
        paths["category-list"] = reverse("disclosure:category_detail",
                                         args=[township.slug, category])
    if isinstance(item, DisclosureItem):
        paths["item-page"] = item.get_absolute_url()
    optional = {
        "annual-report": ("reports:report_detail", lambda: [township.slug, _report_year(
            township)]),
        "application-form": ("applications:apply", lambda: [township.slug]),
        "error-report-form": ("feedback:report", list),
    }
    for name, (url_name, args) in optional.items():
        try:
            arguments = args()
            if None not in arguments:
                paths[name] = reverse(url_name, args=arguments)
            if name == "error-report-form" and "item-page" in paths:  # as opened from an item
                title = f"{item.title} - {township.name} - {township.county.site_name}"
                paths[name] += "?" + urlencode({"page": paths["item-page"], "title": title})
        except (NoReverseMatch, LookupError, ImportError):
            sys.stderr.write(f"skipped {name}: not available in this build\n")
    return paths


def _report_year(township):
    from reports.selectors import published_reports

    report = published_reports(township).first()
    return report.year if report else None


def optimise(png: bytes) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT,
                                              dither=Image.Dither.NONE)
        out = io.BytesIO()
        small.save(out, "PNG", optimize=True)
    return out.getvalue()


def shoot(base: str, out: Path, only: set[str] | None = None) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    host = base.split("//", 1)[1].split(":")[0].split("/")[0]
    paths = page_paths()  # the ORM before Playwright's event loop starts
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM,
                                     args=["--no-sandbox", "--disable-gpu"])
        shots = [(name, path, tuple(VIEWPORTS), None) for name, path in paths.items()]
        shots += [(name, paths[shape], viewports, script)
                  for name, (shape, viewports, script) in SCENES.items() if shape in paths]
        for name, path, viewports, script in shots:
            if only and name not in only:
                continue
            for mode in MODES:
                for viewport in viewports:
                    width, height = VIEWPORTS[viewport]
                    context = browser.new_context(viewport={"width": width, "height": height},
                                                  locale="zh-CN", device_scale_factor=1)
                    if mode == "care":
                        context.add_cookies([{"name": "care_mode", "value": "1",
                                              "domain": host, "path": "/"}])
                    page = context.new_page()
                    page.goto(base.rstrip("/") + path, wait_until="networkidle")
                    if script:  # one screen, where the scene's script put it
                        page.evaluate(script)
                        page.wait_for_timeout(100)
                        png = page.screenshot()
                    else:
                        full = page.evaluate("document.scrollingElement.scrollHeight")
                        clip = {"x": 0, "y": 0, "width": width,
                                "height": min(full, height * MAX_SCREENS[viewport])}
                        png = page.screenshot(full_page=True, clip=clip)
                    target = out / f"{name}-{viewport}-{mode}.png"
                    target.write_bytes(optimise(png))
                    written.append(target)
                    context.close()
                    sys.stdout.write(f"{target.name}  {target.stat().st_size // 1024} KB\n")
        browser.close()
    return written


def serve(port: int) -> subprocess.Popen:
    env = {**os.environ, "DEBUG": "1"}
    process = subprocess.Popen(  # noqa: S603 - our own manage.py
        [sys.executable, str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{port}",
         "--noreload"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(60):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            return process
        except OSError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit(f"the development server did not start on port {port}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="URL of a running site (default: start one)")
    parser.add_argument("--port", type=int, default=8159, help="port for the started server")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--only", nargs="*", help="page shapes to shoot (default: all)")
    args = parser.parse_args()
    server = None if args.base else serve(args.port)
    base = args.base or f"http://127.0.0.1:{args.port}"
    try:
        files = shoot(base, Path(args.out), set(args.only) if args.only else None)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
    total = sum(f.stat().st_size for f in Path(args.out).glob("*.png"))
    sys.stdout.write(f"{len(files)} screenshots, folder total {total / 1024 / 1024:.2f} MB\n")


if __name__ == "__main__":
    main()
