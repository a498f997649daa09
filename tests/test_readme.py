"""The README's commands work as written on a fresh clone after `python3 dev.py run` (issue 14, 1).

Every command line in a shell block of README.md is either run here, as written, on a scratch
SQLite database with the environment a fresh clone has after `dev.py run` (its `.env`, nothing
else), or listed below as not run by design, with the reason. A new line in the README that is in
neither list fails the test, so the README cannot drift from the code.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"

sys.path.insert(0, str(ROOT))
import dev  # noqa: E402  (dev.py lives beside manage.py, not in a package)

# Lines never run by a test, and why: the exact text of the README (`\` lines joined).
NOT_RUN_BY_DESIGN = {
    "python3 dev.py run": "serves until Ctrl+C; the test replays its steps (dev.DEVELOPMENT_STEPS)",
    "python3 dev.py test": "is the suite this test belongs to",
    "createdb kantoor": "needs a PostgreSQL server; CI's .ci/run does the same",
    "DATABASE_URL=postgres://postgres@127.0.0.1:5432/kantoor python3 dev.py test": "the suite",
    "KANTOOR_TESTKLOK=2032-02-29T00:30:00+01:00 python3 dev.py test tests/taken tests/teams "
    "tests/kantoor tests/e2e tests/test_klok.py": "the suite again, with the clock moved",
    "export DEBUG=false SECRET_KEY=... DATABASE_URL=postgres://... "
    "ALLOWED_HOSTS=kantoor.example.nl CSRF_TRUSTED_ORIGINS=https://kantoor.example.nl "
    "EMAIL_URL=smtp+tls://...": "production values with placeholders",
    ".venv/bin/python manage.py collectstatic --no-input": "writes staticfiles/ into the checkout; "
    "`check --deploy` in dev.py test covers the production storage",
    ".venv/bin/python manage.py createsuperuser": "interactive",
    "python3 -m venv /tmp/piptools && /tmp/piptools/bin/pip install pip-tools": "downloads",
    "/tmp/piptools/bin/pip-compile --generate-hashes --extra test --no-emit-find-links "
    "--no-emit-index-url --output-file requirements.lock pyproject.toml": "rewrites the lock",
    ".venv/bin/gunicorn config.wsgi --bind 0.0.0.0:8000 --workers 4": "serves until stopped",
}

# manage.py commands that are safe on a scratch database; anything else must be listed above.
SAFE_MANAGE_COMMANDS = {
    "check",
    "migrate",
    "demo",
    "importeer_medewerkers",
    "importeer_relaties",
    "genereer_processen",
    "kantoor_aanmaken",
}


def readme_command_lines() -> list[str]:
    """The command lines of the README's ```sh blocks: comments dropped, `\\` lines joined."""
    lines: list[str] = []
    for block in re.findall(r"^```sh\n(.*?)^```", README.read_text(), re.S | re.M):
        joined = re.sub(r"\\\n\s*", "", block)
        for line in joined.splitlines():
            command = line.split(" #", 1)[0].strip()
            if command and not command.startswith("#"):
                lines.append(" ".join(command.split()))
    return lines


def lines_to_run() -> list[str]:
    return [line for line in readme_command_lines() if line not in NOT_RUN_BY_DESIGN]


def test_every_readme_command_is_run_or_listed_as_not_run_by_design():
    """Issue 14, 1: a README command nobody runs is one that can drift."""
    lines = readme_command_lines()
    for line in lines_to_run():
        words = shlex.split(line)
        assert words[:2] == [".venv/bin/python", "manage.py"], line
        assert words[2] in SAFE_MANAGE_COMMANDS, line
    stale = set(NOT_RUN_BY_DESIGN) - set(lines)
    assert not stale, f"no longer in the README: {stale}"


def fresh_clone_env(scratch: Path) -> dict[str, str]:
    """The environment of a shell on a fresh clone after `dev.py run`: only its `.env` is set."""
    env_file = scratch / ".env"
    assert dev.write_development_env(env_file)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "PYTEST_"))
        and k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "LOG_FORMAT"}
    }
    # The scratch database instead of the checkout's db.sqlite3; the file dev.py wrote as `.env`.
    env.update(ENV_FILE=str(env_file), DATABASE_URL=f"sqlite:///{scratch / 'db.sqlite3'}")
    return env


def test_readme_commands_run_as_written_after_dev_py_run(tmp_path):
    """Issue 14, 1: every safe README line exits 0, as written, on a fresh clone's environment."""
    env = fresh_clone_env(tmp_path)
    python = ROOT / ".venv" / "bin" / "python"
    printed = ""
    for step in dev.DEVELOPMENT_STEPS:
        result = subprocess.run(
            [str(python), "manage.py", *step], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, f"dev.py run step {step}:\n{result.stderr}"
        printed += result.stdout
    # What the demo suggests to run next is held to the same standard as the README.
    suggested = re.findall(r"^\s*(?:or: )?(\.venv/bin/python manage\.py .+)$", printed, re.M)
    assert suggested, printed
    assert "python manage.py" not in printed.replace(".venv/bin/python manage.py", "")
    for line in [*lines_to_run(), *suggested]:
        result = subprocess.run(
            shlex.split(line), cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, f"{line}\n{result.stdout}\n{result.stderr}"


def pip_compile_options(command: str) -> set[str]:
    words = shlex.split(command)
    words = words[next(i for i, w in enumerate(words) if w.endswith("pip-compile")) + 1 :]
    options, i = set(), 0
    while i < len(words):
        word = words[i]
        takes_value = word in {"--extra", "--output-file"}
        options.add(f"{word}={words[i + 1]}" if takes_value else word)
        i += 2 if takes_value else 1
    return options


def test_the_lock_was_made_by_the_command_the_readme_gives():
    """Issue 14, 4: whoever upgrades a dependency runs what made the lock file."""
    [readme] = [line for line in readme_command_lines() if "pip-compile" in line]
    lines = (ROOT / "requirements.lock").read_text().splitlines()
    [made_by] = [line.strip("# ") for line in lines if line.startswith("#    pip-compile ")]

    assert pip_compile_options(readme) == pip_compile_options(made_by)
