#!/bin/sh
# make valgrind: the CLI tests with every lvzhi process under valgrind's
# memcheck (definite leaks count as errors).  Each process logs to its own
# file; any non-empty log is a finding.  VALGRIND_TESTS lists the tests
# (default: usage, seeds, malformed input, facets, web, output safety).
# Prints "N passed, N failed" like make test.
set -u
BUILD=${BUILD:-build}
bin=$PWD/$BUILD/lvzhi
logs=${VALGRIND_OUT:-$PWD/tests/out/valgrind}
tests=${VALGRIND_TESTS:-"t_usage t_seeds t_malformed t_facets t_web t_output"}
command -v valgrind > /dev/null || { echo "valgrind is not installed"; exit 1; }
rm -rf "$logs"; mkdir -p "$logs"
wrap=$logs/lvzhi
cat > "$wrap" <<W
#!/bin/sh
exec valgrind -q --log-file=$logs/vg.%p.log --leak-check=full \
    --errors-for-leak-kinds=definite --show-leak-kinds=definite \
    --num-callers=30 "$bin" "\$@"
W
chmod +x "$wrap"
passed=0; failed=0
for t in $tests; do
    LVZHI=$wrap LVZHI_SEEDS=$PWD/corpus/seeds sh "tests/cli/$t.sh" > "$logs/$t.tap" 2>&1
    st=$?
    found=$(find "$logs" -name 'vg.*.log' -size +0 | wc -l)
    if [ "$st" -eq 0 ] && [ "$found" -eq 0 ]; then
        passed=$((passed + 1)); echo "ok   $t under valgrind"
    else
        failed=$((failed + 1))
        echo "FAIL $t under valgrind (exit $st, $found process logs with errors)"
        grep -h '^not ok' "$logs/$t.tap" | head -5 | sed 's/^/    /'
        find "$logs" -name 'vg.*.log' -size +0 | head -2 | xargs -r head -30 | sed 's/^/    /'
        for f in $(find "$logs" -name 'vg.*.log' -size +0); do mv "$f" "$f.$t"; done
    fi
    find "$logs" -name 'vg.*.log' -size 0 -delete
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
