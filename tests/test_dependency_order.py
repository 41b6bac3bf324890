"""Apps import only downwards: townships <- signoff <- disclosure <- applications <- reports.

Every module of every project app is imported (so a broken module fails here) and its
import statements, including those inside functions, are checked against the order. `visits`,
`site_pages` and `ops` stand alone: they import no other project app (others may use them).
A new app must be placed in LAYERS (or STANDALONE) before this test passes.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parents[1]
#: Lower layers first; an app may import apps of its own or a lower layer.
LAYERS: list[set[str]] = [
    {"townships"},
    {"signoff", "feedback"},
    {"disclosure"},
    {"applications"},
    {"reports"},
    {"security", "search", "opendata", "oversight", "benchdata", "pagecache"},
]
STANDALONE = {"visits", "site_pages", "ops"}
RANK = {app: n for n, layer in enumerate(LAYERS) for app in layer}


def project_apps() -> list[str]:
    return sorted(c.name for c in apps.get_app_configs()
                  if (ROOT / c.name.replace(".", "/")).is_dir() and c.name != "config")


def modules_of(app: str) -> list[Path]:
    return sorted(p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts)


def imported_apps(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module.split(".")[0]))
    return found


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_every_project_app_has_a_place_in_the_order():
    unplaced = [a for a in project_apps() if a not in RANK and a not in STANDALONE]
    assert not unplaced, f"place these apps in LAYERS or STANDALONE: {unplaced}"


@pytest.mark.parametrize("app", [a for layer in LAYERS for a in sorted(layer)]
                         + sorted(STANDALONE))
def test_no_module_imports_an_app_above_its_own(app):
    project = set(RANK) | STANDALONE
    wrong = []
    for path in modules_of(app):
        importlib.import_module(module_name(path))
        for line, top in imported_apps(path):
            if top == app or top not in project:
                continue
            if top in STANDALONE:
                continue  # stand-alone apps are leaves anyone may use (visits, ops)
            if app in STANDALONE or RANK[top] > RANK[app]:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {top}")
    assert not wrong, "\n".join(wrong)
