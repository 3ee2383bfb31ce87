#!/bin/sh
# Shards: two indexes listed in a stub file search as one, locally and
# through Xapian's own server (xapian-tcpsrv) on loopback.  Totals and
# exact facet counts equal those of one index of the same pages (copies
# of an article counted once); through the servers every answer is
# byte for byte the local stub's.  A bad stub or a dead server is a
# clear error.
. "$(dirname "$0")/lib.sh"
python3 corpus/tools/gen_corpus.py -n 300 corpus/seeds "$T/gen" > /dev/null 2>&1
mkdir -p "$T/a/gen" "$T/b/gen" "$T/one/gen"
i=0
for f in "$T"/gen/000/*.html; do   # alternate pages between the shards
    i=$((i + 1))
    if [ $((i % 2)) -eq 0 ]; then cp "$f" "$T/a/gen/"; else cp "$f" "$T/b/gen/"; fi
    cp "$f" "$T/one/gen/"
done
cp -r corpus "$T/a/"; cp -r corpus "$T/one/"   # the seeds' copies, in one shard
"$LVZHI" index -q -d "$T/dba" "$T/a/gen" "$T/a/corpus" 2>/dev/null &&
"$LVZHI" index -q -d "$T/dbb" "$T/b/gen" 2>/dev/null &&
"$LVZHI" index -q -d "$T/dbone" "$T/one/gen" "$T/one/corpus" 2>/dev/null
ok $? "two shards and one index of the same pages"
"$LVZHI" check -d "$T/dba" > "$T/check" 2>&1
ok $? "lvzhi check passes on a shard"
grep -q "0 problems (5 articles with reprints)" "$T/check"; ok $? "the seeds' copies are clusters"

printf '# two shards\nauto dba\nglass %s/dbb\n' "$T" > "$T/local.stub"
cat > "$T/same.py" << 'EOF'
import json, subprocess, sys
lvzhi, a, b, mode = sys.argv[1:5]
queries = [l.strip() for l in open("bench/queries.txt") if l.strip() and not l.startswith("#")]
cases = [[q] for q in queries] + [[""], ["--city", "兰州市", "委员"], ["--no-collapse", "委员"],
         ["--sort", "date", "-n", "20", "政协"], ["--sort", "date-asc", "-n", "5", "-p", "2", ""],
         ["--sort", "date-asc", "-n", "30", "兰州"], ["-n", "7", "-p", "3", "委员"],
         ["-n", "4", "-p", "2", "兰州"], ["--year", "2024", "--sector", "医药卫生界", "政协"],
         ["兰州 政协委员工作站"], ["千站千室万名委员"]]
def run(db, args, facets):
    r = subprocess.run([lvzhi, "search", "-d", db, "--format", "json"]
                       + (["--facets", "--facet-top", "0"] if facets else []) + args,
                       capture_output=True, text=True)
    return r.stdout if r.returncode == 0 else "error: " + r.stderr
def exact(d):
    # Estimates (a total without facets, the partial matches' count) are
    # Xapian's guesses, which differ with the way the shards are reached.
    if not d.get("total_exact"): d.pop("total", None)
    d.pop("partial_total", None)
    return d
def counts(s, args):
    # Hits of equal rank may tie in another docid order: the page is
    # compared by what orders it (dates when sorted by date, else scores).
    d = exact(json.loads(s))
    by = "date" if "--sort" in args else "score"
    return (d.get("total"), d.get("facets"), d.get("facet_undated"),
            [h.get(by) if by == "date" else round(h["score"], 6) for h in d["hits"]])
bad = 0
for args in cases:
    for facets in (True, False):
        x, y = run(a, args, facets), run(b, args, facets)
        if not x.startswith("error") and not y.startswith("error"):
            if mode == "counts":
                x, y = counts(x, args), counts(y, args)
            else:
                x, y = exact(json.loads(x)), exact(json.loads(y))
        if x != y or (isinstance(x, str) and x.startswith("error")):
            bad += 1
            print("# differs:", args, facets, str(x)[:200], "|", str(y)[:200], file=sys.stderr)
print(2 * len(cases), bad)
EOF
set -- $(python3 "$T/same.py" "$LVZHI" "$T/dbone" "$T/local.stub" counts)
is "$2" 0 "a local stub of two shards: totals and facets equal one index's ($1 searches)"

"$LVZHI" search -d "$T/local.stub" --format json -n 3 委员工作站 > "$T/out" 2>&1
ok $? "the stub opens with -d"
grep -q '"total":' "$T/out"; ok $? "and answers in JSON"

"$LVZHI" index -q -d "$T/local.stub" "$T/one/gen" > /dev/null 2> "$T/err"
[ $? -ne 0 ] && grep -q "index into each shard's own folder" "$T/err"; ok $? "indexing into a stub is refused, saying why"
"$LVZHI" check -d "$T/local.stub" > /dev/null 2> "$T/err"
[ $? -ne 0 ] && grep -q "lists 2 shard" "$T/err"; ok $? "lvzhi check asks for one shard at a time"
printf 'remote\n' > "$T/bad.stub"
"$LVZHI" search -d "$T/bad.stub" 委员 > /dev/null 2> "$T/err"
[ $? -ne 0 ] && grep -q "names no shard" "$T/err"; ok $? "a stub line without a shard is an error that says so"
printf 'shard dba\n' > "$T/bad2.stub"
"$LVZHI" search -d "$T/bad2.stub" 委员 > /dev/null 2> "$T/err"
[ $? -ne 0 ] && grep -q "line 1 is of an unknown kind" "$T/err"; ok $? "an unknown stub line is an error naming it"

if ! command -v xapian-tcpsrv > /dev/null; then
    echo "# xapian-tcpsrv is not installed (Debian's xapian-tools): the remote checks are skipped"
    done_testing; exit
fi
. tools/shards.sh
serve_shards "$T/remote.stub" "$T/dba" "$T/dbb"
trap 'kill -9 $shard_pids 2>/dev/null; rm -rf "$T"' EXIT
set -- $(python3 "$T/same.py" "$LVZHI" "$T/local.stub" "$T/remote.stub" bytes)
is "$2" 0 "through two xapian-tcpsrv shards every answer is the local stub's ($1 searches)"
set -- $(python3 "$T/same.py" "$LVZHI" "$T/dbone" "$T/remote.stub" counts)
is "$2" 0 "and totals and facets equal one index's"

head -n 1 "$T/remote.stub" > "$T/one-remote.stub"
"$LVZHI" search -d "$T/one-remote.stub" --format json --facets --facet-top 0 -n 3 委员 > "$T/r1" 2>&1 &&
"$LVZHI" search -d "$T/dba" --format json --facets --facet-top 0 -n 3 委员 > "$T/l1" 2>&1 &&
python3 -c 'import json,sys; a,b=(json.load(open(f)) for f in sys.argv[1:]); sys.exit(not (a["total"]==b["total"] and a["facets"]==b["facets"]))' "$T/r1" "$T/l1"
ok $? "a stub of one remote shard searches through Xapian alone, as its index does"

start_server -d "$T/remote.stub"
trap 'kill $pid 2>/dev/null; kill -9 $shard_pids 2>/dev/null; rm -rf "$T"' EXIT
curl -s "http://127.0.0.1:$port/search?q=%E5%A7%94%E5%91%98&facets=1" > "$T/page"
grep -q "委员" "$T/page" && grep -q "城市" "$T/page"; ok $? "lvzhi serve searches the remote shards"

set -- $shard_pids
kill -9 "$2"; wait "$2" 2>/dev/null
"$LVZHI" search -d "$T/remote.stub" 委员 > /dev/null 2> "$T/err"
[ $? -ne 0 ] && [ -s "$T/err" ]; ok $? "a shard whose server is gone is an error, not a crash"
sed 's/^/# /' "$T/err" | head -2
done_testing
