"""Test setup shared by every app: personas, database and browser switches, CI strictness."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from django.db import connection

from tests.factories import KantoorFactory, MedewerkerFactory

ARTIFACTS = Path(__file__).parent / "test-artifacts"


# --- Personas -------------------------------------------------------------------------------


@pytest.fixture
def kantoor(db):
    return KantoorFactory(naam="Administratiekantoor Testpraktijk", code="testpraktijk")


@pytest.fixture
def medewerker(kantoor):
    """An ordinary employee of `kantoor`."""
    return MedewerkerFactory(kantoor=kantoor, naam="Sanne Jansen", code="SJANSEN")


@pytest.fixture
def collega(kantoor):
    """Another employee of the same office."""
    return MedewerkerFactory(kantoor=kantoor, naam="Pieter Bakker", code="PBAKKER")


@pytest.fixture
def beheerder(kantoor):
    """An office admin of `kantoor`: may enter Beheer."""
    return MedewerkerFactory(
        kantoor=kantoor, naam="Jan de Vries", code="JDEVRIES", is_beheerder=True
    )


@pytest.fixture
def ander_kantoor(db):
    return KantoorFactory(naam="Boekhoudbureau Elders", code="elders")


@pytest.fixture
def vreemde(ander_kantoor):
    """An employee of another office: must never see or touch `kantoor`'s rows (D9)."""
    return MedewerkerFactory(kantoor=ander_kantoor, naam="Eva Vreemd", code="EVREEMD")


@pytest.fixture
def medewerker_client(client, medewerker):
    client.force_login(medewerker)
    return client


# --- Database switches ----------------------------------------------------------------------


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests (locks, triggers, races) are skipped, with the reason, on SQLite."""
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if engine.endswith("postgresql"):
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL: set DATABASE_URL=postgres://... to run it (CI does)"
    )
    for item in items:
        if "postgres_only" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def on_postgres() -> bool:
    return connection.vendor == "postgresql"


# --- The browser ----------------------------------------------------------------------------


def find_chromium() -> str | None:
    """A Chromium named by CHROMIUM_PATH, or the first one on PATH."""
    named = os.environ.get("CHROMIUM_PATH")
    if named:
        return named if Path(named).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Playwright drives the machine's own Chromium; it never downloads a browser."""
    executable = find_chromium()
    if executable is None:
        pytest.skip(
            "no Chromium found: install Debian's 'chromium' or set CHROMIUM_PATH "
            "to run the browser tests"
        )
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def screenshot_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


# --- CI is strict ---------------------------------------------------------------------------


def pytest_sessionfinish(session, exitstatus):
    """With CI=true a skipped test fails the run: CI must run everything, browser included."""
    if os.environ.get("CI", "").lower() not in {"1", "true", "yes"}:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and session.exitstatus == 0:
        if reporter:
            reporter.write_line(
                f"CI=true: {len(skipped)} test(s) were skipped; CI runs everything.", red=True
            )
        session.exitstatus = 1


# --- No N+1 by accident (issue 11 row 5) ----------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def _zeal_gepatcht():
    """django-zeal watches lazy relation loads; patched once for the session (it is not an
    installed app: production does not carry it)."""
    from zeal.constants import initialize_app_registry
    from zeal.patch import patch

    initialize_app_registry()
    patch()


@pytest.fixture(autouse=True)
def _zeal_bij_elk_verzoek(settings):
    """Every request a test makes runs under django-zeal (ZEAL_RAISE: an error): a page that
    reads a lazily loaded relation in a loop (an N+1) fails the test that opened it."""
    settings.ZEAL_RAISE = True
    # Three reads from one line, not two: a view may fetch one object twice on purpose
    # (relatie_update keeps the saved copy for its header); a loop over a list is 3+ rows.
    settings.ZEAL_NPLUSONE_THRESHOLD = 3
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "zeal.middleware.zeal_middleware"]
