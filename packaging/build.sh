#!/usr/bin/env bash
# Build the Linux one-folder app with PyInstaller, then smoke-test the built executable.
#
#   bash packaging/build.sh
#
# 1. packaging/setup.sh: system packages (Qt's libraries, fonts-wqy-microhei), .venv, the .qm files;
# 2. .venv-build: a separate virtual environment with requirements-build.txt only (the runtime
#    dependencies plus PyInstaller), so the test tools of .venv (pytest, hypothesis, pypdf ...) can never
#    end up in the bundle and PyInstaller never ends up in .venv;
# 3. PyInstaller with packaging/fieldledger.spec into dist/FieldLedger/;
# 4. dist/FieldLedger/FieldLedger smoke-test (offscreen without a display): a demo installation in
#    a temp folder, the real main window, translations, fonts, templates, a PDF, the audit chain;
# 5. dist/FieldLedger-<version>-linux-x86_64.tar.gz.
# Exits non-zero when any step fails. Safe to run again (the environments are reused).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

bash packaging/setup.sh

# PyInstaller reads the executables' dependencies with objdump (binutils).
if ! command -v objdump >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Installing system packages: binutils"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends binutils >/dev/null
fi

python=${PYTHON:-python3}
if [ ! -x .venv-build/bin/python ]; then
    "$python" -m venv .venv-build
fi
stamp=.venv-build/.installed-$(cat requirements.txt requirements-build.txt | sha256sum | cut -c1-16)
if [ ! -e "$stamp" ]; then
    .venv-build/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-build.txt
    touch "$stamp"
fi

version=$(.venv-build/bin/python -c "from models.version import __version__; print(__version__)")
echo "Building FieldLedger $version ..."
rm -rf dist/FieldLedger
.venv-build/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/fieldledger.spec
built=$(date +%s)

echo
echo "Smoke test of the built program: dist/FieldLedger/FieldLedger smoke-test"
smoke_status=0
dist/FieldLedger/FieldLedger smoke-test 2>&1 | tee build/smoke-test.txt || smoke_status=$?
if [ "$smoke_status" -ne 0 ]; then
    echo "SMOKE TEST FAILED (exit status $smoke_status)" >&2
    exit "$smoke_status"
fi

archive="dist/FieldLedger-$version-linux-$(uname -m).tar.gz"
tar -C dist -czf "$archive" FieldLedger
finished=$(date +%s)

echo
echo "Bundle:   $(du -sh dist/FieldLedger | cut -f1)  dist/FieldLedger/"
echo "Archive:  $(du -sh "$archive" | cut -f1)  $archive"
echo "Time:     $((built - started)) s to build, $((finished - started)) s in all"
