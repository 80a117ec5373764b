#!/bin/bash
# The main job.  Without arguments: a demo — starts a private mail lab on
# 127.0.0.1, drops the sample complaints in demo/samples (English and
# Chinese, GBK and Big5, HTML-only, an attachment, a reply, a duplicate, an
# out-of-office answer) into its support mailbox, writes a configuration
# for it and runs complaintd in the foreground so its log scrolls; Ctrl-C
# stops the daemon, then the tickets it made are listed and the lab stops.
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
$labpy inject "$lab" "$src"/demo/samples/*.eml --user support >/dev/null
echo "demo: injected $(ls "$src"/demo/samples/*.eml | wc -l) sample complaints into support@" >&2

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
  }
);
smtp = {
  url = "smtp://127.0.0.1:$smtp_port";
  tls = "none";
  from = "Demo Customer Care <support@example.com>";
};
CONF
"$daemon" --check-config -c "$lab/desk/complaintd.conf" >/dev/null
echo "demo: running complaintd -c $lab/desk/complaintd.conf (Ctrl-C stops it)" >&2
set +e
if [ -n "$seconds" ]; then
  timeout -s INT "$seconds" "$daemon" -c "$lab/desk/complaintd.conf"
else
  "$daemon" -c "$lab/desk/complaintd.conf"
fi
status=$?
set -e
ctl="$src/build/daemon/complaintctl -c $lab/desk/complaintd.conf"
echo "demo: complaintd exited with status $status; the tickets it made:" >&2
$ctl list
echo >&2
echo "demo: one of them in full ($ctl show 1):" >&2
$ctl show 1
