"""complaintctl report over a store seeded with known tickets, replies,
escalations and surveys: every figure and grouping equals its value
computed by hand here (docs/METRICS.md gives the formulas), in every
format; an empty period and the divisions by zero give "no data", not a
crash.  The HTML dashboard is opened in headless Chromium: its charts
are in the DOM and its screenshot is not blank."""

import calendar
import csv
import io
import json
import os
import shutil
import sqlite3
import struct
import subprocess
import zlib

import pytest

from configs import write_config

PEOPLE = """
agents = ( { name = "alice"; address = "alice@desk.example"; },
           { name = "bob"; address = "bob@desk.example"; } );
teams = ( { name = "care"; address = "care@desk.example";
            members = [ "alice", "bob" ]; } );
policies = ( { name = "std"; first_response = "4h"; resolution = "2d"; } );
"""

H, D = 3600, 86400
T = calendar.timegm((2026, 11, 10, 0, 0, 0))  # 01:00 in Berlin
PERIOD = ["--from", "2026-11-01", "--to", "2026-11-30"]


def ctl(conf, *args, ok=True):
    r = subprocess.run([os.environ["COMPLAINTCTL_BIN"], "-c", str(conf)] +
                       list(args), capture_output=True, timeout=60)
    if ok:
        assert r.returncode == 0, r.stderr.decode()
    return r


# (id, customer, created, first_response, resolved, status, category,
#  severity, assignee, product, language, policy)
TICKETS = [
    (1, 1, T, T + H, T + 10 * H, "closed", "billing", "serious", "alice",
     "kettle", "en", "std"),
    (2, 1, T + D, T + D + 5 * H, T + 4 * D, "resolved", "billing",
     "general", "bob", "kettle", "zh", "std"),
    (3, 2, T + 2 * D, T + 2 * D + 1800, None, "open", "logistics", "urgent",
     "alice", "lamp", "zh", "std"),
    (4, 3, T + 3 * D, None, None, "new", "logistics", "general", "bob",
     None, "en", None),
    # Before the period, resolved in it: ann's earlier complaint.
    (5, 1, calendar.timegm((2026, 10, 20, 12, 0, 0)), None,
     calendar.timegm((2026, 11, 2, 12, 0, 0)), "closed", "billing",
     "general", "alice", "kettle", "en", "std"),
    # A duplicate merged into #3: left out everywhere.
    (6, 2, T + H, None, T + 2 * H, "closed", "logistics", "general",
     "alice", "lamp", "en", "std"),
]


def seed(db):
    c = sqlite3.connect(db)
    c.executemany(
        "INSERT INTO customers (id, address, name, tags, created) "
        "VALUES (?, ?, ?, ?, ?)",
        [(1, "ann@example.net", "Ann Lee", "", T - 30 * D),
         (2, "bo@example.net", "王波", "", T - 30 * D),
         (3, "cy@example.net", "Cy", "high-attention", T - 30 * D)])
    for (tid, cust, created, fr, res, status, cat, sev, who, product, lang,
         policy) in TICKETS:
        c.execute(
            "INSERT INTO tickets (id, customer_id, subject, category, "
            "severity, status, team, assignee, mailbox, language, product, "
            "created, updated, first_response, resolved, closed, sla_policy) "
            "VALUES (?, ?, ?, ?, ?, ?, 'care', ?, 'support', ?, ?, ?, ?, ?, "
            "?, ?, ?)",
            (tid, cust, "ticket %d" % tid, cat, sev, status, who, lang,
             product, created, created, fr,
             res if status == "resolved" else None,
             res if status == "closed" else None, policy))
    c.execute("UPDATE tickets SET merged_into = 3 WHERE id = 6")
    events = [(1, "reply"), (2, "reply"), (2, "reply"), (2, "ticket.reopened"),
              (3, "reply")]
    c.executemany("INSERT INTO events (ticket_id, time, kind) "
                  "VALUES (?, 0, ?)", events)
    c.executemany(
        "INSERT INTO events (ticket_id, time, kind, dedupe_key) "
        "VALUES (?, 0, ?, ?)",
        [(2, "sla.breach", "sla:2:first_response:0:breach"),
         (2, "sla.escalation", "sla:2:first_response:0:escalation1"),
         (2, "sla.breach", "sla:2:resolution:0:breach"),
         (6, "sla.breach", "sla:6:resolution:0:breach")])
    c.executemany(
        "INSERT INTO surveys (ticket_id, status, due, sent, answered, "
        "rating, nps) VALUES (?, 'sent', 0, ?, ?, ?, ?)",
        [(1, T + 2 * D, T + 3 * D, 5, 10), (2, T + 5 * D, T + 6 * D, 2, 3)])
    c.commit()
    c.close()


@pytest.fixture
def desk(tmp_path):
    conf = write_config(tmp_path, extra=PEOPLE)
    ctl(conf, "info")  # creates the store
    seed(tmp_path / "complaintd.db")
    return conf


def report(conf, *args):
    return json.loads(ctl(conf, "report", "--format", "json", *PERIOD,
                          *args).stdout)


# Hand-computed from TICKETS (see the module's docstring).
TOTAL = {
    "received": 4, "share": 1, "resolved": 3, "resolution_rate": 0.75,
    "first_response_mean": 7800, "first_response_median": 3600,
    "first_response_p90": 18000,
    "first_response_business_median": 3600,
    "resolution_mean": 147600, "resolution_median": 36000,
    "resolution_p90": 259200, "resolution_business_p90": 259200,
    "sla_first_response": 0.6667, "sla_resolution": 0.5, "breached": 1,
    "escalated_level1": 1, "escalated_level2": 0,
    "first_contact_resolution": 0.5, "reopen_rate": 0.5,
    "survey_response_rate": 1, "csat": 0.5, "rating_mean": 3.5, "nps": 0,
    "repeat_rate": 0.5, "resolved_per_agent_hour": 0.0021,
}


def assert_figures(got, want):
    for k, v in want.items():
        assert got[k] == pytest.approx(v, abs=1e-4), (k, got[k], v)


def test_totals_and_lists(desk):
    r = report(desk)
    assert r["working_hours"] == 720 and r["agents"] == 2
    assert_figures(r["total"], TOTAL)
    assert r["backlog"] == {"<1d": 0, "1-3d": 0, "3-7d": 0, "7-14d": 0,
                            "14-30d": 2, ">=30d": 0}
    assert [c["address"] for c in r["top_customers"]] == [
        "ann@example.net", "bo@example.net", "cy@example.net"]
    assert r["top_customers"][0]["tickets"] == 2
    assert [c["address"] for c in r["attention"]] == ["cy@example.net"]
    risk = [(c["address"], round(c["score"], 1)) for c in r["at_risk"]]
    assert risk == [("bo@example.net", 80.0), ("ann@example.net", 69.6),
                    ("cy@example.net", 63.3)]
    assert "rated 2/5" in r["at_risk"][1]["reasons"]
    trend = {p["period"]: (p["received"], p["resolved"]) for p in r["trend"]}
    assert r["trend_by"] == "day" and len(trend) == 30
    assert trend["2026-11-02"] == (0, 1)
    assert trend["2026-11-10"] == (1, 1)
    assert trend["2026-11-11"] == (1, 0)
    assert trend["2026-11-14"] == (0, 1)
    assert sum(v[0] for v in trend.values()) == 4


GROUPS = {
    "category": {"billing": {"received": 2, "share": 0.5, "resolved": 3,
                             "resolution_rate": 1.5, "csat": 0.5,
                             "repeat_rate": 1},
                 "logistics": {"received": 2, "resolved": 0,
                               "resolution_rate": 0, "csat": None,
                               "first_response_median": 1800,
                               "sla_first_response": 1}},
    "severity": {"general": {"received": 2}, "serious": {"received": 1},
                 "urgent": {"received": 1}},
    "agent": {"alice": {"received": 2, "resolved": 2,
                        "resolved_per_agent_hour": 2 / 720},
              "bob": {"received": 2, "resolved": 1,
                      "first_contact_resolution": 0, "reopen_rate": 1}},
    "team": {"care": {"received": 4}},
    "mailbox": {"support": {"received": 4}},
    "product": {"kettle": {"received": 2}, "lamp": {"received": 1},
                "(none)": {"received": 1}},
    "language": {"en": {"received": 2, "nps": 100},
                 "zh": {"received": 2, "nps": -100}},
    "month": {"2026-11": {"received": 4, "resolved": 3}},
    "week": {"2026-11-09": {"received": 4, "resolved": 2},
             "2026-11-02": {"received": 0, "resolved": 1}},
    "day": {"2026-11-10": {"received": 1, "resolved": 1}},
}


@pytest.mark.parametrize("by", sorted(GROUPS))
def test_groupings(desk, by):
    r = report(desk, "--by", by)
    assert r["by"] == by
    groups = {g["group"]: g for g in r["groups"]}
    for key, want in GROUPS[by].items():
        for k, v in want.items():
            if v is None:
                assert groups[key][k] is None, (key, k)
            else:
                assert groups[key][k] == pytest.approx(v, abs=1e-4), (
                    by, key, k, groups[key][k], v)
    # The groups add up to the total.
    assert sum(g["received"] for g in r["groups"]) == 4
    assert_figures(r["total"], TOTAL)


def test_csv_table_and_empty_period(desk):
    out = ctl(desk, "report", "--format", "csv", "--by", "category",
              *PERIOD).stdout.decode()
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["category"] for r in rows] == ["billing", "logistics", "all"]
    assert rows[0]["received"] == "2" and rows[1]["csat"] == ""
    assert float(rows[2]["sla_first_response"]) == pytest.approx(0.6667)
    table = ctl(desk, "report", "--by", "language", *PERIOD).stdout.decode()
    assert "RECEIVED" in table and "FR MED" in table
    lines = [l for l in table.splitlines() if l.startswith(("en ", "zh ",
                                                            "all "))]
    assert [l.split()[1] for l in lines] == ["2", "2", "4"]
    assert "王波" in table and "at risk" in table
    # Nothing in the period: no data, no division by zero.
    empty = json.loads(ctl(desk, "report", "--format", "json", "--from",
                           "2025-01-01", "--to", "2025-01-31").stdout)
    assert empty["total"]["received"] == 0
    for k in ("share", "resolution_rate", "csat", "nps", "sla_resolution",
              "first_response_median", "repeat_rate"):
        assert empty["total"][k] is None, k
    assert empty["groups"] == [] and empty["top_customers"] == []
    assert ctl(desk, "report", "--from", "2025-01-01", "--to",
               "2025-01-31").returncode == 0


def test_bad_arguments(desk):
    for args in (["--by", "colour"], ["--format", "pdf"],
                 ["--from", "2026-13-01"], ["--from", "2026-12-01",
                                             "--to", "2026-11-01"], ["x"]):
        r = ctl(desk, "report", *args, ok=False)
        assert r.returncode == 64, args
        assert r.stderr and not r.stdout


def png_is_blank(png):
    """Whether every pixel of an 8-bit RGB(A) PNG has the same colour."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, channels = 8, b"", 0, 0
    while pos < len(png):
        n, kind = struct.unpack(">I4s", png[pos:pos + 8])
        data = png[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, _, depth, colour = struct.unpack(">IIBB", data[:10])
            assert depth == 8
            channels = {2: 3, 6: 4}[colour]
        elif kind == b"IDAT":
            idat += data
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = width * channels + 1
    # Filtered scanlines: a row's first byte is its filter; with filter
    # 0 or a constant image, differences show as bytes other than the
    # first row's.  Any second distinct row means pixels differ.
    rows = {raw[i + 1:i + stride] for i in range(0, len(raw), stride)}
    return len(rows) <= 2


@pytest.mark.skipif(shutil.which("chromium") is None,
                    reason="Debian's chromium is not installed")
def test_html_dashboard_renders_in_chromium(desk, tmp_path):
    html = ctl(desk, "report", "--format", "html", "--by", "category",
               *PERIOD).stdout.decode()
    assert "<script" not in html and "http://" not in html
    assert "https://" not in html and "王波" in html
    page = tmp_path / "report.html"
    page.write_text(html)
    chrome = ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
              "--no-first-run", "--user-data-dir=%s" % (tmp_path / "chr")]
    dom = subprocess.run(chrome + ["--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120).stdout
    for chart in ('id="trend"', 'id="categories"', 'id="times"',
                  'id="quality"'):
        assert chart in dom, chart
    assert dom.count("<svg") == 4 and dom.count('class="bar"') >= 30 + 2
    assert "<polyline" in dom and "billing" in dom
    shot = tmp_path / "shot.png"
    subprocess.run(chrome + ["--screenshot=%s" % shot,
                             "--window-size=1200,1600", page.as_uri()],
                   capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 5000
    assert not png_is_blank(shot.read_bytes())
