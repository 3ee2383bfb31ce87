#!/bin/sh
# Command-line conventions: --help, --version, usage errors, exit codes.
. "$(dirname "$0")/lib.sh"
for c in "" "index" "search"; do
    "$LVZHI" $c --help > "$T/out" 2>&1; is "$?" 0 "lvzhi $c --help exits 0"
    grep -q "Usage: lvzhi" "$T/out"; ok $? "lvzhi $c --help prints usage"
done
"$LVZHI" --version | grep -q "^lvzhi [0-9]"; ok $? "--version"
"$LVZHI" nosuch 2>/dev/null; is "$?" 2 "unknown command exits 2"
"$LVZHI" index 2>/dev/null; is "$?" 2 "index without PATH exits 2"
"$LVZHI" search 2>/dev/null; is "$?" 2 "search without QUERY exits 2"
"$LVZHI" search --limit=abc x 2>/dev/null; is "$?" 2 "bad --limit exits 2"
"$LVZHI" search --sort=nope x 2>/dev/null; is "$?" 2 "bad --sort exits 2"
"$LVZHI" search -d "$T/none" 委员 2> "$T/err"; is "$?" 3 "missing index exits 3"
grep -q "lvzhi index" "$T/err"; ok $? "missing index: says how to build one"
"$LVZHI" index -q -d "$T/db" corpus/seeds 2>/dev/null
DB=$T/db
"$LVZHI" search -d "$DB" "nosuchfield:x" 2> "$T/err"; is "$?" 3 "bad query exits 3"
grep -q "unknown field" "$T/err"; ok $? "bad query: clear message"
"$LVZHI" search -d "$DB" 没有这个词语组合啊 > /dev/null; is "$?" 1 "no results exits 1"
"$LVZHI" search -d "$DB" 政协 > /dev/null; is "$?" 0 "results exit 0"
"$LVZHI" search -d "$DB" --from 2024 --to 2025-12 "" --format json > "$T/j"
python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
sys.exit(0 if d["hits"] and all("2024-01-01" <= h["date"] <= "2025-12-31" for h in d["hits"]) else 1)' "$T/j"
ok $? "date range filters by publication date"
"$LVZHI" search -d "$DB" --sort date "" --format json > "$T/j"
python3 -c 'import json,sys
d=[h["date"] or "" for h in json.load(open(sys.argv[1]))["hits"]]
sys.exit(0 if d == sorted(d, reverse=True) else 1)' "$T/j"
ok $? "--sort date gives newest first"
bench=${BUILD:-build}/bench/search_bench
"$bench" -d "$DB" --reps 3 政协 委员 > "$T/b"; ok $? "the bench's query timer runs"
grep -q "^ALL .*median_ms=" "$T/b"; ok $? "the query timer prints a summary line"
"$LVZHI" search -d "$DB" --bench 3 政协 2> "$T/e"; [ $? -eq 2 ]
ok $? "lvzhi search has no timing mode (--bench is an unknown option)"
done_testing
