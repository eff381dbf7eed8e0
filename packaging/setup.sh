#!/usr/bin/env bash
# Install everything FieldLedger needs on a fresh Debian/Ubuntu machine, then build translations.
#   bash packaging/setup.sh          the app: Qt's system libraries, a Chinese font, .venv, .qm files
#   bash packaging/setup.sh --dev    the same plus what the tests use (pytest, pytest-qt, sqlite3,
#                                    minisign, age)
# Safe to run again: what is already there is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0
[ "${1:-}" = "--dev" ] && dev=1

# Qt's xcb platform plugin needs these for a real window; a fresh machine lacks several of them.
# fonts-wqy-microhei: without a CJK font every Chinese character is drawn as a box.
apt_packages=(libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-shape0 libxcb-randr0
              libxcb-render-util0 libxcb-image0 libxcb-xkb1 libxkbcommon-x11-0 libegl1 libgl1
              libfontconfig1 libdbus-1-3 fonts-wqy-microhei)
if [ "$dev" = 1 ]; then
    # sqlite3: the tamper tests edit the database behind the app's back with the real CLI.
    # minisign: the signature tests check our .minisig files with the standard tool.
    # poppler-utils: the export tests render PDF pages with pdftoppm and read them back.
    # age: the package tests decrypt our submission packages with the standard tool.
    apt_packages+=(sqlite3 minisign poppler-utils age)
fi

missing=()
for pkg in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    if command -v apt-get >/dev/null 2>&1; then
        sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        echo "Installing system packages: ${missing[*]}"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "warning: please install these system packages yourself: ${missing[*]}" >&2
    fi
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    if ! "$python" -m venv .venv 2>/dev/null; then
        # Debian's own python3 keeps venv (ensurepip) in a separate package.
        rm -rf .venv
        sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get install -y -qq python3-venv >/dev/null
        "$python" -m venv .venv
    fi
fi
req=requirements.txt
[ "$dev" = 1 ] && req=requirements-dev.txt
stamp=.venv/.installed-$(cat requirements.txt "$req" | sha256sum | cut -c1-16)
if [ ! -e "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$req"
    touch "$stamp"
fi

.venv/bin/python packaging/i18n.py release
# Byte-code for the app's own modules, as an installer would leave it (pip does the same for the
# packages it installs): start-up then skips compiling them.
.venv/bin/python -m compileall -q main.py models ui
