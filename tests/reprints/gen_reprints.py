#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Generate a labelled set of news pages for scoring a reprint (near-duplicate)
detector.

    gen_reprints.py OUT_DIR [--seed N] [--opaque-names]

Writes OUT_DIR/pages/*.html, OUT_DIR/labels.tsv and OUT_DIR/details.tsv
(details are for humans checking the set; a detector must not read them).
Base articles: corpus/seeds/*.txt and tests/eval/articles/*.txt, found from
this script's location.  Standard library only; /usr/bin/opencc is called for
simplified/traditional conversion.  See README.md in this directory.
"""
import argparse
import datetime
import glob
import html
import math
import os
import random
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True
import textbank as TB  # noqa: E402


def find_repo_root():
    d = HERE
    while True:
        if os.path.isdir(os.path.join(d, "corpus", "seeds")) and \
           os.path.isdir(os.path.join(d, "tests", "eval", "articles")):
            return d
        nd = os.path.dirname(d)
        if nd == d:
            sys.exit("gen_reprints: cannot find the repository root "
                     "(a directory with corpus/seeds and tests/eval/articles) above " + HERE)
        d = nd


# ====================================================================== OpenCC
OPENCC = None
OPENCC_DIR = None
_cc_cache = {}


def init_opencc():
    global OPENCC, OPENCC_DIR
    for cand in ("/usr/bin/opencc", shutil.which("opencc") or ""):
        if cand and os.access(cand, os.X_OK):
            OPENCC = cand
            break
    if not OPENCC:
        sys.exit("gen_reprints: /usr/bin/opencc not found; it is needed for the "
                 "'script' copies (install the opencc package, e.g. apt-get install opencc)")
    for d in ("/usr/share/opencc", "/usr/local/share/opencc", "/usr/share/opencc/config"):
        if os.path.isdir(d):
            OPENCC_DIR = d
            break


def cc_config(name):
    """Return a usable config for NAME (e.g. 's2t'), or None."""
    cands = [name + ".json", name + ".ini"]
    if OPENCC_DIR:
        for c in cands:
            if os.path.exists(os.path.join(OPENCC_DIR, c)):
                return c
        return None
    return cands[0]


def cc(text, cfg):
    if not text:
        return text
    key = (cfg, text)
    if key in _cc_cache:
        return _cc_cache[key]
    p = subprocess.run([OPENCC, "-c", cfg], input=text.encode("utf-8"),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        sys.exit("gen_reprints: opencc -c %s failed: %s" % (cfg, p.stderr.decode("utf-8", "replace")))
    out = p.stdout.decode("utf-8")
    # opencc may add or drop a final newline
    if text.endswith("\n") and not out.endswith("\n"):
        out += "\n"
    if not text.endswith("\n") and out.endswith("\n"):
        out = out[:-1]
    _cc_cache[key] = out
    return out


def cc_list(items, cfg):
    if cfg is None or not items:
        return list(items)
    joined = "\n".join(items)
    out = cc(joined, cfg).split("\n")
    if len(out) != len(items):          # should not happen; fall back
        return [cc(x, cfg) for x in items]
    return out


# ====================================================================== text utils
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RE_CJK = re.compile("[" + CJK + "]")
SENT_END = re.compile(r"[。！？]+[”’」』）)]*")


def nchars(s):
    """Characters that count for lengths: everything but whitespace."""
    return sum(1 for ch in s if not ch.isspace() and ch != "\u3000")


def strip_line(s):
    return s.strip().strip("\u3000").strip()


def sentences(p):
    out, last = [], 0
    for m in SENT_END.finditer(p):
        out.append(p[last:m.end()])
        last = m.end()
    if last < len(p) and p[last:].strip():
        out.append(p[last:])
    return out


def detect_script(text):
    s = cc(text, cc_config("t2s"))
    t = cc(text, cc_config("s2t"))
    d_ts = sum(1 for a, b in zip(text, s) if a != b)
    d_st = sum(1 for a, b in zip(text, t) if a != b)
    return "t" if d_ts > 10 and d_ts > 3 * d_st else "s"


def changed_cjk(a, b):
    return sum(1 for x, y in zip(a, b) if x != y and RE_CJK.match(x))


RE_PLACE = re.compile(r"^((?:[" + CJK + r"]{1,7}?(?:自治州|自治縣|自治县|市|縣|县|區|区|州|盟|旗))+)")


def extract_place(title):
    m = RE_PLACE.match(title)
    if not m:
        return None
    p = m.group(1)
    return p if 2 <= len(p) <= 12 else None


# ====================================================================== bases
class Base:
    def __init__(self, stem, prefix, title, paras, source, date, place, origin):
        self.stem, self.prefix, self.title, self.paras = stem, prefix, title, paras
        self.source, self.date, self.place, self.origin = source, date, place, origin
        self.script = "s"
        self.body_chars = sum(nchars(p) for p in paras)

    @property
    def short(self):
        return self.body_chars < 120


# Seeds are real crawled pages with header/nav/footer lines around the
# article; the article lines are picked by hand here (1-based, inclusive).
# Titles marked (invented) are ours: those seeds lost their headline.
SEED_SPECS = {
    "000_24dd3b9ff498e643": dict(title="昭通市政協“千名委員走基層”行動見聞",  # (invented)
                                 body=(2, 20), strip=r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}",
                                 source="昭通新聞網", date="2022-09-21", place="昭通市"),
    "001_fd71167b4d90b068": dict(title_line=3, body=(10, 40), source="各界新聞網",
                                 date="2025-07-08", place="漢中市"),
    "002_12ddb5efa8792e64": dict(title="蘭州市政協深化委員聯系界別群眾工作綜述",  # (invented)
                                 body=(1, 30), source="蘭州日報", date="2025-01-16", place="蘭州市"),
    "003_b63c12242eb4d3bc": dict(title="昆明市政协做好委员联络服务　激发委员履职活力",  # (invented)
                                 body=(1, 20), source="昆明信息港", date="2025-01-22", place="昆明市"),
    "004_7e9473d393ee8230": dict(title_line=6, body=(10, 72), source="三峡日报",
                                 date="2023-03-15", place="宜昌市"),
}
FOOTER_MARKERS = ("ICP", "版权所有", "版權所有", "Copyright", "分享到", "相关阅读", "相關閱讀",
                  "相关热词", "相關熱詞", "编辑:", "編輯:", "编辑：", "編輯：")


def load_seed(path):
    stem = os.path.splitext(os.path.basename(path))[0]
    lines = open(path, encoding="utf-8", errors="replace").read().split("\n")
    spec = SEED_SPECS.get(stem)
    if spec:
        title = spec.get("title") or strip_line(lines[spec["title_line"] - 1])
        a, b = spec["body"]
        body = [strip_line(x) for x in lines[a - 1:b]]
        if spec.get("strip") and body:
            body[0] = re.sub(spec["strip"], "", body[0])
        source, date, place = spec["source"], spec["date"], spec.get("place")
    else:   # unknown seed: first non-empty line is the title, stop at footer lines
        ls = [strip_line(x) for x in lines if strip_line(x)]
        title, body = ls[0], []
        for x in ls[1:]:
            if any(mk in x for mk in FOOTER_MARKERS):
                break
            body.append(x)
        source, date, place = "网络", None, None
    paras = [p for p in body if p]
    d = datetime.date.fromisoformat(date) if date else None
    return Base(stem, "s" + stem[:3], title, paras, source, d, place or extract_place(title), "seed")


def load_eval(path):
    stem = os.path.splitext(os.path.basename(path))[0]
    lines = [strip_line(x) for x in open(path, encoding="utf-8").read().split("\n")]
    lines = [x for x in lines if x]
    return Base(stem, stem, lines[0], lines[1:], None, None, extract_place(lines[0]), "eval")


# ====================================================================== sites
class Site:
    def __init__(self, d, rng):
        self.__dict__.update(d)
        self.script = "t" if d["conv"] else "s"
        n = rng.randint(6, 8)
        self.side = rng.sample(TB.SIDE_HEADLINES, n)
        self._skel = {}

    def loc(self, s):
        return cc(s, self.conv) if self.conv and s else s

    def loc_list(self, xs):
        return cc_list(xs, self.conv) if self.conv else list(xs)

    def url(self, rng, d):
        sec = rng.choice(["xw", "content", "zxdt", "news", "a", "article"])
        return "https://%s/%s/%s/t%s_%d.html" % (self.domain, sec, d.strftime("%Y%m"),
                                                 d.strftime("%Y%m%d"), rng.randint(100000, 999999))

    def skeleton(self, charset):
        if charset not in self._skel:
            sk = LAYOUTS[self.layout](self, charset)
            if self.conv:
                sk = cc(sk, self.conv)
            self._skel[charset] = sk
        return self._skel[charset]


def _nav_html(site, sep=""):
    return sep.join('<li><a href="%s">%s</a></li>' % (("/c%02d/" % i) if i else "/", x)
                    for i, x in enumerate(site.nav))


def _crumb_html(site):
    parts = ['<a href="/">%s</a>' % site.crumb[0]] + \
        ['<a href="/c%02d/">%s</a>' % (i + 1, x) for i, x in enumerate(site.crumb[1:-1])] + [site.crumb[-1]]
    return " &gt; ".join(parts)


def _side_html(site):
    return "\n".join('<li><a href="/c01/t%d.html">%s</a></li>' % (1000 + i * 37, x)
                     for i, x in enumerate(site.side))


def layout_portal(s, cs):
    return """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="%(cs)s">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>@@TITLE@@%(sep)s%(name)s</title>
<meta name="date" content="@@ISO@@">
<meta name="keywords" content="%(name)s,政协,委员">
<link rel="stylesheet" href="//%(domain)s/static/css/article.css">
</head>
<body>
<div class="topbar"><div class="w">欢迎访问%(name)s　<a href="/">设为首页</a> | <a href="/">加入收藏</a> | <a href="/m/">手机版</a></div></div>
<div class="header w"><div class="logo"><a href="/">%(name)s</a></div><div class="slogan">%(slogan)s</div>
<form class="search" action="/search"><input type="text" name="q" placeholder="请输入关键词"><button type="submit">搜索</button></form></div>
<div class="nav"><ul>%(nav)s</ul></div>
<div class="main w">
<div class="crumb">当前位置：%(crumb)s</div>
<div class="left">
<div class="article">
<h1>@@H1@@</h1>
<div class="info"><span class="time">@@DATE@@</span>　<span class="source">%(src_label)s@@SRC@@</span>　<span class="views">阅读：@@VIEWS@@</span></div>
@@TOP@@
<div class="content" id="content">
@@BODY@@
</div>
@@BOTTOM@@
<div class="share">%(share)s</div>
@@RELATED@@
<div class="prevnext"><a href="/c01/">上一篇</a>　<a href="/c01/">下一篇</a></div>
</div>
</div>
<div class="right">
@@SIDEREL@@
<div class="box"><h3>%(side_title)s</h3><ul>
%(side)s
</ul></div>
</div>
</div>
<div class="footer">%(footer)s</div>
</body>
</html>
""" % dict(cs=cs, sep=s.sep, name=s.name, domain=s.domain, slogan=s.slogan, nav=_nav_html(s),
           crumb=_crumb_html(s), src_label=s.src_label, share=s.share, side_title=s.side_title,
           side=_side_html(s), footer="\n".join("<p>%s</p>" % f for f in s.footer))


def layout_table(s, cs):
    nav = " | ".join('<a href="/c%02d/">%s</a>' % (i, x) for i, x in enumerate(s.nav))
    return """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html>
<head>
<meta charset="%(cs)s">
<title>@@TITLE@@%(sep)s%(name)s</title>
<meta name="date" content="@@ISO@@">
<link href="/images/style.css" rel="stylesheet" type="text/css">
</head>
<body>
<table width="1000" border="0" cellspacing="0" cellpadding="0" align="center">
<tr><td class="banner"><b>%(name)s</b>　%(slogan)s</td></tr>
<tr><td class="navbar">%(nav)s</td></tr>
<tr><td class="weizhi">您现在的位置：%(crumb)s</td></tr>
</table>
<table width="1000" border="0" cellspacing="0" cellpadding="0" align="center">
<tr>
<td width="700" valign="top">
<div class="bt"><h1>@@H1@@</h1></div>
<div class="sj">发布日期：@@DATE@@　%(src_label)s@@SRC@@　浏览次数：@@VIEWS@@　【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
@@TOP@@
<div id="zoom">
@@BODY@@
</div>
@@BOTTOM@@
<div class="fx">%(share)s</div>
<div class="dy">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
@@RELATED@@
</td>
<td width="280" valign="top">
@@SIDEREL@@
<div class="side"><div class="side-t">%(side_title)s</div><ul>
%(side)s
</ul></div></td>
</tr>
</table>
<table width="1000" border="0" cellspacing="0" cellpadding="0" align="center">
<tr><td class="footer">%(footer)s</td></tr>
</table>
</body>
</html>
""" % dict(cs=cs, sep=s.sep, name=s.name, slogan=s.slogan, nav=nav, crumb=_crumb_html(s),
           src_label=s.src_label, share=s.share, side_title=s.side_title, side=_side_html(s),
           footer="<br>\n".join(s.footer))


def layout_mobile(s, cs):
    chans = "".join('<a href="/ch/%d">%s</a>' % (i, x) for i, x in enumerate(s.nav))
    return """<!DOCTYPE html>
<html>
<head>
<meta charset="%(cs)s">
<meta name="viewport" content="width=device-width,initial-scale=1,user-scalable=no">
<title>@@TITLE@@%(sep)s%(name)s</title>
<meta name="date" content="@@ISO@@">
</head>
<body>
<div class="m-top"><span class="m-logo">%(name)s</span><a class="m-open" href="/app">%(slogan)s</a></div>
<div class="m-channels">%(chans)s</div>
<div class="m-crumb">%(crumb)s</div>
<article class="m-article">
<h1 class="m-title">@@H1@@</h1>
<div class="m-meta"><span class="m-src">%(src_label)s@@SRC@@</span> <span class="m-time">@@DATE@@</span> <a class="m-follow" href="#">+关注</a></div>
@@TOP@@
<div class="m-content">
@@BODY@@
</div>
@@BOTTOM@@
<div class="m-actions">%(share)s</div>
@@RELATED@@
</article>
@@SIDEREL@@
<div class="m-hot"><h3>%(side_title)s</h3><ul>
%(side)s
</ul></div>
<div class="m-comment"><h3>评论</h3><p>暂无评论，快来抢沙发吧</p></div>
<div class="m-foot">%(footer)s</div>
</body>
</html>
""" % dict(cs=cs, sep=s.sep, name=s.name, slogan=s.slogan, chans=chans, crumb=_crumb_html(s),
           src_label=s.src_label, share=s.share, side_title=s.side_title, side=_side_html(s),
           footer="\n".join("<p>%s</p>" % f for f in s.footer))


def layout_wechat(s, cs):
    menu = " | ".join('<a href="#m%d">%s</a>' % (i, x) for i, x in enumerate(s.nav))
    return """<!DOCTYPE html>
<html>
<head>
<meta charset="%(cs)s">
<meta name="viewport" content="width=device-width,initial-scale=1.0">
<title>@@TITLE@@</title>
<meta name="date" content="@@ISO@@">
<meta property="og:site_name" content="%(name)s">
</head>
<body id="activity-detail">
<div class="crumb">%(crumb)s</div>
<div class="rich_media">
<h1 class="rich_media_title" id="activity-name">@@H1@@</h1>
<div class="rich_media_meta_list"><a id="js_name" href="#">%(name)s</a> <em id="publish_time">@@DATE@@</em></div>
<p class="tips">%(slogan)s“%(name)s”</p>
<div class="rich_media_content" id="js_content">
@@TOP@@
@@BODY@@
@@BOTTOM@@
</div>
<p class="src">%(src_label)s@@SRC@@</p>
<div class="footer-tips">%(footer)s</div>
<div class="tool">%(share)s</div>
@@RELATED@@
@@SIDEREL@@
<div class="more"><h3>%(side_title)s</h3><ul>
%(side)s
</ul></div>
<div class="menu">%(menu)s</div>
</div>
</body>
</html>
""" % dict(cs=cs, name=s.name, crumb=_crumb_html(s), slogan=s.slogan, src_label=s.src_label,
           footer="<br>".join(s.footer), share=s.share, side_title=s.side_title,
           side=_side_html(s), menu=menu)


def layout_epaper(s, cs):
    nav = "".join('<a href="/html/node_%d.htm">%s</a>' % (i + 2, x) for i, x in enumerate(s.nav))
    return """<!DOCTYPE html>
<html>
<head>
<meta charset="%(cs)s">
<title>@@TITLE@@%(sep)s%(name)s%(slogan)s</title>
<meta name="date" content="@@ISO@@">
</head>
<body>
<div class="paper-head"><span class="paper-name">%(name)s</span><span class="paper-sub">%(slogan)s</span> <span class="paper-date">@@DATE@@</span></div>
<div class="paper-nav">%(nav)s</div>
<div class="crumb">%(crumb)s</div>
<div class="paper-left"><h3>%(side_title)s</h3><ul>
%(side)s
</ul>
@@SIDEREL@@
</div>
<div class="paper-article">
<h1>@@H1@@</h1>
<div class="meta">%(src_label)s@@SRC@@</div>
@@TOP@@
<div id="ozoom">
@@BODY@@
</div>
@@BOTTOM@@
<div class="paper-tool">%(share)s</div>
@@RELATED@@
</div>
<div class="paper-foot">%(footer)s</div>
</body>
</html>
""" % dict(cs=cs, sep=s.sep, name=s.name, slogan=s.slogan, nav=nav, crumb=_crumb_html(s),
           side_title=s.side_title, side=_side_html(s), src_label=s.src_label, share=s.share,
           footer="<br>".join(s.footer))


LAYOUTS = dict(portal=layout_portal, table=layout_table, mobile=layout_mobile,
               wechat=layout_wechat, epaper=layout_epaper)


# ====================================================================== rendering
def esc(s):
    return html.escape(s, quote=False)


def render_body(paras, mode, heads=()):
    out = []
    if mode == "br":
        return "<br>\n<br>\n".join(esc(p) for p in paras)
    if mode == "br1":
        return "<br>\n".join(esc(p) for p in paras)
    for i, p in enumerate(paras):
        t = esc(p)
        if i in heads:
            t = "<strong>%s</strong>" % t
        if mode == "p":
            out.append("<p>%s</p>" % t)
        elif mode == "p_indent":
            out.append('<p style="text-indent:2em;">%s</p>' % t)
        elif mode == "p_fullspace":
            out.append("<p>\u3000\u3000%s</p>" % t)
        elif mode == "p_blank":
            out.append("<p>%s</p>" % t)
            if i + 1 < len(paras):
                out.append("<p>&nbsp;</p>")
        elif mode == "section":
            out.append('<section style="line-height:1.75em;"><span style="font-size:15px;">%s</span></section>' % t)
        elif mode == "div":
            out.append("<div>%s</div>" % t)
        else:
            raise ValueError(mode)
    return "\n".join(out)


def render_related(site, rel):
    heading, items = rel
    li = []
    for t, teaser, url in items:
        if teaser:
            li.append('<li><a href="%s">%s</a><p class="teaser">%s</p></li>' % (url, esc(t), esc(teaser)))
        else:
            li.append('<li><a href="%s">%s</a></li>' % (url, esc(t)))
    return '<div class="related"><h3>%s</h3><ul>\n%s\n</ul></div>' % (esc(heading), "\n".join(li))


def is_head(p):
    """Short line without sentence punctuation: a sub-heading."""
    return nchars(p) <= 24 and not re.search(r"[。！？，,]", p)


def render_page(spec, charset):
    site = spec["site"]
    sk = site.skeleton(charset)
    d = spec["date"]
    dateline = d.strftime(site.datefmt.replace("%H", "@H").replace("%M", "@M").replace("%S", "@S"))
    hh, mm, ss = spec["time"]
    dateline = dateline.replace("@H", "%02d" % hh).replace("@M", "%02d" % mm).replace("@S", "%02d" % ss)
    heads = {i for i, p in enumerate(spec["paras"]) if is_head(p)} if spec.get("bold_heads", True) else set()
    body = render_body(spec["paras"], spec["body_mode"], heads)
    rel = render_related(site, spec["related"]) if spec.get("related") else ""
    top = "\n".join('<p class="meta-line">%s</p>' % esc(x) for x in spec.get("top_lines", []))
    bottom = "\n".join('<p class="meta-line">%s</p>' % esc(x) for x in spec.get("bottom_lines", []))
    if spec.get("meta_inside"):     # editor lines inside the article container
        body = "\n".join(x for x in (top, body, bottom) if x)
        top = bottom = ""
    if spec.get("trailer"):
        bottom += '\n<div class="readmore">%s</div>' % esc(spec["trailer"])
    rep = {
        "@@TITLE@@": esc(spec["title"]), "@@H1@@": esc(spec.get("h1", spec["title"])),
        "@@ISO@@": d.isoformat(), "@@DATE@@": dateline, "@@SRC@@": esc(spec["source"]),
        "@@VIEWS@@": str(spec["views"]), "@@TOP@@": top, "@@BOTTOM@@": bottom,
        "@@BODY@@": body,
        "@@RELATED@@": rel if spec.get("related_pos", "after") == "after" else "",
        "@@SIDEREL@@": rel if spec.get("related_pos") == "side" else "",
    }
    out = re.sub(r"@@[A-Z0-9]+@@", lambda m: rep[m.group(0)], sk)
    if spec.get("script_cfg"):
        out = cc(out, spec["script_cfg"])
    return out


# ====================================================================== transformations
HALF_MAP = {"，": ",", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")"}
QUOTE_HALF = {"“": '"', "”": '"', "‘": "'", "’": "'"}


def width_profile(paras):
    t = "".join(paras)
    full = sum(t.count(c) for c in "，：；（）")
    half = sum(t.count(c) for c in ",:;()")
    return "half" if half > full else "full"


def to_half(p, level, space_after):
    out = []
    for ch in p:
        if ch in HALF_MAP:
            h = HALF_MAP[ch]
            out.append(h + (" " if space_after and h in ",;:" else ""))
        elif level >= 2 and ch in QUOTE_HALF:
            out.append(QUOTE_HALF[ch])
        elif level >= 3 and ch == "。":
            out.append(". " if space_after else ".")
        else:
            out.append(ch)
    return "".join(out).rstrip()


FULL_MAP = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}


def to_full(p):
    # convert only next to CJK / CJK punctuation, so 1,000 and 09:57 survive
    chars = list(p)
    for i, ch in enumerate(chars):
        if ch in FULL_MAP:
            prev = chars[i - 1] if i else ""
            nxt = chars[i + 1] if i + 1 < len(chars) else ""
            if (prev and (RE_CJK.match(prev) or prev in "”」）)")) or (nxt and RE_CJK.match(nxt)):
                chars[i] = FULL_MAP[ch]
    return "".join(chars)


def to_corner_quotes(p):
    return p.replace("“", "「").replace("”", "」").replace("‘", "『").replace("’", "』")


RE_CJK_ASCII = re.compile(r"([" + CJK + r"])([A-Za-z0-9])")
RE_ASCII_CJK = re.compile(r"([A-Za-z0-9%])([" + CJK + r"])")


def pangu(p):
    return RE_ASCII_CJK.sub(r"\1 \2", RE_CJK_ASCII.sub(r"\1 \2", p))


def random_spaces(p, rng):
    chars = list(p)
    n = max(1, len(chars) // 90)
    for _ in range(n):
        i = rng.randrange(1, max(2, len(chars)))
        if i < len(chars) and RE_CJK.match(chars[i]) and RE_CJK.match(chars[i - 1]):
            chars[i] = " " + chars[i]
    return "".join(chars)


def split_paras(paras, rng):
    out = []
    for p in paras:
        ss = sentences(p)
        if len(ss) >= 2 and nchars(p) > 60 and rng.random() < 0.7:
            k = rng.randint(1, len(ss) - 1)
            out += ["".join(ss[:k]), "".join(ss[k:])]
        else:
            out.append(p)
    return out


def merge_paras(paras, rng, joiner=""):
    if len(paras) <= 4 and rng.random() < 0.6:
        return [joiner.join(paras)]
    out, i = [], 0
    while i < len(paras):
        if i + 1 < len(paras) and rng.random() < 0.5 and not is_head(paras[i]):
            out.append(paras[i] + joiner + paras[i + 1])
            i += 2
        else:
            out.append(paras[i])
            i += 1
    return out


def apply_punct(spec, rng, base):
    ops = []
    prof = width_profile(spec["paras"] + [spec["title"]])
    paras = spec["paras"]
    if prof == "full" or rng.random() < 0.2:
        level = rng.choice([1, 2, 2, 3])
        sp = rng.random() < 0.5
        paras = [to_half(p, level, sp) for p in paras]
        ops.append("half%d%s" % (level, "+sp" if sp else ""))
        if rng.random() < 0.5:
            spec["title"] = to_half(spec["title"], min(level, 2), False)
            ops.append("title-half")
    else:
        paras = [to_full(p) for p in paras]
        ops.append("full")
        if rng.random() < 0.5:
            spec["title"] = to_full(spec["title"])
            ops.append("title-full")
    if rng.random() < 0.3 and ops[0] != "half2" and "“" in "".join(paras):
        paras = [to_corner_quotes(p) for p in paras]
        ops.append("corner-quotes")
    sp_ops = rng.sample(["pangu", "random-spaces", "strip-spaces", "indent"], rng.choice([1, 2]))
    for op in sp_ops:
        if op == "pangu":
            paras = [pangu(p) for p in paras]
        elif op == "random-spaces":
            paras = [random_spaces(p, rng) for p in paras]
        elif op == "strip-spaces":
            paras = [re.sub(r"[ \u3000\u00a0]+", "", p) for p in paras]
        elif op == "indent":
            paras = ["\u3000\u3000" + p.lstrip("\u3000") for p in paras]
        ops.append(op)
    pop = rng.choice(["split", "merge", "split+merge"] if len(paras) > 2 else ["split", "merge"])
    if "split" in pop:
        paras = split_paras(paras, rng)
    if "merge" in pop:
        paras = merge_paras(paras, rng, rng.choice(["", "", " "]))
    ops.append(pop)
    modes = [m for m in ("p", "br", "br1", "p_blank", "div", "p_fullspace") if m != spec["body_mode"]]
    spec["body_mode"] = rng.choice(modes)
    ops.append("body=" + spec["body_mode"])
    spec["bold_heads"] = rng.random() < 0.5
    spec["paras"] = [p for p in paras if p.strip()]
    return "punct(" + ",".join(ops) + ")"


def apply_trunc(spec, rng, base):
    paras = spec["paras"]
    total = sum(nchars(p) for p in paras)
    target = rng.uniform(0.62, 0.75)
    lo, hi = 0.62 * total, 0.75 * total
    # candidate cut points: (para index, char offset, count so far, level)
    cands = []
    acc = 0
    for i, p in enumerate(paras):
        run = 0
        for j, ch in enumerate(p):
            if not ch.isspace() and ch != "\u3000":
                run += 1
            nxt = p[j + 1] if j + 1 < len(p) else ""
            if ch in "。！？" and nxt not in "。！？”’」』）)":
                cands.append((i, j + 1, acc + run, 0))
            elif ch in "”’」』）)" and j > 0 and p[j - 1] in "。！？" and nxt not in "”’」』）)":
                cands.append((i, j + 1, acc + run, 0))
            elif ch in "，；,;：":
                cands.append((i, j + 1, acc + run, 1))
        if not cands or cands[-1][:2] != (i, len(p)):
            cands.append((i, len(p), acc + nchars(p), 0))
        acc += nchars(p)
    best = None
    for level in (0, 1):
        inr = [c for c in cands if c[3] == level and lo <= c[2] <= hi]
        if inr:
            best = min(inr, key=lambda c: abs(c[2] - target * total))
            break
    how = "sentence" if best and best[3] == 0 else "clause"
    if best is None:        # hard cut at the target
        need = min(max(int(round(target * total)), math.ceil(lo)), int(math.floor(hi)))
        acc = 0
        for i, p in enumerate(paras):
            if acc + nchars(p) >= need:
                run = 0
                for j, ch in enumerate(p):
                    if not ch.isspace() and ch != "\u3000":
                        run += 1
                    if acc + run >= need:
                        best = (i, j + 1, need, 2)
                        break
                break
            acc += nchars(p)
        how = "hard"
    i, j = best[0], best[1]
    newp = paras[:i] + ([paras[i][:j]] if paras[i][:j].strip() else [])
    if how == "clause":
        newp[-1] = newp[-1].rstrip("，；,;：") + "。"
    spec["paras"] = newp
    kept = sum(nchars(p) for p in newp)
    frac = kept / total if total else 1
    if rng.random() < 0.5:
        spec["trailer"] = spec["site"].loc(rng.choice(
            ["展开全文", "打开APP阅读全文", "点击查看全文", "（未完）", "阅读原文 >"]))
    return "trunc(%.3f,%s)" % (frac, how)


def person(rng):
    return rng.choice(TB.SURNAMES) + "".join(rng.sample(TB.GIVEN, rng.choice([1, 2])))


def loc_base(base, s):
    """Invented simplified text -> the base's script."""
    return cc(s, cc_config("s2tw") or cc_config("s2t")) if base.script == "t" else s


def new_title(base, rng):
    t = base.title
    strategies = ["prefix", "short", "generic", "suffix"]
    st = rng.choice(strategies)
    if st == "short":
        parts = [x for x in re.split(r"——|—|：|:|\s+|｜|\|", t) if nchars(x) >= 5]
        if len(parts) >= 2:
            return rng.choice(parts).strip(), "short-part"
        pl = extract_place(t)
        if pl and nchars(t) - len(pl) >= 6:
            return t[len(pl):].lstrip("：:，"), "short-noplace"
        st = "prefix"
    if st == "generic":
        pl = base.place or extract_place(t)
        g = loc_base(base, rng.choice(TB.RETITLE_GENERIC))
        if pl:
            return pl + loc_base(base, rng.choice(["：", "政协：", "　"])) + g, "generic"
        st = "prefix"
    if st == "suffix":
        suf = loc_base(base, rng.choice([x for x in TB.RETITLE_SUFFIXES if x]))
        return t + suf, "suffix"
    return loc_base(base, rng.choice(TB.RETITLE_PREFIXES)) + t, "prefix"


def apply_retitle(spec, rng, base):
    t, how = new_title(base, rng)
    spec["title"] = t
    spec["h1"] = t
    src = rng.choice([base.source or "", loc_base(base, rng.choice(TB.EDIT_SOURCES))]) or \
        loc_base(base, rng.choice(TB.EDIT_SOURCES))
    ed, ed2 = person(rng), person(rng)
    pattern = rng.choice(["top", "bottom", "both"])
    top, bottom = [], []
    if pattern in ("top", "both"):
        top.append(loc_base(base, rng.choice(["来源：%s　编辑：%s" % (src, ed),
                                             "本文来源：%s" % src,
                                             "来源：%s　作者：%s" % (src, ed)])))
    if pattern in ("bottom", "both"):
        bottom.append(loc_base(base, rng.choice(["责任编辑：%s" % ed2,
                                                "（来源：%s）　责任编辑：%s" % (src, ed2),
                                                "编辑：%s　审核：%s" % (ed, ed2),
                                                "本文转载自%s，如涉及版权问题请联系删除。" % src])))
    spec["top_lines"] = spec.get("top_lines", []) + top
    spec["bottom_lines"] = bottom + spec.get("bottom_lines", [])
    spec["meta_inside"] = rng.random() < 0.5
    if rng.random() < 0.4:
        spec["source"] = src
    return "retitle(%s,%s%s)" % (how, pattern, ",inside" if spec["meta_inside"] else "")


def lead_of(base, n=1):
    ss = sentences(base.paras[0]) if base.paras else []
    if not ss:
        return ""
    return "".join(ss[:n])


def apply_related(spec, rng, base, bases):
    site = spec["site"]
    others = [b for b in bases if b.stem != base.stem]
    n = rng.randint(4, 8)
    picks = rng.sample(others, n)
    with_teaser = rng.random() < 0.5
    items = []
    for b in picks:
        teaser = None
        if with_teaser:
            first = b.paras[0] if nchars(b.paras[0]) > 20 or len(b.paras) < 2 else b.paras[1]
            teaser = first[:rng.randint(24, 48)].rstrip("，,、") + "…"
        items.append((b.title, teaser, site.url(rng, spec["date"] - datetime.timedelta(days=rng.randint(0, 60)))))
    heading = site.loc(rng.choice(TB.RELATED_HEADINGS))
    spec["related"] = (heading, items)
    pos = "side" if rng.random() < 0.25 else "after"
    spec["related_pos"] = pos
    return "related(%d,%s,%s)" % (n, "teaser" if with_teaser else "titles", pos)


def apply_chrome(spec, rng, base, chrome_sites, used):
    cands = [s for s in chrome_sites if s.key != spec["site"].key and s.key not in used]
    if not cands:
        cands = [s for s in chrome_sites if s.key != spec["site"].key]
    site = rng.choice(cands)
    used.add(site.key)
    spec["site"] = site
    spec["body_mode"] = site.body_mode
    r = rng.random()
    if r < 0.6 and base.source:
        spec["source"] = base.source
    elif r < 0.8:
        spec["source"] = site.name if not site.conv else site.loc(site.name)
    else:
        spec["source"] = loc_base(base, rng.choice(["网络", "综合", "网络综合"]))
    return "chrome(%s)" % site.key


def apply_script(spec, rng, base):
    if base.script == "s":
        cfg = rng.choice(["s2t", "s2t", "s2tw", "s2hk", "s2twp"])
    else:
        cfg = rng.choice(["t2s", "t2s", "tw2s", "hk2s"])
    c = cc_config(cfg) or cc_config("s2t" if base.script == "s" else "t2s")
    if c is None:
        sys.exit("gen_reprints: no usable OpenCC config for %s in %s" % (cfg, OPENCC_DIR))
    spec["script_cfg"] = c
    return "script(%s)" % c


# ====================================================================== generation
class Gen:
    def __init__(self, root, seed, opaque):
        self.root, self.seed, self.opaque = root, seed, opaque
        self.rng = random.Random(seed)
        self.pages = []

    # ---------------------------------------------------------------- setup
    def load(self):
        seeds = [load_seed(p) for p in sorted(glob.glob(os.path.join(self.root, "corpus", "seeds", "*.txt")))]
        evals = [load_eval(p) for p in sorted(glob.glob(os.path.join(self.root, "tests", "eval", "articles", "*.txt")))]
        self.bases = seeds + evals
        if not self.bases:
            sys.exit("gen_reprints: no base articles found")
        for b in self.bases:
            b.script = detect_script(b.title + "\n" + "\n".join(b.paras))
            if b.source is None:
                b.source = loc_base(b, self.rng.choice(
                    ["委员履职通讯", "基层政协动态", "政协工作简报", "本网讯", "协商在线", "界别之声"]))
            if b.date is None:
                b.date = datetime.date(2021, 1, 1) + datetime.timedelta(days=self.rng.randint(0, 1600))
        srng = random.Random(self.seed * 7919 + 17)
        self.sites = [Site(d, srng) for d in TB.SITES]
        for s in self.sites:
            if s.conv:
                s.conv = cc_config(s.conv.replace(".json", "")) or cc_config("s2t")
                s.name_loc = s.loc(s.name)
        self.origin_s = [s for s in self.sites if s.role == "origin"]
        self.origin_t = [s for s in self.sites if s.role == "origin_t"]
        self.chrome_sites = [s for s in self.sites if s.role.startswith("chrome")]

    def base_spec(self, base):
        rng = self.rng
        if base.script == "t" and rng.random() < 0.6:
            site = rng.choice(self.origin_t)
        else:
            site = rng.choice(self.origin_s)
        return dict(site=site, title=base.title, paras=list(base.paras), source=base.source,
                    date=base.date, time=(rng.randint(7, 19), rng.randint(0, 59), rng.randint(0, 59)),
                    views=rng.randint(50, 9000), body_mode=site.body_mode, top_lines=[], bottom_lines=[])

    # ---------------------------------------------------------------- output
    def emit(self, name, article, kind, base, spec, details):
        site = spec["site"]
        charset = "utf-8"
        if self.rng.random() < 0.04 + site.gbk:
            charset = "gbk"
        page = render_page(spec, charset)
        data = None
        if charset == "gbk":
            try:
                data = page.encode("gbk")
            except UnicodeEncodeError:
                charset = "utf-8"
                page = render_page(spec, charset)
        if data is None:
            data = page.encode("utf-8")
        body_text = "".join(spec["paras"])
        self.pages.append(dict(name=name, article=article, kind=kind, base=base,
                               date=spec["date"], data=data, charset=charset,
                               details=details, body_chars=nchars(body_text),
                               site=site.key))

    # ---------------------------------------------------------------- copies
    def make_copies(self):
        rng = self.rng
        others = ["related", "script", "punct", "trunc", "retitle", "combo"]
        for base in self.bases:
            if base.origin == "seed":
                kinds = ["chrome", "chrome", "related", "script", "punct", "trunc",
                         "retitle", "combo", "combo", "combo"]
            elif base.short:
                kinds = ["chrome", "related", "script", "punct", "trunc", "retitle", "combo"]
                if rng.random() < 0.5:
                    kinds.append(rng.choice(["chrome", "combo"]))
            else:
                n = rng.randint(4, 6)
                kinds = ["chrome"] + rng.sample(others, n - 1)
            orig = self.base_spec(base)
            self.emit("%s_original" % base.prefix, base.stem, "original", base.stem, orig,
                      "original(site=%s,script=%s,body_chars=%d)" % (orig["site"].key, base.script, base.body_chars))
            counter = {}
            used_chrome = set()
            last_date = base.date
            for kind in kinds:
                counter[kind] = counter.get(kind, 0) + 1
                spec = dict(orig)
                spec["paras"] = list(orig["paras"])
                spec["top_lines"], spec["bottom_lines"] = [], []
                spec["date"] = base.date + datetime.timedelta(days=rng.choice(
                    [rng.randint(1, 14), rng.randint(1, 60), rng.randint(15, 180)]))
                spec["time"] = (rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59))
                spec["views"] = rng.randint(3, 3000)
                if kind == "combo":
                    parts = self.pick_combo(rng)
                else:
                    parts = [kind]
                notes = []
                for part in ("retitle", "trunc", "punct", "chrome", "related", "script"):
                    if part not in parts:
                        continue
                    if part == "retitle":
                        notes.append(apply_retitle(spec, rng, base))
                    elif part == "trunc":
                        notes.append(apply_trunc(spec, rng, base))
                    elif part == "punct":
                        notes.append(apply_punct(spec, rng, base))
                    elif part == "chrome":
                        notes.append(apply_chrome(spec, rng, base, self.chrome_sites, used_chrome))
                    elif part == "related":
                        notes.append(apply_related(spec, rng, base, self.bases))
                    elif part == "script":
                        notes.append(apply_script(spec, rng, base))
                label_kind = kind
                name = "%s_%s%d" % (base.prefix, kind, counter[kind])
                det = "+".join(parts) + " " + " ".join(notes) + " site=%s" % spec["site"].key
                self.emit(name, base.stem, label_kind, base.stem, spec, det)
                last_date = max(last_date, spec["date"])
            base.last_copy = last_date

    def pick_combo(self, rng):
        pool = ["chrome", "related", "script", "punct", "trunc", "retitle"]
        favourites = [["chrome", "script", "trunc"], ["related", "punct", "retitle"],
                      ["chrome", "retitle"], ["chrome", "related"], ["script", "punct"],
                      ["trunc", "retitle"], ["chrome", "punct", "trunc"], ["script", "related", "retitle"]]
        if rng.random() < 0.5:
            return list(rng.choice(favourites))
        return rng.sample(pool, rng.choice([2, 2, 3]))

    # ---------------------------------------------------------------- quote pages
    def fill(self, s, rng, base=None):
        s = re.sub(r"\[([^\[\]]*\|[^\[\]]*)\]", lambda m: rng.choice(m.group(1).split("|")), s)
        c1, c2 = rng.sample(TB.CITIES, 2)
        vals = dict(c1=c1, c2=c2, d=rng.choice(TB.DISTRICTS), day=rng.choice([5, 8, 10, 15, 18, 20, 25]),
                    n=rng.randint(30, 900), m=rng.randint(12, 260), k=rng.randint(2, 12),
                    t=rng.choice(TB.TOPICS), sur=rng.choice(TB.SURNAMES), hon=rng.choice(TB.HONOR),
                    name=person(rng), job=rng.choice(TB.JOBS), lv=rng.choice(TB.LEVELS),
                    p=(base.place if base and base.place else "当地"),
                    src=(base.source if base else "当地媒体"))
        return s.format(**vals)

    def pick_quoted(self, base, rng):
        """Return (mode, [passages])."""
        body = base.body_chars
        paras = [p for p in base.paras if not is_head(p) and nchars(p) >= 30]
        if body >= 300 and len(paras) >= 3:
            pairs = []
            for i in range(len(paras)):
                for j in range(i + 1, len(paras)):
                    tot = nchars(paras[i]) + nchars(paras[j])
                    if tot <= 0.45 * body and nchars(paras[i]) <= 420 and nchars(paras[j]) <= 420:
                        pairs.append((i, j))
            if pairs:
                i, j = rng.choice(pairs)
                return "paras", [paras[i], paras[j]]
        # two or three consecutive sentences, at most 60% of the body; short
        # bases with only 2-3 sentences may need 80%, or a single sentence
        ss = [s for p in base.paras for s in sentences(p) if nchars(s) >= 8]
        for k_set, cap in (((2, 3), 0.6), ((2,), 0.8), ((1,), 0.8), ((1,), 1.0)):
            runs = [(i, k) for k in k_set for i in range(len(ss) - k + 1)
                    if sum(nchars(x) for x in ss[i:i + k]) <= cap * body]
            if runs:
                i, k = rng.choice(runs)
                return "sentences", ss[i:i + k]
        return "sentences", ss[:1]

    def draw(self, bank, used, rng, base):
        avail = [s for s in bank if s not in used]
        if not avail:
            avail = list(bank)
        s = rng.choice(avail)
        used.add(s)
        return loc_base(base, self.fill(s, rng, base))

    def make_quote(self, qi, base):
        rng = self.rng
        mode, quoted = self.pick_quoted(base, rng)
        qlen = sum(nchars(q) for q in quoted)
        target = max(int(qlen * rng.uniform(1.3, 2.3)), 160)
        style = rng.choice(["comment", "cities", "followup"])
        used = set()
        src = base.source or loc_base(base, rng.choice(TB.MEDIA_GENERIC))
        paras, new_chars = [], 0
        bank = {"comment": TB.COMMENT_BANK, "cities": TB.CITY_ITEMS + TB.COMMENT_BANK[:14],
                "followup": TB.FOLLOWUP_BANK + TB.COMMENT_BANK[28:]}[style]

        def add_new(n_sent, lead=None):
            nonlocal new_chars
            ss = [lead] if lead else []
            ss += [self.draw(bank, used, rng, base) for _ in range(n_sent)]
            p = "".join(ss)
            paras.append(p)
            new_chars += nchars(p)

        def add_quote(q, first):
            nonlocal new_chars
            if mode == "paras":
                frames = TB.QUOTE_FRAMES_PARA if first else TB.QUOTE_FRAMES_PARA2
                if style == "cities" and first:
                    frames = TB.QUOTE_FRAMES_CITY
                frame = loc_base(base, self.fill(rng.choice(frames), rng, base))
                if rng.random() < 0.5:
                    paras.append(frame)
                    paras.append(q)
                else:
                    paras.append(frame + q)
                new_chars += nchars(frame)
            else:
                fr = rng.choice(TB.QUOTE_FRAMES_CITY_INLINE if style == "cities" else TB.QUOTE_FRAMES_INLINE)
                pre, post = fr.split("{q}")
                pre = loc_base(base, self.fill(pre, rng, base))
                post = loc_base(base, post)
                paras.append(pre + q + post)
                new_chars += nchars(pre) + nchars(post)

        if style == "comment":
            title = loc_base(base, rng.choice(["评论｜", "短评：", "观察｜", ""]) + rng.choice(TB.COMMENT_TITLES))
            add_new(rng.randint(1, 2), loc_base(base, rng.choice(TB.COMMENT_OPENERS)))
        elif style == "cities":
            ct = rng.choice(TB.CITY_TITLES)
            if base.place and rng.random() < 0.6:
                ct = ct.replace("{c1}", "{p}", 1)
            title = loc_base(base, self.fill(ct, rng, base))
            paras.append(loc_base(base, rng.choice(TB.CITY_INTROS)))
            new_chars += nchars(paras[-1])
            add_new(rng.randint(2, 3))
        else:
            title = loc_base(base, self.fill(rng.choice(TB.FOLLOWUP_TITLES), rng, base))
            add_new(rng.randint(1, 2), loc_base(base, self.fill(rng.choice(TB.FOLLOWUP_OPENERS), rng, base)))
        if mode == "paras":
            add_quote(quoted[0], True)
            add_new(rng.randint(2, 3))
            add_quote(quoted[1], False)
        else:
            add_quote("".join(quoted), True)
        guard = 0
        while new_chars < max(target, qlen) and guard < 40:
            add_new(rng.randint(2, 3))
            guard += 1
        closer = {"comment": TB.COMMENT_CLOSERS, "cities": TB.CITY_OUTROS,
                  "followup": TB.FOLLOWUP_BANK[-3:]}[style]
        paras.append(loc_base(base, self.fill(rng.choice(closer), rng, base)))
        new_chars += nchars(paras[-1])
        site = rng.choice(self.chrome_sites + self.origin_s)
        date = base.date + datetime.timedelta(days=rng.randint(5, 240))
        spec = dict(site=site, title=title, paras=paras,
                    source=site.loc(site.name) if rng.random() < 0.5 else loc_base(base, "本网"),
                    date=date, time=(rng.randint(7, 22), rng.randint(0, 59), rng.randint(0, 59)),
                    views=rng.randint(20, 5000), body_mode=site.body_mode, top_lines=[], bottom_lines=[])
        if rng.random() < 0.3:
            apply_related(spec, rng, base, self.bases)
        name = "quote%02d" % qi
        det = "quote(%s,%s,quoted=%d,new=%d,ratio_new=%.2f,base_body=%d) site=%s" % (
            style, mode, qlen, new_chars, new_chars / max(qlen, 1), base.body_chars, site.key)
        self.emit(name, "quote%02d" % qi, "quote", base.stem, spec, det)
        self.quote_checks.append((name, quoted, qlen, new_chars))

    def make_quotes(self):
        rng = self.rng
        self.quote_checks = []
        seeds = [b for b in self.bases if b.origin == "seed"]
        shorts = [b for b in self.bases if b.origin == "eval" and b.short]
        rest = [b for b in self.bases if b.origin == "eval" and not b.short]
        chosen = seeds + seeds + rng.sample(shorts, min(8, len(shorts))) + rng.sample(rest, min(34, len(rest)))
        rng.shuffle(chosen)
        for i, b in enumerate(chosen, 1):
            self.make_quote(i, b)

    # ---------------------------------------------------------------- roundups
    def make_roundups(self, n=18):
        rng = self.rng
        self.roundup_checks = []
        use = {}
        for ri in range(1, n + 1):
            k = rng.randint(3, 5)
            pool = sorted(self.bases, key=lambda b: (use.get(b.stem, 0), rng.random()))
            picks = pool[:k * 3]
            picks = rng.sample(picks, k)
            for b in picks:
                use[b.stem] = use.get(b.stem, 0) + 1
            site = rng.choice(self.chrome_sites + self.origin_s)
            date = max(b.date for b in picks) + datetime.timedelta(days=rng.randint(1, 30))
            title = self.fill(rng.choice(TB.ROUNDUP_TITLES).replace("{m}", str(date.month)).replace(
                "{d}", str(date.day)).replace("{w}", str((date.day - 1) // 7 + 1)).replace(
                "{n}", str(rng.randint(10, 99))), rng)
            title = site.loc(title)
            paras = [site.loc(rng.choice(TB.ROUNDUP_INTROS))]
            with_titles = rng.random() < 0.7
            marker = rng.choice(["■ ", "◆ ", "num", "place"])
            ratios = []
            for idx, b in enumerate(picks, 1):
                lead = lead_of(b, rng.choice([1, 2]))
                limit = b.body_chars / 3.0
                more = rng.choice(TB.ROUNDUP_MORE)
                if nchars(lead) >= limit:
                    lead = lead_of(b, 1)
                if nchars(lead) >= limit:
                    # cut at the last clause boundary that fits, else hard
                    cut = None
                    for m in re.finditer(r"[，,；;]", lead):
                        if nchars(lead[:m.start()]) < limit:
                            cut = m.start()
                    lead = lead[:cut] if cut else lead[:int(limit) - 1]
                    more = "……"
                ratios.append(nchars(lead) / b.body_chars)
                if with_titles:
                    mk = {"num": "%d. " % idx, "place": "【%s】" % b.place if b.place else "● "}.get(marker, marker)
                    paras.append(mk + b.title)
                paras.append(lead + site.loc(more))
            paras.append(site.loc(rng.choice(TB.ROUNDUP_OUTROS)))
            spec = dict(site=site, title=title, paras=paras,
                        source=site.loc(rng.choice(["本网综合", "综合各地媒体", "编辑部"])),
                        date=date, time=(rng.randint(7, 22), rng.randint(0, 59), rng.randint(0, 59)),
                        views=rng.randint(20, 5000), body_mode=site.body_mode, top_lines=[], bottom_lines=[])
            name = "roundup%02d" % ri
            det = "roundup(%d,titles=%s,max_ratio=%.2f) site=%s" % (k, with_titles, max(ratios), site.key)
            self.emit(name, name, "roundup", ",".join(b.stem for b in picks), spec, det)
            self.roundup_checks.append((name, max(ratios)))

    # ---------------------------------------------------------------- write
    def write(self, out_dir):
        pages_dir = os.path.join(out_dir, "pages")
        os.makedirs(pages_dir, exist_ok=True)
        for f in glob.glob(os.path.join(pages_dir, "*.html")):
            os.remove(f)
        order = list(range(len(self.pages)))
        if self.opaque:
            random.Random(self.seed + 99991).shuffle(order)
            for n, i in enumerate(order, 1):
                self.pages[i]["file"] = "pages/p%04d.html" % n
        else:
            for p in self.pages:
                p["file"] = "pages/%s.html" % p["name"]
        names = [p["file"] for p in self.pages]
        assert len(set(names)) == len(names), "duplicate page names"
        for p in self.pages:
            with open(os.path.join(out_dir, p["file"]), "wb") as fh:
                fh.write(p["data"])
        rows = sorted(self.pages, key=lambda p: p["file"]) if self.opaque else self.pages
        with open(os.path.join(out_dir, "labels.tsv"), "w", encoding="utf-8") as fh:
            fh.write("file\tarticle\tkind\tbase\tdate\n")
            for p in rows:
                fh.write("%s\t%s\t%s\t%s\t%s\n" % (p["file"], p["article"], p["kind"], p["base"], p["date"].isoformat()))
        with open(os.path.join(out_dir, "details.tsv"), "w", encoding="utf-8") as fh:
            fh.write("file\tname\tcharset\tbody_chars\tdetails\n")
            for p in rows:
                fh.write("%s\t%s\t%s\t%d\t%s\n" % (p["file"], p["name"], p["charset"], p["body_chars"], p["details"]))

    def summary(self):
        groups = {}
        for p in self.pages:
            groups.setdefault(p["article"], []).append(p)
        n = len(self.pages)
        copy_pairs = sum(len(g) * (len(g) - 1) // 2 for g in groups.values())
        total = n * (n - 1) // 2
        kinds = {}
        for p in self.pages:
            kinds[p["kind"]] = kinds.get(p["kind"], 0) + 1
        order = ["original", "chrome", "related", "script", "punct", "trunc", "retitle", "combo", "quote", "roundup"]
        multi = sum(1 for g in groups.values() if len(g) > 1)
        print("pages: %d" % n)
        print("groups (article ids): %d  (%d with copies, %d single-page quote/roundup)" % (
            len(groups), multi, len(groups) - multi))
        print("base articles: %d  (%d seeds, %d short < 120 chars)" % (
            len(self.bases), sum(b.origin == "seed" for b in self.bases), sum(b.short for b in self.bases)))
        print("copy pairs (same article): %d" % copy_pairs)
        print("non-copy pairs: %d" % (total - copy_pairs))
        print("pages per kind: " + "  ".join("%s=%d" % (k, kinds.get(k, 0)) for k in order))
        print("charsets: utf-8=%d gbk=%d" % (sum(p["charset"] == "utf-8" for p in self.pages),
                                            sum(p["charset"] == "gbk" for p in self.pages)))
        print("quote+roundup pages: %d" % (kinds.get("quote", 0) + kinds.get("roundup", 0)))
        bad_q = [c for c in self.quote_checks if c[3] < c[2]]
        bad_r = [c for c in self.roundup_checks if c[1] >= 1 / 3]
        if bad_q or bad_r:
            print("WARNING: quote pages with less new text than quoted: %s; roundups with a long lead: %s"
                  % (bad_q, bad_r))
        if copy_pairs < 500 or kinds.get("quote", 0) + kinds.get("roundup", 0) < 60:
            print("WARNING: below target (500 copy pairs, 60 quote/roundup pages)")


def main():
    ap = argparse.ArgumentParser(description="Generate a labelled reprint test set.")
    ap.add_argument("out_dir")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--opaque-names", action="store_true",
                    help="name pages pages/pNNNN.html in shuffled order (no kind/base in the name)")
    a = ap.parse_args()
    init_opencc()
    root = find_repo_root()
    g = Gen(root, a.seed, a.opaque_names)
    g.load()
    g.make_copies()
    g.make_quotes()
    g.make_roundups()
    g.write(a.out_dir)
    print("wrote %s/pages/ (%d files), %s/labels.tsv, %s/details.tsv" % (a.out_dir, len(g.pages), a.out_dir, a.out_dir))
    g.summary()


if __name__ == "__main__":
    main()
