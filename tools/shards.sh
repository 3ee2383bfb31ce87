# tools/shards.sh - sourced by the shard test and bench: serve indexes
# with Xapian's xapian-tcpsrv on loopback.
#
# serve_shards STUB DB... : one server per DB on a free loopback port,
# each waited for (10 s at most); STUB lists them ("remote 127.0.0.1:P");
# $shard_pids holds their pids.  A server stops only on SIGKILL when
# started from a shell without job control: kill -9 $shard_pids.
serve_shards() {
    stub=$1; shift
    : > "$stub"
    shard_pids=""
    for db in "$@"; do
        p=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
        xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$p" "$db" > /dev/null 2>&1 &
        shard_pids="$shard_pids $!"
        i=0
        until python3 -c "import socket; socket.create_connection(('127.0.0.1',$p),1)" 2>/dev/null; do
            i=$((i + 1)); [ $i -lt 100 ] || break; sleep 0.1
        done
        echo "remote 127.0.0.1:$p" >> "$stub"
    done
}
