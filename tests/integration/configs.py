"""Builds complaintd configuration files for the integration tests.

A test describes the desk it wants (mailboxes pointing at a lab, or at
nothing) and gets a file plus the password files it names, with modes the
validator accepts (0640).
"""

import os
from pathlib import Path


def write_secret(path, secret, mode=0o640):
    path = Path(path)
    path.write_text(secret + "\n")
    os.chmod(path, mode)
    return path


def mailbox_block(name, host="127.0.0.1", port=None, tls="none",
                  user="support", password_file=None, extra=""):
    lines = ['    name = "%s";' % name, '    host = "%s";' % host,
             '    tls = "%s";' % tls, '    user = "%s";' % user]
    if port is not None:
        lines.append("    port = %d;" % port)
    if password_file is not None:
        lines.append('    password_file = "%s";' % password_file)
    if extra:
        lines.append(extra)
    return "  {\n" + "\n".join(lines) + "\n  }"


TEMPLATES = str(Path(__file__).resolve().parents[2] / "config" / "templates")


def config_text(state_dir, mailboxes, log_level="info", smtp_url=None,
                extra=""):
    """A complete configuration; mailboxes is a list of mailbox_block()s.
    The templates are the source tree's."""
    smtp_url = smtp_url or "smtp://127.0.0.1:2525"
    text = (
        'store = {\n  path = "%s/complaintd.db";\n};\n'
        'log = {\n  level = "%s";\n};\n'
        'desk = {\n'
        '  name = "Test Desk";\n'
        '  addresses = [ "support@example.com" ];\n'
        '  ticket_tag = "TEST";\n'
        '  timezone = "Europe/Berlin";\n'
        '};\n'
        'mailboxes = (\n%s\n);\n'
        'smtp = {\n'
        '  url = "%s";\n'
        '  tls = "none";\n'
        '  from = "Test Desk <support@example.com>";\n'
        '};\n'
        'templates = {\n'
        '  dir = "%s";\n'
        '};\n'
    ) % (state_dir, log_level, ",\n".join(mailboxes), smtp_url, TEMPLATES)
    return text + extra


def write_config(dirpath, mailbox_names=("support",), **kwargs):
    """Writes DIR/complaintd.conf with one password file per mailbox."""
    dirpath = Path(dirpath)
    blocks = []
    for name in mailbox_names:
        secret = write_secret(dirpath / ("%s.password" % name), name + "-secret")
        blocks.append(mailbox_block(name, user=name, password_file=str(secret)))
    path = dirpath / "complaintd.conf"
    path.write_text(config_text(str(dirpath), blocks, **kwargs))
    return path


def lab_config(dirpath, lab, mailboxes=None, log_level="info", extra=""):
    """A configuration whose mailboxes point at a running lab.

    mailboxes: list of dicts with keys name, user, tls ("none", "starttls",
    "implicit"), and optional password, ca (True: the lab's CA), extra
    (more lines for the block).  Default: one "support" mailbox over
    STARTTLS with the lab's CA and IDLE.
    """
    dirpath = Path(dirpath)
    mailboxes = mailboxes or [{"name": "support", "user": "support",
                               "tls": "starttls"}]
    blocks = []
    for mb in mailboxes:
        password = mb.get("password", lab.users.get(mb["user"], "x"))
        secret = write_secret(dirpath / ("%s.password" % mb["name"]), password)
        port = lab.ports["imaps"] if mb["tls"] == "implicit" else lab.ports["imap"]
        lines = []
        if mb.get("ca", mb["tls"] != "none"):
            lines.append('    ca_file = "%s";' % lab.ca_file)
        if mb.get("extra"):
            lines.append(mb["extra"])
        blocks.append(mailbox_block(mb["name"], host=lab.host, port=port,
                                    tls=mb["tls"], user=mb["user"],
                                    password_file=str(secret),
                                    extra="\n".join(lines)))
    path = dirpath / "complaintd.conf"
    path.write_text(config_text(str(dirpath), blocks, log_level=log_level,
                                smtp_url="smtp://%s:%d" % (lab.host, lab.ports["smtp"]),
                                extra=extra))
    return path
