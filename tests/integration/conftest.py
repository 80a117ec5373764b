"""Fixtures shared by the integration tests: the binaries under test, the
source tree, and the mail lab."""

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

SOURCE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(SOURCE_DIR / "tests" / "lab"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import lab as lablib  # noqa: E402


def _binary(env, name):
    path = os.environ.get(env) or str(SOURCE_DIR / "build" / "daemon" / name)
    if not os.access(path, os.X_OK):
        pytest.fail("%s not found at %s: build first or set %s" % (name, path, env))
    return path


@pytest.fixture
def complaintd_bin():
    return _binary("COMPLAINTD_BIN", "complaintd")


@pytest.fixture
def complaintctl_bin():
    return _binary("COMPLAINTCTL_BIN", "complaintctl")


@pytest.fixture
def source_dir():
    return os.environ.get("COMPLAINTD_SOURCE_DIR") or str(SOURCE_DIR)


def _lab():
    root = tempfile.mkdtemp(prefix="cdlab-", dir="/tmp")
    lab = lablib.Lab.start(os.path.join(root, "lab"))
    try:
        yield lab
    finally:
        pids = lab.running_pids() if hasattr(lab, "running_pids") else []
        lab.stop()
        shutil.rmtree(root, ignore_errors=True)
        alive = [p for p in pids if os.path.exists("/proc/%d" % p)
                 and "Z" not in open("/proc/%d/stat" % p).read().split()[2]]
        assert not alive, "lab processes left running: %s" % alive


@pytest.fixture
def lab():
    yield from _lab()


@pytest.fixture(scope="module")
def lab_module():
    yield from _lab()
