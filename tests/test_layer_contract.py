"""The import-linter contracts (pyproject.toml, run by `make test` and CI) cover every package.

The contracts check the order of the packages they name; a package they do not name would
escape them. So every top-level package of the project must be a root package of the
contracts and placed in at least one of them.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"]


def project_packages() -> set[str]:
    return {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests"}


def named_in_contracts() -> set[str]:
    named: set[str] = set()
    for contract in CONFIG["contracts"]:
        for key in ("layers", "modules", "source_modules"):
            for entry in contract.get(key, []):
                named |= {part.strip() for part in entry.split("|")}
    return named


def test_every_package_is_a_root_package_of_the_contracts():
    assert project_packages() == set(CONFIG["root_packages"])


def test_every_package_is_placed_by_a_contract():
    assert not project_packages() - named_in_contracts()
