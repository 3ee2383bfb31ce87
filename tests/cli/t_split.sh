#!/bin/sh
# A search cut into docid ranges run side by side (big indexes, several
# threads), and a search replaying a cached text match set (the server's
# match cache), give exactly what a plain search gives: the same hits in
# the same order with the same scores, totals and facet counts, for every
# sort, page, filter and the empty query.  --split-min 1 makes
# this small index split.
. "$(dirname "$0")/lib.sh"
DB=$T/db
python3 corpus/tools/gen_corpus.py -n 400 corpus/seeds "$T/gen" > /dev/null 2>&1
"$LVZHI" index -q -d "$DB" "$T/gen" corpus 2>/dev/null
ok $? "indexed 400 generated pages and the corpus"
n_same=0; n_diff=0
compare() {   # compare ARGS... : one part vs 2, 3 and 4 parts
    "$LVZHI" search -d "$DB" --threads 1 --format json --facets --facet-top 0 "$@" > "$T/one" 2>&1
    for j in 2 3 4 "1 --match-cache" "2 --match-cache"; do
        "$LVZHI" search -d "$DB" --split-min 1 --threads $j --format json \
            --facets --facet-top 0 "$@" > "$T/many" 2>&1
        if cmp -s "$T/one" "$T/many"; then n_same=$((n_same + 1))
        else n_diff=$((n_diff + 1)); echo "# differs with --threads $j: $*"
             diff "$T/one" "$T/many" | head -4 | sed 's/^/#   /'; fi
    done
}
grep -v '^#' bench/queries.txt | while IFS= read -r q; do [ -n "$q" ] && echo "$q"; done > "$T/queries"
while IFS= read -r q; do
    compare "$q"
    compare -n 7 -p 3 "$q"
    compare --sort date -n 20 "$q"
    compare --sort date-asc -n 5 -p 2 "$q"
done < "$T/queries"
compare ""
compare -n 50 -p 4 ""
compare --city 兰州市 --year 2024 委员
compare --sort date --from 2023 --to 2024-06 政协
echo "# $n_same comparisons equal, $n_diff differ"
[ "$n_same" -gt 300 ]; ok $? "many comparisons ran ($n_same)"
is "$n_diff" 0 "split and replayed searches equal plain ones"
if command -v strace > /dev/null; then
    strace -f -e trace=clone,clone3 -o "$T/strace" \
        "$LVZHI" search -d "$DB" --split-min 1 --threads 2 -n 3 委员 > /dev/null 2>&1
    grep -q clone "$T/strace"; ok $? "split searches do run in threads of their own"
else
    ok 0 "split searches run in threads (# skip: no strace)"
fi
"$LVZHI" search -d "$DB" --split-min 1 --threads 2 -n 3 '"' > /dev/null 2>&1
[ $? -le 3 ]; ok $? "a bad query in split mode fails cleanly"
done_testing
