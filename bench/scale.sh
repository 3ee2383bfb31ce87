#!/bin/sh
# make bench-scale: lvzhi on a large generated archive, in one run.
# Env: BUILD (default build), BENCH_SCALE_N (pages, default 1000000),
# BENCH_OUT (default bench/out), BENCH_REPS (query repetitions, 20),
# SCALE_THREADS (server threads for the memory reading, 8).
#
# It generates the pages (corpus/tools/gen_corpus.py; kept for the next
# run), indexes them and reports pages/s over time (the indexer's own
# progress lines, every 10 s), peak RSS, the index's size before and after
# lvzhi compact, the bench queries with every facet on one thread (median,
# p95, p99) and lvzhi serve's resident memory after facet searches on all
# its threads.  A million pages take hours and some 60 GB of disk; the
# report goes to $BENCH_OUT/scale-N.md.
set -eu
BUILD=${BUILD:-build}
N=${BENCH_SCALE_N:-1000000}
OUT=${BENCH_OUT:-bench/out}
REPS=${BENCH_REPS:-20}
THREADS=${SCALE_THREADS:-8}
LVZHI=$BUILD/lvzhi
BENCH=$BUILD/bench/search_bench
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
CORPUS=$OUT/corpus-$N
DB=$OUT/scale-$N.db
REPORT=$OUT/scale-$N.md
say() { echo "bench-scale: $*" >&2; }

if [ ! -f "$CORPUS.done" ]; then
    say "generating $N pages into $CORPUS"
    rm -rf "$CORPUS"
    python3 corpus/tools/gen_corpus.py -n "$N" corpus/seeds "$CORPUS" >&2
    : > "$CORPUS.done"
fi
bytes=$(du -sb "$CORPUS" | cut -f1)

say "indexing (progress every 10 s in $OUT/scale-index.log)"
rm -rf "$DB"
# Not a terminal: lvzhi index prints "D/T files, R files/s" every 10 s.
/usr/bin/time -f "%e %M" -o "$OUT/scale-time" \
    "$LVZHI" index -d "$DB" "$CORPUS" 2> "$OUT/scale-index.log"
read -r wall rss < "$OUT/scale-time"
size=$(du -sb "$DB" | cut -f1)

say "compacting"
/usr/bin/time -f "%e" -o "$OUT/scale-compact-time" \
    "$LVZHI" compact -q -d "$DB"
compact_wall=$(cat "$OUT/scale-compact-time")
compacted=$(du -sb "$DB" | cut -f1)

say "queries ($REPS runs each, every facet, one thread)"
"$BENCH" -d "$DB" --threads 1 --facets --reps "$REPS" \
    --queries bench/queries.txt > "$OUT/scale-queries.txt"
q=$(awk '/^ALL/ { sub("median_ms=", "", $3); sub("p95_ms=", "", $4);
                  sub("p99_ms=", "", $5); print $3, $4, $5 }' \
        "$OUT/scale-queries.txt")

say "server memory ($THREADS threads, facet searches on every one)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$LVZHI" serve -q -d "$DB" --port "$port" --threads "$THREADS" 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
i=0
while ! curl -s -o /dev/null "http://127.0.0.1:$port/healthz"; do
    i=$((i + 1)); [ $i -lt 600 ] || break; sleep 0.5
done
python3 - "$port" "$THREADS" <<'PY'
import concurrent.futures, sys, urllib.parse, urllib.request
port, threads = sys.argv[1], int(sys.argv[2])
qs = [l.strip() for l in open("bench/queries.txt")
      if l.strip() and not l.startswith("#")]
# a page size per round: no request is answered from the page cache
urls = ["http://127.0.0.1:%s/api/search?facets=1&n=%d&q=%s"
        % (port, k, urllib.parse.quote(q)) for k in range(1, threads + 1)
        for q in qs]
with concurrent.futures.ThreadPoolExecutor(threads) as ex:
    list(ex.map(lambda u: urllib.request.urlopen(u, timeout=600).read(), urls))
PY
srv_rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status")
kill "$pid"
wait "$pid" 2>/dev/null || true
trap - EXIT

{
    echo "# lvzhi at scale: $N generated pages ($(date -u +%Y-%m-%d))"
    echo
    echo "$(nproc) CPUs.  Pages: $((bytes / 1000000)) MB."
    echo
    echo "| measure | value |"
    echo "|---|---|"
    awk -v n="$N" -v w="$wall" 'BEGIN { printf "| indexing | %.0f s, %.0f pages/s |\n", w, n / w }'
    echo "| indexing peak RSS | $((rss / 1024)) MB |"
    echo "| index | $((size / 1000000)) MB, $((size / N)) bytes a page |"
    echo "| after lvzhi compact (${compact_wall} s) | $((compacted / 1000000)) MB, $((compacted / N)) bytes a page |"
    echo "$q" | awk '{ printf "| bench queries, every facet, 1 thread | median %s ms, p95 %s ms, p99 %s ms |\n", $1, $2, $3 }'
    echo "| lvzhi serve, $THREADS threads, after facet searches | $((srv_rss / 1024)) MB resident |"
    echo
    echo "Pages per second over time (the indexer's progress lines):"
    echo
    echo '```'
    grep 'files/s' "$OUT/scale-index.log" | sed 's/^lvzhi index: //'
    echo '```'
    echo
    echo "Per query (median, p95, p99 ms):"
    echo
    echo '```'
    cat "$OUT/scale-queries.txt"
    echo '```'
} > "$REPORT"
cat "$REPORT"
