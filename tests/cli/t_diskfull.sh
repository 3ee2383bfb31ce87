#!/bin/sh
# Disk full: the indexer stops with a clear message, the index keeps its
# last commit (it opens, every document is whole) and a re-run once there
# is room completes it with the same content as an undisturbed run.
# Two ways: a file-size limit (ulimit -f, EFBIG on write; works anywhere)
# and, as root where mounting is allowed, a real 1.5 MB tmpfs (ENOSPC).
. "$(dirname "$0")/lib.sh"
python3 corpus/tools/gen_corpus.py -n 150 corpus/seeds "$T/gen" > /dev/null 2>&1
ok $? "generated a 150-page corpus"
"$LVZHI" index -q -d "$T/ref" "$T/gen" 2>/dev/null &&
    "$LVZHI" check -q --digest -d "$T/ref" > "$T/ref.digest"
ok $? "reference index and digest"

# after_full NAME DB LOG STATUS: what must hold after a run that hit the limit.
after_full() {
    is "$4" 3 "$1: the indexer exits 3"
    grep -Eq "database '.*': .*(No space left|File too large)" "$3"
    ok $? "$1: it names the database and the cause"
    grep -q "may not be saved" "$3"
    ok $? "$1: it says the last documents may not be saved"
    "$LVZHI" check -q -d "$2" 2> "$T/check.log"
    ok $? "$1: the index opens and every document in it is whole"
    "$LVZHI" search -d "$2" -n 1 委员 > /dev/null 2>&1
    [ $? -le 1 ]; ok $? "$1: it can be searched"
}

# 1. A file-size limit (SIGXFSZ ignored, so writes fail with EFBIG).
(trap '' XFSZ; ulimit -f 3000; exec "$LVZHI" index -q -b 20 -d "$T/lim" "$T/gen") \
    2> "$T/lim.log"
after_full "file-size limit" "$T/lim" "$T/lim.log" $?
sed 's/^/# /' "$T/lim.log"
"$LVZHI" index -q -b 20 -d "$T/lim" "$T/gen" 2>/dev/null &&
    "$LVZHI" check -q --digest -d "$T/lim" > "$T/got.digest" &&
    cmp -s "$T/ref.digest" "$T/got.digest"
ok $? "file-size limit: without it, a re-run gives the undisturbed content"

# 2. A real full disk.
mnt=$T/small
mkdir -p "$mnt"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=1500k lvzhi-test "$mnt" 2>/dev/null; then
    "$LVZHI" index -q -b 20 -d "$mnt/db" "$T/gen" 2> "$T/full.log"
    after_full "full tmpfs" "$mnt/db" "$T/full.log" $?
    sed 's/^/# /' "$T/full.log"
    mount -o remount,size=64m "$mnt"
    "$LVZHI" index -q -b 20 -d "$mnt/db" "$T/gen" 2>/dev/null &&
        "$LVZHI" check -q --digest -d "$mnt/db" > "$T/got.digest" &&
        cmp -s "$T/ref.digest" "$T/got.digest"
    ok $? "full tmpfs: with room again, a re-run gives the undisturbed content"
    umount "$mnt"
else
    echo "# cannot mount a tmpfs here (not root or not allowed): skipped"
    for i in 1 2 3 4 5 6; do ok 0 "full tmpfs (# skip)"; done
fi
done_testing
