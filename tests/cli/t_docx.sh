#!/bin/sh
# The Word digest (lvzhi search --format docx, /export.docx): a cover with
# the search in words, contents, a heading per article with its date,
# source and city, the URL as a link, the whole text (or the passages with
# --text=snippets), and a list of sources; Chinese fonts declared.
# Opened with python3-docx; converted with LibreOffice when it is there.
. "$(dirname "$0")/lib.sh"
DB=$T/db
PY=/usr/bin/python3
mkdir -p "$T/p"
# Three different reports (not copies of one another).
report() {   # N MONTH PLACE WHAT
    { printf '标题：兰州市%s政协委员工作室%s\n来源：兰州政协网\n日期：2024-0%s-15\n链接：https://lz.example.cn/a/%s.html\n\n' "$3" "$4" "$2" "$1"
      shift 4; printf '%s\n' "$@"; } > "$T/p/a$1.txt"
}
report 1 1 城关区 开展义诊 "城关区政协委员工作室组织医药卫生界委员开展义诊，为社区居民测量血压、讲解用药常识。" "第1篇的独有段落：工作室把每月第一个周六定为义诊日，预约电话张贴在社区公告栏。"
report 2 2 七里河区 义诊进农村 "七里河区的委员们带着便携设备来到西果园镇，义诊之外还给村医讲授慢病随访的方法。" "第2篇的独有段落：镇卫生院院长说，这样的培训比发资料管用，村医的问题当场就能问清。"
report 3 3 安宁区 协商群众看病难 "安宁区委员工作室围绕群众看病难召开协商会，邀请卫健部门负责人到场回应，会前委员们还开展了义诊。" "第3篇的独有段落：会上议定在高校周边增设一处便民门诊，由街道协调场地，年底前开诊。"
printf '标题：无关的天气预报\n\n明天晴转多云。\n' > "$T/p/weather.txt"
"$LVZHI" index -q -d "$DB" "$T/p" 2>/dev/null
"$LVZHI" search -d "$DB" --format docx --city 兰州市 义诊 > "$T/d.docx"
ok $? "lvzhi search --format docx"
$PY - "$T/d.docx" > "$T/out" 2>&1 <<'PY'
import sys, zipfile, docx
d = docx.Document(sys.argv[1])
paras = d.paragraphs
heads = [p.text for p in paras if p.style.name == "Heading 1"]
print("title", paras[0].style.name, paras[0].text)
print("cover", paras[1].text)
print("headings", len(heads))
print("first", heads[0] if heads else "")
texts = [p.text for p in paras]
print("facts", "2024-03-15 · 兰州政协网 · 兰州市" in texts)
print("url", "原文：https://lz.example.cn/a/3.html" in texts)
print("whole", sum("独有段落" in t for t in texts))
print("toc", sum(p.style.name == "toc 1" for p in paras))
print("sources", any(t.startswith("3. ") and t.endswith("https://lz.example.cn/a/3.html") for t in texts))
xml = zipfile.ZipFile(sys.argv[1]).read("word/styles.xml").decode()
print("fonts", 'w:eastAsia="宋体"' in xml and 'w:eastAsia="黑体"' in xml)
print("weather", any("天气" in t for t in texts))
PY
cat "$T/out" | sed 's/^/# /'
line() { grep "^$1 " "$T/out" | cut -d' ' -f2-; }
is "$(line title)" "Title 学习材料：义诊" "a title naming the query"
is "$(line cover)" "检索词：义诊；城市：兰州市" "the cover states the filters in words"
is "$(line headings)" 3 "one heading per article (contents and sources are not headings)"
line first | grep -q "^1\. 兰州市"; ok $? "headings numbered with the article's title"
is "$(line facts)" True "date, source and city under the heading"
is "$(line url)" True "the original URL"
is "$(line whole)" 3 "each article's whole text by default"
is "$(line toc)" 3 "contents list every article"
is "$(line sources)" True "a closing list of sources with URLs"
is "$(line fonts)" True "宋体 and 黑体 declared as East Asian fonts"
is "$(line weather)" False "only the result set"
"$LVZHI" search -d "$DB" --format docx --text=snippets 义诊 > "$T/s.docx"
$PY -c 'import sys, docx; print(sum(p.style.name == "Normal" for p in docx.Document(sys.argv[1]).paragraphs))' "$T/s.docx" > "$T/n"
is "$(cat "$T/n")" 6 "--text=snippets: one passage per article (and three sources)"

start_server -d "$DB"
curl -s -D "$T/h" -o "$T/w.docx" "http://127.0.0.1:$port/export.docx?q=%E4%B9%89%E8%AF%8A"
grep -qi "^content-type: application/vnd.openxmlformats-officedocument.wordprocessingml.document" "$T/h"
ok $? "/export.docx is served as a Word document"
grep -qi '^content-disposition: attachment; filename="lvzhi-export.docx"' "$T/h"; ok $? "as a download"
$PY -c 'import sys, docx; print(sum(p.style.name == "Heading 1" for p in docx.Document(sys.argv[1]).paragraphs))' "$T/w.docx" > "$T/n"
is "$(cat "$T/n")" 3 "the web's digest opens with its three headings"
curl -s "http://127.0.0.1:$port/?q=%E4%B9%89%E8%AF%8A" | grep -q 'href="/export.docx?q=%E4%B9%89%E8%AF%8A">Word 学习材料</a>'
ok $? "the search page links it"
kill $pid 2>/dev/null

if command -v soffice > /dev/null; then
    (cd "$T" && HOME="$T" timeout 120 soffice --headless --convert-to txt:Text d.docx > /dev/null 2>&1)
    grep -q "兰州市安宁区政协委员工作室协商群众看病难" "$T/d.txt" && grep -q "独有段落" "$T/d.txt"
    ok $? "LibreOffice converts it with its Chinese text"
else
    echo "# LibreOffice is not installed: the conversion check is skipped"
fi
done_testing
