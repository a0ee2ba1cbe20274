# Shared by scripts/app.sh and scripts/test.sh (sourced, not run): make or reuse the
# project's virtual environment .venv and install the package into it.
#
# Debian 12 / Ubuntu 23.04+ refuse `pip install` outside a virtual environment
# (PEP 668), and their `python3 -m venv` needs the python3-venv package: it is installed
# with apt-get (through sudo when not root) only when it is missing. Installing is
# skipped when .venv already holds the package built from this very pyproject.toml
# (a stamp keyed on its hash and the extras), so re-running is quick and changes nothing.
#
# Environment: PYTHON picks the interpreter that creates .venv (default: Debian's
# /usr/bin/python3 when present, else python3 on the PATH); VENV moves the environment
# (default .venv in the checkout).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${VENV:-$ROOT/.venv}

say() { printf '== %s\n' "$*"; }
die() { printf 'Error: %s\n' "$*" >&2; exit 1; }

# Run a command as root: directly when we are root, else through sudo.
as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root to run: $* (install sudo, or run this script as root)"
  fi
}

APT_UPDATED=""
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "please install: $* (no apt-get on this system)"
  say "installing $* (apt-get)"
  if [ -z "$APT_UPDATED" ]; then
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

python_ok() {  # usable to create the venv: Python >= 3.10
  "$1" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null
}

pick_python() {
  if [ -n "${PYTHON:-}" ]; then
    python_ok "$PYTHON" || die "PYTHON=$PYTHON is not Python 3.10 or newer"
    echo "$PYTHON"
  elif [ -x /usr/bin/python3 ] && python_ok /usr/bin/python3; then
    echo /usr/bin/python3
  elif command -v python3 >/dev/null 2>&1 && python_ok python3; then
    command -v python3
  else
    die "Python 3.10 or newer is needed (Debian/Ubuntu: apt-get install python3)"
  fi
}

# Make .venv unless it already works.
ensure_venv() {
  if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import pip' 2>/dev/null; then
    return
  fi
  local py
  py=$(pick_python)
  if ! "$py" -c 'import ensurepip, venv' 2>/dev/null; then
    # Debian/Ubuntu split venv's pip bootstrap into python3-venv (python3.X-venv).
    apt_install python3-venv
    "$py" -c 'import ensurepip, venv' 2>/dev/null \
      || die "$py still cannot make a virtual environment (apt-get install python3-venv)"
  fi
  say "creating the virtual environment $VENV with $py"
  rm -rf "$VENV"
  "$py" -m venv "$VENV"
}

# pip install -e ".[EXTRAS]" into .venv, unless the stamp says it is done already.
ensure_package() {  # $1: extras, e.g. "test" or "" for none
  local extras=$1 spec stamp want
  spec="$ROOT"
  [ -n "$extras" ] && spec="$ROOT[$extras]"
  stamp="$VENV/.privacy-desk-installed${extras:+-$extras}"
  want="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1) $ROOT"
  # The base install is also done when an install with an extra is.
  local ok="" f
  for f in "$stamp" $([ -z "$extras" ] && echo "$VENV"/.privacy-desk-installed-*); do
    [ -f "$f" ] && [ "$(cat "$f")" = "$want" ] && ok=1
  done
  if [ -n "$ok" ] && "$VENV/bin/python" -c 'import privacy_kb' 2>/dev/null; then
    return
  fi
  say "installing privacy-desk${extras:+ with the extra [$extras]} into $VENV"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$spec"
  echo "$want" > "$stamp"
}
