"""bin/_lib.sh installs Odoo 19 into a Python that has none (require_odoo).

A real install, cheap enough for every bin/test: a fresh virtualenv without system site
packages, ``require_odoo`` with ``JIANCAI_ODOO_SRC`` pointing at a local Odoo 19.0 tree
(Odoo's requirements.txt with its pins, then ``pip install -e``), then ``import odoo`` and
``odoo --version`` in that virtualenv. The GitHub clone (the default source) is not
exercised: our machines reach package registries only.

The tree is the one the running Odoo comes from (or ``JIANCAI_TEST_ODOO_SRC``). The test
installs from a stand-in folder whose ``odoo`` is a symlink to that tree's package, so
``pip install -e`` writes its ``odoo.egg-info`` there, never into the shared tree, and the
machine's own Odoo is left as it was.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TREE_FILES = ("setup.py", "setup.cfg", "setup", "requirements.txt", "README.md", "LICENSE")


def odoo_tree() -> Path:
    if os.environ.get("JIANCAI_TEST_ODOO_SRC"):
        return Path(os.environ["JIANCAI_TEST_ODOO_SRC"])
    done = subprocess.run(
        [sys.executable, "-c", "import odoo.release as r; print(r.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(done.stdout.strip()).resolve().parent.parent


@pytest.fixture
def stand_in_tree(tmp_path) -> Path:
    tree = odoo_tree()
    assert (tree / "odoo" / "release.py").is_file() and (tree / "setup.py").is_file(), (
        f"{tree} is not an Odoo source tree: set JIANCAI_TEST_ODOO_SRC"
    )
    src = tmp_path / "odoo-src"
    src.mkdir()
    (src / "odoo").symlink_to(tree / "odoo", target_is_directory=True)
    for name in TREE_FILES:
        if (tree / name).is_dir():
            shutil.copytree(tree / name, src / name)
        elif (tree / name).is_file():
            shutil.copy2(tree / name, src / name)
    return src


def test_require_odoo_installs_odoo_19_into_a_fresh_virtualenv(tmp_path, stand_in_tree):
    shared = odoo_tree() / "odoo.egg-info"
    shared_mtime = shared.stat().st_mtime if shared.exists() else None
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    probe = f"{venv}/bin/python3 -c 'import odoo'"
    assert subprocess.run(probe, shell=True, capture_output=True).returncode != 0
    env = {
        "HOME": os.environ.get("HOME", str(tmp_path)),  # keeps pip's download cache
        "PATH": f"{venv}/bin:/usr/local/bin:/usr/bin:/bin",
        "JIANCAI_ODOO_SRC": str(stand_in_tree),
        "JIANCAI_CACHE": str(tmp_path / "cache"),
        "LANG": "C.UTF-8",
    }
    for name in ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "HTTPS_PROXY", "https_proxy"):
        if name in os.environ:
            env[name] = os.environ[name]
    lxml = "python3 -c 'import lxml; print(lxml.__version__)'"
    script = (
        'source bin/_lib.sh && require_odoo && echo "python=$(command -v python3)" '
        '&& echo "odoo=$(command -v odoo)" && odoo --version '
        '&& python3 -c \'import odoo, odoo.release as r; print("path=" + str(list(odoo.__path__)));'
        ' print("release=" + r.serie)\' '
        f'&& echo "lxml_odoo=$({lxml})" && echo "versions=$(odoo_versions_file)" '
        # what Odoo's metadata names unpinned (lxml_html_clean: latest wants lxml 6) must
        # not move what Odoo's requirements installed
        f'&& pip_install lxml_html_clean && echo "lxml_after=$({lxml})"'
    )
    started = time.monotonic()
    done = subprocess.run(
        ["bash", "-c", script], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    elapsed = time.monotonic() - started
    print(f"require_odoo took {elapsed:.0f} s\n{done.stderr}")
    assert done.returncode == 0, done.stdout + done.stderr
    out = dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)
    assert out["python"] == f"{venv}/bin/python3"
    assert out["odoo"] == f"{venv}/bin/odoo"
    assert "Odoo Server 19.0" in done.stdout
    assert out["release"] == "19.0"
    # pip install -e resolves the symlink: odoo is imported from the tree itself
    assert str((stand_in_tree / "odoo").resolve()) in out["path"]
    assert (stand_in_tree / "odoo.egg-info").is_dir()  # written next to the stand-in
    assert (shared.stat().st_mtime if shared.exists() else None) == shared_mtime
    recorded = Path(out["versions"]).read_text()
    assert f"lxml=={out['lxml_odoo']}\n" in recorded
    assert out["lxml_after"] == out["lxml_odoo"]
