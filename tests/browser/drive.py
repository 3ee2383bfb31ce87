#!/usr/bin/env python3
"""End-to-end browser test: headless Chromium driven over the WebDriver
protocol (chromedriver; Python standard library only).  Loads the search
page, searches, clicks a facet, opens an article, and checks what a person
would see; saves a screenshot of each step.  Prints TAP.

usage: drive.py BASE_URL SCREENSHOT_DIR
"""
import base64
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
n = 0
failed = 0


def ok(cond, what):
    global n, failed
    n += 1
    if not cond:
        failed += 1
    print("%sok %d - %s" % ("" if cond else "not ", n, what), flush=True)
    return cond


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


class Driver:
    def __init__(self, port):
        self.base = "http://127.0.0.1:%d" % port
        self.sid = None

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.loads(r.read().decode())["value"]

    def start(self, profile):
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--disable-quic",
                         "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync",
                         "--window-size=1280,1000", "--lang=zh-CN",
                         "--user-data-dir=" + profile]}}}}
        self.sid = self.call("POST", "/session", caps)["sessionId"]

    def s(self, path):
        return "/session/%s%s" % (self.sid, path)

    def go(self, url):
        self.call("POST", self.s("/url"), {"url": url})

    def find(self, css):
        try:
            return self.call("POST", self.s("/element"),
                             {"using": "css selector", "value": css})[ELEMENT]
        except Exception:
            return None

    def find_all(self, css):
        return [e[ELEMENT] for e in self.call(
            "POST", self.s("/elements"), {"using": "css selector", "value": css})]

    def text(self, el):
        return self.call("GET", self.s("/element/%s/text" % el))

    def click(self, el):
        self.call("POST", self.s("/element/%s/click" % el), {})

    def type(self, el, text):
        self.call("POST", self.s("/element/%s/value" % el), {"text": text})

    def url(self):
        return self.call("GET", self.s("/url"))

    def shot(self, path):
        png = base64.b64decode(self.call("GET", self.s("/screenshot")))
        with open(path, "wb") as f:
            f.write(png)
        return len(png)

    def quit(self):
        if self.sid:
            try:
                self.call("DELETE", "/session/" + self.sid)
            except Exception:
                pass


def main():
    base, shots = sys.argv[1], sys.argv[2]
    os.makedirs(shots, exist_ok=True)
    port = free_port()
    cd = subprocess.Popen(["chromedriver", "--port=%d" % port],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    d = Driver(port)
    profile = tempfile.mkdtemp(prefix="lvzhi-chromium-")
    try:
        for _ in range(100):
            try:
                d.call("GET", "/status")
                break
            except Exception:
                time.sleep(0.1)
        d.start(profile)
        d.go(base + "/")
        box = d.find("input[name=q]")
        ok(box is not None, "home page has a search box")
        d.type(box, "委员工作室")
        d.click(d.find("header button"))
        time.sleep(0.3)
        count = d.find("p.count")
        ok(count is not None and "条结果" in d.text(count),
           "searching shows the number of results")
        hits = d.find_all("ol.hits > li")
        ok(len(hits) > 0, "results are listed (%d)" % len(hits))
        marks = d.find_all("ol.hits mark")
        ok(marks and d.text(marks[0]) in ("委员工作室", "委員工作室"),
           "the query is highlighted as a whole word, in the original script")
        ok(d.shot(os.path.join(shots, "1-search.png")) > 1000,
           "screenshot of the results")
        shapes = d.find_all("section.map svg path")
        ok(len(shapes) >= 31, "the map draws the provinces (%d shapes)" % len(shapes))
        ok(len(d.find_all("section.map svg a")) >= 1,
           "provinces with articles are links")

        facet = d.find("aside section.facet li a")
        ok(facet is not None, "the facet sidebar has links")
        label = d.text(facet)
        d.click(facet)
        time.sleep(0.3)
        chip = d.find(".chips .chip")
        ok(chip is not None and label in d.text(chip),
           "clicking a facet (%s) adds a removable filter chip" % label)
        ok("=" in d.url().split("?", 1)[-1], "the filtered page has a plain, shareable URL")
        d.shot(os.path.join(shots, "2-facet.png"))

        link = d.find("ol.hits h2 a")
        title = d.text(link)
        d.click(link)
        time.sleep(0.3)
        h1 = d.find("article h1")
        ok(h1 is not None and d.text(h1) == title, "the article page opens with its title")
        ok(len(d.find_all("article p")) > 3, "the article's paragraphs are shown")
        ok(d.find("section.similar") is not None, "similar articles are offered")
        d.shot(os.path.join(shots, "3-article.png"))

        # The compare page's charts: inline SVG that renders (a size),
        # with a title, and every bar named.
        d.go(base + "/compare?cities=%E5%85%B0%E5%B7%9E%E5%B8%82,%E6%98%86%E6%98%8E%E5%B8%82")
        charts = d.find_all("figure.chart svg")
        ok(len(charts) >= 2, "the compare page draws its charts (%d)" % len(charts))
        ok(d.find("figure.chart svg title") is not None,
           "each chart has a title for screen readers and print")
        ok(d.shot(os.path.join(shots, "4-compare.png")) > 1000,
           "screenshot of the compare page")

        d.go(base + "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
        box = d.find("input[name=q]")
        ok(box is not None and d.find("script") is None,
           "a <script> query stays text in the page")
    except Exception as e:  # a broken step must fail the test, not hang it
        ok(False, "browser session failed: %s" % e)
    finally:
        d.quit()
        cd.terminate()
        cd.wait()
    print("1..%d" % n)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
