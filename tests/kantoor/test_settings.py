"""Settings come from the environment (django-environ); see .env.example."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def settings_in_subprocess(expression: str, **env: str) -> subprocess.CompletedProcess:
    """Loads config.settings in a fresh interpreter with exactly the given environment."""
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY"}}
    # Not the checkout's `.env` (dev.py run writes one): only what the test gives.
    base["ENV_FILE"] = os.devnull
    return subprocess.run(
        [sys.executable, "-c", f"import config.settings as s; print(repr(({expression})))"],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
    )


def test_database_url_is_read_from_the_environment():
    result = settings_in_subprocess(
        "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME']",
        DEBUG="true",
        DATABASE_URL="postgres://kantoor@db.example:5432/kantoor_prod",
    )

    assert result.stdout.strip() == "('django.db.backends.postgresql', 'kantoor_prod')"


def test_default_database_is_sqlite_in_the_project_with_immediate_transactions():
    result = settings_in_subprocess(
        "s.DATABASES['default']['NAME'], s.DATABASES['default']['OPTIONS']['transaction_mode']",
        DEBUG="true",
    )

    assert result.stdout.strip() == f"('{ROOT / 'db.sqlite3'}', 'IMMEDIATE')"


def test_without_debug_a_secret_key_is_required():
    result = settings_in_subprocess("s.SECRET_KEY", DEBUG="false")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_with_debug_off_the_given_secret_key_is_used():
    result = settings_in_subprocess("s.SECRET_KEY, s.DEBUG", DEBUG="false", SECRET_KEY="s3cr3t")

    assert result.stdout.strip() == "('s3cr3t', False)"


def test_a_development_env_file_is_read_but_real_environment_variables_win(tmp_path):
    """Issue 14, 1: the `.env` dev.py writes serves development; production's variables win."""
    env_file = tmp_path / ".env"
    env_file.write_text("DEBUG=true\nSECRET_KEY=from-the-file\n")

    from_file = settings_in_subprocess("s.SECRET_KEY, s.DEBUG", ENV_FILE=str(env_file))
    real = settings_in_subprocess(
        "s.SECRET_KEY, s.DEBUG", ENV_FILE=str(env_file), DEBUG="false", SECRET_KEY="real"
    )

    assert from_file.stdout.strip() == "('from-the-file', True)"
    assert real.stdout.strip() == "('real', False)"
