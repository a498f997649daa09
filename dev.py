#!/usr/bin/env python3
"""The project's two commands, needing nothing but Python 3.11+.

    python3 dev.py run    set up, migrate, load the demo office and serve on 127.0.0.1:8000
    python3 dev.py test   set up and run the whole suite: linters, migrations, deploy check, tests

Both create or update the virtual environment in `.venv` first, from requirements.lock. `run`
also writes a development `.env` when there is none. `test` runs on SQLite unless DATABASE_URL
points elsewhere (CI points it at PostgreSQL).
"""

from __future__ import annotations

import hashlib
import os
import secrets
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
STAMP = VENV / ".installed"
# Every dependency, pinned with its hashes (see the README, "Dependencies"), regenerated with:
#   pip-compile --generate-hashes --extra test --no-emit-find-links --no-emit-index-url \
#       --output-file requirements.lock pyproject.toml
LOCK = ROOT / "requirements.lock"
ENV_FILE = ROOT / ".env"
# What `run` does to the database before serving; the README test replays it on a scratch database.
DEVELOPMENT_STEPS: list[tuple[str, ...]] = [("migrate", "--no-input"), ("demo",)]


def say(message: str) -> None:
    print(f"\n==> {message}", flush=True)


def run(*args: str | Path, env: dict[str, str] | None = None) -> None:
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env=env)
    if result.returncode != 0:
        sys.exit(result.returncode)


def ensure_venv() -> None:
    """Create `.venv` and install exactly the locked dependencies (every file checked against its
    hash), then kantoor itself, whenever pyproject.toml or the lock file changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 (this script must explain, not crash)
        sys.exit("kantoor needs Python 3.11 or newer.")
    stamp = hashlib.sha256()
    for path in (ROOT / "pyproject.toml", LOCK):
        stamp.update(path.read_bytes())
    wanted = stamp.hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    if not PYTHON.exists():
        say("Creating the virtual environment in .venv")
        venv.create(VENV, with_pip=True)
    say(f"Installing the dependencies from {LOCK.name}")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--require-hashes", "-r", LOCK)
    say("Installing kantoor")
    run(PYTHON, "-m", "pip", "install", "--quiet", "--no-deps", "-e", ".")
    STAMP.write_text(wanted)


def write_development_env(path: Path = ENV_FILE) -> bool:
    """Writes a development `.env` (DEBUG on, a generated SECRET_KEY) unless one exists.

    With it `.venv/bin/python manage.py …` works as the README writes it, without `DEBUG=true` in
    front. It is git-ignored and never overwritten; real environment variables win over it, so
    production (which sets them) and `dev.py test` are not affected.
    """
    if path.exists():
        return False
    path.write_text(
        "# Written by `python3 dev.py run` for development; git-ignored. Never use it in\n"
        "# production: set real environment variables there (see .env.example).\n"
        "DEBUG=true\n"
        f"SECRET_KEY={secrets.token_urlsafe(50)}\n"
    )
    return True


def development_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DEBUG", "true")
    return env


def production_env() -> dict[str, str]:
    """Values as a production deployment would set them, for `check --deploy`."""
    env = dict(os.environ)
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="kantoor.example.nl",
        CSRF_TRUSTED_ORIGINS="https://kantoor.example.nl",
    )
    return env


def command_run() -> None:
    ensure_venv()
    if write_development_env():
        say("Wrote .env for development (DEBUG=true and a generated SECRET_KEY)")
    env = development_env()
    for step in DEVELOPMENT_STEPS:
        say(f"manage.py {' '.join(step)}")
        run(PYTHON, "manage.py", *step, env=env)
    say("Serving on http://127.0.0.1:8000/ (log in with one of the logins above; Ctrl+C stops)")
    run(PYTHON, "manage.py", "runserver", "127.0.0.1:8000", env=env)


def command_test(pytest_args: list[str]) -> None:
    ensure_venv()
    env = development_env()
    say("ruff check")
    run(BIN / "ruff", "check", ".")
    say("ruff format --check")
    run(BIN / "ruff", "format", "--check", ".")
    say("makemigrations --check")
    run(PYTHON, "manage.py", "makemigrations", "--check", "--dry-run", env=env)
    say("check --deploy with production settings")
    run(PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING", env=production_env())
    database = env.get("DATABASE_URL", "SQLite (set DATABASE_URL for PostgreSQL)")
    say(f"pytest on {database}")
    # The browser tests drive Playwright's sync API inside Django's live_server.
    env.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    run(PYTHON, "-m", "pytest", *pytest_args, env=env)


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in {"run", "test"}:
        sys.exit(__doc__)
    if sys.argv[1] == "run":
        command_run()
    else:
        command_test(sys.argv[2:])


if __name__ == "__main__":
    main()
