#!/usr/bin/python3
"""Prints how well the desk classifies the labelled mails of
tests/data/classify: per-class precision and recall of the category and
the severity, for the default rules alone, and for the rules plus a model
trained on a disjoint half (every other mail of labels.tsv).  It prints;
it asserts nothing.

    classify_eval.py COMPLAINTCTL SOURCE_DIR
"""
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

CATEGORIES = ["product_quality", "service_attitude", "logistics", "billing",
              "suggestion", "other"]
SEVERITIES = ["general", "serious", "urgent"]


def read_labels(path):
    rows = []
    for line in path.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, cat, sev = line.split("\t")
        rows.append((name, cat, sev))
    return rows


def write_config(tmp, source, rules=True, min_confidence=60):
    conf = tmp / "complaintd.conf"
    (tmp / "rules.conf").write_text(
        (source / "config" / "rules.conf").read_text()
        if rules else "rules = ( );\n")
    conf.write_text(
        'store = { path = "%s/eval.db"; };\n'
        'desk = { name = "Eval"; addresses = [ "support@acme.example" ]; '
        'ticket_tag = "EVAL"; };\n'
        'smtp = { url = "smtp://127.0.0.1:2525"; tls = "none"; '
        'from = "support@acme.example"; };\n'
        'templates = { dir = "%s"; };\n'
        'classify = { min_confidence = %d; };\n'
        '@include "rules.conf"\n'
        % (tmp, source / "config" / "templates", min_confidence))
    return conf


def classify(ctl, conf, mail):
    r = subprocess.run([ctl, "-c", str(conf), "classify", "--json",
                        str(mail)], capture_output=True, text=True,
                       timeout=60)
    if r.returncode != 0:
        raise SystemExit("classify %s failed: %s" % (mail, r.stderr))
    return json.loads(r.stdout)


def table(title, classes, pairs):
    """pairs: (truth, predicted)."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for truth, pred in pairs:
        if truth == pred:
            tp[truth] += 1
        else:
            fp[pred] += 1
            fn[truth] += 1
    right = sum(tp.values())
    print("\n%s  (accuracy %d/%d = %.0f%%)" % (
        title, right, len(pairs), 100.0 * right / max(1, len(pairs))))
    print("  %-17s %9s %9s %8s" % ("class", "precision", "recall", "support"))
    for c in classes:
        support = tp[c] + fn[c]
        prec = tp[c] / (tp[c] + fp[c]) if tp[c] + fp[c] else float("nan")
        rec = tp[c] / support if support else float("nan")
        print("  %-17s %8.0f%% %8.0f%% %8d" % (c, 100 * prec, 100 * rec,
                                              support))


def evaluate(title, ctl, conf, data, rows):
    results = [(cat, sev, classify(ctl, conf, data / name))
               for name, cat, sev in rows]
    decided = Counter(r["category_by"] for _, _, r in results)
    sdecided = Counter(r["severity_by"] for _, _, r in results)
    print("\n=== %s: %d mails; category decided by %s; severity by %s" % (
        title, len(rows), dict(decided), dict(sdecided)))
    table("category", CATEGORIES, [(c, r["category"]) for c, _, r in results])
    table("severity", SEVERITIES, [(s, r["severity"]) for _, s, r in results])
    by_lang = defaultdict(list)
    for (name, _, _), (c, s, r) in zip(rows, results):
        by_lang[name.split("-")[0]].append(c == r["category"])
    print("\n  category accuracy by language group: " + ", ".join(
        "%s %d/%d" % (k, sum(v), len(v)) for k, v in sorted(by_lang.items())))


def train(ctl, conf, data, rows, tmp):
    labels = tmp / "train.tsv"
    labels.write_text("".join("%s\t%s\t%s\n" % (data / n, c, s)
                              for n, c, s in rows))
    r = subprocess.run([ctl, "-c", str(conf), "train", str(labels)],
                       capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        raise SystemExit("train failed: " + r.stderr)
    return r.stdout.strip()


def main():
    ctl, source = sys.argv[1], Path(sys.argv[2]).resolve()
    data = source / "tests" / "data" / "classify"
    rows = read_labels(data / "labels.tsv")
    train_half, test_half = rows[0::2], rows[1::2]
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        conf = write_config(tmp, source)
        evaluate("rules alone, all mails", ctl, conf, data, rows)
        evaluate("rules alone, test half", ctl, conf, data, test_half)
        print("\n" + train(ctl, conf, data, train_half, tmp) +
              " (the training half)")
        evaluate("rules + model, test half", ctl, conf, data, test_half)
    with tempfile.TemporaryDirectory() as d:
        # For comparison: what the model learnt, with no rules and no
        # confidence threshold.
        tmp = Path(d)
        conf = write_config(tmp, source, rules=False, min_confidence=0)
        train(ctl, conf, data, train_half, tmp)
        evaluate("model alone, test half", ctl, conf, data, test_half)


main()
