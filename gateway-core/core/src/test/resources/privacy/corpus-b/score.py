#!/usr/bin/python3
"""Scores `hearth redact` on corpus B: recall per category, false positives per harmless kind.

    /usr/bin/python3 score.py [--split dev|heldout|all] [--mode detect|drop] [--examples N]

A planted value counts as removed when neither it nor any 6-character piece of it (each needle the
labels give) occurs in what `hearth redact` wrote for its record (a withheld record writes nothing).
A harmless value counts as kept when the output has it, equal, at its JSON Pointer (an array may have
lost other elements, so an index may shift). Standard library only.
"""
import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, *[".."] * 7))


def substrings6(s):
    return {s} if len(s) <= 6 else {s[i:i + 6] for i in range(len(s) - 5)}


def same(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return a == b


def found(node, parts, value):
    if not parts:
        return same(node, value)
    head, rest = parts[0], parts[1:]
    if isinstance(node, dict):
        return head in node and found(node[head], rest, value)
    if isinstance(node, list):
        i = int(head)
        if i < len(node) and found(node[i], rest, value):
            return True
        return any(found(e, rest, value) for e in node)  # earlier elements were removed
    return False


def parts_of(pointer):
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]


def supports_flag():
    r = subprocess.run([os.path.join(ROOT, "hearth"), "redact", "--help"], capture_output=True, text=True, cwd=ROOT)
    return "--unknown-fields" in r.stdout + r.stderr


def redact(split, mode, work):
    data = os.path.join(work, "data")
    os.makedirs(data, exist_ok=True)
    os.chmod(work, 0o700)
    os.chmod(data, 0o700)
    config = os.path.join(work, "hearth.yaml")
    with open(config, "w") as f:
        f.write("home: { id: home-b, owner: owner-b }\n"
                "gateway: { id: gw-b, dataDir: %s }\n"
                "discovery: { enabled: false }\n"
                "http: { enabled: false }\n"
                "privacy: { unknownFields: %s }\n" % (data, mode))
    cmd = [os.path.join(ROOT, "hearth"), "redact", "--config", config]
    flag = supports_flag()
    if flag:
        cmd += ["--unknown-fields", mode]
    with open(os.path.join(HERE, split + ".jsonl"), "rb") as stdin:
        r = subprocess.run(cmd, stdin=stdin, capture_output=True, cwd=ROOT)
    if r.returncode not in (0, 1):
        sys.exit("hearth redact failed (%d): %s" % (r.returncode, r.stderr.decode(errors="replace")))
    return r.stdout.decode("utf-8"), r.stderr.decode("utf-8", errors="replace"), flag


def score(split, mode, examples):
    with tempfile.TemporaryDirectory() as work:
        out, err, flag = redact(split, mode, work)
    by_device = {}
    for line in out.splitlines():
        if line.strip():
            doc = json.loads(line)
            text = line + "\n" + json.dumps(doc, ensure_ascii=False)
            by_device[doc["device"]] = (doc, text)
    with open(os.path.join(HERE, split + ".labels.jsonl"), encoding="utf-8") as f:
        labels = [json.loads(l) for l in f]

    cat = defaultdict(lambda: [0, 0])          # category -> [planted, removed]
    cat_where = defaultdict(lambda: [0, 0])    # (category, where) -> [planted, removed]
    shape = defaultdict(lambda: [0, 0])        # shape -> [planted, removed]
    kind = defaultdict(lambda: [0, 0])         # kind -> [harmless, dropped]
    kind_where = defaultdict(lambda: [0, 0])   # where -> [harmless, dropped]
    leaks, fps = [], []
    for lab in labels:
        doc, text = by_device.get(lab["device"], (None, ""))
        for p in lab["planted"]:
            leaked = any(piece in text for n in p["needles"] for piece in substrings6(n))
            for table, key in ((cat, p["category"]), (cat_where, (p["category"], p["where"])), (shape, p["shape"])):
                table[key][0] += 1
                table[key][1] += 0 if leaked else 1
            if leaked:
                leaks.append((lab["device"], p["path"], p["category"], p["needles"]))
        for h in lab["harmless"]:
            kept = doc is not None and found(doc, parts_of(h["path"]), h["value"])
            for table, key in ((kind, h["kind"]), (kind_where, h["where"])):
                table[key][0] += 1
                table[key][1] += 0 if kept else 1
            if not kept:
                fps.append((lab["device"], h["path"], h["kind"], h["value"]))
    summary = [l for l in err.splitlines() if "records read" in l or l.startswith("line ")]
    return cat, cat_where, shape, kind, kind_where, leaks, fps, summary, flag, len(labels)


def pct(n, d):
    return "%.2f %%" % (100.0 * n / d) if d else "n/a"


def report(split, mode, examples):
    cat, cat_where, shape, kind, kind_where, leaks, fps, summary, flag, records = score(split, mode, examples)
    lines = []
    w = lines.append
    planted = sum(v[0] for v in cat.values())
    removed = sum(v[1] for v in cat.values())
    harmless = sum(v[0] for v in kind.values())
    dropped = sum(v[1] for v in kind.values())
    w("### Corpus B, split `%s`, unknown fields `%s` (%d records; redact invoked with %s)"
      % (split, mode, records, "--unknown-fields %s and --config" % mode if flag
         else "--config privacy.unknownFields=%s" % mode))
    w("")
    for l in summary:
        w("hearth redact: " + l + "  ")
    if summary:
        w("")
    w("| category | planted | removed | recall | declared: planted / recall | unknown: planted / recall |")
    w("|---|---:|---:|---:|---:|---:|")
    for c in sorted(cat):
        d, u = cat_where[(c, "declared")], cat_where[(c, "unknown")]
        w("| %s | %d | %d | %s | %d / %s | %d / %s |" % (c, cat[c][0], cat[c][1], pct(cat[c][1], cat[c][0]),
                                                     d[0], pct(d[1], d[0]), u[0], pct(u[1], u[0])))
    w("| **all** | %d | %d | **%s** | | |" % (planted, removed, pct(removed, planted)))
    w("")
    w("Recall by the shape of the planted value: " + ", ".join(
        "%s %d / %s" % (s, shape[s][0], pct(shape[s][1], shape[s][0])) for s in sorted(shape)))
    w("")
    w("| harmless kind | count | dropped | false-positive rate |")
    w("|---|---:|---:|---:|")
    for k in sorted(kind):
        w("| %s | %d | %d | %s |" % (k, kind[k][0], kind[k][1], pct(kind[k][1], kind[k][0])))
    w("| **all** | %d | %d | **%s** |" % (harmless, dropped, pct(dropped, harmless)))
    w("")
    w("False positives by where the harmless value was: " + ", ".join(
        "%s %d / %s" % (k, kind_where[k][0], pct(kind_where[k][1], kind_where[k][0])) for k in sorted(kind_where))
      + " (in `drop` mode only the declared ones are expected to stay)")
    w("")
    if examples:
        w("First %d leaks (device, path, category, needles):" % min(examples, len(leaks)))
        for e in leaks[:examples]:
            w("    %s %s %s %s" % (e[0], e[1], e[2], json.dumps(e[3], ensure_ascii=False)))
        w("First %d false positives (device, path, kind, value):" % min(examples, len(fps)))
        for e in fps[:examples]:
            w("    %s %s %s %s" % (e[0], e[1], e[2], json.dumps(e[3], ensure_ascii=False)))
        w("")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="all", help="dev, heldout, all (those two), or another split's name")
    ap.add_argument("--mode", choices=["detect", "drop"], default="detect")
    ap.add_argument("--examples", type=int, default=0, help="list the first N leaks and false positives")
    a = ap.parse_args()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True,
                           cwd=ROOT).stdout.strip()
    print("Corpus B scored %s UTC on commit %s%s, %d cores: `/usr/bin/python3 %s --split %s --mode %s`"
          % (datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M"), commit, " (with local changes)" if dirty else "",
             os.cpu_count(), os.path.relpath(os.path.abspath(__file__), ROOT), a.split, a.mode))
    print()
    for split in (["dev", "heldout"] if a.split == "all" else [a.split]):
        print(report(split, a.mode, a.examples))


if __name__ == "__main__":
    main()
