#!/usr/bin/env python3
"""Search quality on real pages: nDCG@10, recall@10 and queries with
nothing relevant in the top ten, per query class, for lvzhi and for Xapian
Omega (omindex with CJK n-grams, quest with the QueryParser's default OR,
and with AND) on the same pages in the same run.

    python3 tests/real/eval_search.py LVZHI PAGES_DIR [QUERIES JUDGMENTS]

QUERIES (tests/real/queries.tsv: qid, class, query, notes) and JUDGMENTS
(tests/real/judgments.tsv: qid, file, grade 1 or 2) were written by a
helper who had not seen the ranking code.  A query judged to have no
relevant page (class "nowhere") scores 1 when nothing comes back, else 0.
Without the pages (tests/real/recollect.md) it says so and stops.
Omega's columns need Debian's xapian-omega and xapian-tools; without them
they are left out and the script says so.
"""
import collections
import csv
import glob
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def lvzhi_top(lvzhi, db, query, extra=()):
    out = subprocess.run([lvzhi, "search", "-d", db, "--format", "json",
                          "-n", "10"] + list(extra) + ["--", query],
                         capture_output=True, text=True)
    if not out.stdout.strip():
        return []
    return [os.path.basename(h["path"]) for h in json.loads(out.stdout)["hits"]]


def quest_top(db, query, op):
    env = dict(os.environ, XAPIAN_CJK_NGRAM="1")
    out = subprocess.run(["quest", "-d", db, "-f", "default,cjk_ngram",
                          "-o", op, "-m", "10", query],
                         capture_output=True, env=env)
    text = out.stdout.decode("utf-8", "replace")   # samples cut mid-character
    return [line[len("url=/"):] for line in text.splitlines()
            if line.startswith("url=/")]


def ndcg(ranked, grades):
    dcg = sum((2 ** grades.get(f, 0) - 1) / math.log2(i + 2)
              for i, f in enumerate(ranked[:10]))
    ideal = sorted(grades.values(), reverse=True)[:10]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else (1.0 if not ranked else 0.0)


def recall(ranked, grades):
    if not grades:
        return None
    return len([f for f in ranked[:10] if f in grades]) / min(10, len(grades))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    lvzhi, pages = sys.argv[1], sys.argv[2]
    qpath = sys.argv[3] if len(sys.argv) > 3 else os.path.join(HERE, "queries.tsv")
    jpath = sys.argv[4] if len(sys.argv) > 4 else os.path.join(HERE, "judgments.tsv")
    if not glob.glob(os.path.join(pages, "*.txt")):
        print("eval-search: no pages in %s; collect them first "
              "(tests/real/recollect.md). Nothing measured." % pages)
        return 0
    queries = read_tsv(qpath)
    grades = collections.defaultdict(dict)
    for row in read_tsv(jpath):
        grades[row["qid"]][row["file"]] = int(row["grade"])
    systems = ["lvzhi"]
    omega = shutil.which("omindex") and shutil.which("quest")
    if omega:
        systems += ["omega-or", "omega-and"]
    else:
        print("eval-search: xapian-omega / xapian-tools not installed; "
              "Omega's columns left out")
    with tempfile.TemporaryDirectory() as tmp:
        ldb, odb = os.path.join(tmp, "lvzhi"), os.path.join(tmp, "omega")
        subprocess.run([lvzhi, "index", "-q", "-d", ldb, pages],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if omega:
            subprocess.run(["omindex", "-s", "none", "--db", odb, "--url", "/",
                            pages], env=dict(os.environ, XAPIAN_CJK_NGRAM="1"),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        rows = []
        for q in queries:
            g = grades.get(q["qid"], {})
            runs = {"lvzhi": lvzhi_top(lvzhi, ldb, q["query"])}
            if omega:
                runs["omega-or"] = quest_top(odb, q["query"], "or")
                runs["omega-and"] = quest_top(odb, q["query"], "and")
            rows.append((q, g, runs))
    by_class = collections.defaultdict(lambda: collections.defaultdict(list))
    print("%-4s %-12s %-34s %5s  %s" % ("qid", "class", "query", "rel",
                                       "  ".join("%-9s" % s for s in systems)))
    for q, g, runs in rows:
        cells = []
        for s in systems:
            n = ndcg(runs[s], g)
            r = recall(runs[s], g)
            miss = bool(g) and not any(f in g for f in runs[s][:10])
            by_class[q["class"]][s].append((n, r, miss))
            by_class["all"][s].append((n, r, miss))
            cells.append("%-9s" % ("%.2f%s" % (n, "!" if miss else "")))
        print("%-4s %-12s %-34s %5d  %s" % (q["qid"], q["class"],
                                           q["query"][:34], len(g),
                                           "  ".join(cells)))
    print()
    print("%-12s %3s  %s" % ("class", "n", "  ".join(
        "%-24s" % (s + " nDCG/rec/none") for s in systems)))
    for c in sorted(by_class, key=lambda c: (c == "all", c)):
        cells = []
        for s in systems:
            v = by_class[c][s]
            nd = sum(x[0] for x in v) / len(v)
            rs = [x[1] for x in v if x[1] is not None]
            rc = sum(rs) / len(rs) if rs else float("nan")
            cells.append("%-24s" % ("%.3f / %.2f / %d" % (nd, rc, sum(x[2] for x in v))))
        print("%-12s %3d  %s" % (c, len(by_class[c][systems[0]]), "  ".join(cells)))
    print("(! = nothing relevant in the top ten; none = how many such queries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
