#!/bin/sh
# lvzhi compact: the index is rewritten in place with the same documents
# (the digest does not change) and fewer bytes; a server reading it keeps
# answering and then reads the compacted copy (it sees what is indexed
# after); what a stopped run left is cleared by the next; a path with a
# trailing slash or through a symbolic link compacts the folder itself;
# a stub file, a missing index or a folder that holds none is refused
# with the reason, and such a folder is left as it was.
. "$(dirname "$0")/lib.sh"
DB=$T/db
mkdir -p "$T/p"
python3 "$PWD/corpus/tools/gen_corpus.py" -n 120 "$LVZHI_SEEDS" "$T/p" > /dev/null 2>&1
cp "$LVZHI_SEEDS"/* "$T/p/"
"$LVZHI" index -q -d "$DB" "$T/p" 2>/dev/null
ok $? "indexed the pages"
"$LVZHI" check -q -d "$DB" --digest > "$T/digest.before"
before=$(total 委员)
bytes_before=$(du -sb "$DB" | cut -f1)

start_server -d "$DB"
q=%E5%A7%94%E5%91%98   # 委员
curl -s "http://127.0.0.1:$port/api/search?q=$q" > "$T/s1"

"$LVZHI" compact -d "$DB" 2> "$T/log"
ok $? "lvzhi compact succeeds"
grep -q "documents, .* MB → .* MB" "$T/log"; ok $? "and says how much it saved: $(cat "$T/log")"
[ ! -e "$DB.compacting" ]; ok $? "nothing is left beside the index"
"$LVZHI" check -q -d "$DB" --digest > "$T/digest.after"
ok $? "the compacted index is whole"
cmp -s "$T/digest.before" "$T/digest.after"; ok $? "with the same documents (digest unchanged)"
is "$(total 委员)" "$before" "a search finds what it found before"
bytes_after=$(du -sb "$DB" | cut -f1)
[ "$bytes_after" -lt "$bytes_before" ]; ok $? "in fewer bytes ($bytes_before → $bytes_after)"

curl -s "http://127.0.0.1:$port/api/search?q=$q" > "$T/s2"
python3 -c 'import json,sys; a,b=(json.load(open(f)) for f in sys.argv[1:]); sys.exit(not (a["total"]==b["total"] and a["total"] > 0))' "$T/s1" "$T/s2"
ok $? "the server answers as before while and after the index is replaced"
printf '%s\n%s\n' "政协委员开展压缩后测试活动" "县政协委员来到社区，听取居民对压缩后新增页面的意见。" > "$T/p/added.txt"
"$LVZHI" index -q -d "$DB" "$T/p" 2>/dev/null
ok $? "indexing into the compacted index works"
curl -s "http://127.0.0.1:$port/api/search?q=%E5%8E%8B%E7%BC%A9%E5%90%8E" > "$T/s3"   # 压缩后
python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1]))["total"] != 1)' "$T/s3"
ok $? "the server reads the compacted index: it finds the page indexed after"
curl -s "http://127.0.0.1:$port/healthz" | grep -q "^ok"; ok $? "and stays healthy"

# A stopped run leaves half a copy beside the index.
mkdir "$DB.compacting"; : > "$DB.compacting/half"
"$LVZHI" compact -q -d "$DB" 2> "$T/log"
ok $? "what a stopped run left does not stop the next: $(cat "$T/log")"
[ ! -e "$DB.compacting" ] && [ "$(total 委员)" = "$((before + 1))" ]
ok $? "it is cleared, and the index is whole"
"$LVZHI" compact -q -d "$DB/" 2> "$T/log"
[ $? -eq 0 ] && [ ! -e "$DB/.compacting" ] && [ "$(total 委员)" = "$((before + 1))" ]
ok $? "a trailing slash compacts the folder itself: $(cat "$T/log")"
ln -s "$DB" "$T/link"
"$LVZHI" compact -q -d "$T/link" 2> "$T/log"
[ $? -eq 0 ] && [ -L "$T/link" ] && [ ! -e "$T/link.compacting" ] && [ "$(total 委员)" = "$((before + 1))" ]
ok $? "through a symbolic link: the folder it names, the link kept: $(cat "$T/log")"
mkdir -p "$T/docs"; printf 'keep me\n' > "$T/docs/notes.txt"
"$LVZHI" compact -d "$T/docs" 2> "$T/log"; st=$?
[ $st -eq 3 ] && grep -q "no index" "$T/log" && [ "$(cat "$T/docs/notes.txt")" = "keep me" ] && [ ! -e "$T/docs/iamglass" ]
ok $? "a folder without an index is refused and left as it was"

"$LVZHI" compact -d "$T/nowhere" 2> "$T/log"; st=$?
[ $st -eq 3 ] && grep -q "no index at" "$T/log"; ok $? "a missing index: exit 3 and why"
printf 'auto %s\n' "$DB" > "$T/one.stub"
"$LVZHI" compact -d "$T/one.stub" 2> "$T/log"; st=$?
[ $st -eq 3 ] && grep -q "compact each shard" "$T/log"; ok $? "a stub file: exit 3, compact each shard"
"$LVZHI" compact -d "$DB" extra 2> /dev/null; is "$?" 2 "an extra argument is a usage error"
"$LVZHI" compact --help | grep -q "Usage: lvzhi compact"; ok $? "--help"
done_testing
