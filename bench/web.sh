#!/bin/sh
# bench/web.sh DB [SECONDS] [CONNECTIONS] - wrk (Debian package) on loopback
# against `lvzhi serve`: search pages with exact facets.  Loads, each for
# SECONDS with CONNECTIONS connections:
#   repeated   the bench/queries.txt set in rotation (the page cache on, as
#              served by default)
#   no-cache   the same with --no-cache: every request searches
#   fresh      distinct requests (query x city filter x sort x page, 6,000
#              URLs, shuffled): every one a page-cache miss; the match
#              cache replays the 15 texts
# Each server gets 3 s of the rotation first (warm-up, not measured).
#   omega      `repeated` on Xapian Omega's CGI behind lighttpd over
#              OMEGA_DB (default bench/out/omega.db), when it exists
# MEM_SECONDS=N adds an N-second `fresh` run sampling the server's RSS
# every second (memory flatness).  Prints a table with ratios to Omega.
set -eu
DB=${1:?usage: web.sh DB [SECONDS] [CONNECTIONS]}
SECS=${2:-10}
CONN=${3:-16}
BUILD=${BUILD:-build}
MEM_SECONDS=${MEM_SECONDS:-0}
OMEGA_DB=${OMEGA_DB:-bench/out/omega.db}
W=$(mktemp -d)
trap 'kill $(cat "$W"/*.pid 2>/dev/null) 2>/dev/null; rm -rf "$W"' EXIT
for p in wrk lighttpd; do
    command -v $p > /dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -q $p > /dev/null; }
done
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The URL lists (one path per line) and the wrk script that walks one.
python3 - "$W" <<'PY'
import random, sys, urllib.parse
w = sys.argv[1]
qs = [l.strip() for l in open("bench/queries.txt", encoding="utf-8")
      if l.strip() and not l.startswith("#")]
open(w + "/repeated.txt", "w").write(
    "".join("/search?q=%s\n" % urllib.parse.quote(q) for q in qs))
cities = ["", "兰州市", "昆明市", "宜昌市", "汉中市", "昭通市", "武汉市", "荆门市",
          "北京市", "成都市"]
paths = ["/search?q=%s%s%s&page=%d" % (urllib.parse.quote(q),
         "&city=" + urllib.parse.quote(c) if c else "", s, p)
         for q in qs for c in cities for s in ("", "&sort=date")
         for p in range(1, 21)]
random.Random(7).shuffle(paths)
open(w + "/fresh.txt", "w").write("".join(p + "\n" for p in paths))
open(w + "/walk.lua", "w").write('''
local paths = {}
for line in io.lines(os.getenv("URLS")) do paths[#paths + 1] = line end
local prefix = os.getenv("PREFIX") or ""
local i = 0
init = function(args) i = tonumber(os.getenv("START") or "0") end
request = function()
  i = i % #paths + 1
  return wrk.format("GET", prefix .. paths[i])
end
''')
PY

# load NAME PORT URLS [PREFIX]: one wrk run; appends "NAME rps p50 p99" to
# the table (latencies in ms).
load() {
    URLS=$3 PREFIX=${4:-} wrk -t2 -c"$CONN" -d"${SECS}s" --latency -s "$W/walk.lua" \
        "http://127.0.0.1:$2" > "$W/$1.wrk"
    awk -v name="$1" '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
                         if (v ~ /s$/) return v * 1000; return v }
        /Requests\/sec/ { rps = $2 }
        $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
        /Non-2xx/ { bad = $NF }
        END { printf "%s %.1f %.2f %.2f %s\n", name, rps, p50, p99, bad + 0 }' \
        "$W/$1.wrk" >> "$W/table"
}

serve() {   # serve NAME [OPTION]: start lvzhi serve, wait for it
    port=$(free_port)
    "$BUILD/lvzhi" serve -q ${2:-} -d "$DB" --port "$port" 2> "$W/$1.log" &
    echo $! > "$W/$1.pid"
    i=0
    while ! curl -s -o /dev/null "http://127.0.0.1:$port/healthz"; do
        i=$((i + 1)); [ $i -lt 100 ] || { echo "server did not start" >&2; exit 1; }; sleep 0.1
    done
}
stop() { kill "$(cat "$W/$1.pid")"; wait "$(cat "$W/$1.pid")" 2>/dev/null || true; rm -f "$W/$1.pid"; }
rss_kb() { awk '/VmRSS/ { print $2 }' "/proc/$1/status"; }

: > "$W/table"
echo "bench/web.sh: $("$BUILD/lvzhi" search -d "$DB" -n 1 --format json '' | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])') documents, $CONN connections, $SECS s per load" >&2
# warm PORT URLS [PREFIX]: 3 s of the rotation first, so that the loads
# measure a running server, not its first requests (the first request of
# each query is a plain search; bench/run.sh measures those in process).
warm() {
    URLS=$2 PREFIX=${3:-} wrk -t2 -c"$CONN" -d3s -s "$W/walk.lua" "http://127.0.0.1:$1" > /dev/null
}
serve cached
warm "$port" "$W/repeated.txt"
load repeated "$port" "$W/repeated.txt"
load fresh "$port" "$W/fresh.txt"
pid=$(cat "$W/cached.pid")
echo "server RSS after the loads: $(rss_kb "$pid") kB, peak $(awk '/VmHWM/ { print $2 }' /proc/$pid/status) kB" >&2
if [ "$MEM_SECONDS" -gt 0 ]; then
    echo "memory: $MEM_SECONDS s of fresh requests, RSS every second" >&2
    SECS_SAVED=$SECS; SECS=$MEM_SECONDS
    ( while kill -0 "$pid" 2>/dev/null; do rss_kb "$pid"; sleep 1; done ) > "$W/rss" &
    sampler=$!
    START=3000 load memory "$port" "$W/fresh.txt"
    kill $sampler 2>/dev/null || true
    SECS=$SECS_SAVED
    awk 'NR == 1 { first = $1 } { last = $1; if ($1 > max) max = $1; if (min == "" || $1 < min) min = $1; n++ }
         NR <= 60 { f60 = $1 }
         END { printf "memory: %d samples, RSS min %d kB, max %d kB, at 60 s %d kB, at the end %d kB\n",
               n, min, max, f60, last }' "$W/rss" >&2
fi
stop cached
serve nocache --no-cache
warm "$port" "$W/repeated.txt"
load no-cache "$port" "$W/repeated.txt"
stop nocache

# The same load on Omega's CGI behind lighttpd, over the omindex database.
if [ -d "$OMEGA_DB" ] && [ -x /usr/lib/cgi-bin/omega/omega ]; then
    ddir=$(cd "$(dirname "$OMEGA_DB")" && pwd); dname=$(basename "$OMEGA_DB")
    mkdir -p "$W/www" "$W/olog" "$W/cdb"
    printf 'database_dir %s\ntemplate_dir /usr/share/xapian-omega/templates\nlog_dir %s/olog\ncdb_dir %s/cdb\n' \
        "$ddir" "$W" "$W" > "$W/omega.conf"
    oport=$(free_port)
    cat > "$W/lighttpd.conf" <<CONF
server.modules = ("mod_cgi", "mod_setenv", "mod_alias")
server.document-root = "$W/www"
server.bind = "127.0.0.1"
server.port = $oport
server.errorlog = "$W/error.log"
server.max-connections = 256
alias.url = ("/cgi-bin/omega" => "/usr/lib/cgi-bin/omega/omega")
cgi.assign = ("" => "")
setenv.add-environment = ("OMEGA_CONFIG_FILE" => "$W/omega.conf", "XAPIAN_CJK_NGRAM" => "1")
CONF
    lighttpd -D -f "$W/lighttpd.conf" > "$W/lighttpd.out" 2>&1 &
    echo $! > "$W/omega.pid"
    sleep 1
    sed 's|^/search?q=|P=|' "$W/repeated.txt" > "$W/omega.txt"
    warm "$oport" "$W/omega.txt" "/cgi-bin/omega?DB=$dname&"
    load omega "$oport" "$W/omega.txt" "/cgi-bin/omega?DB=$dname&"
    stop omega
fi

echo
echo "| load | requests/s | p50 ms | p99 ms | non-2xx | throughput vs Omega | p99 vs Omega |"
echo "|---|---|---|---|---|---|---|"
awk 'NR == FNR { if ($1 == "omega") { orps = $2; op99 = $4 } next }
     { r = orps > 0 ? sprintf("%.1fx", $2 / orps) : "-"
       q = orps > 0 && $4 > 0 ? sprintf("%.2fx", $4 / op99) : "-"
       printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, r, q }' \
    "$W/table" "$W/table"
