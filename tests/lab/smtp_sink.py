#!/usr/bin/python3
"""SMTP sink for the complaintd test mail lab.

Started (and stopped) by lab.py; not meant to be run by hand, although
``/usr/bin/python3 smtp_sink.py --dir DIR/smtp`` works for debugging.

Layout under ``--dir`` (normally ``LABDIR/smtp``):

  config.json          written by lab.py before start (optional; defaults apply)
  ports.json           written by us once the listeners are bound
  mode                 optional; "tempfail" -> 451 on DATA, "permfail" -> 550
                       (whatever the mode, a recipient whose local part
                       starts with "reject" gets 550 5.1.1 at RCPT, and
                       one starting with "defer" 450 4.2.0: per-recipient
                       answers for tests)
  received/NNNNNN.eml  the DATA content, byte for byte (after dot-unstuffing)
  received/NNNNNN.json envelope sidecar; written *after* the .eml, so a reader
                       that keys on the .json always finds a complete .eml
  attempts.jsonl       one line per DATA transaction, accepted or refused
  tmp/                 staging area for atomic renames (same filesystem)

Why not aiosmtpd's Controller: it cannot bind port 0 and report the port
actually chosen, and the lab relies on ephemeral ports so parallel labs never
collide.  We therefore create the asyncio servers ourselves.
"""

import argparse
import asyncio
import datetime
import json
import logging
import os
import signal
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

log = logging.getLogger("smtp_sink")

DEFAULT_CONFIG = {
    "host": "127.0.0.1",
    "port": 0,               # 0 = ephemeral; lab.py passes the old port on restart
    "smtps_port": None,      # None = no implicit-TLS listener, 0 = ephemeral
    "hostname": "sink.lab.example",
    "tls_cert": None,        # enables STARTTLS (and SMTPS if smtps_port is set)
    "tls_key": None,
    "auth_user": None,       # enables AUTH PLAIN/LOGIN with these credentials
    "auth_password": None,
    "require_auth": False,
    "auth_require_tls": False,
    "require_starttls": False,
}

VALID_MODES = ("accept", "tempfail", "permfail")


def _atomic_write(tmp_dir, final_path, data):
    """Write bytes via a temp file + rename so readers never see partial files.

    The temp file lives in a separate directory so globs over the final
    directory can never pick it up.
    """
    tmp_path = os.path.join(tmp_dir, "%s.%d.tmp" % (os.path.basename(final_path), os.getpid()))
    with open(tmp_path, "wb") as f:
        f.write(data)
    os.rename(tmp_path, final_path)


class LabSMTP(SMTP):
    """aiosmtpd.SMTP that also understands implicit TLS (SMTPS).

    aiosmtpd only tracks TLS negotiated through STARTTLS (``_tls_protocol``).
    On an SMTPS listener the transport is already encrypted, so we set that
    attribute to a truthy marker: AUTH is then allowed even when TLS is
    required for it, and STARTTLS is (correctly) no longer advertised.
    """

    def __init__(self, *args, implicit_tls=False, **kwargs):
        super().__init__(*args, **kwargs)
        self._implicit_tls = implicit_tls

    def connection_made(self, transport):
        super().connection_made(transport)
        if self._implicit_tls and self._tls_protocol is None:
            self._tls_protocol = True
            self.session.ssl = {"implicit": True}


class SinkHandler:
    def __init__(self, root):
        self.root = root
        self.received_dir = os.path.join(root, "received")
        self.tmp_dir = os.path.join(root, "tmp")
        self.mode_file = os.path.join(root, "mode")
        self.attempts_file = os.path.join(root, "attempts.jsonl")
        os.makedirs(self.received_dir, exist_ok=True)
        os.makedirs(self.tmp_dir, exist_ok=True)
        # Continue numbering after existing files so a restarted sink never
        # overwrites mail an earlier instance received.
        existing = [int(n.split(".")[0]) for n in os.listdir(self.received_dir)
                    if n.split(".")[0].isdigit()]
        self.counter = max(existing, default=0)

    def mode(self):
        # Re-read on every transaction: tests flip the mode while clients are
        # connected, and a file is the simplest cross-process switch.
        try:
            with open(self.mode_file) as f:
                mode = f.read().strip().lower()
        except FileNotFoundError:
            return "accept"
        return mode if mode in VALID_MODES else "accept"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if local.startswith("reject"):
            self._record_attempt({"rcpt": address, "result": "rcpt-permfail",
                                  "code": 550})
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        if local.startswith("defer"):
            self._record_attempt({"rcpt": address, "result": "rcpt-tempfail",
                                  "code": 450})
            return "450 4.2.0 <%s>: Recipient address rejected: Greylisted" % address
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    def _record_attempt(self, entry):
        with open(self.attempts_file, "a") as f:
            f.write(json.dumps(entry) + "\n")

    async def handle_DATA(self, server, session, envelope):
        auth = session.auth_data
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "received_at": datetime.datetime.now(datetime.timezone.utc).isoformat(),
            "mail_options": list(envelope.mail_options),
            "helo": session.host_name,
            "peer": list(session.peer) if session.peer else None,
            "tls": bool(server._tls_protocol),
            "auth_login": (auth.login.decode("utf-8", "replace")
                           if isinstance(auth, LoginPassword) else None),
            "size": len(envelope.original_content),
        }
        mode = self.mode()
        if mode == "tempfail":
            self._record_attempt(dict(meta, result="tempfail", code=451))
            return "451 4.3.0 Lab sink: temporary failure (mode=tempfail)"
        if mode == "permfail":
            self._record_attempt(dict(meta, result="permfail", code=550))
            return "550 5.7.1 Lab sink: message rejected (mode=permfail)"

        self.counter += 1
        name = "%06d" % self.counter
        # .eml first, .json last: the sidecar is the "commit marker".
        _atomic_write(self.tmp_dir, os.path.join(self.received_dir, name + ".eml"),
                      envelope.original_content)
        _atomic_write(self.tmp_dir, os.path.join(self.received_dir, name + ".json"),
                      json.dumps(meta, indent=1).encode())
        self._record_attempt(dict(meta, result="accepted", code=250, id=name))
        log.info("stored %s from=%s to=%s", name, envelope.mail_from, envelope.rcpt_tos)
        return "250 2.0.0 OK queued as %s" % name


def make_authenticator(user, password):
    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == user.encode()
              and auth_data.password == password.encode())
        # handled=False lets aiosmtpd send the standard 535 on failure.
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)
    return authenticator


async def serve(root, cfg):
    handler = SinkHandler(root)
    tls_ctx = None
    if cfg["tls_cert"]:
        tls_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_ctx.load_cert_chain(cfg["tls_cert"], cfg["tls_key"])

    common = dict(
        # An explicit hostname matters: the default calls socket.getfqdn(),
        # which can stall for seconds on a box without DNS.
        hostname=cfg["hostname"],
        decode_data=False,
        enable_SMTPUTF8=True,
        auth_required=cfg["require_auth"],
        auth_require_tls=cfg["auth_require_tls"],
    )
    if cfg["auth_user"]:
        common["authenticator"] = make_authenticator(cfg["auth_user"], cfg["auth_password"] or "")
    else:
        # No credentials configured: hide AUTH on plaintext connections.
        common["auth_require_tls"] = True

    loop = asyncio.get_running_loop()
    servers = {}
    servers["smtp"] = await loop.create_server(
        lambda: LabSMTP(handler, tls_context=tls_ctx,
                        require_starttls=cfg["require_starttls"], **common),
        cfg["host"], cfg["port"] or 0)
    if cfg["smtps_port"] is not None and tls_ctx is not None:
        servers["smtps"] = await loop.create_server(
            lambda: LabSMTP(handler, implicit_tls=True, **common),
            cfg["host"], cfg["smtps_port"] or 0, ssl=tls_ctx)

    ports = {name: srv.sockets[0].getsockname()[1] for name, srv in servers.items()}
    ports["pid"] = os.getpid()
    # lab.py polls for this file; pid lets it ignore a stale file from an
    # earlier run.
    _atomic_write(os.path.join(root, "tmp"), os.path.join(root, "ports.json"),
                  json.dumps(ports).encode())
    log.info("listening: %s", ports)

    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    for srv in servers.values():
        srv.close()
        await srv.wait_closed()
    log.info("stopped")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", required=True, help="sink directory (LABDIR/smtp)")
    ap.add_argument("--config", help="JSON config (default: DIR/config.json if present)")
    args = ap.parse_args(argv)

    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    root = os.path.abspath(args.dir)
    cfg = dict(DEFAULT_CONFIG)
    cfg_path = args.config or os.path.join(root, "config.json")
    if os.path.exists(cfg_path):
        with open(cfg_path) as f:
            cfg.update(json.load(f))
    os.makedirs(os.path.join(root, "tmp"), exist_ok=True)
    asyncio.run(serve(root, cfg))
    return 0


if __name__ == "__main__":
    sys.exit(main())
