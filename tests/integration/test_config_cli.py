"""complaintd --check-config: the example passes, and each kind of mistake
is reported as FILE:LINE: message with exit status 78 (EX_CONFIG)."""

import os
import re
import subprocess
from pathlib import Path

import pytest

from configs import write_config, write_secret

EX_CONFIG = 78
EX_USAGE = 64


def check(binary, path):
    return subprocess.run([binary, "--check-config", "-c", str(path)],
                          capture_output=True, text=True, timeout=30)


def line_of(text, needle):
    """1-based line of the first line containing needle."""
    for i, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError("%r not in config" % needle)


def test_example_config_passes(complaintd_bin, source_dir, tmp_path):
    """The shipped example, with its /etc and /var paths pointed at a temp
    dir and the password files it names created, passes as it is."""
    example = (Path(source_dir) / "config" / "complaintd.conf").read_text()
    names = re.findall(r'"/etc/complaintd/([^"/]+\.password)"', example)
    assert len(names) >= 2, "the example should show password_file use"
    for name in names:
        write_secret(tmp_path / name, "example-secret")
    text = example.replace("/etc/complaintd/", str(tmp_path) + "/")
    text = text.replace("/var/lib/complaintd/", str(tmp_path) + "/")
    text = text.replace("/usr/share/complaintd/templates",
                        str(Path(source_dir) / "config" / "templates"))
    conf = tmp_path / "complaintd.conf"
    conf.write_text(text)
    # @include "rules.conf" is read from beside the file.
    (tmp_path / "rules.conf").write_text(
        (Path(source_dir) / "config" / "rules.conf").read_text())
    r = check(complaintd_bin, conf)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "OK\n"
    assert r.stderr == ""


def test_example_documents_every_key(source_dir):
    """Every key the validator knows appears in the example."""
    example = (Path(source_dir) / "config" / "complaintd.conf").read_text()
    schema = "".join(p.read_text() for p in
                     (Path(source_dir) / "common").glob("conf_*.c"))
    keys = set(re.findall(r"KEY\(struct conf_\w+, (\w+),", schema))
    assert len(keys) > 20
    missing = [k for k in sorted(keys)
               if not re.search(r"^\s*#?\s*%s\s*=" % k, example, re.M)]
    assert missing == []


# Each case: (id, edit(text, dir) -> text, needle on the error line, message
# fragment).  The needle finds the line the error must name.
def _replace(old, new):
    def edit(text, d):
        assert old in text
        return text.replace(old, new, 1)
    return edit


def _world_readable(text, d):
    os.chmod(d / "support.password", 0o644)
    return text


def _missing_password_file(text, d):
    os.unlink(d / "support.password")
    return text


def _password_file_is_dir(text, d):
    os.unlink(d / "support.password")
    os.mkdir(d / "support.password")
    return text


def _duplicate_mailbox(text, d):
    return text.replace('    name = "sales";', '    name = "support";', 1)


def _append(more):
    def edit(text, d):
        return text + more
    return edit


PEOPLE = ('agents = ( { name = "ann"; address = "ann@example.com"; } );\n'
          'teams = ( { name = "care"; members = [ "ann" ]; } );\n')


BROKEN = [
    ("unknown-key", _replace('  ticket_tag = "TEST";',
                             '  ticket_tag = "TEST";\n  colour = "red";'),
     "colour", "unknown key"),
    ("unknown-section", lambda t, d: t + "surveys = { enabled = true; };\n",
     "surveys", 'unknown section "surveys"'),
    ("wrong-type", _replace('  name = "Test Desk";', "  name = 42;"),
     "name = 42", "expected a string"),
    ("missing-required-key", _replace('  ticket_tag = "TEST";\n', ""),
     "desk = {", 'missing required key "ticket_tag"'),
    ("missing-required-section",
     lambda t, d: re.sub(r"smtp = \{.*?\};\n", "", t, flags=re.S),
     None, 'missing required section "smtp"'),
    ("bad-duration", _replace('    name = "support";',
                              '    name = "support";\n    poll_interval = "5 minutes";'),
     "poll_interval", "5 minutes"),
    ("duration-out-of-range",
     _replace('    name = "support";',
              '    name = "support";\n    poll_interval = "3d";'),
     "poll_interval", "out of range"),
    ("duplicate-mailbox", _duplicate_mailbox,
     None, 'duplicate mailbox name "support"'),
    ("world-readable-password-file", _world_readable,
     "support.password", "readable by everyone"),
    ("missing-password-file", _missing_password_file,
     "support.password", "cannot read password file"),
    ("password-file-not-regular", _password_file_is_dir,
     "support.password", "not a regular file"),
    ("password-and-password-file",
     _replace('    name = "support";',
              '    name = "support";\n    password = "inline";'),
     None, 'either "password" or "password_file"'),
    ("syntax-error", _replace('  ticket_tag = "TEST";', '  ticket_tag "TEST";'),
     "ticket_tag", "cannot parse: syntax error"),
    ("bad-enum", _replace('  level = "info";', '  level = "loud";'),
     "level =", '"loud" is not one of'),
    ("port-out-of-range", _replace('    name = "support";',
                                   '    name = "support";\n    port = 70000;'),
     "port = 70000", "out of range"),
    ("bad-timezone", _replace('"Europe/Berlin"', '"Mars/Olympus_Mons"'),
     "timezone", "not a known IANA time zone"),
    ("smtps-with-tls-none", _replace('"smtp://127.0.0.1:2525"',
                                     '"smtps://127.0.0.1:4650"'),
     "smtp = {", "contradicts the smtps:// URL"),
    ("bad-address", _replace('[ "support@example.com" ]', '[ "support" ]'),
     "addresses", "not a mail address"),
    ("bad-after-fetch", _replace('    name = "support";',
                                 '    name = "support";\n    after_fetch = "delete";'),
     "after_fetch", "move:FOLDER"),
    ("bad-ticket-tag", _replace('"TEST"', '"TE ST"'), "ticket_tag", "1-32"),
    ("bad-size", _replace('    name = "support";',
                          '    name = "support";\n    max_message_size = "lots";'),
     "max_message_size", "lots"),
    ("empty-addresses", _replace('[ "support@example.com" ]', "[ ]"),
     "addresses", "at least 1"),
    ("rule-unknown-team",
     _append(PEOPLE + 'rules = ( { name = "r1"; text_any = [ "x" ];\n'
             '  team = "carr"; } );\n'),
     'team = "carr"', 'no team is named "carr"'),
    ("team-unknown-agent",
     _append('agents = ( { name = "ann"; address = "ann@example.com"; } );\n'
             'teams = ( { name = "care"; members = [ "ann" ];\n'
             '  lead = "bob"; } );\n'),
     'lead = "bob"', 'no agent is named "bob"'),
    ("route-unknown-category",
     _append(PEOPLE + 'routes = ( { category = [ "biling" ];\n'
             '  team = "care"; } );\n'),
     '"biling"', '"biling" is not a category'),
    ("rule-unknown-category",
     _append(PEOPLE + 'rules = ( { name = "r1";\n  category = "refunds"; } );\n'),
     'category = "refunds"', '"refunds" is not a category'),
    ("rule-unknown-severity",
     _append('rules = ( { name = "r1";\n  severity = "critical"; } );\n'),
     'severity = "critical"', 'not a severity'),
    ("mailbox-unknown-team",
     _replace('    name = "support";', '    name = "support";\n    team = "sales";'),
     'team = "sales"', 'no team is named "sales"'),
    ("default-team-unknown",
     _append('classify = {\n  default_team = "care";\n};\n'),
     'default_team', 'no team is named "care"'),
    ("duplicate-agent",
     _append('agents = ( { name = "ann"; address = "a@example.com"; },\n'
             '  { name = "ann"; address = "b@example.com"; } );\n'),
     'b@example.com', 'also the name of agents[0]'),
    ("bad-regex",
     _append('rules = ( { name = "r1";\n  body_regex = "(unclosed"; } );\n'),
     'body_regex', "missing closing parenthesis"),
    ("unknown-rule-key",
     _append('rules = ( { name = "r1";\n  body_has = [ "x" ]; } );\n'),
     'body_has', "unknown key"),
]


@pytest.mark.parametrize("edit,needle,message",
                         [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN])
def test_broken_config_is_reported(complaintd_bin, tmp_path, edit, needle,
                                   message):
    conf = write_config(tmp_path, mailbox_names=("support", "sales"))
    text = edit(conf.read_text(), tmp_path)
    conf.write_text(text)
    if needle is None:
        # The error names the group it is about; find the one it names.
        expected_line = None
    else:
        expected_line = line_of(text, needle)
    r = check(complaintd_bin, conf)
    assert r.returncode == EX_CONFIG, (r.stdout, r.stderr)
    assert r.stdout == ""
    lines = r.stderr.splitlines()
    assert lines, "no error printed"
    hits = [l for l in lines if message in l]
    assert hits, "expected %r in:\n%s" % (message, r.stderr)
    m = re.match(r"^(.+?):(\d+): \S", hits[0])
    assert m, "not FILE:LINE: message: %r" % hits[0]
    assert m.group(1) == str(conf)
    if expected_line is not None:
        assert int(m.group(2)) == expected_line, hits[0]
    else:
        assert int(m.group(2)) >= 1


def test_group_errors_name_the_group_line(complaintd_bin, tmp_path):
    """Errors about a whole mailbox point at the line its group opens on."""
    conf = write_config(tmp_path, mailbox_names=("support", "sales"))
    text = _duplicate_mailbox(conf.read_text(), tmp_path)
    conf.write_text(text)
    r = check(complaintd_bin, conf)
    hit = [l for l in r.stderr.splitlines() if "duplicate" in l][0]
    second_group = [i for i, l in enumerate(text.splitlines(), 1)
                    if l.strip() == "{"][1]
    assert hit.startswith("%s:%d: " % (conf, second_group)), hit


def test_all_errors_reported_at_once(complaintd_bin, tmp_path):
    conf = write_config(tmp_path)
    text = conf.read_text().replace('"info"', '"loud"')
    text = text.replace('  ticket_tag = "TEST";',
                        '  ticket_tag = "TEST";\n  colour = "red";')
    conf.write_text(text)
    r = check(complaintd_bin, conf)
    assert r.returncode == EX_CONFIG
    assert len(r.stderr.splitlines()) == 2, r.stderr


def test_missing_file(complaintd_bin, tmp_path):
    r = check(complaintd_bin, tmp_path / "nope.conf")
    assert r.returncode == EX_CONFIG
    assert r.stderr.startswith("%s:0: cannot read" % (tmp_path / "nope.conf"))


def test_secrets_never_echoed(complaintd_bin, tmp_path):
    """A bad inline password is reported without its value."""
    conf = write_config(tmp_path)
    text = conf.read_text().replace(
        '  from = "Test Desk <support@example.com>";',
        '  from = "Test Desk <support@example.com>";\n'
        '  password = "hunter2-very-secret";')
    conf.write_text(text)
    r = check(complaintd_bin, conf)
    assert r.returncode == EX_CONFIG
    assert "no \"user\"" in r.stderr
    assert "hunter2" not in r.stderr


@pytest.mark.parametrize("args,status", [
    (["--help"], 0), (["--version"], 0), (["--bogus"], EX_USAGE),
    (["extra-argument"], EX_USAGE)])
def test_daemon_command_line(complaintd_bin, args, status):
    r = subprocess.run([complaintd_bin] + args, capture_output=True,
                       text=True, timeout=10)
    assert r.returncode == status
    if args == ["--help"]:
        assert "--check-config" in r.stdout and "usage:" in r.stdout
    if args == ["--version"]:
        assert re.match(r"^complaintd \d+\.\d+\.\d+\n$", r.stdout)


@pytest.mark.parametrize("args,status", [
    (["--help"], 0), (["--version"], 0), (["--bogus"], EX_USAGE),
    ([], EX_USAGE), (["no-such-command"], EX_USAGE)])
def test_ctl_command_line(complaintctl_bin, args, status):
    r = subprocess.run([complaintctl_bin] + args, capture_output=True,
                       text=True, timeout=10)
    assert r.returncode == status, r.stderr
    if args == ["--version"]:
        assert re.match(r"^complaintctl \d+\.\d+\.\d+\n$", r.stdout)


def test_ctl_info(complaintctl_bin, tmp_path):
    import json
    conf = write_config(tmp_path, mailbox_names=("support", "sales"))
    r = subprocess.run([complaintctl_bin, "-c", str(conf), "--json", "info"],
                       capture_output=True, text=True, timeout=10)
    assert r.returncode == 0, r.stderr
    info = json.loads(r.stdout)
    assert info["desk"] == "Test Desk"
    assert info["schema_version"] >= 1
    assert [m["name"] for m in info["mailboxes"]] == ["support", "sales"]
    r = subprocess.run([complaintctl_bin, "-c", str(conf), "info"],
                       capture_output=True, text=True, timeout=10)
    assert r.returncode == 0
    rows = [l for l in r.stdout.splitlines() if l.startswith(("MAILBOX", "support", "sales"))]
    assert len(rows) == 3
    # Columns line up: every row has its HOST column at the same offset.
    assert len({row.index("127.0.0.1") if "127" in row else row.index("HOST")
                for row in rows}) == 1
    r = subprocess.run([complaintctl_bin, "-c", str(tmp_path / "x.conf"), "info"],
                       capture_output=True, text=True, timeout=10)
    assert r.returncode == EX_CONFIG


def test_template_errors_are_config_errors(complaintd_bin, source_dir,
                                           tmp_path):
    """A missing template or an unknown placeholder fails --check-config
    with the templates section's FILE:LINE, as the daemon's start would."""
    import shutil
    tpl = tmp_path / "tpl"
    shutil.copytree(Path(source_dir) / "config" / "templates", tpl)
    conf = write_config(tmp_path)
    conf.write_text(conf.read_text().replace(
        str(Path(source_dir) / "config" / "templates"), str(tpl)))
    assert check(complaintd_bin, conf).returncode == 0
    line = line_of(conf.read_text(), "templates = {")
    (tpl / "zh" / "notify_new.txt").unlink()
    ack = tpl / "en" / "ack.txt"
    ack.write_text(ack.read_text() + "\n{{ticket_number}}\n")
    r = check(complaintd_bin, conf)
    assert r.returncode == EX_CONFIG
    errors = r.stderr.splitlines()
    assert any(e.startswith("%s:%d: templates: " % (conf, line)) and
               "zh/notify_new.txt" in e and "cannot read" in e for e in errors), errors
    assert any("en/ack.txt" in e and "unknown placeholder {{ticket_number}}" in e
               for e in errors), errors
