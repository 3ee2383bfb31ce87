#!/usr/bin/env python3
"""Measure lvzhi's entities on real pages against blind annotations
(tests/real/entities_*.tsv: file, type, |-separated values, note).

    python3 tests/real/eval_entities.py LVZHI PAGES_DIR [ENTITIES...]

Indexes PAGES_DIR into a temporary index with LVZHI, reads every article
back as JSON and prints, per entity type, how often lvzhi agrees with the
annotation, then every disagreement (EVAL_QUIET=1 leaves the list out).
Without the pages (they are not in git: see recollect.md) it says so and
exits 0, so CI never needs them.

Scores (over the annotated on-topic pages):
- primary, province: accuracy; an empty annotation must be empty.
- place: precision / recall / F1 of the municipalities and counties the
  article is placed in (the JSON's cities and counties; provinces left
  out, the annotated primary always in).
- sector, workstation: precision / recall / F1 of the values; the
  workstation names are compared after NFKC with white space removed.
- bad starts: workstation values over all pages that start with a verb,
  preposition or time phrase, which no name does.
"""
import collections
import csv
import glob
import os
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval_real import extract  # noqa: E402

TYPES = ("primary", "province", "place", "sector", "workstation")

# Words no platform's name starts with (the and the domain
# notes' examples; a name starts at its owner or host).
BAD_STARTS = (
    "举行", "莅临", "实现", "授予", "去年", "今年", "近日", "日前", "以", "在",
    "到", "于", "把", "将", "对", "为", "从", "向", "由", "据", "通过",
    "成立", "建立", "设立", "打造", "依托", "走进", "来到", "参观", "开展",
    "位于", "首批", "我县", "我市", "我区", "该", "全县", "全市", "全区",
)


PROVINCIAL = ("省", "自治区", "特别行政区")


def norm(s):
    return "".join(c for c in unicodedata.normalize("NFKC", s or "")
                   if not c.isspace())


def read_entities(paths):
    gold = collections.defaultdict(dict)
    for p in paths:
        with open(p, encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                vals = [norm(v) for v in (row["values"] or "").split("|")]
                gold[row["file"]][row["type"]] = [v for v in vals if v]
    for g in gold.values():
        # Places are municipalities and counties (annotators differ on
        # writing provinces); the primary is always one of them.
        g["place"] = sorted({v for v in g.get("place", [])
                             if not v.endswith(PROVINCIAL)}
                            | set(g.get("primary", [])))
    return gold


def predicted(h):
    cities = h.get("cities") or []
    primary = [c["name"] for c in cities if c.get("role") == "primary"]
    return {
        "primary": primary[:1],
        "province": [h["province"]] if h.get("province") else [],
        "place": sorted({c["name"] for c in cities}
                        | set(h.get("counties") or [])),
        "sector": list(h.get("sectors") or []),
        "workstation": [norm(w) for w in h.get("workstations") or []],
    }


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    lvzhi, pages = sys.argv[1], sys.argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    paths = sys.argv[3:] or sorted(
        p for p in glob.glob(os.path.join(here, "entities_*.tsv"))
        if "heldout" not in p)   # the held-out set is measured apart
    if not glob.glob(os.path.join(pages, "*.txt")):
        print("eval-entities: no pages in %s; collect them first "
              "(tests/real/recollect.md). Nothing measured." % pages)
        return 0
    gold = read_entities(paths)
    got = extract(lvzhi, pages)
    acc = {t: [0, 0] for t in ("primary", "province")}
    prf = {t: [0, 0, 0] for t in ("place", "sector", "workstation")}
    misses = []
    for name in sorted(gold):
        g = gold[name]
        h = got.get(name)
        if h is None:
            misses.append("lost         %s  not indexed" % name)
            continue
        p = predicted(h)
        for t in acc:
            if t not in g:
                continue
            acc[t][1] += 1
            if g[t] == p[t]:
                acc[t][0] += 1
            else:
                misses.append("%-12s %s  want %s  got %s" % (
                    t, name, "|".join(g[t]) or "-", "|".join(p[t]) or "-"))
        for t in prf:
            if t not in g:
                continue
            want, have = set(g[t]), set(p[t])
            prf[t][0] += len(want & have)
            prf[t][1] += len(have - want)
            prf[t][2] += len(want - have)
            for v in sorted(want - have):
                misses.append("%-12s %s  missed %s" % (t, name, v))
            for v in sorted(have - want):
                misses.append("%-12s %s  extra  %s" % (t, name, v))
    bad = sorted({w for h in got.values() for w in h.get("workstations") or []
                  if norm(w).startswith(BAD_STARTS)})
    if not os.environ.get("EVAL_QUIET"):
        for m in misses:
            print(m)
        for w in bad:
            print("bad start    %s" % w)
    print("pages annotated %d, indexed %d" % (len(gold), len(got)))
    for t, (ok, n) in acc.items():
        print("%-12s %3d / %3d  %5.1f%%" % (t, ok, n,
                                           100.0 * ok / n if n else 0.0))
    for t, (tp, fp, fn) in prf.items():
        pr = tp / (tp + fp) if tp + fp else 1.0
        rc = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        print("%-12s P%.2f R%.2f F%.2f  (%d right, %d extra, %d missed)" % (
            t, pr, rc, f1, tp, fp, fn))
    print("bad starts   %d workstation values" % len(bad))
    return 0


if __name__ == "__main__":
    sys.exit(main())
