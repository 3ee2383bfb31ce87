#!/bin/sh
# The malformed-input set: each bad file gets a clear reason in the
# summary, every other file is still indexed, nothing printed is invalid
# UTF-8.
. "$(dirname "$0")/lib.sh"
DB=$T/db
M=$T/malformed
sh tests/fixtures/make_malformed.sh "$M" > /dev/null
ok $? "malformed set generated"

"$LVZHI" index -d "$DB" "$M" 2> "$T/log"
is "$?" 3 "exit status 3 when some files failed"
grep -q "^  failed: malformed/empty.html: .*empty" "$T/log"
ok $? "empty file: clear reason"
grep -q "^  failed: malformed/binary.html: " "$T/log"
ok $? "binary junk: failed with a reason"
grep -q "^  failed: malformed/blank.txt: .*empty" "$T/log"
ok $? "whitespace-only file: clear reason"

# Every file with real text is searchable by its marker (see README there).
while IFS='	' read -r file marker; do
    case "$file" in ''|'#'*) continue ;; esac
    paths "$marker" | grep -q "malformed/$file"
    ok $? "$file indexed and found by its marker '$marker'"
done < tests/fixtures/markers.tsv

"$LVZHI" search -d "$DB" -n 100 --format json --no-collapse "" > "$T/all.json"
checks_from python3 - "$T/all.json" "$T/log" <<'PY'
import json, sys
n = 1
def ok(c, d):
    global n
    print(("ok %d - %s" if c else "not ok %d - %s") % (n + 100, d)); n += 1
raw = open(sys.argv[1], "rb").read()
try:
    raw.decode("utf-8"); good = True
except UnicodeDecodeError:
    good = False
ok(good, "search output is valid UTF-8")
d = json.loads(raw)
long = [h for h in d["hits"] if h["path"].endswith("longtitle.html")]
ok(long and len(long[0]["title"].encode()) <= 620 and long[0]["title"].endswith("…"),
   "a long title is cut at a character boundary with …")
try:
    open(sys.argv[2], "rb").read().decode("utf-8"); good = True
except UnicodeDecodeError:
    good = False
ok(good, "the index summary is valid UTF-8")
PY
done_testing
