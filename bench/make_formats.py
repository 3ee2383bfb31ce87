#!/usr/bin/python3
"""Files for the format benchmarks (bench/formats.sh).

    make_formats.py pdf PAGES SEEDS_DIR OUT.pdf
        a report of PAGES pages of Chinese text (the seed articles'
        paragraphs, in turn), with a running header and page numbers
    make_formats.py warc PAGES_DIR N OUT.warc.gz
        the first N .html files of PAGES_DIR (sorted) as HTTP 200
        responses, one gzip member per record, as crawlers write
"""
import glob
import gzip
import os
import sys


def paragraphs(seeds):
    paras = []
    for path in sorted(glob.glob(os.path.join(seeds, "*.txt"))):
        with open(path, encoding="utf-8", errors="replace") as f:
            paras += [l.strip() for l in f if len(l.strip()) > 20]
    return paras


def make_pdf(pages, seeds, out):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    paras = paragraphs(seeds)
    c = canvas.Canvas(out, pagesize=A4)
    width, height = A4
    k = 0
    for number in range(1, pages + 1):
        c.setFont("STSong-Light", 9)
        c.drawString(72, height - 40, "政协工作报告汇编")
        c.setFont("STSong-Light", 11)
        y = height - 80
        while y > 90:
            para = paras[k % len(paras)]
            k += 1
            for i in range(0, len(para), 34):
                if y <= 90:
                    break
                c.drawString(72, y, para[i:i + 34])
                y -= 17
            y -= 5
        c.setFont("STSong-Light", 9)
        c.drawString(width / 2 - 10, 40, "- %d -" % number)
        c.showPage()
    c.save()


def make_warc(pages_dir, n, out):
    files = sorted(glob.glob(os.path.join(pages_dir, "**", "*.html"), recursive=True))[:n]
    with open(out, "wb") as f:
        for i, path in enumerate(files):
            with open(path, "rb") as p:
                body = p.read()
            http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n"
                    % len(body)) + body
            uri = "http://bench.example/%s" % os.path.relpath(path, pages_dir)
            head = ("WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\n"
                    "WARC-Record-ID: <urn:uuid:%032d>\r\n"
                    "Content-Type: application/http; msgtype=response\r\n"
                    "Content-Length: %d\r\n\r\n" % (uri, i, len(http))).encode()
            f.write(gzip.compress(head + http + b"\r\n\r\n", 6))
    return len(files)


if __name__ == "__main__":
    if sys.argv[1] == "pdf":
        make_pdf(int(sys.argv[2]), sys.argv[3], sys.argv[4])
    else:
        print(make_warc(sys.argv[2], int(sys.argv[3]), sys.argv[4]))
