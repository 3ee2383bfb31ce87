#!/bin/sh
# Run every test and print one closing line: "N passed, N failed".
# Unit test binaries are given as arguments (TAP output); CLI tests are
# tests/cli/*.sh (TAP output too, via tests/cli/lib.sh).
# Env: BUILD (build dir), SAN (1 under sanitizers).
set -u
BUILD=${BUILD:-build}
export BUILD
export LVZHI="$PWD/$BUILD/lvzhi"
export LVZHI_SEEDS="$PWD/corpus/seeds"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
out=${TEST_OUT:-$PWD/tests/out}
rm -rf "$out"; mkdir -p "$out"
passed=0; failed=0; broken=""

run_one() {   # name, command...
    name=$1; shift
    log="$out/$(basename "$name").log"
    "$@" > "$log" 2>&1
    status=$?
    p=$(grep -c '^ok ' "$log")
    f=$(grep -c '^not ok ' "$log")
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1   # crashed or exited non-zero without saying which check
        echo "not ok - $name exited with status $status" >> "$log"
    fi
    if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
        f=1
        echo "not ok - $name ran no check" >> "$log"
    fi
    passed=$((passed + p)); failed=$((failed + f))
    if [ "$f" -gt 0 ]; then
        broken="$broken $name"
        echo "FAIL $name ($p passed, $f failed)"
        grep -A4 '^not ok' "$log" | head -40 | sed 's/^/    /'
        grep -E 'ERROR: AddressSanitizer|runtime error|LeakSanitizer' "$log" \
            | head -5 | sed 's/^/    /'
    else
        echo "ok   $name ($p checks)"
    fi
}

for t in "$@"; do
    run_one "$t" "$t"
done
for t in tests/cli/t_*.sh; do
    [ -f "$t" ] || continue
    run_one "$t" sh "$t"
done
[ -n "$broken" ] && echo "failed:$broken (logs in $out)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
