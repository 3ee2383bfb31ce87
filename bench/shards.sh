#!/bin/sh
# bench/shards.sh BUILD CORPUS OUT REPS: the generated pages as two
# shards (even and odd folders), searched through a local stub and through
# two xapian-tcpsrv servers on loopback, against the one index run.sh
# built ($OUT/lvzhi.db).  Prints a Markdown section: the bench queries
# with every facet on one thread (median and p95), the time shards add,
# and whether totals and facet counts equal the one index's.
set -eu
BUILD=$1 CORPUS=$2 OUT=$3 REPS=$4
LVZHI=$BUILD/lvzhi
BENCH=$BUILD/bench/search_bench   # the query timer (bench/search_bench.c)
say() { echo "bench: $*" >&2; }

even="" odd=""
for d in "$CORPUS"/*/; do
    n=$(basename "$d")
    case $n in *[02468]) even="$even $d" ;; *) odd="$odd $d" ;; esac
done
rm -rf "$OUT/shard-a.db" "$OUT/shard-b.db"
say "two shards: even folders, odd folders"
# shellcheck disable=SC2086
"$LVZHI" index -q -d "$OUT/shard-a.db" $even
# shellcheck disable=SC2086
"$LVZHI" index -q -d "$OUT/shard-b.db" $odd
printf 'auto shard-a.db\nauto shard-b.db\n' > "$OUT/local.stub"

. tools/shards.sh
serve_shards "$OUT/remote.stub" "$OUT/shard-a.db" "$OUT/shard-b.db"
trap 'kill -9 $shard_pids 2>/dev/null' EXIT

q() {   # q DB → "median p95" of the bench queries with every facet
    "$BENCH" -d "$1" --threads 1 --facets --reps "$REPS" \
        --queries bench/queries.txt > "$OUT/shards-$2.txt"
    awk '/^ALL/ { sub("median_ms=", "", $3); sub("p95_ms=", "", $4); print $3, $4 }' \
        "$OUT/shards-$2.txt"
}
say "queries: one index, a local stub, two remote shards"
one=$(q "$OUT/lvzhi.db" one)
loc=$(q "$OUT/local.stub" local)
rem=$(q "$OUT/remote.stub" remote)

# Totals and facets, per query, against the one index: with every copy a
# hit (documents) and as articles (copies in different shards are not
# known as copies: shards built apart cluster on their own).
same() {   # same EXTRA-OPTION... → "equal of all"
    python3 - "$LVZHI" "$OUT/lvzhi.db" "$OUT/remote.stub" "$@" << 'EOF'
import json, subprocess, sys
lvzhi, one, rem, extra = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
qs = [l.strip() for l in open("bench/queries.txt") if l.strip() and not l.startswith("#")] + [""]
def counts(db, q):
    r = subprocess.run([lvzhi, "search", "-d", db, "--format", "json", "--facets",
                        "--facet-top", "0", "-n", "1"] + extra + [q], capture_output=True, text=True)
    d = json.loads(r.stdout)
    return d["total"], d.get("facets"), d.get("facet_undated")
print(sum(counts(one, q) == counts(rem, q) for q in qs), len(qs))
EOF
}
set -- $(same --no-collapse); docs="$1 of $2"
set -- $(same); arts="$1 of $2"

ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f", b - a }'; }
set -- $one; o50=$1 o95=$2
set -- $rem; r50=$1 r95=$2
echo "| bench queries, every facet, 1 thread | median ms | p95 ms |"
echo "|---|---|---|"
row() { echo "| $1 | $2 | $3 |"; }
row "one index" $one
row "local stub, 2 shards" $loc
row "2 xapian-tcpsrv shards on loopback" $rem
echo
echo "Remote shards add $(ms "$o50" "$r50") ms at the median and $(ms "$o95" "$r95") ms at p95."
echo "Totals and facet counts equal to the one index's: $docs queries counting documents (--no-collapse), $arts counting articles (shards built apart do not know copies held by another shard)."
