#!/usr/bin/python3
"""Make the files the format tests index: a PDF report, a Word notice, a
gzipped web crawl, JSON Lines and CSV exports, and broken ones of each.
Every file is generated here from text written for the tests.

    make_files.py DIR
"""
import gzip
import io
import json
import os
import sys
import zipfile

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
import docx
from docx.shared import Pt

REPORT_TITLE = "关于兰州市政协委员工作室建设情况的调研报告"
REPORT_PARAS = [
    "　　为推动委员工作室规范运行，市政协组织部分委员于十月赴七里河区、"
    "城关区开展专题调研，实地查看了六个委员工作室的场地、制度和活动台账，"
    "并与驻室委员和群众代表座谈交流。",
    "　　调研发现，各工作室普遍建立了值班接待制度，委员每月轮流到室，"
    "收集社情民意二百余条，其中关于老旧小区加装电梯的建议已转交相关部门办理。",
    "　　同时也存在活动形式单一、部分工作室场地共用等问题，"
    "建议进一步完善考核办法，推动工作室向社区延伸。",
    "　　下一步，市政协将把委员工作室建设纳入年度重点工作，"
    "每季度通报各工作室履职情况，让委员履职更加贴近群众。",
]


def make_pdf(path):
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(path, pagesize=A4)
    c.setTitle("Microsoft Word - 调研报告终稿.docx")
    width, height = A4
    pages = [REPORT_PARAS[:2], REPORT_PARAS[2:]]
    for number, paras in enumerate(pages, 1):
        c.setFont("STSong-Light", 9)
        c.drawString(72, height - 40, "兰州市政协办公室 内部资料")
        y = height - 90
        if number == 1:
            c.setFont("STSong-Light", 18)
            c.drawString(72, y, REPORT_TITLE)
            y -= 40
        c.setFont("STSong-Light", 11)
        for para in paras:
            # 30 characters a line: the lines of one paragraph are full
            # width, its last line shorter.
            for i in range(0, len(para), 30):
                c.drawString(72, y, para[i:i + 30])
                y -= 18
            y -= 6
        if number == 2:
            y -= 20
            c.drawString(360, y, "兰州市政协办公室")
            c.drawString(360, y - 18, "2024年12月18日")
        c.setFont("STSong-Light", 9)
        c.drawString(width / 2 - 10, 40, "- %d -" % number)
        c.showPage()
    c.save()


def make_scanned_pdf(path):
    c = canvas.Canvas(path, pagesize=A4)
    c.rect(72, 300, 400, 400, fill=1)
    c.showPage()
    c.save()


def make_encrypted_pdf(path):
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(path, pagesize=A4, encrypt="secret")
    c.setFont("STSong-Light", 12)
    c.drawString(72, 700, "加密的文件")
    c.showPage()
    c.save()


def make_docx(path):
    d = docx.Document()
    d.core_properties.title = "模板"
    d.add_heading("关于开展委员工作站集中接待活动的通知", level=1)
    d.add_paragraph("各区县政协、各委员工作站：")
    d.add_paragraph("为深化一线协商，经研究，定于下月在昆明市五华区开展"
                    "委员工作站集中接待活动，现将有关事项通知如下。")
    table = d.add_table(rows=3, cols=3)
    rows = [("时间", "地点", "接待委员"),
            ("1月8日", "五华区华山街道委员工作站", "医药卫生界委员"),
            ("1月15日", "盘龙区拓东街道委员工作站", "教育界委员")]
    for r, cells in enumerate(rows):
        for k, text in enumerate(cells):
            table.cell(r, k).text = text
    d.add_paragraph("请各工作站提前公示接待安排，做好记录和反馈。")
    d.add_paragraph("昆明市政协办公室")
    d.add_paragraph("2025年1月2日")
    d.save(path)


def http_response(status, ctype, body, extra=b""):
    head = ("HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n"
            % (status, ctype, len(body))).encode() + extra + b"\r\n"
    return head + body


def warc_record(kind, uri, block, ctype="application/http; msgtype=response"):
    head = ("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08d>\r\n"
            "WARC-Date: 2025-03-01T08:00:00Z\r\n" % (kind, abs(hash(uri + kind)) % 10**8))
    if uri:
        head += "WARC-Target-URI: %s\r\n" % uri
    head += "Content-Type: %s\r\nContent-Length: %d\r\n\r\n" % (ctype, len(block))
    return head.encode() + block + b"\r\n\r\n"


GBK_PAGE = """<html><head><title>渝中区委员工作室开展院坝协商_重庆政协</title></head>
<body><div class="nav">首页 | 新闻 | 履职</div>
<div class="article"><h1>渝中区委员工作室开展院坝协商</h1>
<p>来源：渝中政协 2025-02-27</p>
<p>近日，渝中区解放碑街道委员工作室在社区院坝召开协商会，驻室委员与居民代表围绕背街小巷停车难问题面对面议事。</p>
<p>委员们提出错时共享停车、增设临时泊位等建议，街道当场认领三项，承诺一个月内答复办理结果。</p>
<p>居民代表表示，院坝协商把问题摆在桌面上，委员和部门都在场，事情办得快。</p>
</div></body></html>"""


def make_warc(path):
    gz = io.BytesIO()
    records = [
        warc_record("warcinfo", "", b"software: test\r\n", "application/warc-fields"),
        warc_record("request", "http://www.example-cppcc.cn/2025/0227/a1.html",
                    b"GET /2025/0227/a1.html HTTP/1.1\r\nHost: www.example-cppcc.cn\r\n\r\n",
                    "application/http; msgtype=request"),
        warc_record("response", "http://www.example-cppcc.cn/2025/0227/a1.html",
                    http_response("200 OK", "text/html; charset=GBK",
                                  GBK_PAGE.encode("gbk"))),
        warc_record("metadata", "http://www.example-cppcc.cn/2025/0227/a1.html",
                    b"outlinks: none\r\n", "application/warc-fields"),
        warc_record("response", "http://www.example-cppcc.cn/missing.html",
                    http_response("404 Not Found", "text/html",
                                  "<html><body>页面不存在</body></html>".encode())),
        warc_record("response", "http://www.example-cppcc.cn/logo.png",
                    http_response("200 OK", "image/png", b"\x89PNG\r\n\x1a\nfake")),
    ]
    with open(path, "wb") as f:
        for r in records:   # one gzip member per record, as crawlers write
            f.write(gzip.compress(r))


JSONL_ROWS = [
    {"url": "https://news.example.org/a/101", "title": "宝鸡市委员工作站开展义诊进社区",
     "date": "2024-06-12", "source": "宝鸡市政协", "extra": [1, 2, {"x": None}],
     "text": "6月11日，宝鸡市渭滨区政协委员工作站组织医药卫生界委员走进社区，为居民免费测量血压、讲解慢病防治知识，现场服务群众一百余人次。\n委员们还收集了居民对社区卫生服务站建设的意见建议，将由区政协整理后报送。"},
    {"url": "https://news.example.org/a/102", "title": "鄂尔多斯：委员履职平台上线",
     "date": "2024年7月3日",
     "html": "<p>鄂尔多斯市政协委员履职服务平台日前正式上线运行，委员可在线提交社情民意、报名参加协商活动。</p><p>市政协办公室介绍，平台还设置了履职档案，自动记录委员参加会议和调研的情况。</p>"},
]


def make_jsonl(path):
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(JSONL_ROWS[0], ensure_ascii=False) + "\n")
        f.write("{\"url\": \"https://news.example.org/a/bad\", \"title\": \"缺引号}\n")
        f.write("\n")
        f.write(json.dumps(JSONL_ROWS[1], ensure_ascii=False) + "\n")
        f.write(json.dumps({"url": "https://news.example.org/a/empty", "title": "无正文"},
                           ensure_ascii=False) + "\n")


def make_csv(path):
    rows = [
        ["标题", "日期", "来源", "链接", "正文", "备注"],
        ["遵义市政协委员工作室调研乡村旅游", "2024/9/20", "遵义政协网",
         "https://zy.example.net/c/7",
         "9月19日，遵义市红花岗区政协委员工作室组织委员到乡村旅游示范点调研，\"农旅融合\"成为座谈的热词。\n委员们建议统一规划民宿标准，加强导游培训。", "无"],
        ["", "", "", "", "", "空行的正文"],
    ]
    out = io.StringIO()
    for r in rows:
        out.write(",".join('"%s"' % c.replace('"', '""') for c in r) + "\r\n")
    with open(path, "wb") as f:
        f.write(out.getvalue().encode("gb18030"))


def make_broken(d):
    with open(os.path.join(d, "report.pdf"), "rb") as f:
        data = f.read()
    with open(os.path.join(d, "truncated.pdf"), "wb") as f:
        f.write(data[:len(data) // 3])
    with open(os.path.join(d, "notice.docx"), "rb") as f:
        data = f.read()
    with open(os.path.join(d, "broken.docx"), "wb") as f:
        f.write(data[:len(data) // 2])
    # A zip whose document part inflates past the cap.
    with zipfile.ZipFile(os.path.join(d, "bomb.docx"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as part:
            chunk = b" " * (1 << 20)
            for _ in range(70):
                part.write(chunk)
    with open(os.path.join(d, "old.doc"), "wb") as f:
        f.write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)


def main():
    d = sys.argv[1]
    os.makedirs(d, exist_ok=True)
    make_pdf(os.path.join(d, "report.pdf"))
    make_docx(os.path.join(d, "notice.docx"))
    make_warc(os.path.join(d, "crawl.warc.gz"))
    make_jsonl(os.path.join(d, "export.jsonl"))
    make_csv(os.path.join(d, "export.csv"))
    make_scanned_pdf(os.path.join(d, "scanned.pdf"))
    make_encrypted_pdf(os.path.join(d, "locked.pdf"))
    make_broken(d)


if __name__ == "__main__":
    main()
