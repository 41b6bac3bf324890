"""Data migrations replay on any future checkout: they load frozen data and never import
live application code or third-party libraries (whose contents change between versions)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from townships.models import CalendarDay, CalendarYear

ROOT = Path(__file__).resolve().parents[1]
ALLOWED_IN_DATA_FUNCTIONS = {"django", "datetime", "json", "pathlib", "decimal", "re"}


def data_migrations() -> list[Path]:
    return sorted(p for p in ROOT.glob("*/migrations/0*.py") if "RunPython" in p.read_text())


def imports_inside_functions(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for function in [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]:
        for node in ast.walk(function):
            if isinstance(node, ast.Import):
                found += [(node.lineno, a.name.split(".")[0]) for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.append((node.lineno, node.module.split(".")[0]))
    return found


def module_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {(n.module or "").split(".")[0] for n in tree.body if isinstance(n, ast.ImportFrom)} | {
        a.name.split(".")[0] for n in tree.body if isinstance(n, ast.Import) for a in n.names}


@pytest.mark.parametrize("path", data_migrations(),
                         ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_data_migration_imports_nothing_that_can_change_under_it(path):
    wrong = [(line, name) for line, name in imports_inside_functions(path)
             if name not in ALLOWED_IN_DATA_FUNCTIONS]
    wrong += [(0, name) for name in module_imports(path) - ALLOWED_IN_DATA_FUNCTIONS]
    assert not wrong, f"{path.name} imports {wrong}"


@pytest.mark.django_db
def test_calendar_is_seeded_from_the_frozen_file():
    assert CalendarYear.objects.filter(year__range=(2004, 2026), complete=True).count() == 23
    assert CalendarDay.objects.filter(date__year=2024).count() > 20
