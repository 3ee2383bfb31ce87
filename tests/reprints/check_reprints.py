#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Sanity checks for a set written by gen_reprints.py (not a detector!).

    check_reprints.py OUT_DIR [--show FILE ...]

Reads the written HTML back (it knows the body containers of our own
templates) and checks: every page has <title>, <h1>, meta date, meta charset
and decodes in that charset; the original has the earliest date of its group;
trunc pages keep 62-75% of the original body; script pages differ from the
original in script; quote pages contain their quoted passages verbatim plus at
least as much other body text; roundup leads are under a third of their
source.  --show prints the extracted title and body of the given pages.
"""
import collections
import html
import os
import re
import subprocess
import sys

BODY_RE = re.compile(r'<div (?:class="content" id="content"|id="zoom"|class="m-content"|'
                     r'class="rich_media_content" id="js_content"|id="ozoom")>(.*?)\n</div>', re.S)


def read_page(path):
    raw = open(path, "rb").read()
    m = re.search(rb'<meta charset="([^"]+)">', raw)
    if not m:
        return None, "no meta charset"
    cs = m.group(1).decode()
    try:
        text = raw.decode(cs)
    except UnicodeDecodeError as e:
        return None, "does not decode as %s: %s" % (cs, e)
    return (cs, text), None


def body_paras(text):
    m = BODY_RE.search(text)
    if not m:
        return None
    b = re.sub(r'<p class="meta-line">.*?</p>\n?', "", m.group(1))
    b = re.sub(r'<div class="readmore">.*?</div>', "", b)
    b = re.sub(r"<br>\n<br>\n|<br>\n", "</p><p>", b)
    parts = re.split(r"</p>|</section>|</div>", b)
    out = []
    for p in parts:
        t = html.unescape(re.sub(r"<[^>]+>", "", p)).strip()
        if t and t != "\xa0":
            out.append(t)
    return out


def nchars(s):
    return sum(1 for ch in s if not ch.isspace() and ch != "\u3000")


def norm(s):
    """Width/space-insensitive form for comparisons."""
    s = re.sub(r"[\s\u3000\xa0]+", "", s)
    tr = {"，": ",", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")", "“": '"', "”": '"',
          "「": '"', "」": '"', "‘": "'", "’": "'", "『": "'", "』": "'", "。": "."}
    return "".join(tr.get(c, c) for c in s)


def t2s(s):
    p = subprocess.run(["opencc", "-c", "t2s.json"], input=s.encode(), stdout=subprocess.PIPE)
    return p.stdout.decode()


def main():
    out_dir = sys.argv[1]
    show = sys.argv[sys.argv.index("--show") + 1:] if "--show" in sys.argv else []
    rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(out_dir, "labels.tsv"), encoding="utf-8")][1:]
    det = {}
    for l in open(os.path.join(out_dir, "details.tsv"), encoding="utf-8").readlines()[1:]:
        f = l.rstrip("\n").split("\t")
        det[f[0]] = f
    pages, errors = {}, []
    for file, art, kind, base, date in rows:
        r, err = read_page(os.path.join(out_dir, file))
        if err:
            errors.append("%s: %s" % (file, err))
            continue
        cs, text = r
        for what, rx in (("title", r"<title>[^<]+</title>"), ("h1", r"<h1[^>]*>[^<]+</h1>"),
                         ("meta date", r'<meta name="date" content="%s">' % date)):
            if not re.search(rx, text):
                errors.append("%s: missing %s" % (file, what))
        if date not in text and date.replace("-", "年", 1).replace("-", "月", 1) + "日" not in text \
                and date.replace("-", "/") not in text and date.replace("-", ".") not in text:
            errors.append("%s: no visible dateline" % file)
        paras = body_paras(text)
        if paras is None:
            errors.append("%s: body container not found" % file)
            continue
        h1 = html.unescape(re.search(r"<h1[^>]*>([^<]+)</h1>", text).group(1))
        pages[file] = dict(art=art, kind=kind, base=base, date=date, cs=cs, text=text, paras=paras, h1=h1)
    for f in show:
        p = pages.get(f) or pages.get("pages/" + f)
        if not p:
            print("no such page", f)
            continue
        print("=" * 70)
        print(f, p["kind"], p["art"], p["cs"], det.get(p.get("file", f), [""] * 5)[-1] if False else "")
        print("H1:", p["h1"])
        for x in p["paras"]:
            print("  |", x)
    groups = collections.defaultdict(list)
    for f, p in pages.items():
        groups[p["art"]].append(f)
    originals = {p["art"]: f for f, p in pages.items() if p["kind"] == "original"}
    stats = collections.Counter()
    trunc_fracs = []
    for art, fs in groups.items():
        if art not in originals:
            continue
        o = pages[originals[art]]
        for f in fs:
            if f != originals[art] and pages[f]["date"] <= o["date"]:
                errors.append("%s: date %s not later than original %s" % (f, pages[f]["date"], o["date"]))
        olen = sum(nchars(x) for x in o["paras"])
        for f in fs:
            p = pages[f]
            d = det[f][4]
            if "trunc(" in d:
                kept = sum(nchars(x) for x in p["paras"])
                frac = kept / olen
                trunc_fracs.append(frac)
                # punct may add a few chars (". " etc. are spaces; corner quotes are 1:1)
                if not 0.615 <= frac <= 0.76:
                    errors.append("%s: trunc keeps %.3f of the body" % (f, frac))
                if "script(" not in d and "punct(" not in d:
                    if not norm("".join(o["paras"])).startswith(norm("".join(p["paras"])).rstrip(".")):
                        errors.append("%s: trunc body is not a prefix of the original" % f)
                stats["trunc"] += 1
            if "script(" in d:
                a, b = "".join(o["paras"]), "".join(p["paras"])
                if "trunc(" not in d and "punct(" not in d:
                    diff = sum(1 for x, y in zip(a, b) if x != y)
                    if diff < 3:
                        errors.append("%s: script page differs in only %d chars" % (f, diff))
                    stats["script_changed_chars"] += diff
                    stats["script_pages_measured"] += 1
                stats["script"] += 1
    # quotes: quoted passages verbatim; new text >= quoted
    import importlib.util
    for f, p in pages.items():
        if p["kind"] == "quote":
            d = det[f][4]
            m = re.search(r"quoted=(\d+),new=(\d+)", d)
            q, n = int(m.group(1)), int(m.group(2))
            total = sum(nchars(x) for x in p["paras"])
            if total - q < q:
                errors.append("%s: quote page has %d chars, %d quoted" % (f, total, q))
            # the base's original must share the quoted passages verbatim
            o = pages[originals[p["base"]]]
            obody = "".join(o["paras"])
            qbody = "".join(p["paras"])
            # longest common run of the quote page with the original
            runs = common_runs(obody, qbody, 12)
            if runs < q * 0.9:
                errors.append("%s: only %d of %d quoted chars found verbatim in the original" % (f, runs, q))
            stats["quote"] += 1
            stats["quote_new_ratio_min"] = min(stats.get("quote_new_ratio_min", 99), (total - q) / q)
        if p["kind"] == "roundup":
            for b in p["base"].split(","):
                o = pages[originals[b]]
                olen = sum(nchars(x) for x in o["paras"])
                runs = longest_common("".join(o["paras"]), "".join(p["paras"]))
                if runs >= olen / 3:
                    errors.append("%s: lead of %d chars from %s (body %d)" % (f, runs, b, olen))
            stats["roundup"] += 1
    print("pages read: %d, groups: %d" % (len(pages), len(groups)))
    if trunc_fracs:
        print("trunc: %d pages, kept fraction min %.3f max %.3f" % (len(trunc_fracs), min(trunc_fracs), max(trunc_fracs)))
    if stats["script_pages_measured"]:
        print("script: %d pages; pure script copies change %.0f chars on average" % (
            stats["script"], stats["script_changed_chars"] / stats["script_pages_measured"]))
    print("quote pages: %d (min new/quoted ratio %.2f), roundup pages: %d" % (
        stats["quote"], stats.get("quote_new_ratio_min", 0), stats["roundup"]))
    print("errors: %d" % len(errors))
    for e in errors[:40]:
        print("  " + e)
    sys.exit(1 if errors else 0)


def longest_common(a, b):
    import difflib
    a = re.sub(r"\s+", "", a)
    b = re.sub(r"\s+", "", b)
    m = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.size


def common_runs(a, b, minlen, exclude=None):
    """Chars of A covered by runs of >= MINLEN chars that also occur in B."""
    a = re.sub(r"\s+", "", a)
    b = re.sub(r"\s+", "", b)
    if exclude:
        b = b.replace(re.sub(r"\s+", "", exclude), "\x00")
    grams = {b[i:i + minlen] for i in range(len(b) - minlen + 1)}
    cov = [False] * len(a)
    for i in range(len(a) - minlen + 1):
        if a[i:i + minlen] in grams:
            for j in range(i, i + minlen):
                cov[j] = True
    return sum(cov)


if __name__ == "__main__":
    main()
