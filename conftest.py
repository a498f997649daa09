"""Test setup shared by every app: personas, database and browser switches, CI strictness."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
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


# --- The clock ----------------------------------------------------------------------------
#
# No test may depend on the day it runs (D14). A test whose outcome depends on "today" pins it,
# in Europe/Amsterdam, and without ticking so that midnight cannot pass during the test:
#
#     with time_machine.travel(datetime(2027, 12, 31, 23, 30, tzinfo=AMSTERDAM), tick=False):
#         ...
#
# or `@time_machine.travel(...)` on the test, `@pytest.mark.time_machine(...)`, or the
# `time_machine` fixture (`time_machine.move_to(...)`). Fixtures that need "today" take it from
# the `vandaag` fixture below, which pins it for the whole test. A client logged in by a fixture
# (`medewerker_client`) logged in on the clock of that moment: a test that travels further than a
# session lasts logs in again inside its travel (see `op` in tests/taken/test_taken_datums.py).
#
# KANTOOR_TESTKLOK=<ISO moment> (e.g. 2032-02-29T00:30:00+01:00; without an offset it is read in
# Europe/Amsterdam) starts every test at that moment, with the clock ticking on from there; a
# test that pins its own moment still wins. `.ci/run` runs the date-sensitive packages a second
# time with it, so that a test (or code) that only works on the day it was written fails in CI,
# not on some later day. The moved clock is the Python process's: Django's timezone.now(), the
# live server's threads and the session expiry all follow it. Chromium keeps the real clock, but
# Django's cookies carry Max-Age, which browsers prefer over Expires. PostgreSQL's own now() is not
# moved: the app takes every timestamp from Django (default=timezone.now), which
# tests/test_klok.py checks.

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TESTKLOK = "KANTOOR_TESTKLOK"


def configured_test_clock() -> datetime | None:
    """The moment KANTOOR_TESTKLOK names, or None when the suite runs on the real clock."""
    waarde = os.environ.get(TESTKLOK, "").strip()
    if not waarde:
        return None
    try:
        moment = datetime.fromisoformat(waarde)
    except ValueError:
        raise pytest.UsageError(
            f"{TESTKLOK}={waarde!r} is not an ISO moment (e.g. 2032-02-29T00:30:00+01:00)"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=AMSTERDAM)


def pytest_report_header(config) -> str | None:
    moment = configured_test_clock()
    if moment is None:
        return None
    return f"{TESTKLOK}: every test starts at {moment.isoformat()} (clock ticking)"


@pytest.fixture(autouse=True)
def _testklok(request) -> Iterator[None]:
    """Moves the clock to KANTOOR_TESTKLOK for this test, unless the test pins it itself."""
    moment = configured_test_clock()
    if (
        moment is None
        or request.node.get_closest_marker("time_machine")
        or "vandaag" in request.fixturenames
    ):
        # These pin the clock before this fixture runs; travelling here would override them.
        yield
        return
    with time_machine.travel(moment, tick=True):
        yield


@pytest.fixture
def vandaag():
    """Pins "today" for a whole test, fixtures included (it is set up first, see
    `pytest_collection_modifyitems`): Tuesday 14 March 2028, 10:00 in Amsterdam. Tests that
    build dates around today use it instead of the real clock (D14)."""
    moment = datetime(2028, 3, 14, 10, 0, tzinfo=AMSTERDAM)
    with time_machine.travel(moment, tick=False):
        yield moment.date()


# --- Database switches ----------------------------------------------------------------------


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests (locks, triggers, races) are skipped, with the reason, on SQLite."""
    from django.conf import settings

    for item in items:
        # `vandaag` pins the clock before any other fixture logs someone in or writes a row.
        if "vandaag" in getattr(item, "fixturenames", ()):
            item.fixturenames.remove("vandaag")
            item.fixturenames.insert(0, "vandaag")

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
