#!/bin/sh
# Every format end to end, on files tests/formats/make_files.py makes: a
# two-page PDF report (running header, page footers, closing date), a
# Word notice with a table, a gzipped crawl (a GBK page declared only in
# the HTTP header, a request, metadata, a 404 and an image), JSON Lines
# and GB18030 CSV exports with a bad row each, and broken files of each
# kind.  One article per page with its title, date, city and URL; nothing
# from skipped records or page furniture; each broken file named with its
# reason; a second run indexes nothing; members that leave are deleted.
. "$(dirname "$0")/lib.sh"
DB=$T/db
PY=/usr/bin/python3
if ! $PY -c 'import reportlab, docx' 2>/dev/null; then
    echo "not ok 1 - python3-reportlab and python3-docx are installed (make deps)"
    echo "1..1"; exit 1
fi
$PY tests/formats/make_files.py "$T/f"
"$LVZHI" index -q -d "$DB" "$T/f" 2> "$T/log"
is $? 3 "broken files make the run exit 3"
summary=$(cat "$T/log")
has() { grep -qF -- "$1" "$T/log"; ok $? "$2"; }
has "6 indexed" "six articles: the report, the notice, the crawl's page, two JSON Lines rows and a CSV row"
has "f/bomb.docx: word/document.xml is over 64 MB uncompressed (a zip bomb?)" "a zip bomb stops at the cap"
has "f/broken.docx: broken Word file" "a cut Word file is named"
has "f/truncated.pdf: broken PDF" "a truncated PDF is named"
has "f/locked.pdf: encrypted PDF" "an encrypted PDF is named"
has "f/scanned.pdf: no text (scanned?)" "a PDF without a text layer is not indexed empty"
has "f/old.doc: unsupported format" "a Word 97 file says it is not read"
has "f/export.jsonl: line 2: not valid JSON" "a bad JSON Lines row has its line number"
has "f/export.jsonl: line 5: no html, text or content field" "a row without text has its line number"
has "f/export.csv: line 4: no html, text or content field" "a CSV row is numbered by the line it starts on (a quoted field spans two)"
has "note: f/crawl.warc.gz: 1 request, 1 metadata record, 1 warcinfo record, 1 non-200 response, 1 non-HTML payload" "the crawl's skipped records are counted"

"$LVZHI" search -d "$DB" -n 50 --format json '' > "$T/all.json"
python3 - "$T/all.json" > "$T/rows" <<'PY'
import json, sys
for h in json.load(open(sys.argv[1]))["hits"]:
    print("\t".join([h["path"].split("/")[-1], h["title"], h.get("date") or "",
                     h.get("city") or "", h.get("url") or ""]))
PY
row() { grep -F "$1" "$T/rows" | sort | head -1; }
tab=$(printf '\t')
is "$(row report.pdf)" "report.pdf${tab}关于兰州市政协委员工作室建设情况的调研报告${tab}2024-12-18${tab}兰州市${tab}" \
   "PDF: title from the largest type (not the metadata's file name), date from the closing line"
is "$(row notice.docx)" "notice.docx${tab}关于开展委员工作站集中接待活动的通知${tab}2025-01-02${tab}昆明市${tab}" \
   "Word: title from the heading (not the core property), date from the closing line"
is "$(row crawl.warc.gz)" "crawl.warc.gz${tab}渝中区委员工作室开展院坝协商${tab}2025-02-27${tab}重庆市${tab}http://www.example-cppcc.cn/2025/0227/a1.html" \
   "crawl: the GBK page read by its HTTP header, URL from the target URI"
is "$(grep -c crawl.warc.gz "$T/rows")" 1 "crawl: one article; the 404 and the image are not"
is "$(row 宝鸡)" "export.jsonl${tab}宝鸡市委员工作站开展义诊进社区${tab}2024-06-12${tab}宝鸡市${tab}https://news.example.org/a/101" \
   "JSON Lines: fields as stated"
is "$(row 鄂尔多斯)" "export.jsonl${tab}鄂尔多斯：委员履职平台上线${tab}2024-07-03${tab}鄂尔多斯市${tab}https://news.example.org/a/102" \
   "JSON Lines: an html field and a Chinese date"
is "$(row export.csv)" "export.csv${tab}遵义市政协委员工作室调研乡村旅游${tab}2024-09-20${tab}遵义市${tab}https://zy.example.net/c/7" \
   "CSV in GB18030 with Chinese headers"
is "$(total 内部资料)" 0 "the PDF's running header is gone"
is "$(total 页面不存在)" 0 "nothing from the 404"
is "$(total 工作室规范运行)" 1 "lines joined without spaces between Han characters"
is "$(total 五华区华山街道委员工作站 医药卫生界委员)" 1 "the Word table's cells are text"
is "$(total type:pdf)" 1 "a type filter per format"
is "$(total --type docx '')" 1 "--type on the command line"
is "$(total --month 202412 '')" 1 "--month too (the report of 2024-12-18)"
"$LVZHI" search -d "$DB" --format csv --text=full type:pdf > "$T/pdf.csv"
grep -q -- "- 1 -" "$T/pdf.csv"; ok $((1 - $?)) "no page numbers in the text"
grep -q "^兰州市政协办公室" "$T/pdf.csv"; ok $? "the signature is its own paragraph"

"$LVZHI" search -d "$DB" --format json 每季度通报 > "$T/page.json"
grep -q '"page":2' "$T/page.json"; ok $? "a PDF passage names its page"
is "$("$LVZHI" search -d "$DB" 每季度通报 | grep -c '第2页: ')" 1 "the text output too"

# The original file, served by the article page's link; nothing outside
# the indexed folder, even through a link inside it.
ln -s /etc/passwd "$T/f/outside.txt"
"$LVZHI" index -q -d "$DB" "$T/f" 2>/dev/null
start_server -d "$DB"
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["hits"][0]["id"])' "$T/page.json")
curl -s "http://127.0.0.1:$port/doc/$id" > "$T/doc.html"
grep -q "href=\"/file/$id\">原文件（PDF）</a>" "$T/doc.html"; ok $? "the article page links its original"
curl -s -D "$T/h" -o "$T/got.pdf" "http://127.0.0.1:$port/file/$id"
cmp -s "$T/got.pdf" "$T/f/report.pdf"; ok $? "/file/ID serves the original's bytes"
grep -qi "^content-type: application/pdf" "$T/h"; ok $? "as application/pdf"
curl -s "http://127.0.0.1:$port/?q=每季度通报" | grep -q "href=\"/file/$id#page=2\">第2页</a>"
ok $? "a result links the PDF at the passage's page"
oid=$("$LVZHI" search -d "$DB" -n 50 --format json '' | python3 -c 'import json,sys; h=[x for x in json.load(sys.stdin)["hits"] if x["path"].endswith("outside.txt")]; print(h[0]["id"] if h else "none")')
test "$oid" != none; ok $? "the linked file was indexed (so the check below means something)"
is "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/file/$oid")" 404 "a link to a file outside the folder is not followed"
is "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/file/0123456789abcdef0123456789abcdef")" 404 "an unknown id is 404"
is "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/file/..%2f..%2fetc%2fpasswd")" 404 "a path is not an id"
kill $pid 2>/dev/null
rm "$T/f/outside.txt"

"$LVZHI" index -d "$DB" "$T/f" 2> "$T/log2"
grep -q "0 indexed, 5 unchanged, 1 deleted" "$T/log2"; ok $? "a second run indexes nothing (the link's page went) ($(head -1 "$T/log2"))"

# An export that loses a row, a crawl that goes: their articles go too.
head -1 "$T/f/export.jsonl" > "$T/f/x" && mv "$T/f/x" "$T/f/export.jsonl"
rm "$T/f/crawl.warc.gz"
"$LVZHI" index -d "$DB" "$T/f" 2> "$T/log3"
grep -q "0 indexed.*2 deleted\|1 indexed.*2 deleted" "$T/log3"; ok $? "a row and a crawl page deleted ($(head -1 "$T/log3"))"
is "$(total 鄂尔多斯)" 0 "the row that left is not found"
is "$(total 宝鸡)" 1 "the row that stayed is"
is "$(total 渝中区)" 0 "the crawl's page went with it"
"$LVZHI" index -f -d "$DB" "$T/f" 2> "$T/log4"
grep -q "^lvzhi index: 4 indexed, 0 unchanged, 0 deleted" "$T/log4"; ok $? "--force reads every file again and keeps every member ($(head -1 "$T/log4"))"
"$LVZHI" check -d "$DB" > "$T/check" 2>&1
ok $? "lvzhi check passes ($(tail -1 "$T/check"))"
done_testing
