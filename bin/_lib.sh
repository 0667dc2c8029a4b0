#!/usr/bin/env bash
# Shared helpers for bin/run and bin/test. Sourced, never run directly.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

say() { printf '\033[1m[jiancai]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[jiancai] %s\033[0m\n' "$*" >&2; exit 1; }

# Every jiancai_* module in addons/, comma separated.
jiancai_modules() {
  local mods=()
  for m in "$REPO"/addons/jiancai_*/__manifest__.py; do
    [ -f "$m" ] && mods+=("$(basename "$(dirname "$m")")")
  done
  local IFS=,
  echo "${mods[*]}"
}

# --- Odoo 19 -----------------------------------------------------------------------------
# require_odoo: make `python3 -c "import odoo"` and the `odoo` command work with Odoo 19,
# installing Odoo 19 Community when it is missing:
#   JIANCAI_ODOO_SRC   a local Odoo 19.0 Community tree, or a git URL of one; by default the
#                      official 19.0 branch, cloned (shallow) into $JIANCAI_CACHE/odoo-19.0
#   JIANCAI_CACHE      ~/.cache/jiancai by default
#   JIANCAI_VENV       the virtualenv used when python3's own site-packages may not be
#                      written to (PEP 668 "externally managed"); $JIANCAI_CACHE/venv
ODOO_GIT_URL="https://github.com/odoo/odoo.git"
JIANCAI_CACHE="${JIANCAI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jiancai}"
JIANCAI_VENV="${JIANCAI_VENV:-$JIANCAI_CACHE/venv}"

odoo_importable() { python3 -c "import odoo.release" >/dev/null 2>&1; }

require_odoo() {
  # a venv made by an earlier run of install_odoo
  if ! odoo_importable && [ -x "$JIANCAI_VENV/bin/python3" ]; then
    export PATH="$JIANCAI_VENV/bin:$PATH"
  fi
  odoo_importable || install_odoo
  local v
  v="$(python3 -c 'import odoo.release as r; print(r.version_info[0])')"
  [ "$v" = "19" ] || die "Odoo $v found; Jiancai Suite needs Odoo 19."
  command -v odoo >/dev/null 2>&1 || die "python3 imports odoo but the 'odoo' command is not on PATH; reinstall Odoo with pip."
}

# The Odoo 19 source tree to install: a local folder, or a git clone in the cache. Prints it.
odoo_source() {
  local src="${JIANCAI_ODOO_SRC:-$ODOO_GIT_URL}" dir
  if [ -d "$src" ]; then
    (cd "$src" && pwd)
    return
  fi
  case "$src" in
    "$ODOO_GIT_URL") dir="$JIANCAI_CACHE/odoo-19.0" ;;
    *://* | *@*:* | *.git) dir="$JIANCAI_CACHE/odoo-$(printf '%s' "$src" | md5sum | cut -c1-12)" ;;
    *) die "JIANCAI_ODOO_SRC=$src is neither a folder nor a git URL." ;;
  esac
  if [ ! -f "$dir/odoo/release.py" ]; then
    command -v git >/dev/null 2>&1 || apt_install git
    say "cloning Odoo 19.0 from $src into $dir (shallow, a few minutes)"
    rm -rf "$dir"
    mkdir -p "$(dirname "$dir")"
    git clone -q --depth 1 --branch 19.0 "$src" "$dir" >&2 \
      || die "git clone of $src failed; set JIANCAI_ODOO_SRC to a local Odoo 19.0 tree."
  fi
  echo "$dir"
}

# pip refuses to write into a Python marked "externally managed" (PEP 668, Debian/Ubuntu's
# python3): use a virtualenv of our own then, first on PATH from here on.
use_writable_python() {
  local marker
  marker="$(python3 -c 'import sys, sysconfig; print(sysconfig.get_path("stdlib") + "/EXTERNALLY-MANAGED" if sys.prefix == sys.base_prefix else "")')"
  if python3 -m pip --version >/dev/null 2>&1 && { [ -z "$marker" ] || [ ! -f "$marker" ]; }; then
    return
  fi
  if [ ! -x "$JIANCAI_VENV/bin/python3" ]; then
    say "python3 is managed by the system: creating the virtualenv $JIANCAI_VENV"
    python3 -m venv "$JIANCAI_VENV" 2>/dev/null || { apt_install python3-venv && python3 -m venv "$JIANCAI_VENV"; } \
      || die "cannot create a virtualenv in $JIANCAI_VENV."
  fi
  export PATH="$JIANCAI_VENV/bin:$PATH"
  say "using $JIANCAI_VENV (bin/run and bin/test find it again on their own)"
}

# Odoo's requirements.txt pins per python_version; a pin without a wheel for this Python may
# not build here. Install the file; when pip fails, take the packages it names as failing
# out of the file, install the rest, and retry those unpinned (psycopg2: also
# psycopg2-binary); say which were loosened and which could not be installed at all.
install_odoo_requirements() {
  local req="$1" work log names name line marker round loosened=() failed=()
  work="$(mktemp)"; log="$(mktemp)"
  grep -vE '^[[:space:]]*(#|$)' "$req" | sed -E 's/[[:space:]]+#.*$//' >"$work"
  for round in 1 2 3 4 5 6 7 8; do
    if python3 -m pip install --disable-pip-version-check --no-input --root-user-action=ignore \
        -r "$work" >"$log" 2>&1; then
      break
    fi
    names="$(failing_requirements "$log")"
    if [ -z "$names" ] || [ "$round" = 8 ]; then
      cat "$log" >&2
      rm -f "$work" "$log"
      die "pip cannot install Odoo's requirements (see above)."
    fi
    say "does not install on $(python3 -V) as pinned by Odoo: $names"
    for name in $names; do
      marker=""
      line="$(grep -iE "^$name[[:space:]]*[=<>!~;]|^$name\$" "$work" | head -n 1 || true)"
      case "$line" in *\;*) marker=" ;${line#*;}" ;; esac
      grep -viE "^$name[[:space:]]*[=<>!~;]|^$name\$" "$work" >"$work.new" || true
      mv "$work.new" "$work"
      if pip_try "$name$marker" || { [ "$name" = psycopg2 ] && pip_try "psycopg2-binary$marker"; }; then
        loosened+=("$name")
      else
        failed+=("$name")
      fi
    done
  done
  rm -f "$work" "$log"
  [ "${#loosened[@]}" = 0 ] || say "installed without Odoo's pin: ${loosened[*]}"
  [ "${#failed[@]}" = 0 ] || say "NOT installed (does not build here; Odoo starts without them, the features that need them do not work): ${failed[*]}"
}

# The requirement names a failed pip run blames, one a line (lower case).
failing_requirements() {
  {
    sed -nE 's/.*Failed to build installable wheels for some pyproject.toml based projects \((.*)\).*/\1/p' "$1" | tr ',' ' '
    sed -nE 's/.*Could not build wheels for ([^,]+),.*/\1/p' "$1"
    sed -nE 's/^ERROR: Failed building wheel for (.*)$/\1/p; s/^Failed to build (.*)$/\1/p' "$1"
    sed -nE 's/.*No matching distribution found for ([A-Za-z0-9._-]+).*/\1/p' "$1"
    # an sdist whose metadata step failed: the package pip was collecting last
    if grep -q "metadata-generation-failed\|Getting requirements to build wheel did not run successfully" "$1"; then
      sed -nE 's/^Collecting ([A-Za-z0-9._-]+).*/\1/p' "$1" | tail -n 1
    fi
  } | tr ' ' '\n' | { grep . || true; } | tr 'A-Z' 'a-z' | sort -u
}

pip_try() {
  python3 -m pip install --disable-pip-version-check --no-input -q --root-user-action=ignore \
    "$1" >/dev/null 2>&1
}

install_odoo() {
  say "Odoo 19 is not importable by python3: installing Odoo 19 Community"
  local src
  src="$(odoo_source)"
  [ -f "$src/odoo/release.py" ] && [ -f "$src/requirements.txt" ] \
    || die "$src is not an Odoo source tree (no odoo/release.py or requirements.txt)."
  grep -qE '^version_info = \(19, 0' "$src/odoo/release.py" \
    || die "$src is not Odoo 19.0 (see its odoo/release.py)."
  use_writable_python
  say "installing Odoo's Python requirements ($src/requirements.txt) for $(python3 -V)"
  install_odoo_requirements "$src/requirements.txt"
  say "installing Odoo from $src (pip install -e: the tree stays where it is)"
  pip_install --no-deps -e "$src"
  record_odoo_versions
  hash -r
  odoo_importable || die "Odoo was installed from $src but python3 still cannot import it."
  command -v odoo >/dev/null 2>&1 \
    || die "Odoo was installed, but the 'odoo' command is not on PATH (add $(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))') to PATH)."
  say "Odoo $(odoo --version 2>/dev/null | sed 's/^Odoo Server //') installed from $src"
}

# What Odoo's requirements installed, version by version, kept next to the Python they are
# installed in. Later installs (our requirement files, the OCA wheels that depend on "odoo")
# must not move them: an unpinned lxml_html_clean pulled by Odoo's own metadata upgrades lxml
# from Odoo's 4.9.3 to 6.x on Python 3.11, and Odoo then cleans HTML differently (its own
# sale and crm tests fail).
odoo_versions_file() {
  python3 -c 'import sys; print(sys.prefix + "/jiancai-odoo-versions.txt")'
}

record_odoo_versions() {
  python3 -m pip freeze --exclude-editable --disable-pip-version-check 2>/dev/null \
    | grep -E '^[A-Za-z0-9._-]+==' | grep -viE '^odoo==' >"$(odoo_versions_file)" || true
}

# The recorded versions as pip constraints, without the packages our requirement files name
# themselves (we answer for those: e.g. openpyxl>=3.1 over Odoo's 3.0.9 on Python 3.11).
odoo_constraints() {
  local recorded ours out
  recorded="$(odoo_versions_file)"
  [ -s "$recorded" ] || return 0
  ours="$(cat "$REPO"/requirements*.txt | sed -E 's/[[:space:]]*#.*//; s/[[:space:];<>=!~\[].*//' \
    | grep -vE '^(-|$)' | tr 'A-Z_' 'a-z-' | sort -u)"
  out="$(mktemp)"
  while IFS= read -r line; do
    name="$(printf '%s' "${line%%==*}" | tr 'A-Z_' 'a-z-')"
    grep -qxF "$name" <<<"$ours" || printf '%s\n' "$line"
  done <"$recorded" >"$out"
  echo "$out"
}

pip_install() {
  local log constraints args=()
  log="$(mktemp)"
  constraints="$(odoo_constraints)"
  [ -n "$constraints" ] && args=(-c "$constraints")
  if ! python3 -m pip install --disable-pip-version-check --no-input -q \
      --root-user-action=ignore "${args[@]}" "$@" >"$log" 2>&1; then
    cat "$log" >&2
    [ -n "$constraints" ] && say "(Odoo's installed versions were kept as constraints: $(odoo_versions_file))"
    die "pip install $* failed (see above)."
  fi
  rm -f "$log" ${constraints:+"$constraints"}
}

apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "cannot install $* here (no apt-get); install it by hand."
  [ "$(id -u)" = 0 ] || die "installing $* needs root (sudo $0)."
  say "installing $* with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Start PostgreSQL if it is not running (installing it where it is missing) and make sure the
# current OS user has a superuser role, so Odoo connects over the local socket with no password.
ensure_postgres() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1 && ! command -v pg_ctl >/dev/null 2>&1; then
    apt_install postgresql postgresql-client
  fi
  if ! pg_isready -q 2>/dev/null; then
    say "starting PostgreSQL"
    if command -v pg_ctlcluster >/dev/null 2>&1; then
      local ver cluster
      read -r ver cluster _ < <(pg_lsclusters --no-header | head -n 1) || true
      if [ -z "${ver:-}" ]; then
        ver="$(ls /usr/lib/postgresql | sort -n | tail -n 1)"
        pg_createcluster "$ver" main >/dev/null
        cluster=main
      fi
      pg_ctlcluster "$ver" "$cluster" start
    else
      die "PostgreSQL is installed but not running and I do not know how to start it here; start it and retry."
    fi
    for _ in $(seq 1 30); do pg_isready -q && break; sleep 1; done
    pg_isready -q || die "PostgreSQL did not start; see its log under /var/log/postgresql."
  fi
  local me; me="$(id -un)"
  if ! psql -d postgres -Atc "select 1" >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] || die "no PostgreSQL role for '$me': run  sudo -u postgres createuser -s $me"
    su postgres -c "createuser -s '$me'" >/dev/null 2>&1 || true
    psql -d postgres -Atc "select 1" >/dev/null 2>&1 || die "cannot connect to PostgreSQL as '$me'."
  fi
}

fresh_db() {
  local db="$1"
  dropdb --if-exists "$db" >/dev/null
  # Odoo also keeps a filestore per database
  rm -rf "$REPO/var/data/filestore/$db"
}
