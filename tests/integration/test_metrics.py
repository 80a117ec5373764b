"""complaintctl metrics and the daemon's metrics textfile.

complaintctl metrics on a store filled by complaintctl ingest: every line
in Prometheus' text exposition format (0.0.4), each sample after its
metric's TYPE, and the values what was ingested and changed; --json the
same figures; the exit codes.  The daemon against the lab writes the
same text to metrics.textfile for node_exporter — at start and every
interval, atomically (no temporary file left, mode 0644) — and a
directory that is missing is a logged warning, retried until it exists,
while the desk runs on; a reload restarts the writer."""

import json
import os
import re
import signal
import stat
import subprocess
import time

import lab as lablib
from configs import write_config
from daemon_proc import Daemon
from test_outbound import start

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
LABEL = r'[a-zA-Z_][a-zA-Z0-9_]*="(?:\\.|[^"\\])*"'
VALUE = r"(?:-?[0-9.eE+-]+|NaN|[+-]Inf)"
SAMPLE = re.compile(r"^(%s)(\{%s(?:,%s)*\})? (%s)$" % (NAME, LABEL, LABEL,
                                                       VALUE))
HELP = re.compile(r"^# HELP (%s) .+$" % NAME)
TYPE = re.compile(r"^# TYPE (%s) (counter|gauge|histogram|summary|untyped)$"
                  % NAME)

PEOPLE = """
agents = ( { name = "alice"; address = "alice@desk.example"; } );
teams = ( { name = "care"; address = "care@desk.example";
            members = [ "alice" ]; } );
classify = { default_team = "care"; };
"""


def parse_exposition(text):
    """The samples of text as {(name, labels): value}, after checking
    every line against the format: HELP and TYPE once per metric and
    before its samples, each sample under the TYPE just given, no series
    twice, a newline at the end."""
    assert text.endswith("\n")
    samples, typed, helped, current = {}, set(), set(), None
    for line in text[:-1].split("\n"):
        m = HELP.match(line)
        if m:
            assert m.group(1) not in helped, line
            helped.add(m.group(1))
            continue
        m = TYPE.match(line)
        if m:
            assert m.group(1) not in typed, line
            typed.add(m.group(1))
            current = m.group(1)
            continue
        m = SAMPLE.match(line)
        assert m, "not in the exposition format: %r" % line
        name = m.group(1)
        assert name == current, "%r has no TYPE before it" % line
        assert name.startswith("complaintd_"), line
        labels = tuple(re.findall(r'([a-zA-Z_]\w*)="((?:\\.|[^"\\])*)"',
                                  m.group(2) or ""))
        assert (name, labels) not in samples, "twice: %r" % line
        samples[(name, labels)] = float(m.group(3))
    assert typed == helped
    return samples


def value(samples, name, **labels):
    return samples[(name, tuple(sorted(labels.items())))]


def by_label(samples, name):
    return {dict(k[1]).popitem()[1]: v for k, v in samples.items()
            if k[0] == name}


class Desk:
    """A configuration and a store filled by complaintctl ingest."""

    def __init__(self, ctl_bin, tmp_path):
        self.bin = ctl_bin
        self.conf = write_config(tmp_path, mailbox_names=("support", "sales"),
                                 extra=PEOPLE)

    def run(self, *args, data=None):
        return subprocess.run([self.bin, "-c", str(self.conf)] + list(args),
                              input=data, capture_output=True, timeout=30)

    def ingest(self, i, *args):
        r = self.run("ingest", *args, data=lablib.sample_message(i))
        assert r.returncode == 0, r.stderr

    def metrics(self):
        r = self.run("metrics")
        assert r.returncode == 0, r.stderr
        assert r.stderr == b""
        return r.stdout.decode()


def test_ctl_metrics_format_and_values(complaintctl_bin, tmp_path):
    desk = Desk(complaintctl_bin, tmp_path)
    empty = parse_exposition(desk.metrics())
    assert by_label(empty, "complaintd_tickets") == {
        "new": 0, "open": 0, "pending": 0, "resolved": 0, "closed": 0}
    assert by_label(empty, "complaintd_ingested_messages_total") == {}
    for i in (1, 2, 3):
        desk.ingest(i, "--mailbox", "support")
    desk.ingest(4, "--mailbox", "sales")
    desk.ingest(5)
    r = desk.run("status", "2", "pending", "--as", "alice")
    assert r.returncode == 0, r.stderr
    r = desk.run("status", "3", "closed", "--as", "alice")
    assert r.returncode == 0, r.stderr
    before = time.time()
    text = desk.metrics()
    s = parse_exposition(text)
    assert by_label(s, "complaintd_tickets") == {
        "new": 3, "open": 0, "pending": 1, "resolved": 0, "closed": 1}
    assert sum(by_label(s, "complaintd_tickets_open_by_severity").values()) == 4
    assert {"general", "serious", "urgent"} <= set(
        by_label(s, "complaintd_tickets_open_by_severity"))
    assert by_label(s, "complaintd_ingested_messages_total") == {
        "support": 3, "sales": 1, "pipe": 1}
    # Every ticket got an acknowledgement, queued: nothing sends here.
    outbox = json.loads(desk.run("--json", "outbox", "--all").stdout)
    queued = len([o for o in outbox if o["status"] == "queued"])
    assert queued >= 5
    assert by_label(s, "complaintd_outbox_messages") == {
        "queued": queued, "sent": 0, "failed": 0, "cancelled": 0}
    assert value(s, "complaintd_outbox_failed_total") == 0
    assert value(s, "complaintd_sla_breaches_open") == 0
    assert by_label(s, "complaintd_last_fetch_timestamp_seconds") == {}
    # Closing scheduled the survey of #3.
    assert by_label(s, "complaintd_surveys") == {
        "scheduled": 1, "sent": 0, "skipped": 0}
    assert value(s, "complaintd_survey_answers_total") == 0
    scraped = value(s, "complaintd_scrape_timestamp_seconds")
    assert before - 1 <= scraped <= time.time() + 1
    assert "# TYPE complaintd_ingested_messages_total counter\n" in text
    assert "# TYPE complaintd_tickets gauge\n" in text

    # The same figures as JSON.
    r = desk.run("metrics", "--json")
    assert r.returncode == 0, r.stderr
    j = json.loads(r.stdout)
    assert j["complaintd_tickets"] == by_label(s, "complaintd_tickets")
    assert j["complaintd_ingested_messages_total"] == {
        "support": 3, "sales": 1, "pipe": 1}
    assert j["complaintd_sla_breaches_open"] == 0
    assert set(j) == set(re.findall(r"^# TYPE (\S+) ", text, re.M))


def test_ctl_metrics_exit_codes(complaintctl_bin, tmp_path):
    desk = Desk(complaintctl_bin, tmp_path)
    r = desk.run("metrics", "now")
    assert r.returncode == 64 and b"usage" in r.stderr
    text = desk.conf.read_text().replace(
        str(tmp_path) + "/complaintd.db", str(tmp_path / "gone" / "c.db"))
    desk.conf.write_text(text)
    r = desk.run("metrics")
    assert r.returncode == 73, r.stderr
    assert b"gone" in r.stderr and r.stdout == b""


def metrics_conf(path, interval="5s"):
    return 'metrics = { textfile = "%s"; interval = "%s"; };\n' % (path,
                                                                  interval)


def wait_file(path, needle, timeout=30):
    """The file's text once it holds needle."""
    deadline = time.monotonic() + timeout
    while True:
        if path.exists():
            text = path.read_text()
            if needle in text:
                return text
        assert time.monotonic() < deadline, "%r not in %s" % (needle, path)
        time.sleep(0.1)


def leftovers(directory):
    return [n for n in os.listdir(directory) if n.startswith(".")]


def test_daemon_writes_textfile(lab, complaintd_bin, tmp_path):
    prom_dir = tmp_path / "textfile"
    prom_dir.mkdir()
    prom = prom_dir / "complaintd.prom"
    d = start(complaintd_bin, tmp_path, lab, extra=metrics_conf(prom))
    try:
        d.wait_log(r"metrics: writing the textfile event=metrics.started "
                   r".*interval=5s")
        # Written at start, before any mail.
        first = wait_file(prom, "complaintd_scrape_timestamp_seconds ",
                          timeout=10)
        assert "complaintd_ingested_messages_total{mailbox=\"support\"} 1" \
            not in first
        lab.inject("support", [lablib.sample_message(1)])
        text = wait_file(
            prom, 'complaintd_ingested_messages_total{mailbox="support"} 1\n')
        s = parse_exposition(text)
        assert value(s, "complaintd_tickets", status="new") == 1
        assert value(s, "complaintd_last_fetch_timestamp_seconds",
                     mailbox="support") > time.time() - 120
        assert stat.S_IMODE(prom.stat().st_mode) == 0o644
        assert leftovers(prom_dir) == []
        assert os.listdir(prom_dir) == ["complaintd.prom"]
        assert "metrics: cannot write" not in d.log()
        assert d.stop()[0] == 0
        d.wait_log(r"event=metrics.stopped")
        assert os.listdir(prom_dir) == ["complaintd.prom"]
    finally:
        d.close()


def test_missing_directory_is_retried(complaintd_bin, tmp_path):
    """A textfile directory that does not exist: a warning naming the
    path and the reason, the daemon runs on, and once the directory
    appears the next interval writes the file.  SIGHUP restarts the
    writer with the other workers."""
    prom_dir = tmp_path / "later"
    prom = prom_dir / "complaintd.prom"
    conf = write_config(tmp_path, extra=metrics_conf(prom))
    d = Daemon(complaintd_bin, conf, tmp_path, notify=True)
    try:
        d.notify.wait_for("READY=1", timeout=15)
        warn = d.wait_log(r"metrics: cannot write the textfile: creating a "
                          r"temporary file beside .*later/complaintd\.prom: "
                          r"No such file or directory; trying again in 5s "
                          r"event=metrics\.failed")
        assert str(prom) in warn[0]
        assert d.proc.poll() is None
        prom_dir.mkdir()
        parse_exposition(wait_file(prom, "complaintd_tickets{", timeout=15))
        d.wait_log(r"metrics: textfile written again "
                   r"event=metrics\.recovered")
        # The same failure repeated is one warning, not one per interval.
        assert len(re.findall(r"event=metrics\.failed", d.log())) == 1
        assert leftovers(prom_dir) == []
        d.send(signal.SIGHUP)
        d.wait_log(r"event=config\.reloaded")
        d.wait_log(r"event=metrics\.started", count=2)
        d.wait_log(r"event=metrics\.stopped", count=1)
        assert d.stop()[0] == 0
    finally:
        d.close()
