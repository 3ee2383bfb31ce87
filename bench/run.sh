#!/bin/sh
# make bench: lvzhi against Xapian omindex on the same generated pages, in
# one run.  Env: BUILD (default build), BENCH_N (pages, default 20000),
# BENCH_OUT (default bench/out), BENCH_REPS (query repetitions, 20),
# BENCH_WEB (0: skip the web load), WEB_SECONDS (per web load, 10),
# BENCH_FORMATS (0: skip the PDF and crawl input), BENCH_SHARDS (0: skip
# the two-shard and remote-shard searches).
# Prints a report and writes it to $BENCH_OUT/report.md.
set -eu
BUILD=${BUILD:-build}
N=${BENCH_N:-20000}
OUT=${BENCH_OUT:-bench/out}
REPS=${BENCH_REPS:-20}
LVZHI=$BUILD/lvzhi
BENCH=$BUILD/bench/search_bench   # the query timer (bench/search_bench.c)
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
CORPUS=$OUT/corpus-$N
say() { echo "bench: $*" >&2; }

need=""
for p in xapian-omega xapian-tools time poppler-utils; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || need="$need $p"
done
if [ -n "$need" ]; then
    if [ "$(id -u)" = 0 ]; then
        say "installing$need"
        apt-get install -y -q $need > /dev/null 2>&1 ||
            { apt-get update -q > /dev/null 2>&1; apt-get install -y -q $need > /dev/null; }
    else
        say "missing Debian packages:$need"; exit 1
    fi
fi

if [ ! -d "$CORPUS" ]; then
    say "generating $N pages into $CORPUS"
    python3 corpus/tools/gen_corpus.py -n "$N" corpus/seeds "$CORPUS" > /dev/null
fi
files=$(find "$CORPUS" -type f -name '*.html' | wc -l)
bytes=$(find "$CORPUS" -type f -name '*.html' -printf '%s\n' | awk '{s+=$1} END{print s}')

measure() {   # name, command... → sets wall, rss (kB)
    name=$1; shift
    /usr/bin/time -f "%e %M" -o "$OUT/$name.time" "$@" > "$OUT/$name.out" 2> "$OUT/$name.err" ||
        { say "$name failed:"; tail -5 "$OUT/$name.err" >&2; exit 1; }
    wall=$(cut -d' ' -f1 "$OUT/$name.time"); rss=$(cut -d' ' -f2 "$OUT/$name.time")
}
rate() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }

say "lvzhi index ($files pages, $(rate "$bytes" 1000000) MB)"
rm -rf "$OUT/lvzhi.db"
measure lvzhi-index "$LVZHI" index -q -d "$OUT/lvzhi.db" "$CORPUS"
lv_wall=$wall; lv_rss=$rss
lv_size=$(du -sb "$OUT/lvzhi.db" | cut -f1)
measure lvzhi-reindex "$LVZHI" index -q -d "$OUT/lvzhi.db" "$CORPUS"
lv_re=$wall
say "lvzhi index without entity extraction (what entities cost)"
rm -rf "$OUT/lvzhi-noent.db"
measure lvzhi-noent "$LVZHI" index -q --no-entities -d "$OUT/lvzhi-noent.db" "$CORPUS"
ne_wall=$wall
rm -rf "$OUT/lvzhi-noent.db"
say "lvzhi index without finding reprints (what clustering costs)"
rm -rf "$OUT/lvzhi-norep.db"
measure lvzhi-norep "$LVZHI" index -q --no-reprints -d "$OUT/lvzhi-norep.db" "$CORPUS"
nr_wall=$wall
rm -rf "$OUT/lvzhi-norep.db"

say "omindex (XAPIAN_CJK_NGRAM=1, -s none) on the same pages"
rm -rf "$OUT/omega.db"
measure omindex env XAPIAN_CJK_NGRAM=1 omindex -s none --db "$OUT/omega.db" --url / "$CORPUS"
om_wall=$wall; om_rss=$rss
om_size=$(du -sb "$OUT/omega.db" | cut -f1)

say "query latency ($REPS runs per query, in process)"
"$BENCH" -d "$OUT/lvzhi.db" --threads 1 --reps "$REPS" --queries bench/queries.txt > "$OUT/lvzhi-queries.txt"
lv_q=$(awk '/^ALL/ { print $3, $4 }' "$OUT/lvzhi-queries.txt")
"$BENCH" -d "$OUT/lvzhi.db" --threads 1 --no-collapse --reps "$REPS" --queries bench/queries.txt > "$OUT/lvzhi-nocollapse.txt"
lv_nc=$(awk '/^ALL/ { print $3, $4 }' "$OUT/lvzhi-nocollapse.txt")
clusters=$("$LVZHI" check -d "$OUT/lvzhi.db" 2>&1 | sed -n 's/.*(\([0-9]*\) articles with reprints).*/\1/p')
"$BENCH" -d "$OUT/lvzhi.db" --threads 1 --facets --reps "$REPS" --queries bench/queries.txt > "$OUT/lvzhi-facets-1.txt"
lv_f1=$(awk '/^ALL/ { print $3, $4 }' "$OUT/lvzhi-facets-1.txt")
"$BENCH" -d "$OUT/lvzhi.db" --facets --reps "$REPS" --queries bench/queries.txt > "$OUT/lvzhi-facets.txt"
lv_f=$(awk '/^ALL/ { print $3, $4 }' "$OUT/lvzhi-facets.txt")
: > "$OUT/quest-queries.txt"
grep -v '^#' bench/queries.txt | while IFS= read -r q; do
    [ -n "$q" ] || continue
    t=$(XAPIAN_CJK_NGRAM=1 python3 bench/median_time.py -n "$REPS" -- quest -d "$OUT/omega.db" -f default,cjk_ngram -m 10 "$q")
    printf '%s\t%s\n' "$q" "$t" >> "$OUT/quest-queries.txt"
done

floor=""
if [ -f bench/text_floor.c ]; then
    cc -O2 -std=c11 -D_GNU_SOURCE -o "$OUT/text_floor" bench/text_floor.c "$BUILD/liblvzhi.a" \
        $(pkg-config --cflags --libs icu-uc icu-i18n) -lstdc++ -lpthread 2>/dev/null &&
        floor=$("$OUT/text_floor" corpus/seeds/*.txt)
fi

{
echo "# lvzhi bench ($(date -u +%Y-%m-%d), $(nproc) cores)"
echo
echo "Corpus: $files generated pages, $(rate "$bytes" 1000000) MB of HTML (corpus/tools/gen_corpus.py -n $N)."
echo
echo "| indexer | wall s | pages/s | MB/s | peak RSS MB | index MB | bytes/page |"
echo "|---|---|---|---|---|---|---|"
echo "| lvzhi | $lv_wall | $(rate "$files" "$lv_wall") | $(rate "$bytes" "$(awk -v w="$lv_wall" 'BEGIN{print w*1000000}')") | $((lv_rss / 1024)) | $((lv_size / 1048576)) | $((lv_size / files)) |"
echo "| omindex | $om_wall | $(rate "$files" "$om_wall") | $(rate "$bytes" "$(awk -v w="$om_wall" 'BEGIN{print w*1000000}')") | $((om_rss / 1024)) | $((om_size / 1048576)) | $((om_size / files)) |"
echo
echo "Throughput ratio lvzhi/omindex: $(rate "$om_wall" "$lv_wall")x; index size ratio: $(rate "$lv_size" "$om_size")x."
echo "Incremental re-run (nothing changed): $lv_re s."
echo "Without entity extraction: $ne_wall s, so entities add $(awk -v a="$lv_wall" -v b="$ne_wall" 'BEGIN { printf "%.0f", (a - b) / b * 100 }')% to indexing time."
echo "Without finding reprints: $nr_wall s, so clustering copies adds $(awk -v a="$lv_wall" -v b="$nr_wall" 'BEGIN { printf "%.0f", (a - b) / b * 100 }')% ($clusters articles with more than one copy)."
echo
echo "Query latency, lvzhi in process (exact totals, 10 hits with snippets), one thread: $lv_q"
echo "The same with every copy a hit (--no-collapse): $lv_nc"
echo "With every facet counted exactly, one thread: $lv_f1; a search split over $(nproc) threads: $lv_f"
echo
echo '```'
awk 'NR == FNR { split_t[FNR] = $(NF - 1) " " $NF; next }
     { print $0 "  |  split: " split_t[FNR] }' "$OUT/lvzhi-facets.txt" "$OUT/lvzhi-facets-1.txt"
echo '```'
echo
echo "Without facets, one thread:"
echo
echo '```'
cat "$OUT/lvzhi-queries.txt"
echo '```'
echo
echo "quest (omindex's database, whole process per query, median/p95 of $REPS):"
echo
echo '```'
cat "$OUT/quest-queries.txt"
echo '```'
if [ -n "$floor" ]; then
    echo; echo "Text pipeline floor (single core):"; echo; echo '```'; echo "$floor"; echo '```'
fi
} | tee "$OUT/report.md"

# PDF and crawl input (bench/formats.sh).
if [ "${BENCH_FORMATS:-1}" = 1 ]; then
    say "formats: a 50-page PDF, a crawl against the same pages as files"
    { echo; echo "Formats (bench/formats.sh):"; echo
      sh bench/formats.sh "$BUILD" "$CORPUS" "$OUT"
    } | tee -a "$OUT/report.md"
fi

# Two shards, locally and through xapian-tcpsrv (bench/shards.sh).
if [ "${BENCH_SHARDS:-1}" = 1 ]; then
    say "shards: two indexes as one, locally and remote"
    { echo; echo "Shards (bench/shards.sh):"; echo
      sh bench/shards.sh "$BUILD" "$CORPUS" "$OUT" "$REPS"
    } | tee -a "$OUT/report.md"
fi

# The web front end under wrk, and Omega's CGI under the same load.
if [ "${BENCH_WEB:-1}" = 1 ]; then
    say "web load (bench/web.sh, ${WEB_SECONDS:-10} s per load)"
    { echo; echo "Web load (bench/web.sh, 16 connections, ${WEB_SECONDS:-10} s each):"; echo
      OMEGA_DB="$OUT/omega.db" BUILD=$BUILD sh bench/web.sh "$OUT/lvzhi.db" "${WEB_SECONDS:-10}" 16 2>&1
    } | tee -a "$OUT/report.md"
fi
