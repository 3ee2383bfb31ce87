#!/bin/sh
# bench/formats.sh BUILD CORPUS OUT - the new formats' costs, in one run:
# a 50-page PDF report (lvzhi beside omindex, which reads PDFs through
# pdftotext), and a crawl against the same pages as files (the first
# 2000 of CORPUS packed into a .warc.gz), each the median of 3 runs.
set -eu
BUILD=$1 CORPUS=$2 OUT=$3
LVZHI=$BUILD/lvzhi
W=$OUT/formats
mkdir -p "$W"
median3() {   # command... → median wall seconds of 3 runs (fresh db each)
    for i in 1 2 3; do
        rm -rf "$W/db"
        /usr/bin/time -f "%e" -o "$W/t.$i" "$@" > /dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
    done
    sort -n "$W/t.1" "$W/t.2" "$W/t.3" | sed -n 2p
}
/usr/bin/python3 bench/make_formats.py pdf 50 corpus/seeds "$W/report50.pdf"
mkdir -p "$W/pdf" && cp "$W/report50.pdf" "$W/pdf/"
pdf=$(median3 "$LVZHI" index -q -j 1 -d "$W/db" "$W/pdf")
om=""
command -v pdftotext > /dev/null &&
    om=$(median3 env XAPIAN_CJK_NGRAM=1 omindex -s none --db "$W/db" --url / "$W/pdf")
rm -rf "$W/pages"; mkdir -p "$W/pages"
n=$(/usr/bin/python3 bench/make_formats.py warc "$CORPUS" 2000 "$W/pages.warc.gz")
find "$CORPUS" -name '*.html' | sort | head -n "$n" | while read -r f; do
    rel=${f#"$CORPUS"/}; mkdir -p "$W/pages/$(dirname "$rel")"; cp "$f" "$W/pages/$rel"
done
mkdir -p "$W/warc" && mv "$W/pages.warc.gz" "$W/warc/"
files=$(median3 "$LVZHI" index -q -d "$W/db" "$W/pages")
warc=$(median3 "$LVZHI" index -q -d "$W/db" "$W/warc")
rm -rf "$W/db"
echo "A 50-page PDF report ($(du -k "$W/report50.pdf" | cut -f1) kB), one thread: lvzhi $pdf s${om:+; omindex (pdftotext) $om s, ratio $(awk -v a="$om" -v b="$pdf" 'BEGIN{printf "%.1f", (b > 0 ? a / b : 0)}')x}."
echo "$n pages as files: $files s; the same as one .warc.gz: $warc s (crawl/files time $(awk -v a="$warc" -v b="$files" 'BEGIN{printf "%.2f", (b > 0 ? a / b : 0)}'))."
