"""`cmake --install` puts the binaries, the example configuration, the
systemd files and the documentation in their FHS places."""

import os
import stat
import subprocess
from pathlib import Path

import pytest


def _cache_value(build_dir, key):
    for line in (Path(build_dir) / "CMakeCache.txt").read_text().splitlines():
        if line.startswith(key + ":"):
            return line.split("=", 1)[1]
    raise AssertionError("%s not in CMakeCache.txt" % key)


def test_install_layout(tmp_path):
    build_dir = os.environ.get("COMPLAINTD_BUILD_DIR")
    if not build_dir:
        pytest.fail("COMPLAINTD_BUILD_DIR is not set (run through ctest)")
    prefix = _cache_value(build_dir, "CMAKE_INSTALL_PREFIX")
    dest = tmp_path / "root"
    env = dict(os.environ, DESTDIR=str(dest))
    r = subprocess.run(["cmake", "--install", build_dir], env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    sysconf = "/etc" if prefix == "/usr" else prefix + "/etc"
    want = {
        prefix + "/bin/complaintd": 0o755,
        prefix + "/bin/complaintctl": 0o755,
        sysconf + "/complaintd/complaintd.conf": 0o640,
        sysconf + "/complaintd/rules.conf": 0o640,
        prefix + "/lib/systemd/system/complaintd.service": 0o644,
        prefix + "/lib/sysusers.d/complaintd.conf": 0o644,
        prefix + "/lib/tmpfiles.d/complaintd.conf": 0o644,
        prefix + "/share/doc/complaintd/README.md": 0o644,
    }
    for path, mode in want.items():
        st = os.stat(str(dest) + path)
        assert stat.S_IMODE(st.st_mode) == mode, path
    templates = Path(str(dest) + prefix + "/share/complaintd/templates")
    if (Path(os.environ["COMPLAINTD_SOURCE_DIR"]) / "config" / "templates").is_dir():
        assert any(templates.rglob("*")), "templates not installed"
    r = subprocess.run([str(dest) + prefix + "/bin/complaintd", "--version"],
                       capture_output=True, text=True, timeout=10)
    assert r.returncode == 0 and r.stdout.startswith("complaintd ")
