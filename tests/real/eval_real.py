#!/usr/bin/env python3
"""Measure how lvzhi reads real pages: title, date, source and URL
against blind annotations (tests/real/annotations_*.tsv).

    python3 tests/real/eval_real.py LVZHI PAGES_DIR [ANNOTATIONS...]

Indexes PAGES_DIR into a temporary index with LVZHI, reads every
article back with `lvzhi search --format json`, and prints one line per
miss and a summary.  The page files are not in git (see recollect.md);
without them the script says so and exits 0, so CI never needs them.

Rules (the same as the team's held-out measure):
- title: right when equal to the annotated headline after NFKC, with
  white space and punctuation ignored; counted over pages that show a
  headline.
- date: within one day of the annotated publication date; counted over
  pages that show one (byline, URL or a full date in the text).
- source: equal after NFKC and white space removal; over pages naming one.
- url: the file's URL line, for every file that has one.
"""
import csv
import datetime
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

PUNCT = set("·•|_-—–…,.;:!?'\"()[]<>《》「」『』【】〈〉（）“”‘’、，。；：！？")


PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,6}\)")


def fold(s):
    """NFKC, without pinyin notes (網(wǎng): the gold copies pages as they
    are, the article is repaired), white space and punctuation."""
    s = PINYIN.sub("", unicodedata.normalize("NFKC", s or ""))
    return "".join(c for c in s if not c.isspace() and c not in PUNCT
                   and unicodedata.category(c)[0] not in "PZ")


def day(s):
    if not s:
        return None
    try:
        return datetime.date.fromisoformat(s[:10])
    except ValueError:
        return None


def read_gold(paths):
    gold = {}
    for p in paths:
        with open(p, encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                gold[row["file"]] = row
    return gold


def url_line(path):
    with open(path, "rb") as f:
        first = f.readline().decode("utf-8", "replace").strip()
    for label in ("URL:", "URL：", "链接:", "链接："):
        if first.startswith(label):
            return first[len(label):].strip()
    return None


def search_all(lvzhi, db):
    """Every article, page by page (copies not collapsed where the
    search has collapsing)."""
    hits, page = [], 1
    collapse = ["--no-collapse"]
    while True:
        cmd = [lvzhi, "search", "-d", db, "--format", "json", "-n", "100",
               "-p", str(page)] + collapse + ['""']
        out = subprocess.run(cmd, capture_output=True, text=True)
        if out.returncode == 2 and collapse:
            collapse = []   # a version without collapsing
            continue
        got = json.loads(out.stdout)["hits"] if out.stdout.strip() else []
        hits += got
        if len(got) < 100:
            return hits
        page += 1


def extract(lvzhi, pages):
    with tempfile.TemporaryDirectory() as db:
        subprocess.run([lvzhi, "index", "-d", db, pages], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        hits = search_all(lvzhi, db)
    return {os.path.basename(h["path"]): h for h in hits}


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    lvzhi, pages = sys.argv[1], sys.argv[2]
    anns = sys.argv[3:] or sorted(
        a for a in glob.glob(os.path.join(os.path.dirname(__file__),
                                          "annotations_*.tsv"))
        if "heldout" not in a)   # the held-out set is measured apart
    files = sorted(glob.glob(os.path.join(pages, "*.txt")))
    if not files:
        print("eval-real: no pages in %s; collect them first "
              "(tests/real/recollect.md). Nothing measured." % pages)
        return 0
    gold = read_gold(anns)
    got = extract(lvzhi, pages)
    score = {k: [0, 0] for k in ("title", "date", "source", "url")}
    misses = []

    def count(kind, ok, name, want, have):
        score[kind][1] += 1
        if ok:
            score[kind][0] += 1
        else:
            misses.append("%-6s %s  want %r  got %r" % (kind, name, want,
                                                         have))

    for path in files:
        name = os.path.basename(path)
        g, h = gold.get(name), got.get(name)
        if g is None:
            continue
        if h is None:
            misses.append("lost   %s  not indexed" % name)
            h = {}
        if g["title"]:
            count("title", fold(g["title"]) == fold(h.get("title")), name,
                  g["title"], h.get("title"))
        if g["date"]:
            want, have = day(g["date"]), day(h.get("date"))
            count("date", have is not None and abs((want - have).days) <= 1,
                  name, g["date"], h.get("date"))
        if g["source"]:
            count("source", fold(g["source"]) == fold(h.get("source")),
                  name, g["source"], h.get("source"))
        u = url_line(path)
        if u:
            count("url", h.get("url") == u, name, u, h.get("url"))
    for m in misses:
        print(m)
    print("pages %d (annotated %d, indexed %d)" % (len(files), len(gold),
                                                   len(got)))
    for k, (ok, n) in score.items():
        print("%-6s %3d / %3d  %5.1f%%" % (k, ok, n, 100.0 * ok / n if n
                                              else 0.0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
