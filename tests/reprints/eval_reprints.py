#!/usr/bin/env python3
"""Copy pairs on the generated labelled set (make eval-reprints).

usage: eval_reprints.py LVZHI PAIRS_TOOL [--seed N] [--keep DIR]

Seed 1 (the default) was looked at while lvzhi was tuned; seeds 2-5 give
other pages from the same recipe and were only measured.

Generates the set (gen_reprints.py, needs opencc), indexes it with lvzhi,
and scores three groupings of its pages with score_reprints.py:
  lvzhi    the clusters lvzhi's index holds (what search collapses on);
  minhash  the offline scheme: a band key shared and resemblance >= 0.5,
           grouped transitively (what lvzhi implements, without the order
           of indexing);
  simhash  64-bit SimHash within 3 bits (Manku et al.), grouped
           transitively: the alternative the issue asked to compare.
"""
import collections
import csv
import glob
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
COPY_RESEMBLANCE = 0.5   # text/sketch.h SKETCH_COPY_RESEMBLANCE


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def lvzhi_clusters(lvzhi, db):
    """path -> cluster key of every document (pages through the index)."""
    out, offset = {}, 0
    while True:
        res = run([lvzhi, "search", "-d", db, "--format", "json", "--no-collapse",
                   "-n", "1000", "--offset", str(offset), ""],
                  stdout=subprocess.PIPE)
        d = json.loads(res.stdout)
        for h in d["hits"]:
            out[h["path"]] = h["cluster"] or h["id"]
        offset += len(d["hits"])
        if not d["hits"] or offset >= d["total"]:
            return out


def grouped(paths, linked):
    parent = {p: p for p in paths}

    def find(p):
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p
    for a, b in linked:
        if a in parent and b in parent:
            parent[find(a)] = find(b)
    return {p: find(p) for p in paths}


def score(labels, clusters, name, work):
    tsv = os.path.join(work, name + ".tsv")
    with open(tsv, "w") as f:
        for path, c in sorted(clusters.items()):
            f.write("%s\t%s\n" % (path, c))
    res = run([sys.executable, os.path.join(HERE, "score_reprints.py"), labels, tsv],
              stdout=subprocess.PIPE, text=True)
    return res.stdout


def score_real(lvzhi, real):
    """Copy pairs on the collected real pages against the blind labels
    (tests/real/reprints.tsv); says so when the pages are absent."""
    labels = os.path.join(real, "reprints.tsv")
    pages, heldout = os.path.join(real, "pages"), os.path.join(real, "heldout")
    if not (os.path.isdir(pages) and os.path.isdir(heldout)
            and glob.glob(os.path.join(pages, "*.txt"))):
        print("real pages: not collected (tests/real/recollect*.md); skipped")
        return
    with tempfile.TemporaryDirectory() as work:
        db = os.path.join(work, "db")
        run([lvzhi, "index", "-q", "-d", db, pages, heldout])
        clusters = lvzhi_clusters(lvzhi, db)
    by = collections.defaultdict(list)
    for path, c in clusters.items():
        by[c].append(path)
    found = {tuple(sorted(m)) for ms in by.values() for m in itertools.combinations(ms, 2)}
    judged = {}
    with open(labels, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            judged[tuple(sorted((row["file_a"], row["file_b"])))] = row["judgment"]
    copies = {p for p, j in judged.items() if j == "copy"}
    right = found & copies
    print("real pages: %d documents, %d copy pairs labelled, %d grouped by lvzhi, "
          "%d right; precision %.3f recall %.3f"
          % (len(clusters), len(copies), len(found), len(right),
             len(right) / len(found) if found else 1.0,
             len(right) / len(copies) if copies else 1.0))
    for pair in sorted(found - copies):
        print("  grouped, labelled %s: %s ~ %s" % (judged.get(pair, "unexamined"), *pair))
    for pair in sorted(copies - found):
        print("  missed copy: %s ~ %s" % pair)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    lvzhi, pairs_tool = sys.argv[1], sys.argv[2]
    opts = dict(zip(sys.argv[3::2], sys.argv[4::2]))
    keep, seed = opts.get("--keep"), opts.get("--seed", "1")
    if not shutil.which("opencc"):
        print("eval-reprints: opencc is needed to generate the other-script copies; "
              "not run")
        return 0
    work = keep or tempfile.mkdtemp(prefix="lvzhi-reprints-")
    os.makedirs(work, exist_ok=True)
    run([sys.executable, os.path.join(HERE, "gen_reprints.py"), work,
         "--seed", seed, "--opaque-names"], stdout=subprocess.DEVNULL)
    print("labelled set: seed %s" % seed)
    db = os.path.join(work, "db")
    shutil.rmtree(db, ignore_errors=True)
    run([lvzhi, "index", "-q", "-d", db, os.path.join(work, "pages")])
    labels = os.path.join(work, "labels.tsv")

    mine = lvzhi_clusters(lvzhi, db)
    pairs = run([pairs_tool, db], stdout=subprocess.PIPE, text=True).stdout
    minhash, simhash = [], []
    for line in pairs.splitlines():
        a, b, res, band, dist = line.split("\t")
        if int(band) and float(res) >= COPY_RESEMBLANCE:
            minhash.append((a, b))
        if int(dist) <= 3:
            simhash.append((a, b))
    for name, clusters in (("lvzhi", mine),
                           ("minhash", grouped(mine.keys(), minhash)),
                           ("simhash", grouped(mine.keys(), simhash))):
        print("== %s ==" % name)
        print(score(labels, clusters, name, work))
    check = subprocess.run([lvzhi, "check", "-d", db], stderr=subprocess.PIPE, text=True)
    print(check.stderr.strip())
    if not keep:
        shutil.rmtree(work)
    score_real(lvzhi, os.path.join(os.path.dirname(HERE), "real"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
