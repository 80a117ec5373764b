#!/bin/bash
# The main job.  Without arguments: a demo — starts a private mail lab on
# 127.0.0.1, drops the sample complaints in demo/samples (English and
# Chinese, GBK and Big5, HTML-only, an attachment, a reply, a duplicate, an
# out-of-office answer, two urgent ones) into its support mailbox, writes a
# configuration for it (three teams, five agents, the default rules, a
# model taught the labelled complaints of tests/data/classify) and
# runs complaintd in the foreground so its log scrolls; Ctrl-C stops the
# daemon, then the tickets it made — category, severity, team, assignee —
# the urgent alerts, the SLA warnings and escalations (its policies have
# targets of seconds: let it run a minute), what is overdue, the
# satisfaction survey of the ticket an agent closed and its customer's
# answer, and the mail the lab's SMTP server received are listed, and the
# lab stops.
# --seconds N stops the daemon by itself after N seconds.
# With -c FILE: runs complaintd on that configuration instead.
# Installs missing Debian packages and builds first.
set -euo pipefail
cd "$(dirname "$0")"
src=$PWD
. scripts/deps.sh
deps_install
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
daemon=$src/build/daemon/complaintd

usage="usage: ./demo.sh [--seconds N] | ./demo.sh -c CONFIG"
if [ "${1:-}" = "-c" ]; then
  [ -n "${2:-}" ] || { echo "$usage" >&2; exit 64; }
  exec "$daemon" -c "$2"
fi
seconds=
if [ "${1:-}" = "--seconds" ]; then
  [[ "${2:-}" =~ ^[0-9]+$ ]] || { echo "$usage" >&2; exit 64; }
  seconds=$2
  shift 2
fi
[ $# -eq 0 ] || { echo "$usage" >&2; exit 64; }

lab=/tmp/complaintd-demo
labpy="/usr/bin/python3 $src/tests/lab/lab.py"
$labpy stop "$lab" 2>/dev/null || true
rm -rf "$lab"
trap '$labpy stop "$lab"' EXIT
echo "demo: starting the mail lab in $lab" >&2
$labpy start "$lab" >/dev/null
eval "$(/usr/bin/python3 - "$lab/lab.json" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
print("imap_port=%d smtp_port=%d ca=%s" % (e["ports"]["imap"], e["ports"]["smtp"], e["ca_file"]))
print("password=%s" % e["users"]["support"])
PY
)"
install -d -m 0755 "$lab/desk"
printf '%s\n' "$password" >"$lab/desk/support.password"
chmod 0640 "$lab/desk/support.password"
cat >"$lab/desk/complaintd.conf" <<CONF
store = { path = "$lab/desk/complaintd.db"; };
log = { level = "info"; };
desk = {
  name = "Demo Customer Care";
  addresses = [ "support@example.com" ];
  ticket_tag = "DEMO";
  timezone = "Europe/Berlin";
};
mailboxes = (
  {
    name = "support";
    host = "127.0.0.1";
    port = $imap_port;
    tls = "starttls";
    ca_file = "$ca";
    user = "support";
    password_file = "support.password";
    poll_interval = "10s";
    team = "care";
  }
);
agents = (
  { name = "alice";  address = "alice@example.com"; },
  { name = "bob";    address = "bob@example.com"; },
  { name = "li.wei"; address = "li.wei@example.com"; },
  { name = "carol";  address = "carol@example.com"; role = "lead"; },
  { name = "dave";   address = "dave@example.com"; role = "manager"; }
);
teams = (
  { name = "care"; address = "care-team@example.com"; lead = "carol";
    manager = "dave"; members = [ "alice", "bob", "li.wei" ]; },
  { name = "billing"; address = "billing@example.com"; lead = "carol";
    manager = "dave"; members = [ "bob" ]; assign = "least_open"; },
  { name = "logistics"; address = "shipping@example.com"; lead = "carol";
    manager = "dave"; assign = "queue"; }
);
routes = (
  { category = [ "billing" ]; team = "billing"; },
  { category = [ "logistics" ]; team = "logistics"; }
);
classify = { default_team = "care"; };
# Targets of seconds, so the demo shows SLA time passing while it runs:
# warnings after about 15 s, breaches and escalations after 30-40 s.
policies = (
  { name = "demo-urgent"; severity = [ "urgent" ];
    first_response = "20s"; resolution = "2m"; warn = "50%";
    notify = "immediately";
    level1_to = [ "lead" ];
    level2_after = "10s"; level2_to = [ "manager" ]; level2_raise = 20; },
  { name = "demo-standard";
    first_response = "30s"; resolution = "5m"; warn = "50%";
    notify = "immediately";
    level1_to = [ "lead" ]; }
);
# Surveys ten seconds after closing (a day by default), with the NPS
# question and the three aspects; every closed ticket is asked.
survey = { delay = "10s"; nps = true; aspects = true; throttle = "0s"; };
@include "rules.conf"
smtp = {
  url = "smtp://127.0.0.1:$smtp_port";
  tls = "none";
  from = "Demo Customer Care <support@example.com>";
};
templates = { dir = "$src/config/templates"; };
CONF
cp "$src/config/rules.conf" "$lab/desk/rules.conf"
"$daemon" --check-config -c "$lab/desk/complaintd.conf" >/dev/null
# Rules decide first; where none does, the model learnt from these.
echo "demo: teaching the model the labelled complaints of tests/data/classify" >&2
"$src/build/daemon/complaintctl" -c "$lab/desk/complaintd.conf" train \
  "$src/tests/data/classify/labels.tsv" >&2
echo "demo: running complaintd -c $lab/desk/complaintd.conf (Ctrl-C stops it)" >&2
# The samples arrive once the desk watches the mailbox, as new mail does
# (mail that was there before the desk is ticketed without an ack).
# Their Date headers are set to now, as a freshly written mail's would be.
install -d -m 0755 "$lab/samples"
/usr/bin/python3 - "$src/demo/samples" "$lab/samples" <<'PY'
import email.utils, pathlib, re, sys
now = b"Date: " + email.utils.formatdate(localtime=True).encode()
for f in sorted(pathlib.Path(sys.argv[1]).glob("*.eml")):
    raw = re.sub(rb"(?m)^Date: .*$", now, f.read_bytes(), count=1)
    (pathlib.Path(sys.argv[2]) / f.name).write_bytes(raw)
PY
ctl="$src/build/daemon/complaintctl -c $lab/desk/complaintd.conf"
(
  sleep 2
  $labpy inject "$lab" "$lab"/samples/*.eml --user support >/dev/null &&
    echo "demo: $(ls "$lab"/samples/*.eml | wc -l) sample complaints arrived at support@" >&2
  # An agent answers ticket #1 and closes it; its customer gets the
  # survey ten seconds later and answers it in Chinese.
  sleep 6
  $ctl reply 1 --as alice -m "We are sorry. A replacement is on its way." >/dev/null &&
    $ctl status 1 closed --as alice >/dev/null &&
    echo "demo: alice answered ticket #1 and closed it (complaintctl reply, status)" >&2
  for _ in $(seq 30); do
    sleep 1
    subject=$($ctl --json outbox --all | /usr/bin/python3 -c '
import json, sys
print(next((r["subject"] for r in json.load(sys.stdin) if r["kind"] == "survey"), ""))')
    [ -n "$subject" ] && break
  done
  [ -n "$subject" ] || exit 0
  printf 'From: customer@example.net\r\nTo: support@example.com\r\nSubject: Re: %s\r\nMessage-ID: <survey-answer.%s@example.net>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n4，还可以。速度4 结果5 整体3\r\n' \
    "$subject" "$$" >"$lab/survey-answer.eml"
  $labpy inject "$lab" "$lab/survey-answer.eml" --user support >/dev/null &&
    echo "demo: the customer answered the survey: \"4，还可以。速度4 结果5 整体3\"" >&2
) &
set +e
if [ -n "$seconds" ]; then
  timeout -s INT "$seconds" "$daemon" -c "$lab/desk/complaintd.conf"
else
  "$daemon" -c "$lab/desk/complaintd.conf"
fi
status=$?
set -e
# timeout(1) says 124 when it had to stop the daemon, which then exited 0.
[ -n "$seconds" ] && [ "$status" -eq 124 ] && status=0
echo "demo: complaintd exited with status $status; the tickets it made, as triaged:" >&2
$ctl --json list | /usr/bin/python3 -c '
import json, sys, unicodedata
def cut(s, n):
    out, w = "", 0
    for ch in s or "-":
        cw = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if w + cw > n:
            break
        out, w = out + ch, w + cw
    return out + " " * (n - w)
print("ID   PRIO %s %s %s %s SUBJECT" % (cut("CATEGORY", 16), cut("SEVERITY", 8),
                                        cut("TEAM", 9), cut("ASSIGNEE", 8)))
for t in sorted(json.load(sys.stdin), key=lambda t: t["id"]):
    print("#%-3d %4d %s %s %s %s %s" % (t["id"], t["priority"], cut(t["category"], 16),
          cut(t["severity"], 8), cut(t["team"], 9), cut(t["assignee"], 8),
          cut(t["subject"], 44)))
'
echo >&2
echo "demo: urgent alerts (to the team lead and manager, once per ticket):" >&2
$ctl --json outbox --all | /usr/bin/python3 -c '
import json, sys
for r in json.load(sys.stdin):
    if r["kind"] == "urgent_alert":
        print("%-8s %-20s %s" % (r["status"], r["to"], r["subject"]))
'
echo >&2
echo "demo: SLA notices (warnings and breaches to assignees, escalations to lead and manager; one digest when several fall due together):" >&2
$ctl --json outbox --all | /usr/bin/python3 -c '
import json, sys
for r in json.load(sys.stdin):
    if r["kind"] == "sla_notice":
        print("%-8s %-20s %s" % (r["status"], r["to"], r["subject"]))
'
echo >&2
echo "demo: at risk or overdue now ($ctl sla):" >&2
$ctl sla
echo >&2
echo "demo: what the lab's SMTP server received (acknowledgements to customers, notices to assignees and teams, alerts):" >&2
$ctl --json outbox --all | /usr/bin/python3 -c '
import json, sys
rows = json.load(sys.stdin)
print("%-8s %-30s %-4s %-13s %s" % ("STATUS", "TO", "LANG", "KIND", "SUBJECT"))
for r in rows:
    print("%-8s %-30s %-4s %-13s %s" % (r["status"], r["to"], r["language"] or "-",
                                      r["kind"], r["subject"]))
'
echo >&2
echo "demo: satisfaction surveys (sent ten seconds after closing; answers recorded, no new ticket):" >&2
$ctl --json list --status closed | /usr/bin/python3 -c '
import json, sys
print("\n".join("#%d" % t["id"] for t in json.load(sys.stdin)))' | while read -r id; do
  $ctl show "${id#\#}" | sed "/^--- /,\$d" | grep -E "^(Ticket|Survey|Answer|Comment) " || true
done
echo >&2
echo "demo: one of them in full, with why it was triaged so ($ctl show 1):" >&2
$ctl show 1
