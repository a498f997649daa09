"""The load benchmarks run, at a tiny size, in every test run, so they cannot rot (issue 14, 2).

Each script runs in its own process as the README writes it, with `--aantal` small, on the test
database (PostgreSQL: its triggers are what broke the clean-up) or a scratch SQLite file, and must
exit 0 and leave no office of its own behind.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from kantoor.models import Kantoor

ROOT = Path(__file__).resolve().parents[1]

# Every script in bench/ and its arguments for a run of a few seconds; helpers are not scripts.
SCRIPTS = {
    "bench_relaties.py": ["--aantal", "12"],
    "bench_taken.py": ["--aantal", "12"],
    "medewerkers_import.py": ["--aantal", "12"],
    "bench_vijandige_bestanden.py": ["--zonder-grenzen"],
}
HELPERS = {"opruimen.py", "locustfile.py"}
# Too heavy for every test run, with the test that keeps each from rotting instead.
NOT_RUN_HERE = {
    # Seeds 500,000 tasks and installs locust in a venv of its own; tests/test_belasting.py
    # holds its page list to the real URLs.
    "belasting.py": "tests/test_belasting.py",
}


def test_every_bench_script_is_run_here():
    """Issue 14, 2: a new benchmark is added to SCRIPTS, or it may rot unseen."""
    scripts = {p.name for p in (ROOT / "bench").glob("*.py")} - HELPERS - set(NOT_RUN_HERE)
    assert scripts == set(SCRIPTS)
    for test in NOT_RUN_HERE.values():
        assert (ROOT / test).exists()


def database_url(tmp_path: Path) -> str:
    if connection.vendor != "postgresql":
        return f"sqlite:///{tmp_path / 'bench.sqlite3'}"
    s = connection.settings_dict
    wachtwoord = f":{quote(s['PASSWORD'], safe='')}" if s["PASSWORD"] else ""
    return f"postgres://{s['USER']}{wachtwoord}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"


def bench_offices(url: str) -> list[str]:
    if url.startswith("sqlite:///"):
        pad = url.removeprefix("sqlite:///")
        if not Path(pad).exists():
            return []
        with sqlite3.connect(pad) as db:
            return [rij[0] for rij in db.execute("SELECT code FROM kantoor_kantoor")]
    return list(Kantoor.objects.values_list("code", flat=True))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_bench_script_runs_at_a_tiny_size_and_cleans_up(script, tmp_path):
    """Issue 14, 2: bench_relaties crashed and both left their office; now they run and clean up."""
    url = database_url(tmp_path)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    env.update(DEBUG="true", DATABASE_URL=url, ENV_FILE=os.devnull)

    result = subprocess.run(
        [sys.executable, f"bench/{script}", *SCRIPTS[script]],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert bench_offices(url) == []
