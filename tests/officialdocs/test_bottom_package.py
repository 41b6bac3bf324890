"""officialdocs is a bottom package: it imports no project app, only Django, python-docx (and
its lxml), openpyxl and the standard library, so every app can use it."""

import ast
import sys
from pathlib import Path

import officialdocs

ALLOWED = {"django", "docx", "openpyxl", "lxml", "officialdocs", "__future__"}


def test_officialdocs_imports_only_django_docx_openpyxl_and_the_standard_library():
    found = set()
    for path in Path(officialdocs.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    outside = found - ALLOWED - set(sys.stdlib_module_names)
    assert not outside, f"officialdocs must not import {sorted(outside)}"
