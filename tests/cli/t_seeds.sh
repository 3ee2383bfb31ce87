#!/bin/sh
# The bundled corpus end to end: index, search in both scripts, noise gone,
# incremental re-run.
. "$(dirname "$0")/lib.sh"
DB=$T/db
CORPUS=${CORPUS:-corpus}

"$LVZHI" index -q -d "$DB" "$CORPUS" 2> "$T/index.log"
ok $? "lvzhi index corpus/ succeeds"
nfiles=$(find "$CORPUS/seeds" "$CORPUS/html" -type f \( -name '*.txt' -o -name '*.html' \) | wc -l)
is "$(total --no-collapse '')" "$nfiles" "every corpus file is a document"
# Each seed is shipped as text and as a page: two copies of one article.
is "$(total '')" 5 "the bundled corpus shows five articles"
"$LVZHI" search -d "$DB" -n 10 --format json '' | python3 -c '
import json, sys
hits = json.load(sys.stdin)["hits"]
pairs = sorted((h["path"].split("/")[-1].split(".")[0],
                [r["path"].split("/")[-1].split(".")[0] for r in h["reprints"]])
               for h in hits)
sys.exit(not all(r == [s] for s, r in pairs))'
ok $? "each article lists its other copy (the same seed) as a reprint"

simp=$(paths 委员工作室); trad=$(paths 委員工作室)
is "$trad" "$simp" "委员工作室 and 委員工作室 find the same documents"
[ -n "$simp" ]; ok $? "委员工作室 finds something"

for s in 000 001 002 003 004; do
    paths --no-collapse 政协 | grep "seeds/${s}_" >/dev/null; ok $? "政协 finds seed $s (text)"
    paths --no-collapse 政協 | grep "html/${s}_" >/dev/null; ok $? "政協 finds seed $s (html)"
done
paths --no-collapse 市政协 | grep -q "seeds/000_"; ok $? "市政协 finds 市政協 in seed 000"

for q in 哈巴河县 蜘蛛池 国产乱码 湖北省第十六届运动会 备案号; do
    "$LVZHI" search -d "$DB" "$q" > /dev/null 2>&1
    is "$?" 1 "'$q' (spam, related reading, chrome) finds nothing"
done

# Stored text: no pinyin notes, traditional stays traditional.
"$LVZHI" search -d "$DB" -n 100 --format json --no-collapse 委员工作室 > "$T/hits.json"
checks_from python3 - "$T/hits.json" <<'PY'
import json, re, sys
hits = json.load(open(sys.argv[1]))["hits"]
note = re.compile(r"[\u4e00-\u9fff][(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ][a-zü]*[)）]")
n = 1
def ok(c, d):
    global n
    print(("ok %d - %s" if c else "not ok %d - %s") % (n, d)); n += 1
ok(all(not note.search(h["snippet"] + h["title"]) for h in hits),
   "no pinyin note in any title or snippet")
trad = [h for h in hits if h["path"].endswith("002_12ddb5efa8792e64.txt")]
ok(trad and "委員工作" in trad[0]["snippet"], "seed 002 snippet is traditional (委員工作)")
ok(trad and "<mark>" in trad[0]["snippet_html"], "seed 002 snippet has a highlight")
PY

# Incremental: nothing new the second time.
"$LVZHI" index -d "$DB" "$CORPUS" 2> "$T/index2.log"
ok $? "second run succeeds"
grep -q "^lvzhi index: 0 indexed, $nfiles unchanged, 0 deleted, 0 failed" "$T/index2.log"
ok $? "second run indexes nothing new"

# A removed file is deleted, a changed one replaced.
cp -r "$CORPUS" "$T/c2"
"$LVZHI" index -q -d "$T/db2" "$T/c2" 2>/dev/null
rm "$T/c2/seeds/001_fd71167b4d90b068.txt"
printf '测试委员工作站独特标记词\n' >> "$T/c2/seeds/000_24dd3b9ff498e643.txt"
"$LVZHI" index -d "$T/db2" "$T/c2" 2> "$T/index3.log"
grep -q "1 indexed, $((nfiles - 2)) unchanged, 1 deleted" "$T/index3.log"
ok $? "changed file re-indexed, removed file deleted"
DB=$T/db2
is "$(total --no-collapse '')" "$((nfiles - 1))" "document count follows the folder"
is "$(total '')" 5 "a changed copy stays in its article; a removed one leaves its page alone"
"$LVZHI" check -q -d "$DB"; ok $? "the clusters check out after the change"
done_testing
