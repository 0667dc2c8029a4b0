"""Load the ``engine/`` packages of our addons by file path, without Odoo.

Each addon becomes an empty stand-in package ``jiancai_addons.<addon>`` whose search path is
the addon's folder; its ``__init__.py`` (which imports the models, hence the ORM) never runs.
``import jiancai_addons.jiancai_credit.engine.exposure`` then runs only ``engine/__init__.py``
and ``engine/exposure.py``, and relative imports behave as under ``odoo.addons``: ``.phone``
inside an engine, ``...jiancai_base.engine.phone`` from another addon's engine.
"""

from __future__ import annotations

import importlib.machinery
import sys
import types
from pathlib import Path

ADDONS_DIR = Path(__file__).resolve().parents[2] / "addons"
PARENT = "jiancai_addons"


def engine_addons() -> list[str]:
    """Every addon of this repository that has an ``engine/`` package."""
    return sorted(p.parent.parent.name for p in ADDONS_DIR.glob("jiancai_*/engine/__init__.py"))


def _stand_in(name: str, path: Path) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__path__ = [str(path)]
    module.__spec__ = importlib.machinery.ModuleSpec(name, None, is_package=True)
    module.__spec__.submodule_search_locations = module.__path__
    return module


def install() -> None:
    """Register ``jiancai_addons`` and one stand-in per addon; idempotent."""
    if PARENT in sys.modules:
        return
    parent = _stand_in(PARENT, ADDONS_DIR)
    parent.__path__ = []  # only the stand-ins below, never a real addon's __init__.py
    sys.modules[PARENT] = parent
    for addon in engine_addons():
        name = f"{PARENT}.{addon}"
        module = _stand_in(name, ADDONS_DIR / addon)
        sys.modules[name] = module
        setattr(parent, addon, module)
