#!/usr/bin/env bash
# Set up and run the whole test suite on a fresh machine (Debian/Ubuntu, Python >= 3.10).
# Installs the package with its test extra, Debian's Chromium for the browser tests and
# PostgreSQL for the shared-register tests (when run as root with apt-get), then runs
# pytest over tests/ and the notebooks. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ] || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]} (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

echo "== installing privacy-desk with its test extra"
"$PYTHON" -m pip install -q --disable-pip-version-check -e ".[test]"

# A throwaway PostgreSQL on localhost for the register suite (skipped when unavailable).
PGTMP=""
RUNTMP=""
cleanup() {
  [ -n "$RUNTMP" ] && rm -rf "$RUNTMP"
  if [ -n "$PGTMP" ]; then
    runuser -u postgres -- "$(pg_config --bindir)/pg_ctl" -D "$PGTMP/data" -m fast -w -s stop || true
    rm -rf "$PGTMP"
  fi
}
trap cleanup EXIT
if [ -z "${PRIVACY_DESK_TEST_PG:-}" ] && [ "$(id -u)" = 0 ] && command -v pg_config >/dev/null 2>&1 \
   && [ -x "$(pg_config --bindir)/initdb" ]; then
  PGBIN=$(pg_config --bindir)
  PGTMP=$(mktemp -d) && chown postgres:postgres "$PGTMP"
  PGPORT=$("$PYTHON" -c "import socket;s=socket.socket();s.bind(('127.0.0.1',0));print(s.getsockname()[1])")
  runuser -u postgres -- "$PGBIN/initdb" -D "$PGTMP/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/log" -w -s \
    -o "-p $PGPORT -k $PGTMP -c listen_addresses=127.0.0.1" start
  runuser -u postgres -- "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres privacydesk
  export PRIVACY_DESK_TEST_PG="postgresql+psycopg://postgres@127.0.0.1:$PGPORT/privacydesk"
  echo "== PostgreSQL for the register suite on 127.0.0.1:$PGPORT"
fi

# Nothing a test run does may touch the user's real register or question log.
RUNTMP=$(mktemp -d)
export PRIVACY_DESK_DB="$RUNTMP/register.db" PRIVACY_DESK_GAPS="$RUNTMP/gaps.jsonl"

echo "== running the tests"
"$PYTHON" -m pytest --nbval-lax tests notebooks "$@"
