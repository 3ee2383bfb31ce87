#!/bin/sh
# Facets: exact counts equal a brute-force count over the whole match set,
# filters combine (OR within a field, AND across), and city:蘭州市 folds.
. "$(dirname "$0")/lib.sh"
DB=$T/db
python3 corpus/tools/gen_corpus.py -n 400 --seed 7 corpus/seeds "$T/gen" > /dev/null 2>&1
"$LVZHI" index -q -d "$DB" "$T/gen" corpus 2>/dev/null
ok $? "indexed a generated corpus and the seeds"

for q in 委员工作室 政协 ""; do
    "$LVZHI" search -d "$DB" --format json --facet-top 0 -n 1000 "$q" > "$T/f.json"
    "$LVZHI" search -d "$DB" --format json --facet-top 0 -n 1000 --no-collapse "$q" > "$T/all.json"
    checks_from python3 - "$T/f.json" "$q" "$T/all.json" <<'PY'
import json, sys, collections
d = json.load(open(sys.argv[1])); q = sys.argv[2]
every = json.load(open(sys.argv[3]))["hits"]
hits = d["hits"]
# Brute force from the stored records of every matching document: an
# article (the copies sharing a cluster) counts once under each value any
# of its copies holds.
articles = collections.defaultdict(lambda: collections.defaultdict(set))
for h in every:
    a = articles[h["cluster"] or h["id"]]
    if h["city"]:
        a["city"].add(h["city"])
    a["sector"].update(h["sectors"])
    if h["date"]:
        a["year"].add(h["date"][:4])
ok = d["total"] == len(hits) == len(articles)
want = {f: collections.Counter(v for a in articles.values() for v in a[f])
        for f in ("city", "sector", "year")}
bad = []
for field, counter in want.items():
    got = {v["value"]: v["count"] for v in d["facets"][field]}
    for value in set(got) | set(counter):
        if got.get(value) != counter.get(value):
            bad.append("%s=%s: facet %s, records %s" % (field, value, got.get(value), counter.get(value)))
print("%sok - '%s': %d hits, facet counts equal the brute-force count%s"
      % ("" if ok and not bad else "not ", q, len(hits), "" if not bad else "\n#   " + "\n#   ".join(bad[:5])))
PY
done

# Each facet count equals the total of the same search filtered on it.
"$LVZHI" search -d "$DB" --format json --facets -n 1 委员 > "$T/f.json"
python3 - "$T/f.json" > "$T/pairs" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for field in ("city", "sector", "brand", "workstation"):
    for v in d["facets"][field][:3]:
        print("%s\t%s\t%d" % (field, v["value"], v["count"]))
PY
while IFS='	' read -r field value count; do
    is "$(total --"$field"="$value" 委员)" "$count" "facet $field=$value ($count) equals the filtered total"
done < "$T/pairs"

c1=$(total --city=兰州市 ""); c2=$(total --city=昆明市 "")
is "$(total --city=兰州市 --city=昆明市 "")" "$((c1 + c2))" "two values of one field are ORed"
both=$(total --city=兰州市 --year=2025 "")
[ "$both" -le "$c1" ]; ok $? "two fields are ANDed ($both <= $c1)"
is "$(total 'city:蘭州市' "")" "$c1" "city:蘭州市 in the query equals --city=兰州市"
# A query naming a city offers it as a filter (not when already filtered).
sug() { "$LVZHI" search -d "$DB" --format json --facets "$@" | python3 -c 'import json,sys
print(",".join(f["value"] for f in json.load(sys.stdin).get("suggested_filters", [])))'; }
is "$(sug "兰州 委员工作室")" "兰州市" "兰州 委员工作室 offers city 兰州市"
is "$(sug --city 兰州市 "兰州 委员工作室")" "" "no offer when the city is filtered already"
is "$(sug "委员工作室")" "" "no offer when the query names no city"

# A part that is a place's name also finds the articles placed there.
exp() { "$LVZHI" search -d "$DB" --format json -n 1 "$@" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"], ",".join(d.get("expanded", [])))'; }
with=$(exp "兰州 委员工作室"); without=$(exp --no-expand "兰州 委员工作室")
is "${with#* }" "兰州市" "兰州 is widened to 兰州市 (expanded)"
is "${without#* }" "" "--no-expand: as text only"
[ "${with%% *}" -ge "${without%% *}" ] && [ "${with%% *}" -ge "$(total --all --city 兰州市 委员工作室)" ]
ok $? "widened, it finds at least the text matches and the city's ($with / $without)"

# A sector by one of its names finds the articles of the sector.
sec=$(exp "医卫界别"); sect=$(exp --no-expand "医卫界别")
is "${sec#* }" "医药卫生界" "医卫界别 is widened to the sector 医药卫生界"
[ "${sec%% *}" -ge "$(total --all --sector 医药卫生界 '""')" ] && [ "${sec%% *}" -ge "${sect%% *}" ]
ok $? "finding every article of the sector and every text match ($sec / $sect)"

# A platform type written with 政协 before 委员 also finds it without.
mkdir -p "$T/types"
printf '标题: 镇里开了委员之家\n\n镇政协联络组在文化站设委员之家，委员每周轮流接待群众。\n' > "$T/types/a.txt"
printf '标题: 政协委员之家揭牌\n\n县里第一个政协委员之家今天揭牌，委员在这里听取意见。\n' > "$T/types/b.txt"
"$LVZHI" index -q -d "$T/tdb" "$T/types" 2>/dev/null
texp() { "$LVZHI" search -d "$T/tdb" --format json -n 1 "$@" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"], ",".join(d.get("expanded", [])))'; }
is "$(texp 政协委员之家)" "2 委员之家" "政协委员之家 is widened to 委员之家"
is "$(texp --no-expand --all 政协委员之家)" "1 " "--no-expand --all: as written only"
is "$(texp 星火政协委员之家)" "0 星火委员之家" "a name found nowhere is widened too, and still finds nothing"
"$LVZHI" search -d "$T/tdb" 政协委员之家 | grep -qx '(also searched: articles that say 委员之家; --no-expand: as text only)'
ok $? "the text output says the other wording is a wording, not a place"

# A practice's other words: 巡诊 for 义诊 (both ways); 看病 asks for 义诊
# (one way: 义诊 does not find 看病难).
mkdir -p "$T/syn"
printf '标题: 委员下乡义诊\n\n卫生界委员到村里义诊，为老人量血压。\n' > "$T/syn/yizhen.txt"
printf '标题: 医生委员巡诊\n\n几位医生委员到山区巡诊，走了五个村。\n' > "$T/syn/xunzhen.txt"
printf '标题: 关于缓解看病难的提案\n\n委员建议增加社区医生，缓解看病难。\n' > "$T/syn/kanbing.txt"
"$LVZHI" index -q -d "$T/sdb" "$T/syn" 2>/dev/null
sorder() { "$LVZHI" search -d "$T/sdb" --format json "$@" | python3 -c 'import json,sys; d=json.load(sys.stdin)
print(" ".join(h["path"].rsplit("/",1)[1][:-4] for h in d["hits"]), ",".join(d.get("reworded", [])))'; }
is "$(sorder 义诊)" "yizhen xunzhen 巡诊,送医送药,健康咨询" "义诊 finds 巡诊 too, after itself, and says so (reworded)"
is "$(sorder 巡诊)" "xunzhen yizhen 义诊,送医送药,健康咨询" "and 巡诊 finds 义诊"
is "$(sorder 看病)" "kanbing yizhen xunzhen 义诊,巡诊,送医送药" "看病: as written first, then the practice it asks for"
is "$(sorder --no-expand 义诊)" "yizhen " "--no-expand: as written only"
is "$(sorder 看病难)" "kanbing " "only a whole part widens (看病难 is a topic)"
stotal() { "$LVZHI" search -d "$T/sdb" --format json "$@" | python3 -c 'import json,sys; d=json.load(sys.stdin)
print(d["total"], ",".join(d.get("reworded", [])))'; }
is "$(stotal 义诊 巡诊)" "0 送医送药,健康咨询" "two parts of one group stay two parts (neither widens to the other; each other word once)"
is "$(stotal -- 义诊 -巡诊)" "1 送医送药,健康咨询" "an excluded word is not searched as another word for a part"

# Place filters take the short forms people write, through the gazetteer.
is "$(total --city 兰州 政协)" "$(total --city 兰州市 政协)" "--city 兰州 is --city 兰州市"
is "$(total 'city:蘭州 政协')" "$(total --city 兰州市 政协)" "city:蘭州 (traditional, short) too"
is "$(total --province 甘肃 政协)" "$(total --province 甘肃省 政协)" "--province 甘肃 is 甘肃省"
"$LVZHI" search -d "$DB" --county 朝阳 政协 > /dev/null 2> "$T/amb.err"
is "$?" 3 "an ambiguous short form is an error"
grep -q "朝阳区, 朝阳县" "$T/amb.err"; ok $? "naming the choices ($(cat "$T/amb.err"))"
"$LVZHI" search -d "$DB" --city 火星 政协 > /dev/null 2> "$T/none.err"
is "$?" 3 "a place the gazetteer lacks is an error, not a silent 0"
grep -q "火星" "$T/none.err"; ok $? "naming the value"

# A workstation filter takes the name alone as well as city·name.
"$LVZHI" search -d "$DB" --format json --facets -n 1 '""' > "$T/ws.json"
key=$(python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
print(next(v["value"] for v in d["facets"]["workstation"] if "·" in v["value"]))' "$T/ws.json")
"$LVZHI" search -d "$DB" --format json -n 1000 '""' > "$T/all.json"
want=$(python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
print(sum(sys.argv[2] in h["workstations"] for h in d["hits"]))' "$T/all.json" "${key#*·}")
is "$(total --workstation "${key#*·}" '""')" "$want" \
   "--workstation ${key#*·} finds it in every city ($want pages)"
[ "$want" -ge "$(total --workstation "$key" '""')" ]
ok $? "... at least the pages of $key"

# Pages off the topic (no 政协, no platform) are counted apart and can be
# left out; every page is one or the other.
printf '标题: 秋粮丰收\n\n今年全县水稻喜获丰收，农民忙着收割晾晒。\n' > "$T/offtopic.txt"
"$LVZHI" index -q -d "$DB" "$T/offtopic.txt" 2>/dev/null
on=$(total --topic on '""'); off=$(total --topic off '""'); all=$(total '""')
[ "$off" -ge 1 ] && [ $((on + off)) -eq "$all" ]
ok $? "--topic on ($on) and off ($off) split every page ($all)"
is "$(paths --topic off 秋粮 | sed 's|.*/||')" "offtopic.txt" "the harvest note is off the topic"
"$LVZHI" search -d "$DB" --topic maybe '""' > /dev/null 2> "$T/topic.err"
is "$?" 3 "an unknown topic value is an error"
done_testing
