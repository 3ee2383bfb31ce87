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

# The same load on Xapian Omega's CGI behind lighttpd, over the omindex
# database of `make bench` (bench/out/omega.db), when there is one.
OMEGA_DB=${OMEGA_DB:-bench/out/omega.db}
if [ -d "$OMEGA_DB" ] && [ -x /usr/lib/cgi-bin/omega/omega ]; then
    command -v lighttpd >/dev/null ||
        { [ "$(id -u)" = 0 ] && apt-get install -y -q lighttpd >/dev/null; }
    W=$(mktemp -d)
    ddir=$(cd "$(dirname "$OMEGA_DB")" && pwd); dname=$(basename "$OMEGA_DB")
    mkdir -p "$W/www" "$W/log" "$W/cdb"
    printf 'database_dir %s\ntemplate_dir /usr/share/xapian-omega/templates\nlog_dir %s/log\ncdb_dir %s/cdb\n' \
        "$ddir" "$W" "$W" > "$W/omega.conf"
    oport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
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
    lighttpd -D -f "$W/lighttpd.conf" > "$W/stdout.log" 2>&1 &
    opid=$!
    sleep 1
    lua=$(mktemp)
    python3 - "$lua" "$dname" <<'PY'
import sys, urllib.parse
qs = [l.strip() for l in open("bench/queries.txt", encoding="utf-8") if l.strip() and not l.startswith("#")]
paths = ["/cgi-bin/omega?DB=%s&P=%s" % (sys.argv[2], urllib.parse.quote(q)) for q in qs]
with open(sys.argv[1], "w") as f:
    f.write("local paths = {%s}\n" % ",".join('"%s"' % p for p in paths))
    f.write("local i = 0\nrequest = function()\n  i = i % #paths + 1\n"
            "  return wrk.format(\"GET\", paths[i])\nend\n")
PY
    echo "== Omega CGI behind lighttpd, same queries, $CONN connections, $SECS s"
    wrk -t2 -c"$CONN" -d"${SECS}s" --latency -s "$lua" "http://127.0.0.1:$oport" | grep -E "Requests/sec|Latency|50%|90%|99%|Non-2xx|requests in"
    kill "$opid" 2>/dev/null
    rm -rf "$W" "$lua"
fi
