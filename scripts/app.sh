#!/usr/bin/env bash
# Set up (first time only) and start the Privacy Desk app on a Debian/Ubuntu machine:
# makes or reuses the virtual environment .venv, installs the package into it, then runs
# `privacy-desk app` (arguments go to it, e.g. --port 8867 or --lab). It prints the
# address to open; stop with Ctrl+C.
set -euo pipefail
source "$(dirname "$0")/setup_env.sh"

ensure_venv
ensure_package ""
exec "$VENV/bin/privacy-desk" app "$@"
