#!/usr/bin/env bash
# Set up (first time only) and run the whole test suite on a Debian/Ubuntu machine.
#
# - makes or reuses the virtual environment .venv and installs the package with its
#   test extra (scripts/setup_env.sh: python3-venv from apt only when missing);
# - installs what the tests drive from outside Python, each only when missing:
#   Chromium and its translations (browser tests, run in Dutch), PostgreSQL (the register suite on a second engine) and
#   Node.js/npm with apt, then the npm packages in package-lock.json with `npm ci`
#   (configurable-http-proxy for the JupyterHub test, axe-core for accessibility checks);
# - starts a throwaway PostgreSQL on 127.0.0.1 and points the tests at it;
# - runs pytest over tests/ and the notebooks. Extra arguments go to pytest, e.g.
#   bash scripts/test.sh -m "not browser"
#
# Root runs apt-get directly, anyone else through sudo. Re-running installs nothing.
set -euo pipefail
source "$(dirname "$0")/setup_env.sh"
cd "$ROOT"

ensure_venv
ensure_package test

# System packages the tests drive.
missing=()
[ -x /usr/bin/chromium ] || command -v chromium >/dev/null 2>&1 || missing+=(chromium)
# Chromium's Dutch: the browser tests run it in Dutch, as staff do, and its date fields
# take their dd-mm-jjjj order from that (Debian ships only en-US with chromium itself)
[ -f /usr/lib/chromium/locales/nl.pak ] || missing+=(chromium-l10n)
command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ] || missing+=(postgresql)
command -v npm >/dev/null 2>&1 || missing+=(npm)
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"

# npm packages, pinned by package-lock.json; reinstalled only when the lock changed.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f node_modules/.privacy-desk-lock ] || [ "$(cat node_modules/.privacy-desk-lock)" != "$lock_hash" ]; then
  say "installing the npm packages for the tests (npm ci)"
  npm ci --silent --no-audit --no-fund >/dev/null
  echo "$lock_hash" > node_modules/.privacy-desk-lock
fi
export PATH="$ROOT/node_modules/.bin:$PATH"

# A throwaway PostgreSQL on localhost for the register suite, unless one is given.
PGTMP=""
RUNTMP=""
as_pg() {  # initdb refuses root: as root run it as the postgres account
  if [ "$(id -u)" = 0 ]; then
    "$(command -v runuser || echo /usr/sbin/runuser)" -u postgres -- "$@"
  else
    "$@"
  fi
}
cleanup() {
  [ -n "$RUNTMP" ] && rm -rf "$RUNTMP"
  if [ -n "$PGTMP" ]; then
    as_pg "$(pg_config --bindir)/pg_ctl" -D "$PGTMP/data" -m fast -w -s stop || true
    rm -rf "$PGTMP"
  fi
}
trap cleanup EXIT
if [ -z "${PRIVACY_DESK_TEST_PG:-}" ]; then
  PGBIN=$(pg_config --bindir)
  PGTMP=$(mktemp -d)
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGTMP"
  PGPORT=$("$VENV/bin/python" -c "import socket;s=socket.socket();s.bind(('127.0.0.1',0));print(s.getsockname()[1])")
  as_pg "$PGBIN/initdb" -D "$PGTMP/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
  as_pg "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/log" -w -s \
    -o "-p $PGPORT -k $PGTMP -c listen_addresses=127.0.0.1" start
  as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres privacydesk
  export PRIVACY_DESK_TEST_PG="postgresql+psycopg://postgres@127.0.0.1:$PGPORT/privacydesk"
  say "PostgreSQL for the register suite on 127.0.0.1:$PGPORT"
fi

# Nothing a test run does may touch the user's real register or question log.
RUNTMP=$(mktemp -d)
export PRIVACY_DESK_DB="$RUNTMP/register.db" PRIVACY_DESK_GAPS="$RUNTMP/gaps.jsonl"

# The JupyterHub test (a hub, its proxy and two users' servers) runs in a pytest of its
# own, first: inside the long session it timed out now and then, alone it is steady.
say "running the JupyterHub test"
"$VENV/bin/python" -m pytest tests/browser/test_jupyterhub.py "$@" || [ $? -eq 5 ]   # 5: all deselected
say "running the tests"
"$VENV/bin/python" -m pytest --nbval-lax tests notebooks \
  --ignore=tests/browser/test_jupyterhub.py "$@"
