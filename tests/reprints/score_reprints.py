#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Score a reprint detector against labels written by gen_reprints.py.

    score_reprints.py LABELS CLUSTERS

LABELS   labels.tsv (header: file article kind base date).
CLUSTERS TSV without header, one line per page: path<TAB>cluster, path as in
         the labels' file column (relative to OUT_DIR; a leading ./ or a
         longer path ending in /pages/NAME is accepted), cluster an opaque
         string.  Pages missing from CLUSTERS are reported and count as
         singletons.

Prints pair precision/recall/F1 over all unordered page pairs (positive =
same article), recall per copy kind against the group's original, quote and
roundup pages wrongly grouped, split groups, example errors.  If details.tsv
sits next to LABELS, also recall by base size and per combo component.
Always exits 0; the last line is  pair_precision=X pair_recall=Y
"""
import collections
import os
import sys

KINDS = ["chrome", "related", "script", "punct", "trunc", "retitle", "combo"]
NONCOPY = ("quote", "roundup")


def c2(n):
    return n * (n - 1) // 2


def read_labels(path):
    labels = collections.OrderedDict()
    with open(path, encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        idx = {h: i for i, h in enumerate(header)}
        for need in ("file", "article", "kind", "base"):
            if need not in idx:
                sys.exit("score_reprints: %s has no '%s' column" % (path, need))
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) < len(header):
                continue
            labels[f[idx["file"]]] = dict(article=f[idx["article"]], kind=f[idx["kind"]],
                                          base=f[idx["base"]], date=f[idx["date"]] if "date" in idx else "")
    return labels


def read_clusters(path, labels):
    by_name = collections.defaultdict(list)
    for f in labels:
        by_name[os.path.basename(f)].append(f)
    clusters, unknown, dups, bad = {}, [], [], 0
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) < 2:
                bad += 1
                continue
            p, c = parts[0].strip(), parts[1]
            while p.startswith("./"):
                p = p[2:]
            if p not in labels:
                # accept /abs/path/OUT_DIR/pages/NAME.html
                cands = [f for f in by_name.get(os.path.basename(p), []) if p.endswith("/" + f)]
                if len(cands) == 1:
                    p = cands[0]
                else:
                    unknown.append(parts[0])
                    continue
            if p in clusters:
                dups.append(p)
                continue
            clusters[p] = c
    return clusters, unknown, dups, bad


def read_details(labels_path):
    p = os.path.join(os.path.dirname(os.path.abspath(labels_path)), "details.tsv")
    if not os.path.exists(p):
        return None
    det = {}
    with open(p, encoding="utf-8") as fh:
        fh.readline()
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if len(f) >= 5:
                det[f[0]] = dict(body_chars=int(f[3]) if f[3].isdigit() else 0, details=f[4])
    return det


def pct(a, b):
    return "%.3f" % (a / b) if b else "  n/a"


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip())
        print("pair_precision=nan pair_recall=nan")
        return 0
    labels = read_labels(sys.argv[1])
    clusters, unknown, dups, bad = read_clusters(sys.argv[2], labels)
    print("labelled pages: %d   lines matched in CLUSTERS: %d" % (len(labels), len(clusters)))
    missing = [f for f in labels if f not in clusters]
    if missing:
        print("ERROR: %d labelled page(s) missing from CLUSTERS (counted as singletons), e.g. %s"
              % (len(missing), ", ".join(missing[:8])))
    if unknown:
        print("ERROR: %d CLUSTERS line(s) name pages not in LABELS (ignored), e.g. %s"
              % (len(unknown), ", ".join(unknown[:5])))
    if dups:
        print("ERROR: %d page(s) listed more than once in CLUSTERS (first line used), e.g. %s"
              % (len(dups), ", ".join(dups[:5])))
    if bad:
        print("ERROR: %d CLUSTERS line(s) without a tab (ignored)" % bad)
    cl = {}
    for f in labels:
        cl[f] = clusters[f] if f in clusters else "\x00missing\x00" + f

    # ------------------------------------------------------------ pair counts
    by_art = collections.defaultdict(list)
    by_cl = collections.defaultdict(list)
    cell = collections.Counter()
    for f, l in labels.items():
        by_art[l["article"]].append(f)
        by_cl[cl[f]].append(f)
        cell[(l["article"], cl[f])] += 1
    tp = sum(c2(n) for n in cell.values())
    pp = sum(c2(len(v)) for v in by_cl.values())
    ap = sum(c2(len(v)) for v in by_art.values())
    n = len(labels)
    prec = tp / pp if pp else 1.0
    rec = tp / ap if ap else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    print()
    print("pairs: %d total, %d positive (same article), %d predicted together, %d correct"
          % (c2(n), ap, pp, tp))
    print("pair precision %.4f%s   pair recall %.4f   F1 %.4f" % (
        prec, " (no predicted pairs)" if not pp else "", rec, f1))
    print("false pairs: %d   missed pairs: %d   clusters: %d (%d with >1 page)"
          % (pp - tp, ap - tp, len(by_cl), sum(1 for v in by_cl.values() if len(v) > 1)))

    # ------------------------------------------------------------ per kind vs original
    originals = {}
    for f, l in labels.items():
        if l["kind"] == "original":
            originals[l["article"]] = f
    per_kind = collections.OrderedDict((k, [0, 0]) for k in KINDS)
    misses = []
    for f, l in labels.items():
        k = l["kind"]
        if k in ("original",) + NONCOPY:
            continue
        o = originals.get(l["article"])
        if not o:
            continue
        per_kind.setdefault(k, [0, 0])
        per_kind[k][1] += 1
        if cl[f] == cl[o]:
            per_kind[k][0] += 1
        else:
            misses.append((o, f))
    print()
    print("recall against the group's original, per copy kind:")
    for k, (h, t) in per_kind.items():
        if t:
            print("  %-8s %s  (%d/%d)" % (k, pct(h, t), h, t))
    tot_h = sum(v[0] for v in per_kind.values())
    tot_t = sum(v[1] for v in per_kind.values())
    print("  %-8s %s  (%d/%d)" % ("all", pct(tot_h, tot_t), tot_h, tot_t))

    det = read_details(sys.argv[1])
    if det:
        size = {}
        for art, o in originals.items():
            bc = det.get(o, {}).get("body_chars", 0)
            base = labels[o]["base"]
            size[art] = "short(<120)" if bc < 120 else ("seed" if base[:1].isdigit() else "medium")
        cls = collections.OrderedDict((c, [0, 0]) for c in ("short(<120)", "medium", "seed"))
        comp = collections.OrderedDict((k, [0, 0]) for k in KINDS[:-1])
        for f, l in labels.items():
            o = originals.get(l["article"])
            if not o or f == o or l["kind"] in NONCOPY:
                continue
            hit = cl[f] == cl[o]
            c = cls.setdefault(size[l["article"]], [0, 0])
            c[0] += hit
            c[1] += 1
            if l["kind"] == "combo" and f in det:
                parts = det[f]["details"].split(" ")[0].split("+")
                for p in parts:
                    if p in comp:
                        comp[p][0] += hit
                        comp[p][1] += 1
        print("recall against the original, by base size (details.tsv):")
        for c, (h, t) in cls.items():
            if t:
                print("  %-12s %s  (%d/%d)" % (c, pct(h, t), h, t))
        print("combo recall, by component (details.tsv):")
        for c, (h, t) in comp.items():
            if t:
                print("  combo with %-8s %s  (%d/%d)" % (c, pct(h, t), h, t))

    # ------------------------------------------------------------ non-copies
    wrong = []
    for f, l in labels.items():
        if l["kind"] in NONCOPY and len(by_cl[cl[f]]) > 1:
            others = [g for g in by_cl[cl[f]] if g != f]
            bases = set(l["base"].split(","))
            with_base = [g for g in others if labels[g]["base"] in bases and labels[g]["kind"] not in NONCOPY]
            wrong.append((f, len(others), len(with_base)))
    nq = sum(1 for l in labels.values() if l["kind"] in NONCOPY)
    print()
    print("quote/roundup pages wrongly grouped with anything: %d of %d" % (len(wrong), nq))
    for kind in NONCOPY:
        w = [x for x in wrong if labels[x[0]]["kind"] == kind]
        t = sum(1 for l in labels.values() if l["kind"] == kind)
        if t:
            print("  %-8s %d of %d (%d grouped with pages of the base they quote)"
                  % (kind, len(w), t, sum(1 for x in w if x[2])))

    # ------------------------------------------------------------ groups
    multi = [a for a, fs in by_art.items() if len(fs) > 1]
    split = [a for a in multi if len({cl[f] for f in by_art[a]}) > 1]
    merged = [c for c, fs in by_cl.items() if len({labels[f]["article"] for f in fs}) > 1]
    print()
    print("groups split into more than one cluster: %d of %d groups with copies" % (len(split), len(multi)))
    print("clusters mixing more than one article: %d" % len(merged))

    # ------------------------------------------------------------ examples
    ex_miss, seen = [], set()
    for o, f in misses:                       # one per group first
        a = labels[f]["article"]
        if a not in seen:
            seen.add(a)
            ex_miss.append((o, f))
    for o, f in misses:
        if len(ex_miss) >= 15:
            break
        if (o, f) not in ex_miss:
            ex_miss.append((o, f))
    ex_false = []
    for c in sorted(merged, key=lambda c: (-sum(labels[f]["kind"] in NONCOPY for f in by_cl[c]), c)):
        fs = by_cl[c]
        found = None
        nc = [f for f in fs if labels[f]["kind"] in NONCOPY]
        for a in (nc or fs):
            for b in fs:
                if labels[a]["article"] != labels[b]["article"]:
                    found = (a, b)
                    break
            if found:
                break
        if found:
            ex_false.append(found)
        if len(ex_false) >= 15:
            break
    nm = min(len(ex_miss), max(15 - len(ex_false), 8))
    nf = min(len(ex_false), 15 - nm)
    if ex_miss or ex_false:
        print()
        print("example errors:")

    def desc(f):
        l = labels[f]
        return "%s (%s, %s)" % (f, l["kind"], l["article"])
    for o, f in ex_miss[:nm]:
        print("  MISSED %s  ~  %s   [clusters %s / %s]" % (desc(o), desc(f), cl[o][:20], cl[f][:20]))
    for a, b in ex_false[:nf]:
        print("  FALSE  %s  ~  %s   [cluster %s]" % (desc(a), desc(b), cl[a][:20]))
    print()
    print("pair_precision=%.4f pair_recall=%.4f" % (prec, rec))
    return 0


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except Exception as e:   # exit status 0 always
        print("score_reprints: error: %s" % e)
        print("pair_precision=nan pair_recall=nan")
    sys.exit(0)
