#!/usr/bin/env python3
"""Render the five seed articles as realistic news pages (HTML).

Every line of each seed ends up somewhere in its page (nav/breadcrumb, title,
dateline, article body, related-reading block or footer); nothing is cleaned.
Seed 003 (Kunming, simplified) is written in GBK with <!DOCTYPE html> and
<meta charset=gbk> (omindex reads that as Latin-1); seed 002 (Lanzhou,
traditional) is UTF-8 with no charset declared at all (no meta, no BOM);
the others are UTF-8 with both declarations.  Only the Python standard library is used.

usage: make_seed_html.py SEED_DIR OUT_DIR
"""
import html
import os
import sys

# Per-seed page layout.  Line numbers are 0-based indexes into the seed's
# non-empty lines.  'nav': lines rendered in the breadcrumb bar; 'title':
# index of a line used as <h1>/<title> (or None, then 'title_text' is used
# and no seed line is consumed); 'info': lines rendered as the dateline;
# 'related_from'/'footer_from': first line (by prefix) of the related-reading
# block / footer block.
LAYOUT = {
    "000": dict(traditional=True, site="昭通新聞網(wǎng)", encoding="utf-8", nav=[], title=None,
                title_text="昭通市政協(xié)“千名委員走基層”行動交出為民履職新答卷",
                info=[0], date="2022-09-21", related_from=None,
                footer_from="昭通日報記者"),
    "001": dict(traditional=True, site="各界新聞網(wǎng)", encoding="utf-8", nav=[0], title=1,
                info=[2], date="2025-07-08", related_from=None,
                footer_from="編輯:"),
    "002": dict(traditional=True, site="蘭州日報", encoding="utf-8", nav=[], title=None,
                no_charset=True,
                title_text="蘭州市政協：搭建委員為民服務“連心橋”",
                info=[], date="2025-01-15", related_from=None,
                footer_from=None),
    "003": dict(site="昆明信息港", encoding="gbk", nav=[], title=None,
                title_text="昆明市政协：联络服务委员 激发履职活力",
                info=[], date="2025-03-10", related_from=None,
                footer_from="滇ICP备"),
    "004": dict(site="三峡日报", encoding="utf-8", nav=[0, 1, 2], title=3,
                info=[4], date="2023-03-14", related_from="相关阅读",
                footer_from=None),
}

PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{charset}">
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title} - {site}</title>
<meta name="description" content="{desc}">
<meta name="date" content="{date}">
<link rel="stylesheet" href="/css/main.css">
</head>
<body>
<div class="top"><a href="/">{site}</a> | <a href="/news/">{n_news}</a> | <a href="/about/">{n_about}</a></div>
<div class="nav"><ul><li><a href="/">{n_home}</a></li><li><a href="/news/">{n_pol}</a></li><li><a href="/shehui/">{n_soc}</a></li><li><a href="/wenhua/">文化</a></li></ul></div>
{navlines}
<div class="article">
<h1>{title}</h1>
<div class="info"><span class="date">{date}</span> {infolines}</div>
<div class="content">
{body}
</div>
{related}
</div>
<div class="footer">
{footerlines}
<p>Copyright &copy; {site} 版权所有</p>
</div>
</body>
</html>
"""


def paras(lines, tag="p"):
    return "\n".join("<%s>%s</%s>" % (tag, html.escape(l.strip()), tag)
                     for l in lines)


def render(seed_id, text, lay):
    lines = [l for l in text.splitlines() if l.strip()]
    used = set()
    navlines = [lines[i] for i in lay["nav"]]
    used.update(lay["nav"])
    if lay["title"] is not None:
        title = lines[lay["title"]].strip()
        used.add(lay["title"])
    else:
        title = lay["title_text"]
    info = [lines[i] for i in lay["info"]]
    used.update(lay["info"])
    rest = [(i, l) for i, l in enumerate(lines) if i not in used]

    def split_at(items, prefix):
        if not prefix:
            return items, []
        for k, (_, l) in enumerate(items):
            if l.strip().startswith(prefix):
                return items[:k], items[k:]
        raise SystemExit("seed %s: marker %r not found" % (seed_id, prefix))

    body, tail = split_at(rest, lay["related_from"])
    related, footer = [], []
    if lay["related_from"]:
        related = tail
    else:
        body, footer = split_at(body, lay["footer_from"])
    if lay["related_from"] and lay["footer_from"]:
        related, footer = split_at(related, lay["footer_from"])
    charset = lay["encoding"]
    # Site chrome in the page's own script, and free of the test terms
    # (政协, 委员...), so that it cannot make a query match by accident.
    trad = lay.get("traditional", False)
    chrome = dict(n_news="新聞" if trad else "新闻",
                  n_about="關於我們" if trad else "关于我们",
                  n_home="首頁" if trad else "首页",
                  n_pol="時政" if trad else "时政",
                  n_soc="社會" if trad else "社会")
    template = PAGE
    if lay.get("no_charset"):
        template = "\n".join(l for l in PAGE.split("\n")
                             if "charset=" not in l)
    page = template.format(**chrome,
        charset=charset, site=html.escape(lay["site"]),
        title=html.escape(title), date=lay["date"],
        desc=html.escape(body[0][1].strip()[:60]) if body else "",
        navlines=('<div class="crumb">%s</div>' % "<br>".join(
            html.escape(l.strip()) for l in navlines)) if navlines else "",
        infolines=" ".join(html.escape(l.strip()) for l in info),
        body=paras([l for _, l in body]),
        related=('<div class="related">\n%s\n</div>' % paras(
            [l for _, l in related])) if related else "",
        footerlines=paras([l for _, l in footer]))
    # Check that every seed line is present in the page text.
    for l in lines:
        if html.escape(l.strip()) not in page:
            raise SystemExit("seed %s: line lost: %r" % (seed_id, l[:40]))
    return page, charset


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    seed_dir, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    total = 0
    for name in sorted(os.listdir(seed_dir)):
        if not name.endswith(".txt"):
            continue
        sid = name[:3]
        with open(os.path.join(seed_dir, name), encoding="utf-8") as f:
            text = f.read()
        page, charset = render(sid, text, LAYOUT[sid])
        data = page.encode(charset)  # strict: fail rather than lose text
        out = os.path.join(out_dir, name[:-4] + ".html")
        with open(out, "wb") as f:
            f.write(data)
        total += len(data)
        print("%s\t%s\t%d bytes" % (out, charset, len(data)))
    print("total\t%d bytes" % total)


if __name__ == "__main__":
    main()
