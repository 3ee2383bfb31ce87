#!/bin/sh
# End-to-end in headless Chromium (Debian chromium + chromium-driver and
# Chinese fonts, so the screenshots show what a person would see: make
# deps-test installs them).  Screenshots go to tests/out/screenshots/.
. "$(dirname "$0")/lib.sh"
if ! command -v chromedriver >/dev/null 2>&1; then
    echo "not ok 1 - chromium-driver is not installed (make deps-test)"
    echo "1..1"; exit 1
fi
DB=$T/db
"$LVZHI" index -q -d "$DB" corpus 2>/dev/null
start_server -q -d "$DB" -t 4
timeout 300 python3 tests/browser/drive.py "http://127.0.0.1:$port" "${TEST_OUT:-tests/out}/screenshots"
