#!/bin/sh
# The compare page's charts, on the bundled corpus: inline SVG that
# parses as XML, each with a caption, a title and a desc giving its
# numbers; articles per year on one axis in year order; sectors and
# platform kinds per city; counts that agree with a search's.
. "$(dirname "$0")/lib.sh"
DB=$T/db
"$LVZHI" index -q -d "$DB" corpus 2>/dev/null
start_server -d "$DB"
curl -s "http://127.0.0.1:$port/compare?cities=%E5%85%B0%E5%B7%9E%E5%B8%82,%E6%98%86%E6%98%8E%E5%B8%82" > "$T/c.html"
python3 - "$T/c.html" > "$T/out" <<'PY'
import re, sys, xml.dom.minidom
page = open(sys.argv[1], encoding="utf-8").read()
svgs = re.findall(r"<svg.*?</svg>", page, re.S)
print("charts", len(svgs))
ok = 0
for s in svgs:
    try:
        xml.dom.minidom.parseString(s)
        ok += 1
    except Exception as e:
        print("bad", e)
print("parse", ok)
print("captions", len(re.findall(r"<figcaption>", page)))
descs = [re.search(r"<desc[^>]*>(.*?)</desc>", s, re.S).group(1) for s in svgs if "<desc" in s]
print("years", descs[0] if descs else "")
labels = re.findall(r'text-anchor="middle">(\d{4})</text>', svgs[0]) if svgs else []
print("order", labels == sorted(labels) and len(labels) > 0)
print("kinds", "委员工作室" in (descs[2] if len(descs) > 2 else ""))
PY
sed 's/^/# /' "$T/out"
line() { grep "^$1 " "$T/out" | cut -d' ' -f2-; }
is "$(line charts)" 3 "three charts: years, sectors, platform kinds"
is "$(line parse)" 3 "each is well-formed XML"
is "$(line captions)" 3 "each has a visible caption"
years=$(line years)
lz=$(total --city 兰州市 year:2024)
echo "$years" | grep -q "兰州市：2024年 $lz 篇"; ok $? "the desc's count for 兰州市 2024 is the search's ($lz)"
is "$(line order)" True "years in year order"
is "$(line kinds)" True "platform kinds from the workstation names"
kill $pid 2>/dev/null
[ "$nfail" -eq 0 ]
