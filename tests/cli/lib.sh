# lib.sh - TAP helpers for the CLI tests (sourced).
# $LVZHI is the binary; every test gets a fresh $T work folder.
set -u
: "${LVZHI:=$PWD/build/lvzhi}"
T=$(mktemp -d "${TMPDIR:-/tmp}/lvzhi-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
n=0; nfail=0

ok() {   # ok CONDITION-STATUS DESCRIPTION
    n=$((n + 1))
    if [ "$1" -eq 0 ]; then echo "ok $n - $2"
    else echo "not ok $n - $2"; nfail=$((nfail + 1)); fi
}

# check DESCRIPTION COMMAND... : ok if the command succeeds
check() { d=$1; shift; "$@" >/dev/null 2>&1; ok $? "$d"; }

# is GOT WANT DESCRIPTION
is() {
    if [ "$1" = "$2" ]; then ok 0 "$3"
    else ok 1 "$3"; echo "#   got  '$1'"; echo "#   want '$2'"; fi
}

# ids QUERY... : sorted document ids (paths) matching, one per line
paths() { "$LVZHI" search -d "$DB" -n 1000 --format json "$@" 2>/dev/null |
          python3 -c 'import json,sys
d=json.load(sys.stdin)
print("\n".join(sorted(h["path"] for h in d["hits"])))'; }

total() { "$LVZHI" search -d "$DB" -n 1 --format json "$@" 2>/dev/null |
          python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }

# start_server OPTION... : `lvzhi serve OPTION...` on a free loopback port,
# stderr to $T/serve.log; sets $port and $pid, stops it on exit, and
# returns once /healthz answers (10 s at most).
start_server() {
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    "$LVZHI" serve "$@" --port "$port" 2> "$T/serve.log" &
    pid=$!
    trap 'kill $pid 2>/dev/null; rm -rf "$T"' EXIT
    i=0
    while ! curl -s -o /dev/null "http://127.0.0.1:$port/healthz"; do
        i=$((i + 1)); [ $i -lt 100 ] || break; sleep 0.1
    done
}

# checks_from COMMAND... : run COMMAND (a Python block, say) and count the
# checks it prints as this test's own: its "ok" and "not ok" lines,
# numbered or not, are numbered on from ours and its plan is dropped, for
# prove reads one numbering and one plan per test.  Other lines pass
# through; COMMAND failing without a failing check is one.  Its output
# shows once it ends.  Returns COMMAND's status.
checks_from() {
    "$@" > "$T/checks_from.tap"
    cf_status=$?
    cf_nfail=$nfail
    while IFS= read -r cf_line || [ -n "$cf_line" ]; do
        case $cf_line in
            "not ok"|"not ok "*) cf_bad=1; cf_d=${cf_line#not ok} ;;
            ok|"ok "*) cf_bad=0; cf_d=${cf_line#ok} ;;
            1..*) continue ;;
            *) printf '%s\n' "$cf_line"; continue ;;
        esac
        cf_d=${cf_d# }
        cf_d=${cf_d#"${cf_d%%[!0-9]*}"}   # its number
        cf_d=${cf_d# }
        ok "$cf_bad" "${cf_d#- }"
    done < "$T/checks_from.tap"
    [ "$cf_status" -eq 0 ] || [ "$nfail" -gt "$cf_nfail" ] ||
        ok 1 "$1 exited with status $cf_status"
    return "$cf_status"
}

done_testing() { echo "1..$n"; [ "$nfail" -eq 0 ]; }
