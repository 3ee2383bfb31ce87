#!/bin/sh
# bench/web.sh DB [SECONDS] [CONNECTIONS] - load on `lvzhi serve` with wrk
# (Debian package) over loopback: search pages with exact facets, rotating
# through bench/queries.txt.  NO_CACHE=1 runs the server without its page
# cache (every request searches).  Prints requests/s, latency percentiles
# and the server's peak RSS.
set -eu
DB=${1:?usage: web.sh DB [SECONDS] [CONNECTIONS]}
SECS=${2:-10}
CONN=${3:-16}
BUILD=${BUILD:-build}
command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -q wrk >/dev/null; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BUILD/lvzhi" serve -q ${NO_CACHE:+--no-cache} -d "$DB" --port "$port" &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
sleep 0.5
lua=$(mktemp)
# Rotate through the fixed query set, so caches do not flatter us.
python3 - "$lua" <<'PY'
import sys, urllib.parse
qs = [l.strip() for l in open("bench/queries.txt", encoding="utf-8") if l.strip() and not l.startswith("#")]
paths = ["/search?q=" + urllib.parse.quote(q) for q in qs]
with open(sys.argv[1], "w") as f:
    f.write("local paths = {%s}\n" % ",".join('"%s"' % p for p in paths))
    f.write("local i = 0\nrequest = function()\n  i = i % #paths + 1\n"
            "  return wrk.format(\"GET\", paths[i])\nend\n")
PY
echo "== search pages with facets, $CONN connections, $SECS s"
wrk -t2 -c"$CONN" -d"${SECS}s" --latency -s "$lua" "http://127.0.0.1:$port" | grep -E "Requests/sec|Latency|50%|90%|99%|Non-2xx|requests in"
echo "server peak RSS: $(grep VmHWM /proc/$pid/status | awk '{print $2, $3}')"
rm -f "$lua"
