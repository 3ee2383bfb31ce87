#!/bin/sh
# run.sh SECONDS BINARY... - run each libFuzzer target.  Seeds: the corpus
# files, the malformed-input set and the target's own saved corpus
# (tests/fuzz/corpus/NAME, crashes found are kept there as regressions).
# SECONDS=0 only replays the seeds.  Prints "N passed, N failed".
set -u
secs=$1; shift
work=${FUZZ_WORK:-build-fuzz/work}
mkdir -p "$work/seeds"
cp corpus/seeds/* corpus/html/* "$work/seeds/" 2>/dev/null
[ -f tests/fixtures/make_malformed.sh ] &&
    FUZZ_SMALL=1 sh tests/fixtures/make_malformed.sh "$work/malformed" >/dev/null 2>&1 &&
    find "$work/malformed" -type f -size -1024k -exec cp {} "$work/seeds/" \;
# PDF, Word, crawl and export files made by the format tests' generator
# (when python3-reportlab and python3-docx are there).
/usr/bin/python3 tests/formats/make_files.py "$work/formats" >/dev/null 2>&1 &&
    find "$work/formats" -type f -size -1024k -exec cp {} "$work/seeds/" \; &&
    gzip -dc "$work/formats/crawl.warc.gz" > "$work/seeds/crawl.warc"
passed=0; failed=0
for bin in "$@"; do
    name=$(basename "$bin")
    saved=tests/fuzz/corpus/$name
    mkdir -p "$saved" "$work/$name"
    if [ "$secs" -eq 0 ]; then
        "$bin" -runs=0 "$saved" "$work/seeds" > "$work/$name.log" 2>&1
    else
        "$bin" -max_total_time="$secs" -max_len=65536 -timeout=10 \
            -artifact_prefix="$work/$name-" "$work/$name" "$saved" \
            "$work/seeds" > "$work/$name.log" 2>&1
    fi
    if [ $? -eq 0 ]; then
        passed=$((passed + 1))
        echo "ok   $name $(grep -o 'Done [0-9]* runs.*' "$work/$name.log" | tail -1)"
    else
        failed=$((failed + 1))
        echo "FAIL $name (log: $work/$name.log)"
        grep -m5 -E 'ERROR|SUMMARY|==[0-9]+==' "$work/$name.log" | sed 's/^/    /'
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
