#!/usr/bin/env bash
# Install what is missing (including the test tools), then run every test (arguments go to pytest).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/setup.sh --dev
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
