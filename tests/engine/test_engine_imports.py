"""Every ``engine/`` package imports without Odoo and imports nothing from its addon's models."""

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ADDONS = HERE.parents[1] / "addons"
ENGINE_FILES = sorted(ADDONS.glob("jiancai_*/engine/**/*.py"))

IMPORT_ALL = f"""
import importlib, json, pkgutil, sys
sys.path.insert(0, {str(HERE)!r})
import engine_loader
engine_loader.install()
loaded = []
for addon in engine_loader.engine_addons():
    package = importlib.import_module(f"jiancai_addons.{{addon}}.engine")
    loaded.append(package.__name__)
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        loaded.append(importlib.import_module(info.name).__name__)
odoo = sorted(m for m in sys.modules if m == "odoo" or m.startswith("odoo."))
print(json.dumps({{"loaded": loaded, "odoo": odoo}}))
"""


def test_every_engine_module_imports_without_loading_odoo():
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    expected = {
        "jiancai_addons."
        + ".".join(p.relative_to(ADDONS).with_suffix("").parts).removesuffix(".__init__")
        for p in ENGINE_FILES
    }
    assert set(result["loaded"]) == expected
    assert result["odoo"] == []


def _imported_names(path: Path) -> list[tuple[int, str]]:
    """(relative level, module) of every import statement of a file, at any depth."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [(0, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append((node.level, node.module or ""))
    return names


@pytest.mark.parametrize("path", ENGINE_FILES, ids=lambda p: str(p.relative_to(ADDONS)))
def test_engine_imports_no_odoo_and_no_models(path):
    # a relative import of level n from a module in engine/<sub>/ climbs n - 1 packages: level
    # depth + 1 reaches the addon's root, depth + 2 leaves the addon (odoo.addons in production)
    depth = len(path.relative_to(ADDONS).parts) - 2
    for level, module in _imported_names(path):
        assert not (level == 0 and module.split(".")[0] == "odoo"), module
        if level > depth + 1:  # leaves the addon: only another addon's engine
            parts = module.split(".")
            assert level == depth + 2 and parts[1:2] == ["engine"], (level, module)
        elif level == depth + 1:  # from the addon's root: only its own engine
            assert module.split(".")[0] == "engine", (level, module)
