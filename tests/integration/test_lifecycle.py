"""The daemon's life under systemd: readiness, reload, wake-up, stop, the
watchdog, log format, and clear failures at start-up."""

import os
import signal
import subprocess
import time

import pytest

from configs import write_config
from daemon_proc import Daemon

EX_CONFIG = 78
EX_CANTCREAT = 73


@pytest.fixture
def run(complaintd_bin, tmp_path):
    started = []

    def start(config=None, **kwargs):
        config = config or write_config(tmp_path, mailbox_names=("support", "sales"))
        d = Daemon(complaintd_bin, config, tmp_path, **kwargs)
        started.append(d)
        return d

    yield start
    for d in started:
        d.close()


def test_ready_status_and_stopping(run):
    d = run(notify=True)
    i = d.notify.wait_for("READY=1")
    assert "STATUS=Serving 2 mailboxes for Test Desk" in d.notify.messages[i]
    d.wait_log(r"event=fetcher.started mailbox=support ")
    d.wait_log(r"event=fetcher.started mailbox=sales ")
    d.wait_log(r"event=sender.started")
    status, took = d.stop()
    assert status == 0
    assert took < 5
    d.notify.wait_for("STOPPING=1", after=i)
    for name in ("support", "sales"):
        assert "event=fetcher.stopped mailbox=%s" % name in d.log()
    assert "event=daemon.stopped status=0" in d.log()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_stop_signal_exits_zero_quickly(run, sig):
    d = run(notify=True)
    d.notify.wait_for("READY=1")
    status, took = d.stop(sig)
    assert status == 0
    assert took < 5


def test_sighup_with_valid_change_reloads(run, tmp_path):
    conf = write_config(tmp_path, mailbox_names=("support",))
    d = run(conf, notify=True)
    ready = d.notify.wait_for("READY=1")
    write_config(tmp_path, mailbox_names=("support", "sales", "billing"),
                 log_level="debug")
    d.send(signal.SIGHUP)
    d.wait_log(r"event=config.reloaded .*mailboxes=3 log_level=debug")
    reloading = d.notify.wait_for("RELOADING=1", after=ready + 1)
    assert "MONOTONIC_USEC=" in d.notify.messages[reloading]
    again = d.notify.wait_for("READY=1", after=reloading)
    assert "STATUS=Serving 3 mailboxes" in d.notify.messages[again]
    d.wait_log(r"event=fetcher.started mailbox=billing ")
    # The new log level is in force: wake-ups are logged at debug.
    d.send(signal.SIGUSR1)
    d.wait_log(r"event=fetcher.poll mailbox=billing reason=wakeup")
    assert d.stop()[0] == 0


def test_sighup_with_broken_config_keeps_running(run, tmp_path):
    conf = write_config(tmp_path, mailbox_names=("support", "sales"),
                        log_level="debug")
    d = run(conf, notify=True)
    ready = d.notify.wait_for("READY=1")
    good = conf.read_text()
    conf.write_text(good.replace('"debug"', '"loud"') + "bogus = 1;\n")
    d.send(signal.SIGHUP)
    d.wait_log(r"event=config.rejected .*errors=2; keeping the running")
    errors = d.wait_log(r"error config: .*complaintd.conf:\d+: ", count=2)
    assert any('unknown section "bogus"' in e for e in errors)
    # Still alive, still ready, still serving the old mailboxes.
    assert d.proc.poll() is None
    d.notify.wait_for("READY=1", after=ready + 1)
    assert "event=config.reloaded" not in d.log()
    d.send(signal.SIGUSR1)
    d.wait_log(r"event=fetcher.poll mailbox=sales reason=wakeup")
    # Fixing the file and reloading again works.
    conf.write_text(good)
    d.send(signal.SIGHUP)
    d.wait_log(r"event=config.reloaded")
    assert d.stop()[0] == 0


def test_reload_refuses_store_move(run, tmp_path):
    conf = write_config(tmp_path)
    d = run(conf, notify=True)
    d.notify.wait_for("READY=1")
    other = tmp_path / "elsewhere"
    other.mkdir()
    conf.write_text(conf.read_text().replace(
        "%s/complaintd.db" % tmp_path, "%s/complaintd.db" % other))
    d.send(signal.SIGHUP)
    d.wait_log(r"store.path changed; moving the database needs a restart")
    assert d.proc.poll() is None
    assert d.stop()[0] == 0


def test_sigusr1_wakes_every_thread(run, tmp_path):
    d = run(write_config(tmp_path, mailbox_names=("support", "sales"),
                         log_level="debug"), notify=True)
    d.notify.wait_for("READY=1")
    d.send(signal.SIGUSR1)
    d.wait_log(r"event=daemon.wakeup signal=USR1")
    d.wait_log(r"event=fetcher.poll mailbox=support reason=wakeup")
    d.wait_log(r"event=fetcher.poll mailbox=sales reason=wakeup")
    d.wait_log(r"event=sender.wakeup")
    assert d.stop()[0] == 0


def test_watchdog_pinged_at_half_interval(run):
    d = run(notify=True, env={"WATCHDOG_USEC": "400000"})
    d.notify.wait_for("READY=1")
    time.sleep(1.1)
    d.notify.wait_for("WATCHDOG=1")
    pings = [m for m in d.notify.messages if m == "WATCHDOG=1"]
    # 400 ms interval, pinged every 200 ms: about 5 in 1.1 s (plus one at
    # start); fewer than 3 means the half-interval rule is not kept.
    assert len(pings) >= 3, d.notify.messages
    assert d.stop()[0] == 0


def test_watchdog_for_another_pid_is_ignored(run):
    d = run(notify=True, env={"WATCHDOG_USEC": "200000", "WATCHDOG_PID": "1"})
    d.notify.wait_for("READY=1")
    time.sleep(0.6)
    d.notify._drain()
    assert "WATCHDOG=1" not in d.notify.messages
    assert d.stop()[0] == 0


def test_journal_stream_gives_priority_prefixes(run, tmp_path):
    log = tmp_path / "complaintd.log"
    # The daemon's stderr will be this file: JOURNAL_STREAM names it.
    log.touch()
    st = os.stat(log)
    d = run(env={"JOURNAL_STREAM": "%d:%d" % (st.st_dev, st.st_ino)})
    d.wait_log(r"event=daemon.started")
    d.stop()
    lines = d.log().splitlines()
    assert lines
    for line in lines:
        assert line[:3] in ("<6>", "<4>", "<3>", "<7>"), line
    assert any(l.startswith("<6>complaintd: starting") for l in lines)


def test_plain_stderr_gives_iso_timestamps(run):
    d = run()
    d.wait_log(r"event=daemon.started")
    d.stop()
    import re
    for line in d.log().splitlines():
        assert re.match(
            r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d "
            r"(debug|info|warning|error) ", line), line


def test_secrets_never_reach_the_log(run, tmp_path):
    conf = write_config(tmp_path, mailbox_names=("support", "sales"),
                        log_level="debug")
    d = run(conf, notify=True)
    d.notify.wait_for("READY=1")
    d.send(signal.SIGUSR1)
    d.send(signal.SIGHUP)
    d.wait_log(r"event=config.reloaded")
    d.stop()
    log = d.log()
    assert "event=fetcher.started" in log
    for secret in ("support-secret", "sales-secret"):
        assert secret not in log


def test_missing_state_dir_is_a_clear_error(complaintd_bin, tmp_path):
    conf = write_config(tmp_path)
    missing = tmp_path / "no" / "such" / "dir"
    conf.write_text(conf.read_text().replace(
        "%s/complaintd.db" % tmp_path, "%s/complaintd.db" % missing))
    r = subprocess.run([complaintd_bin, "-c", str(conf)], capture_output=True,
                       text=True, timeout=10)
    assert r.returncode == EX_CANTCREAT
    assert str(missing) in r.stderr
    assert "not starting" in r.stderr
    assert "event=daemon.started" not in r.stderr


def test_unwritable_state_dir_is_a_clear_error(complaintd_bin):
    # Root ignores mode bits, so the daemon runs as nobody here, against a
    # state dir only root may write (pytest's tmp_path is 0700: use our own).
    import shutil
    import tempfile
    base = tempfile.mkdtemp(prefix="cd-unwritable-", dir="/tmp")
    try:
        os.chmod(base, 0o755)
        conf = write_config(base)
        state = os.path.join(base, "state")
        os.mkdir(state, 0o755)
        conf.write_text(conf.read_text().replace(
            "%s/complaintd.db" % base, "%s/complaintd.db" % state))
        os.chmod(conf, 0o644)
        nobody = 65534
        os.chown(os.path.join(base, "support.password"), 0, nobody)
        r = subprocess.run([complaintd_bin, "-c", str(conf)],
                           capture_output=True, text=True, timeout=10,
                           user=nobody, group=nobody, extra_groups=[])
        assert r.returncode == EX_CANTCREAT, r.stderr
        assert state in r.stderr
        assert "not starting" in r.stderr
    finally:
        shutil.rmtree(base)


def test_corrupt_store_is_a_clear_error(complaintd_bin, tmp_path):
    conf = write_config(tmp_path)
    (tmp_path / "complaintd.db").write_bytes(b"this is not sqlite\n" * 512)
    r = subprocess.run([complaintd_bin, "-c", str(conf)], capture_output=True,
                       text=True, timeout=10)
    assert r.returncode == EX_CANTCREAT
    assert "not a usable complaintd database" in r.stderr
    assert str(tmp_path / "complaintd.db") in r.stderr


def test_bad_config_at_start_exits_78(complaintd_bin, tmp_path):
    conf = write_config(tmp_path)
    conf.write_text(conf.read_text() + "bogus = 1;\n")
    r = subprocess.run([complaintd_bin, "-c", str(conf)], capture_output=True,
                       text=True, timeout=10)
    assert r.returncode == EX_CONFIG
    assert 'unknown section "bogus"' in r.stderr
    assert "not starting: 1 error in the configuration" in r.stderr
