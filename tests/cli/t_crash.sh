#!/bin/sh
# Crash safety: SIGKILL `lvzhi index` at random moments, many times.  After
# each kill the index opens and every document in it is whole (lvzhi
# check); re-runs, themselves killed at random, end with exactly the
# documents and content of an uninterrupted run (lvzhi check --digest).
# CRASH_RUNS (default 12) sets the number of runs, CRASH_SEED the random
# seed (printed, so a failure can be replayed).  Also: searching while the
# indexer commits, and a second writer on a locked database.
. "$(dirname "$0")/lib.sh"
RUNS=${CRASH_RUNS:-12}
SEED=${CRASH_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
echo "# CRASH_RUNS=$RUNS CRASH_SEED=$SEED"
python3 corpus/tools/gen_corpus.py -n 300 corpus/seeds "$T/gen" > /dev/null 2>&1
ok $? "generated a 300-page corpus"
nfiles=$(find "$T/gen" -name '*.html' | wc -l)

# The reference: one uninterrupted run, timed to place the kills.
t0=$(date +%s.%N)
"$LVZHI" index -q -b 20 -d "$T/ref" "$T/gen" 2>/dev/null
ok $? "uninterrupted run indexes the corpus"
t1=$(date +%s.%N)
"$LVZHI" check -q --digest -d "$T/ref" > "$T/ref.digest"
ok $? "the uninterrupted index is whole"
is "$(wc -l < "$T/ref.digest")" "$nfiles" "it holds all $nfiles pages"
span_ms=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%d", (b - a) * 1000 + 50 }')

# delay_ms K: the K-th pseudo-random delay in [0, span_ms).
delay() {
    awk -v s="$SEED" -v k="$1" -v m="$span_ms" \
        'BEGIN { srand(s + k * 7919); printf "%.3f", int(rand() * m) / 1000 }'
}

# kill_after DB SECONDS: start an indexer on DB, SIGKILL it after SECONDS
# (if still running); then the index must open and be whole.  Sets killed.
kill_after() {
    "$LVZHI" index -q -b 20 -d "$1" "$T/gen" 2>/dev/null &
    pid=$!
    sleep "$2"
    killed=0
    kill -9 "$pid" 2>/dev/null && killed=1
    wait "$pid" 2>/dev/null
    [ -d "$1" ] || return 0   # killed before the database was created
    "$LVZHI" check -q -d "$1" 2> "$T/check.log"
}

nkilled=0; bad_open=0; bad_final=0; k=0
run=1
while [ "$run" -le "$RUNS" ]; do
    db=$T/db$run
    # Two kills in a row: the second lands on a run resuming a killed one.
    for attempt in 1 2; do
        k=$((k + 1)); d=$(delay "$k")
        if ! kill_after "$db" "$d"; then
            bad_open=$((bad_open + 1))
            echo "# run $run kill $attempt at ${d}s: index not whole:"
            sed 's/^/#   /' "$T/check.log"
        fi
        nkilled=$((nkilled + killed))
    done
    "$LVZHI" index -q -b 20 -d "$db" "$T/gen" 2>/dev/null &&
        "$LVZHI" check -q --digest -d "$db" > "$T/got.digest" &&
        cmp -s "$T/ref.digest" "$T/got.digest" || {
            bad_final=$((bad_final + 1))
            echo "# run $run: final index differs from the uninterrupted one"
            diff "$T/ref.digest" "$T/got.digest" | head -5 | sed 's/^/#   /'
        }
    rm -rf "$db"
    run=$((run + 1))
done
echo "# $nkilled of $((2 * RUNS)) indexers were killed mid-run"
[ "$nkilled" -gt 0 ]; ok $? "indexers were killed mid-run ($nkilled)"
is "$bad_open" 0 "after every kill the index opens and each document is whole"
is "$bad_final" 0 "$RUNS re-runs end with the same documents and content"

# Searching while the indexer commits every 10 documents never fails.
DB=$T/ref
"$LVZHI" index -q -f -b 10 -d "$DB" "$T/gen" 2>/dev/null &
pid=$!
fails=0; runs=0
while kill -0 "$pid" 2>/dev/null && [ "$runs" -lt 300 ]; do
    "$LVZHI" search -d "$DB" --facets -n 5 委员 > /dev/null 2> "$T/err"
    st=$?; runs=$((runs + 1))
    [ "$st" -le 1 ] || { fails=$((fails + 1)); cat "$T/err" >&2; }
done
wait "$pid"
[ "$runs" -gt 0 ] && [ "$fails" -eq 0 ]
ok $? "$runs searches during a re-index: none failed ($fails)"
"$LVZHI" check -q --digest -d "$DB" > "$T/got.digest"
cmp -s "$T/ref.digest" "$T/got.digest"
ok $? "a forced re-index gives the same content"

# A second writer is told the index is locked.
"$LVZHI" index -q -f -b 5 -d "$DB" "$T/gen" 2>/dev/null &
pid=$!
sleep 0.3
"$LVZHI" index -q -d "$DB" corpus/seeds 2> "$T/lock.log"
st=$?
wait "$pid"
if grep -qi "lock" "$T/lock.log"; then
    is "$st" 3 "a second indexer exits 3"
    ok 0 "a second indexer says the database is locked"
else
    ok 0 "first indexer finished before the second started (# skip)"
    ok 0 "(# skip)"
fi
"$LVZHI" check -q -d "$DB"
ok $? "the index is whole after the two writers"

# A writer killed while it created the database leaves its lock and empty
# glass files but no iamglass: the index is whole and empty, and the next
# run creates it.  A directory holding other files is not touched.
mkdir -p "$T/unfinished" "$T/foreign"
: > "$T/unfinished/flintlock"; : > "$T/unfinished/postlist.glass"
printf 'x' > "$T/unfinished/v.tmp"
"$LVZHI" check -q -d "$T/unfinished"
ok $? "an index killed while created checks as whole and empty"
"$LVZHI" index -q -d "$T/unfinished" "$T/gen" 2>/dev/null
is "$("$LVZHI" search -d "$T/unfinished" -n 1 --format json '""' 2>/dev/null |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')" 300 \
   "and the next run creates it and indexes every page"
: > "$T/foreign/flintlock"; : > "$T/foreign/notes.txt"
"$LVZHI" index -q -d "$T/foreign" "$T/gen" > /dev/null 2>&1
[ -f "$T/foreign/notes.txt" ]; ok $? "a directory with other files keeps them"
done_testing
