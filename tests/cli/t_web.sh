#!/bin/sh
# lvzhi serve on loopback, checked with curl: pages, API, facets equal the
# CLI's, exports (bytes, BOM, CRLF), hostile input, methods, limits.
. "$(dirname "$0")/lib.sh"
DB=$T/db
"$LVZHI" index -q -d "$DB" corpus 2>/dev/null
start_server -d "$DB" -t 4
B=http://127.0.0.1:$port
enc() { python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$1"; }
code() { curl -s -o "$T/body" -w '%{http_code}' "$@"; }

is "$(code "$B/healthz")" 200 "/healthz answers 200"
grep -q "^ok 10 documents" "$T/body"; ok $? "/healthz counts the documents"
is "$(code "$B/")" 200 "/ answers 200"
is "$(code "$B/search?q=$(enc 委员工作室)")" 200 "search page 200"
grep -q "<mark>委員工作室</mark>" "$T/body"; ok $? "traditional original highlighted for a simplified query"
grep -q 'class="facet"' "$T/body"; ok $? "search page has a facet sidebar"
checks_from python3 - "$T/body" <<'PY'
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
tree = re.search(r'<section class="facet tree">(.*?)</section>', page, re.S)
nested = tree and re.search(r'甘肃省</a> <span>\d+</span><ul><li><a [^>]*>兰州市</a> <span>\d+</span><ul><li><a [^>]*>[^<]*区</a>', tree.group(1))
print(("ok" if nested else "not ok") + " - places form a tree: 甘肃省 > 兰州市 > its districts")
PY
grep -q "共 <b>4</b> 条结果" "$T/body"; ok $? "search page shows the total (articles: each seed's text and page are one)"
grep -q "另有 1 处转载" "$T/body"; ok $? "each hit says its other copy is a reprint"
is "$(code "$B/search?q=$(enc 委员工作室)&collapse=0")" 200 "collapse=0: 200"
grep -q "共 <b>8</b> 条结果" "$T/body"; ok $? "collapse=0 counts every copy"

# API equals the CLI, facets included.
code "$B/api/search?q=$(enc 政协)&city=$(enc 兰州市)" > /dev/null
"$LVZHI" search -d "$DB" --format json --facets --city 兰州市 政协 > "$T/cli.json"
checks_from python3 - "$T/body" "$T/cli.json" <<'PY'
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
print(("ok" if a["total"] == b["total"] and a["total"] > 0 else "not ok") + " - API total equals CLI total (%d)" % a["total"])
print(("ok" if a["facets"] == b["facets"] else "not ok") + " - API facet counts equal the CLI's")
print(("ok" if [h["id"] for h in a["hits"]] == [h["id"] for h in b["hits"]][:len(a["hits"])] else "not ok") + " - same hits in the same order")
PY

# Article page and similar articles.
id=$("$LVZHI" search -d "$DB" --format json 义诊 | python3 -c 'import json,sys;print(json.load(sys.stdin)["hits"][0]["id"])')
is "$(code "$B/doc/$id?q=$(enc 义诊)")" 200 "article page 200"
grep -q "<mark>義診</mark>\|<mark>义诊</mark>" "$T/body"; ok $? "article marks the query"
grep -q "相似文章" "$T/body"; ok $? "article lists similar articles"
# The whole clean text, never windows of it: every paragraph of the
# stored body appears whole in the page, the query marks removed; and
# each similar article has a snippet of some length.
checks_from python3 - "$T/body" <<'PY'
import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
art = re.search(r"<article>(.*?)</article>", page, re.S).group(1)
paras = [html.unescape(re.sub(r"</?mark>", "", p)) for p in re.findall(r"<p>(.*?)</p>", art, re.S)]
print(("ok" if paras and not any(p.startswith("…") or p.endswith("…") for p in paras) else "not ok") + " - article paragraphs are whole (no … windows)")
sim = re.search(r'<section class="similar">(.*?)</section>', page, re.S).group(1)
snips = [re.sub(r"<[^>]+>", "", s) for s in re.findall(r'<p class="snip">(.*?)</p>', sim, re.S)]
print(("ok" if snips and min(len(s) for s in snips) >= 20 else "not ok") + " - similar articles show real snippets (%s)" % [len(s) for s in snips])
PY
is "$(code "$B/doc/0123456789abcdef0123456789abcdef")" 404 "unknown article 404"
is "$(code "$B/compare?cities=$(enc 兰州市,昆明市)&q=$(enc 委员)")" 200 "compare page 200"
grep -q "兰州市" "$T/body" && grep -q "昆明市" "$T/body"; ok $? "compare page shows both cities"
# Short city names resolve through the gazetteer; a fifth city is refused
# with a message, not dropped silently.
is "$(code "$B/compare?cities=$(enc 兰州,昆明)&q=$(enc 委员)")" 200 "compare with short names 200"
is "$(grep -o '[0-9]* 篇' "$T/body" | head -2 | tr '\n' ' ')" "$(code "$B/compare?cities=$(enc 兰州市,昆明市)&q=$(enc 委员)" >/dev/null; grep -o '[0-9]* 篇' "$T/body" | head -2 | tr '\n' ' ')" "兰州,昆明 counts as 兰州市,昆明市"
is "$(code "$B/compare?cities=$(enc 兰州市,昆明市,宜昌市,昭通市，汉中市)")" 400 "five cities: 400"
grep -q "最多比较 4 个城市" "$T/body"; ok $? "saying at most four"
is "$(code "$B/compare?cities=$(enc 兰州市,昆明市,宜昌市,昭通市，)")" 200 "four and a trailing separator: 200"
# Found by fuzz_http: a byte-wise split of "，" and "、" cut 宜昌市 and 昭通市.
is "$(code "$B/compare?cities=$(enc 兰州市，宜昌市、昭通市)")" 200 "compare with full-width separators 200"
is "$(grep -o '<p class="count">[0-9]* 篇' "$T/body" | sed 's/.*>//' | tr '\n' ' ')" "1 篇 1 篇 1 篇 " "each of the three cities has its one article (two copies)"
python3 -c 'import sys; open(sys.argv[1],"rb").read().decode("utf-8")' "$T/body"
ok $? "and the page is valid UTF-8"
# Found by fuzz_http: 1000 invalid bytes become 3000 bytes of U+FFFD, over
# the 2000-byte limit, so the page's own links would be refused.
bad=$(python3 -c 'print("%FF" * 1000)')
is "$(code "$B/search?q=$(enc 委)&city=$bad")" 414 "a value over the limit once repaired is 414"
for route in "doc/0123456789abcdef0123456789abcdef" compare export.csv; do
    is "$(code "$B/$route?q=$bad")" 414 "/$route: a query over the limit is 414"
done
# Found by fuzz_http: a long error message was cut inside a character.
long=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("委" * 100))')
code "$B/search?from=$long" > /dev/null
python3 -c 'import sys; open(sys.argv[1],"rb").read().decode("utf-8")' "$T/body"
ok $? "a long error message is valid UTF-8"

# Exports.
is "$(code "$B/export.csv?q=$(enc 政协)")" 200 "CSV export 200"
head -c 3 "$T/body" | od -An -tx1 | grep -q "ef bb bf"; ok $? "CSV starts with the UTF-8 BOM"
checks_from python3 - "$T/body" <<'PY'
import csv, io, sys
raw = open(sys.argv[1], "rb").read()
text = raw.decode("utf-8-sig")
print(("ok" if b"\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n") else "not ok") + " - CSV lines end in CRLF")
rows = list(csv.reader(io.StringIO(text, newline="")))
print(("ok" if len(rows) == 6 and rows[0][1] == "标题" else "not ok") + " - CSV parses: header (in Chinese) + 5 rows, one per article (%d)" % len(rows))
col = rows[0].index("转载") if "转载" in rows[0] else -1
print(("ok" if col >= 0 and all(r[col] for r in rows[1:]) else "not ok") + " - each row names its reprint in the 转载 column")
PY
curl -s "$B/export.csv?q=$(enc 政协)&headers=en&text=full" > "$T/body"
checks_from python3 - "$T/body" <<'PY'
import csv, io, sys
rows = list(csv.reader(io.StringIO(open(sys.argv[1], "rb").read().decode("utf-8-sig"), newline="")))
ok = rows[0][:2] == ["no", "title"] and rows[0][-1] == "text" and len({len(r) for r in rows}) == 1
ok = ok and all(len(r[-1]) > len(r[-2]) for r in rows[1:])
print(("ok" if ok else "not ok") + " - headers=en&text=full: English header, a full-text column longer than the snippet")
PY
for f in json md html ris; do
    is "$(code "$B/export.$f?q=$(enc 政协)")" 200 "$f export 200"
done
grep -c "^TY  - NEWS" "$T/body" | grep -q "^5$"; ok $? "RIS has 5 records (articles)"
is "$(code "$B/export.xls")" 404 "unknown export format 404"

# Hostile input.
code "$B/search?q=$(enc '<script>alert(1)</script>')" > /dev/null
grep -q "<script>alert" "$T/body"; [ $? -ne 0 ]; ok $? "<script> in the query is escaped"
grep -q "&lt;script&gt;alert" "$T/body"; ok $? "and shown as text"
is "$(code "$B/search?q=%FF%FE%C3%28")" 200 "invalid UTF-8 in the query is answered"
python3 -c 'import sys; sys.stdout.buffer.write(open(sys.argv[1],"rb").read().decode("utf-8").encode())' "$T/body" > /dev/null 2>&1
ok $? "the page is valid UTF-8"
long=$(python3 -c 'print("委"*3000)')
is "$(code "$B/search?q=$(enc "$long")")" 414 "overlong query 414"
is "$(code "$B/search?q=nosuch:field")" 400 "bad query 400"
grep -q "unknown field" "$T/body"; ok $? "bad query page says why"
is "$(code --path-as-is "$B/../../etc/passwd")" 404 "path traversal 404"
is "$(code --path-as-is "$B/static/../../etc/passwd")" 404 "static path traversal 404"
is "$(code -X POST -d x=1 "$B/search")" 405 "POST 405"
is "$(code -X DELETE "$B/")" 405 "DELETE 405"
is "$(curl -s -o /dev/null -w '%{http_code}' -I "$B/search?q=x")" 200 "HEAD 200"
big=$(python3 -c 'print("a"*40000)')
c=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Big: $big" "$B/")
[ "$c" -ge 400 ]; ok $? "huge header refused ($c)"
curl -s -D "$T/h" -o /dev/null "$B/"
grep -qi "^content-security-policy: default-src 'none'" "$T/h"; ok $? "CSP header"
grep -qi "^x-content-type-options: nosniff" "$T/h"; ok $? "nosniff header"
is "$(code "$B/healthz")" 200 "still healthy after the hostile requests"
grep -q "GET /search 200" "$T/serve.log"; ok $? "access log has a line per request"
# The page cache: the same request at the same index revision is reused,
# a commit by the indexer invalidates it.
u="$B/search?q=$(enc 协商)&city=$(enc 宜昌市)"
curl -s -D "$T/h1" -o "$T/b1" "$u"; curl -s -D "$T/h2" -o "$T/b2" "$u"
grep -qi "^x-cache: miss" "$T/h1" && grep -qi "^x-cache: hit" "$T/h2"
ok $? "a repeated request is served from the page cache"
cmp -s "$T/b1" "$T/b2"; ok $? "and the cached page is the same page"
mkdir -p "$T/extra"; printf '宜昌市政协开展协商活动。新加的文章。\n' > "$T/extra/new.txt"
"$LVZHI" index -q -d "$DB" "$T/extra" 2>/dev/null
curl -s -D "$T/h3" -o "$T/b3" "$u"
grep -qi "^x-cache: miss" "$T/h3"; ok $? "a commit by the indexer invalidates the cache"
grep -q "共 <b>2</b> 条结果" "$T/b3"; ok $? "and the new document is found at once"
# The year facet reads oldest first; the undated article just added
# (new.txt has no date) is counted apart and linked to year=none.
curl -s "$B/search?q=$(enc 政协)" > "$T/years"
checks_from python3 - "$T/years" <<'PY'
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
bars = re.search(r'<ul class="bars">(.*?)</ul>', page, re.S)
years = re.findall(r">(\d{4})</(?:a|li)", bars.group(1)) if bars else []
print(("ok" if years and years == sorted(years) else "not ok") + " - year bars in year order (%s)" % ",".join(years))
m = re.search(r'year=none">未注明日期</a> <span>(\d+)</span>', page)
print(("ok" if m and int(m.group(1)) >= 1 else "not ok") + " - the undated are counted apart with a year=none link")
PY
# Any search as an Atom feed, named in the search page's head.
curl -s -D "$T/fh" "$B/feed.atom?q=$(enc 政协)" > "$T/feed"
grep -qi "^content-type: application/atom+xml" "$T/fh"; ok $? "the feed is served as Atom"
checks_from python3 - "$T/feed" "$(total --all 政协)" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"a": "http://www.w3.org/2005/Atom"}
root = ET.parse(sys.argv[1]).getroot()
entries = root.findall("a:entry", ns)
want = min(50, int(sys.argv[2]))
ok = root.tag == "{http://www.w3.org/2005/Atom}feed" and len(entries) == want
ok = ok and all(e.find("a:id", ns) is not None and e.find("a:title", ns) is not None
                and e.find("a:updated", ns) is not None for e in entries)
dates = [e.find("a:updated", ns).text for e in entries]
print(("ok" if ok else "not ok") + " - the feed parses as Atom: %d entries (%d hits), each with id, title, updated" % (len(entries), want))
PY
curl -s "$B/search?q=$(enc 政协)&city=$(enc 兰州市)" > "$T/withfeed"
grep -q '<link rel="alternate" type="application/atom+xml" title="Atom" href="/feed.atom?q=%E6%94%BF%E5%8D%8F&amp;city=%E5%85%B0%E5%B7%9E%E5%B8%82">' "$T/withfeed"
ok $? "the search page names its feed (the URL escaped once)"
curl -s "$B/feed.atom?q=$(enc 政协)&city=$(enc 兰州市)" | grep -q 'href="/search?q=%E6%94%BF%E5%8D%8F&amp;city=%E5%85%B0%E5%B7%9E%E5%B8%82"'
ok $? "the feed links its search page (escaped once)"
kill -TERM $pid; wait $pid; is "$?" 0 "SIGTERM stops the server cleanly"
done_testing
