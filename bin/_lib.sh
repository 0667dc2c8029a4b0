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

require_odoo() {
  if ! python3 -c "import odoo, odoo.release" >/dev/null 2>&1; then
    cat >&2 <<'MSG'
[jiancai] Odoo 19 is not importable by `python3` on this machine.

Install Odoo 19 Community first, one of:
  * pip:    git clone --depth 1 -b 19.0 https://github.com/odoo/odoo /opt/odoo19 \
            && pip install -r /opt/odoo19/requirements.txt \
            && pip install --no-deps -e /opt/odoo19
            (check with: python3 -c "import odoo" && odoo --version)
  * Docker: docker compose -f docker/docker-compose.yml up   (see docker/README.md)
  * the developers' guide describes a by-hand install from an Odoo 19 source tree.
Then run this command again.
MSG
    exit 1
  fi
  local v
  v="$(python3 -c 'import odoo.release as r; print(r.version_info[0])')"
  [ "$v" = "19" ] || die "Odoo $v found; Jiancai Suite needs Odoo 19."
  command -v odoo >/dev/null 2>&1 || die "python3 imports odoo but the 'odoo' command is not on PATH; reinstall Odoo with pip."
}

pip_install() {
  local log; log="$(mktemp)"
  if ! python3 -m pip install --disable-pip-version-check --no-input -q \
      --root-user-action=ignore "$@" >"$log" 2>&1; then
    cat "$log" >&2
    die "pip install $* failed (see above)."
  fi
  rm -f "$log"
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
