#!/bin/sh
# The compare page's charts, on the bundled corpus: inline SVG that
# parses as XML, each with a caption, a title and a desc giving its
# numbers; articles per year on one axis in year order; sectors and
# platform kinds per city; counts that agree with a search's.  The search
# page's province map: every link a filter that finds what it says.
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

# The search page's map: the provinces, shaded, each with articles a
# link that is a valid province filter finding as many as it says.
curl -s "http://127.0.0.1:$port/?q=%E5%A7%94%E5%91%98" > "$T/s.html"
python3 - "$T/s.html" "http://127.0.0.1:$port" > "$T/map" <<'PY'
import html, json, re, sys, urllib.request, xml.dom.minidom
page = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<section class="map">.*?(<svg.*?</svg>)', page, re.S)
svg = m.group(1) if m else ""
try:
    xml.dom.minidom.parseString(svg)
    print("xml ok")
except Exception as e:
    print("xml", e)
print("shapes", len(re.findall(r"<path ", svg)))
links = re.findall(r'<a href="([^"]*)"><path [^>]*><title>([^：]*)：(\d+) 篇</title>', svg)
print("links", len(links))
good = 0
for href, name, n in links:
    url = sys.argv[2] + html.unescape(href).replace("/search?", "/api/search?", 1)
    d = json.load(urllib.request.urlopen(url))
    good += d["total"] == int(n) and "province=" in href
print("valid", good == len(links) and good > 0)
PY
sed 's/^/# /' "$T/map"
is "$(grep '^xml' "$T/map")" "xml ok" "the map is well-formed SVG"
shapes=$(grep '^shapes' "$T/map" | cut -d' ' -f2)
test "${shapes:-0}" -ge 31; ok $? "at least the 31 province-level shapes ($shapes)"
is "$(grep '^valid' "$T/map")" "valid True" "every map link is a province filter finding as many articles as it says"
kill $pid 2>/dev/null
done_testing
