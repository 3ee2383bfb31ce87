#!/bin/sh
# The libFuzzer targets in CI: build them (clang: make deps-test installs
# it), replay every saved and seed input, then run each target for
# FUZZ_CI_SECONDS (default 10) of fresh mutations.
. "$(dirname "$0")/lib.sh"
secs=${FUZZ_CI_SECONDS:-10}
if ! command -v clang > /dev/null; then
    echo "not ok 1 - clang is not installed (make deps-test)"
    echo "1..1"; exit 1
fi
# A make of our own, not the jobserver of the `make test` we run under.
unset MAKEFLAGS MAKELEVEL MFLAGS
make -j2 fuzz-build > "$T/build.log" 2>&1
ok $? "the fuzz targets build" || tail -20 "$T/build.log" | sed 's/^/#   /'
export FUZZ_WORK=$T/work
for bin in build-fuzz/fuzz/fuzz_*; do
    case $bin in *.o) continue ;; esac
    sh tests/fuzz/run.sh 0 "$bin" > "$T/replay.log" 2>&1
    ok $? "$(basename "$bin") replays its saved inputs and the seeds" ||
        sed 's/^/#   /' "$T/replay.log"
    sh tests/fuzz/run.sh "$secs" "$bin" > "$T/run.log" 2>&1
    ok $? "$(basename "$bin") survives ${secs}s of new inputs: $(grep -o 'Done [0-9]* runs' "$T/run.log")" ||
        sed 's/^/#   /' "$T/run.log"
done
done_testing
