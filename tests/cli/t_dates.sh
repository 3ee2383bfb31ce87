#!/bin/sh
# Pages as archives save them, end to end: a text file's header block gives
# the url, a byline or the URL gives the date (and says which), undated
# articles sort last both ways, a date range says how many it leaves out
# (CLI, JSON, web) and year:none lists them.  Invented pages.
. "$(dirname "$0")/lib.sh"
DB=$T/db
mkdir -p "$T/p"
# Three different reports (copies of one would be one article).
para1="某区政协组织委员走进社区委员工作站，听取居民对加装电梯的意见，委员们逐条记录并承诺跟进办理，一个月后回访居民。"
para2="入夏以来，镇上的委员工作站把协商会开到田间地头，农技专家和种粮大户围坐一起，商量灌溉水渠维修资金如何分摊。"
para3="委员工作站里来了几位退休教师，他们提出课后托管场地不足的问题，驻站委员当场联系教育部门，约定下周实地查看。"
printf 'URL: http://news.example.cn/zx/2021/0305/1.html\n首页 > 政协动态\n委员工作站听民声\n发布时间：2021-03-06 10:00 来源：某区融媒体中心\n%s\n' "$para1" > "$T/p/byline.txt"
printf 'URL: http://news.example.cn/zx/2022/0708/2.html\n委员工作站听民声续篇\n%s\n' "$para2" > "$T/p/urlonly.txt"
printf '委员工作站听民声又一篇\n%s\n' "$para3" > "$T/p/undated.txt"
"$LVZHI" index -q -d "$DB" "$T/p" 2>/dev/null
ok $? "indexed three pages"

"$LVZHI" search -d "$DB" --format json -n 10 委员工作站 > "$T/all.json"
checks_from python3 - "$T/all.json" <<'PY'
import json, sys
hits = {h["path"].rsplit("/", 1)[1]: h for h in json.load(open(sys.argv[1]))["hits"]}
def check(c, d): print(("ok" if c else "not ok") + " - " + d)
b, u, n = hits["byline.txt"], hits["urlonly.txt"], hits["undated.txt"]
check(b["url"] == "http://news.example.cn/zx/2021/0305/1.html", "URL: line becomes the url")
check(b["title"] == "委员工作站听民声", "the headline below the breadcrumb is the title (%s)" % b["title"])
check(b["date"] == "2021-03-06" and b["date_from"] == "page", "byline date beats the URL's, date_from page")
check(b["source"] == "某区融媒体中心", "byline source (%s)" % b["source"])
check(u["date"] == "2022-07-08" and u["date_from"] == "url", "URL date when no byline, date_from url")
check(n["date"] is None and n["date_from"] is None, "undated stays undated")
PY

order() { "$LVZHI" search -d "$DB" --format json "$@" 委员工作站 |
          python3 -c 'import json,sys; print(" ".join(h["path"].rsplit("/",1)[1] for h in json.load(sys.stdin)["hits"]))'; }
is "$(order --sort date)" "urlonly.txt byline.txt undated.txt" "newest first: undated last"
is "$(order --sort date-asc)" "byline.txt urlonly.txt undated.txt" "oldest first: undated last too"
is "$(order --year none)" "undated.txt" "--year none lists the undated"
is "$(order --sort date -- '-year:none')" "urlonly.txt byline.txt" "-year:none leaves them out"

"$LVZHI" search -d "$DB" --from 2022 委员工作站 > "$T/range.txt"
grep -q "1 more without a date" "$T/range.txt"; ok $? "a date range says how many undated it leaves out"
"$LVZHI" search -d "$DB" --format json --from 2022 委员工作站 > "$T/range.json"
is "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["total"], d["undated"])' "$T/range.json")" "1 1" "JSON: total 1, undated 1"
is "$(python3 -c 'import json,sys; print("undated" in json.load(open(sys.argv[1])))' "$T/all.json")" "False" "no undated count without a range"

start_server -q -d "$DB" -t 2
B=http://127.0.0.1:$port
curl -s "$B/search?q=%E5%A7%94%E5%91%98%E5%B7%A5%E4%BD%9C%E7%AB%99&from=2022" > "$T/page.html"
grep -q '1 篇未注明日期</a>' "$T/page.html"; ok $? "web: the range says 1 篇未注明日期"
link=$(python3 -c 'import re,sys,html; m=re.search(r"<p class=\"undated\">另有 <a href=\"([^\"]+)\"", open(sys.argv[1]).read()); print(html.unescape(m.group(1)) if m else "")' "$T/page.html")
curl -s "$B$link" > "$T/undated.html"
grep -q '共 <b>1</b> 条结果' "$T/undated.html" && grep -q '委员工作站听民声又一篇' "$T/undated.html"
ok $? "web: its link lists the undated article ($link)"
grep -q '未注明日期 ×' "$T/undated.html"; ok $? "web: the filter chip reads 未注明日期"
done_testing
