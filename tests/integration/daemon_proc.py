"""Runs complaintd as a child process for tests: its log goes to a file the
test can wait on, and an optional fake NOTIFY_SOCKET records what it tells
systemd."""

import os
import re
import signal
import socket
import subprocess
import time
from pathlib import Path


class NotifySocket:
    """A datagram socket standing in for systemd's notify socket."""

    def __init__(self, path):
        self.path = str(path)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.sock.settimeout(0.1)
        self.messages = []

    def _drain(self):
        while True:
            try:
                self.messages.append(self.sock.recv(4096).decode())
            except (socket.timeout, BlockingIOError):
                return

    def wait_for(self, key, timeout=5.0, after=0):
        """Index of the first message at or after `after` holding key
        (e.g. "READY=1"); raises when none comes in time."""
        deadline = time.monotonic() + timeout
        while True:
            self._drain()
            for i, m in enumerate(self.messages[after:], after):
                if key in m.split("\n"):
                    return i
            if time.monotonic() > deadline:
                raise AssertionError("no %s in %r" % (key, self.messages))

    def close(self):
        self.sock.close()


class Daemon:
    def __init__(self, binary, config, workdir, env=None, notify=False):
        self.workdir = Path(workdir)
        self.log_path = self.workdir / "complaintd.log"
        self.notify = NotifySocket(self.workdir / "notify.sock") if notify else None
        full_env = {k: v for k, v in os.environ.items()
                    if k not in ("NOTIFY_SOCKET", "JOURNAL_STREAM",
                                 "WATCHDOG_USEC", "WATCHDOG_PID")}
        if self.notify:
            full_env["NOTIFY_SOCKET"] = self.notify.path
        full_env.update(env or {})
        self.log_file = open(self.log_path, "wb")
        self.proc = subprocess.Popen([binary, "-c", str(config)],
                                     stdin=subprocess.DEVNULL,
                                     stdout=self.log_file,
                                     stderr=subprocess.STDOUT, env=full_env)

    def log(self):
        return self.log_path.read_text(errors="replace")

    def wait_log(self, pattern, timeout=15.0, count=1):
        """Waits until pattern (a regex) matches count lines of the log."""
        deadline = time.monotonic() + timeout
        rx = re.compile(pattern)
        while True:
            hits = [l for l in self.log().splitlines() if rx.search(l)]
            if len(hits) >= count:
                return hits
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("%d× %r not in log (exit %s):\n%s" % (
                    count, pattern, self.proc.poll(), self.log()))
            time.sleep(0.02)

    def wait_exit(self, timeout):
        """The exit status once the daemon ends on its own; fails with its
        log when it still runs after timeout seconds."""
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError("still running after %gs; its log:\n%s" % (
                timeout, self.log()[-6000:])) from None

    def send(self, sig):
        self.proc.send_signal(sig)

    def stop(self, sig=signal.SIGTERM, timeout=5.0):
        """Sends sig and returns (exit status, seconds it took)."""
        start = time.monotonic()
        self.proc.send_signal(sig)
        status = self.proc.wait(timeout=timeout)
        return status, time.monotonic() - start

    def close(self):
        """Kills the daemon if it still runs; fails when a sanitizer
        reported anything in its log (the sanitizer build's tests)."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.log_file.close()
        if self.notify:
            self.notify.close()
        log = self.log()
        for marker in ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                       "runtime error:"):
            if marker in log:
                raise AssertionError("sanitizer report in the daemon's log:\n"
                                     + log[log.index(marker) - 200:][:4000])
