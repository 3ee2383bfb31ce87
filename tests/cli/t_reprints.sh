#!/bin/sh
# Reprints, end to end on reports written for the test: copies of one
# article (another site's page, the other script, cut to two thirds) are
# one hit listing the others; an article quoting two paragraphs is its
# own; a copy that links two others joins them and leaving splits them
# again; facets and totals count articles; --no-collapse shows every copy;
# lvzhi check verifies the clusters.
. "$(dirname "$0")/lib.sh"
DB=$T/db
mkdir -p "$T/p"
p1="春分刚过，城关镇的委员工作站就把协商桌搬到了老街口，十几位商户围坐一起。"
p2="大家最关心的是雨季排水，去年两场暴雨让沿街店铺进了水，损失不小。"
p3="驻站委员事先走访了住建部门，带来了排水管网改造的初步方案和时间表。"
p4="有商户提出施工期间生意怎么办，委员当场记下，承诺分段施工、错开节假日。"
p5="退休教师老周建议在改造时一并更换路灯，晚上出门的老人能更安心。"
p6="会后，工作站把意见整理成三条建议，报送县政协，由提案委员会跟踪办理。"
own="社区治理贵在日常。各地的做法不尽相同，有的设固定接待日，有的把会开到田间地头，有的借助网络平台收集意见，还有的邀请律师、医生、教师轮流驻站，群众有事随时能找到人。这些做法的共同点，是让委员离群众更近，让意见表达更顺畅，让问题解决更及时。"
page() {   # page FILE DATE SITE TITLE PARAGRAPH...
    f=$1 date=$2 site=$3 title=$4; shift 4
    { printf '<html><head><meta charset="utf-8"><title>%s - %s</title>' "$title" "$site"
      printf '<meta name="date" content="%s"></head><body>' "$date"
      printf '<div class="nav"><a href="/">%s首页</a> <a href="/a">时政</a> <a href="/b">社会</a></div>' "$site"
      printf '<h1>%s</h1><div class="info">%s 来源：%s</div><div class="content">' "$title" "$date" "$site"
      for para in "$@"; do printf '<p>%s</p>' "$para"; done
      printf '</div><div class="footer">版权所有 %s</div></body></html>\n' "$site"; } > "$T/p/$f"
}
# the two thirds first, the whole last: the whole joins them
page b_first.html 2024-04-02 县融媒 "老街口的协商桌" "$p1" "$p2" "$p3" "$p4"
page c_last.html 2024-04-03 市日报 "排水改造听民意" "$p3" "$p4" "$p5" "$p6"
page quote.html 2024-05-01 评论网 "社区治理贵在日常" "$own" "$p2" "$p3" "$own"
"$LVZHI" index -q -d "$DB" "$T/p" 2>/dev/null
is "$(total '')" 3 "two thirds from the start and from the end are not copies of each other"
page a_whole.html 2024-04-01 县政协网 "城关镇委员工作站把协商桌搬到老街口" "$p1" "$p2" "$p3" "$p4" "$p5" "$p6"
printf '城關鎮委員工作站把協商桌搬到老街口\n2024-04-05\n' > "$T/p/d_trad.txt"
printf '%s\n' "$p1" "$p2" "$p3" "$p4" "$p5" "$p6" |
    sed 's/城关镇/城關鎮/;s/委员/委員/g;s/协商/協商/g;s/商户/商戶/g;s/围坐/圍坐/;s/几/幾/' >> "$T/p/d_trad.txt"
"$LVZHI" index -q -d "$DB" "$T/p" 2>/dev/null
is "$(total --no-collapse '')" 5 "five documents"
is "$(total '')" 2 "two articles: the whole linked its two parts, the quote stands alone"
"$LVZHI" search -d "$DB" --format json --facets 排水 > "$T/r.json"
checks_from python3 - "$T/r.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
hits = d["hits"]
def ok(c, m): print(("ok" if c else "not ok") + " - " + m)
main = [h for h in hits if h["reprints"]]
ok(len(main) == 1 and len(main[0]["reprints"]) == 3,
   "one hit lists the three other copies (%s)" % [len(h["reprints"]) for h in hits])
if main:
    dates = [r["date"] for r in main[0]["reprints"]]
    ok(dates == sorted(dates), "copies listed earliest first (%s)" % dates)
    ok(all(r["path"] and r["title"] for r in main[0]["reprints"]), "each copy has its path and title")
ok(d["total"] == len(hits) == 2, "the total counts articles (%s)" % d["total"])
years = {v["value"]: v["count"] for v in d["facets"]["year"]}
ok(years.get("2024") == 2, "the year facet counts articles, not copies (%s)" % years)
PY
is "$(total --no-collapse 排水)" 5 "--no-collapse: every copy"
"$LVZHI" check -q -d "$DB"; ok $? "lvzhi check: the clusters hold"
# cut into docid ranges searched side by side, the copies of one article
# in different parts: the same articles, totals and facets
one() { "$LVZHI" search -d "$DB" --format json --facets -n 3 --threads 1 "$@" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"], [h["id"] for h in d["hits"]], d["facets"]["year"])'; }
split() { "$LVZHI" search -d "$DB" --split-min 1 --format json --facets -n 3 --threads 4 "$@" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"], [h["id"] for h in d["hits"]], d["facets"]["year"])'; }
is "$(split 排水)" "$(one 排水)" "a split search keeps one copy per article, as one part does"
is "$(split --offset 1 '')" "$(one --offset 1 '')" "and its second page too"

# leaving: without the whole, its two parts are two articles again
rm "$T/p/a_whole.html" "$T/p/d_trad.txt"
"$LVZHI" index -q -d "$DB" "$T/p" 2>/dev/null
is "$(total '')" 3 "the link deleted, its parts are split again"
"$LVZHI" check -q -d "$DB"; ok $? "lvzhi check after the split"

# the web: the result says how many reprints, the article lists them
page a_whole.html 2024-04-01 县政协网 "城关镇委员工作站把协商桌搬到老街口" "$p1" "$p2" "$p3" "$p4" "$p5" "$p6"
"$LVZHI" index -q -d "$DB" "$T/p" 2>/dev/null
start_server -q -d "$DB" -t 2
B=http://127.0.0.1:$port
curl -s "$B/search?q=%E6%8E%92%E6%B0%B4&sort=date-asc" > "$T/page.html"
grep -q '另有 2 处转载' "$T/page.html"; ok $? "web: the hit says 另有 2 处转载"
curl -s "$B/search?q=%E6%8E%92%E6%B0%B4&collapse=0" > "$T/all.html"
! grep -q '另有 2 处转载' "$T/all.html"; ok $? "web: collapse=0 lists every copy instead"
id=$("$LVZHI" search -d "$DB" --format json --sort date-asc 排水 | python3 -c 'import json,sys; print(json.load(sys.stdin)["hits"][0]["id"])')
curl -s "$B/doc/$id" > "$T/doc.html"
grep -q '转载' "$T/doc.html" && grep -q '县融媒' "$T/doc.html" && grep -q '市日报' "$T/doc.html"
ok $? "web: the article page lists its reprints with their sources"
done_testing
