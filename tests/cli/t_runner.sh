#!/bin/sh
# tests/run.pl counts what make test's closing line says: passing checks,
# failing checks, and once each a test that exited non-zero without a
# failing check, broke its plan or was killed; on fake tests in $T, with
# its logs there too (not in tests/out, which the run under way writes).
. "$(dirname "$0")/lib.sh"
run="$(dirname "$0")/../run.pl"
printf 'echo "ok 1 - fine"\necho "1..1"\n' > "$T/pass.sh"
printf '%s\n' 'echo "ok 1 - fine"' 'echo "not ok 2 - broken"' \
    'echo "#   got 1"' 'echo "1..2"' 'exit 1' > "$T/fail.sh"
printf 'echo "# no check"\nexit 1\n' > "$T/exit1.sh"
printf 'echo "ok 1 - fine"\n' > "$T/noplan.sh"
printf 'echo "ok 1 - fine"\necho "1..1"\nkill -SEGV $$\n' > "$T/crash.sh"

# closing LINE DESCRIPTION : the last line of $T/run.out is LINE (else
# the whole output is shown)
closing() {
    last=$(tail -1 "$T/run.out")
    is "$last" "$1" "$2"
    [ "$last" = "$1" ] || sed 's/^/#   | /' "$T/run.out"
}

runner() { TEST_OUT=$T/out perl "$run" "$@" > "$T/run.out" 2>&1; }

runner "$T/pass.sh" "$T/fail.sh" "$T/exit1.sh"
is $? 1 "a failing check or a failing test: exit status 1"
closing "2 passed, 2 failed" \
    "a failing check and a test exiting 1 without a check: 2 passed, 2 failed"
grep -q "^    not ok 2 - broken" "$T/run.out"; ok $? "the failing check is shown"
grep -q "^    #   got 1" "$T/run.out"; ok $? "with what it got"
grep -q "^FAIL $T/exit1.sh (0 passed, 1 failed): .*exited with status 1" \
    "$T/run.out"
ok $? "the test exiting 1 is named, with its status"
for f in pass fail exit1; do
    [ -s "$T/out/$f.sh.log" ]; ok $? "$f.sh's output is kept in TEST_OUT/$f.sh.log"
done
grep -q "^not ok 2 - broken" "$T/out/fail.sh.log"
ok $? "the log holds the test's TAP"

runner "$T/noplan.sh" "$T/crash.sh"
is $? 1 "no plan or a crash: exit status 1"
closing "2 passed, 2 failed" \
    "a test without a plan and one killed after its checks count one each"

runner "$T/pass.sh"
is $? 0 "all passing: exit status 0"
closing "1 passed, 0 failed" "all passing: 1 passed, 0 failed"
[ "$(ls "$T/out")" = pass.sh.log ]; ok $? "TEST_OUT is emptied first"
done_testing
