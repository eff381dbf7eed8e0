#!/usr/bin/env bash
# Install what is missing, then start FieldLedger (arguments go to main.py, e.g. --data-dir DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/setup.sh
exec .venv/bin/python main.py "$@"
