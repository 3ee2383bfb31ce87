#!/bin/sh
# Output safety: documents whose titles and bodies hold markup, quotes,
# control characters, invalid UTF-8, spreadsheet formulas and RIS tags go
# through every output format (CLI text, JSON, CSV, Markdown, HTML, RIS;
# the web's pages, API and exports), and each format stays well formed
# with the hostile text escaped for its context.
. "$(dirname "$0")/lib.sh"
DB=$T/db
mkdir -p "$T/docs"
python3 - "$T/docs" <<'PY'
import os, sys
d = sys.argv[1]
evil = ('<script>alert(1)</script> "q" \'s\' &amp; <b onmouseover="x()">b</b> '
        '</textarea> \u2028 \x01\x07\x1b')
def page(title, body):
    return ("<html><head><meta charset='utf-8'><title>%s</title></head><body>"
            "<article><h1>%s</h1><p>%s</p><p>委员工作室 输出安全测试 第二段。</p>"
            "</article></body></html>" % (title, title, body)).encode("utf-8")
# markup and quotes (entity-escaped in the HTML, so they reach the text)
esc = evil.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
open(os.path.join(d, "markup.html"), "wb").write(
    page("输出安全测试 " + esc, "委员工作室 输出安全测试 " + esc * 3))
# spreadsheet formulas at the start of the title and body cells
open(os.path.join(d, "formula.txt"), "wb").write(
    "=HYPERLINK(\"http://x\",\"输出安全测试\")\n+1+1 输出安全测试 委员工作室\n"
    "-2 @SUM(A1) 委员工作室\n".encode("utf-8"))
# RIS tags and line breaks in the title, control characters in the body
open(os.path.join(d, "ris.txt"), "wb").write(
    "输出安全测试\rTY  - JOUR\nER  - \n委员工作室 \x00\x08 输出安全测试\n"
    .encode("utf-8"))
# invalid UTF-8 in the title and body
open(os.path.join(d, "bytes.html"), "wb").write(
    b"<html><head><meta charset='utf-8'><title>\xff\xfe \xe5\xa7 \xc0\xaf "
    b"\xe8\xbe\x93\xe5\x87\xba\xe5\xae\x89\xe5\x85\xa8\xe6\xb5\x8b\xe8\xaf\x95"
    b"</title></head><body><p>\xed\xa0\x80 \xe5\xa7\x94\xe5\x91\x98\xe5\xb7\xa5"
    b"\xe4\xbd\x9c\xe5\xae\xa4 \xe8\xbe\x93\xe5\x87\xba\xe5\xae\x89\xe5\x85\xa8"
    b"\xe6\xb5\x8b\xe8\xaf\x95 \xf8\x88\x80\x80\x80</p></body></html>")
PY
"$LVZHI" index -q -d "$DB" "$T/docs" 2> "$T/index.log"
ok $? "the hostile documents are indexed"
# The digest's cover names the filters and dates in words.
"$LVZHI" search -d "$DB" --format md --year 2024 --from 2024-01 '""' > "$T/cover.md" 2>/dev/null
grep -q "年份：2024；时间：2024-01 至 今" "$T/cover.md"; ok $? "filters and dates in words on the cover"
is "$(total 输出安全测试)" 4 "all four are found"
for f in text json csv md html ris; do
    "$LVZHI" search -d "$DB" -n 10 --format "$f" 输出安全测试 > "$T/cli.$f" 2>&1
    ok $? "lvzhi search --format $f"
done
start_server -q -d "$DB" -t 2
checks_from python3 - "$T" "$port" <<'PY'
import csv, io, json, re, sys, urllib.parse, urllib.request
T, port = sys.argv[1], int(sys.argv[2])
n = 0
def ok(c, d):
    global n
    n += 1
    print(("ok %d - %s" if c else "not ok %d - %s") % (n, d), flush=True)
def get(path):
    with urllib.request.urlopen("http://127.0.0.1:%d%s" % (port, path), timeout=20) as r:
        return r.read()
q = urllib.parse.quote("输出安全测试")
out = {f: open("%s/cli.%s" % (T, f), "rb").read() for f in
       ("text", "json", "csv", "md", "html", "ris")}
api = get("/api/search?q=%s&n=10" % q)
ids = [h["id"] for h in json.loads(api)["hits"]]
pages = {"search": get("/search?q=%s" % q),
         "compare": get("/compare?cities=%s&q=%s" % (urllib.parse.quote("兰州市,昆明市"), q))}
for i, d in enumerate(ids):
    pages["doc%d" % i] = get("/doc/%s?q=%s" % (d, q))
for f in ("csv", "json", "md", "html", "ris"):
    out["web." + f] = get("/export.%s?q=%s" % (f, q))
out["api"] = api
ctl = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
for name, b in list(out.items()) + list(pages.items()):
    try:
        b.decode("utf-8"); valid = True
    except UnicodeDecodeError:
        valid = False
    ok(valid, "%s is valid UTF-8" % name)
    ok(not ctl.search(b), "%s has no control characters" % name)
# HTML: the markup is text, never tags or attributes
for name in [k for k in pages] + ["html", "web.html"]:
    b = (pages.get(name) or out[name]).decode("utf-8", "replace")
    ok("<script" not in b and "onmouseover=" not in b.replace("onmouseover=&quot;", "")
       and "<b " not in b and "</textarea>" not in b,
       "%s: the documents' markup is not live" % name)
ok("&lt;script&gt;" in pages["search"].decode(), "search page shows the markup as text")
ok(any("&lt;script&gt;" in pages[k].decode() for k in pages if k.startswith("doc")),
   "the article page shows it as text too")
# JSON: parses, and < > & never appear raw (it may be embedded in HTML)
for name in ("json", "api", "web.json"):
    b = out[name].decode()
    try:
        json.loads(b); parsed = True
    except ValueError:
        parsed = False
    ok(parsed, "%s parses" % name)
    ok(not re.search(r"[<>&]", b), "%s has no raw < > &" % name)
    ok("\u2028" not in b, "%s escapes U+2028" % name)
# CSV: BOM, a rectangle, formulas defused
for name in ("csv", "web.csv"):
    b = out[name]
    ok(b.startswith(b"\xef\xbb\xbf"), "%s starts with the UTF-8 BOM" % name)
    rows = list(csv.reader(io.StringIO(b[3:].decode(), newline="")))
    ok(len(rows) >= 5 and len({len(r) for r in rows}) == 1,
       "%s: %d rows, all of one width" % (name, len(rows)))
    ok(all(not c or c[0] not in "=+-@" for r in rows[1:] for c in r),
       "%s: no cell starts with = + - @" % name)
# RIS: every line is a tag line; a title cannot start a record
for name in ("ris", "web.ris"):
    lines = out[name].decode().replace("\r\n", "\n").split("\n")
    ok(all(not l or re.match(r"^[A-Z][A-Z0-9]  - ", l) for l in lines),
       "%s: every line is a tag line" % name)
    ok(sum(1 for l in lines if l.startswith("TY  - ")) == 4
       and sum(1 for l in lines if l.startswith("ER  - ")) == 4,
       "%s: four records, no injected ones" % name)
# Markdown: no raw HTML, and each hit is one numbered item
for name in ("md", "web.md"):
    b = out[name].decode()
    text = re.sub(r"(?m)^ *> ", "", b)   # the digest's own quote marks
    ok(not re.search(r"(?<!\\)[<>&]", text), "%s: every < > & is escaped" % name)
    ok(len(re.findall(r"(?m)^\d+\. ", b)) == 4, "%s: four numbered items" % name)
    ok("检索词：" in b and "导出日期：" in b and "共 4 篇" in b,
       "%s: a cover with the query, the export date and the count" % name)
    ok(len(re.findall(r"引自：", b)) == 4, "%s: each item cites its source" % name)
print("1..%d" % n)
PY
done_testing
