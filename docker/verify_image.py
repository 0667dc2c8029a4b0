"""Build-time check of the Jiancai image (run by docker/Dockerfile as the odoo user).

Checks what the Dockerfile and odoo.conf assume about the official odoo:19.0 image, so a
change in that image fails `docker compose build` instead of the first start:
- Odoo 19.0 is importable from the system Python;
- every addons_path entry of /etc/odoo/odoo.conf holds addons, except /mnt/extra-addons
  (left empty for the dealer's own modules);
- the OCA wheels' addons are found through addons_path (and it reports whether the
  `odoo.addons` namespace, how Odoo 19 discovers pip-installed addons, finds them too);
- every jiancai_* module is found through addons_path;
- the Python packages the modules declare are installed (checked the way Odoo does, by
  distribution metadata).
It imports no addon code and needs no database. Any failure exits with status 1.
Also useful later: docker compose -f docker/docker-compose.yml run --rm odoo \
    python3 /usr/local/lib/jiancai/verify_image.py
"""

import configparser
import importlib.metadata
import importlib.util
import os
import sys

import odoo.release  # odoo is a namespace package: importing release runs nothing else

CONF = os.environ.get("ODOO_RC", "/etc/odoo/odoo.conf")
OUR_ADDONS = "/opt/jiancai/addons"
DEALER_ADDONS = "/mnt/extra-addons"
OCA_ADDONS = [
    "report_xlsx",
    "base_tier_validation",
    "sale_financial_risk",
    "account_financial_risk",
]
PYTHON_DISTS = ["qrcode", "xlsxwriter", "xlrd", "requests", "Pillow", "ortools"]

errors = []


def is_addon(path):
    return os.path.isfile(os.path.join(path, "__manifest__.py")) and os.path.isfile(
        os.path.join(path, "__init__.py")
    )


if odoo.release.serie != "19.0":
    errors.append(f"Odoo {odoo.release.serie} in the image, expected 19.0")

config = configparser.RawConfigParser()
if not config.read(CONF):
    errors.append(f"cannot read {CONF}")
    addons_path = []
else:
    addons_path = [
        p.strip() for p in config.get("options", "addons_path", fallback="").split(",") if p.strip()
    ]
for path in addons_path:
    if path == DEALER_ADDONS:
        continue
    if not os.path.isdir(path) or not any(
        is_addon(os.path.join(path, name)) for name in os.listdir(path)
    ):
        errors.append(f"addons_path entry {path} in {CONF} holds no addons: fix odoo.conf")


def in_addons_path(module):
    return any(is_addon(os.path.join(path, module)) for path in addons_path)


jiancai = sorted(
    name
    for name in os.listdir(OUR_ADDONS)
    if name.startswith("jiancai_") and is_addon(os.path.join(OUR_ADDONS, name))
)
if not jiancai:
    errors.append(f"no jiancai_* module in {OUR_ADDONS}")
for module in OCA_ADDONS:
    spec = importlib.util.find_spec(f"odoo.addons.{module}")
    if spec is None:  # addons_path (checked below) still brings it in
        print(f"note: odoo.addons.{module} not found through the odoo.addons namespace")
    else:
        print(f"odoo.addons.{module}: {os.path.dirname(spec.origin)}")
for module in OCA_ADDONS + jiancai:
    if not in_addons_path(module):
        errors.append(f"{module} is in no addons_path entry of {CONF}")

for dist in PYTHON_DISTS:
    try:
        print(f"{dist} {importlib.metadata.version(dist)}")
    except importlib.metadata.PackageNotFoundError:
        errors.append(f"Python package {dist} is not installed")

if errors:
    print("Jiancai image check FAILED:", *errors, sep="\n  ", file=sys.stderr)
    sys.exit(1)
print(f"Jiancai image check passed: Odoo {odoo.release.version}; modules {', '.join(jiancai)}")
