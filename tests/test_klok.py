"""The test clock (D14, issue 9 item 1): KANTOOR_TESTKLOK moves every test's clock, a test that pins
its own moment wins, and what runs beside the test (the live server's threads, the session
store) follows the moved clock. How to pin the clock: see the root conftest.py."""

import urllib.request
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.conf import settings
from django.db.models import Expression, Func
from django.db.models.fields import NOT_PROVIDED
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone

from conftest import TESTKLOK, configured_test_clock

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
GEPIND = datetime(2028, 2, 29, 0, 30, tzinfo=AMSTERDAM)


def test_the_testklok_is_an_iso_moment_read_in_amsterdam_without_an_offset(monkeypatch):
    monkeypatch.setenv(TESTKLOK, "2032-02-29T00:30:00+01:00")
    assert configured_test_clock() == datetime(2032, 2, 29, 0, 30, tzinfo=AMSTERDAM)
    monkeypatch.setenv(TESTKLOK, "2031-10-26T23:30")
    assert configured_test_clock() == datetime(2031, 10, 26, 23, 30, tzinfo=AMSTERDAM)
    monkeypatch.setenv(TESTKLOK, "")
    assert configured_test_clock() is None


def test_a_testklok_that_is_no_moment_stops_the_run_with_its_value(monkeypatch):
    monkeypatch.setenv(TESTKLOK, "morgen")
    with pytest.raises(pytest.UsageError, match="morgen"):
        configured_test_clock()


def test_with_the_testklok_set_a_test_starts_at_that_moment_and_time_passes():
    """Under KANTOOR_TESTKLOK (the second pass of .ci/run) this test runs at that moment."""
    moment = configured_test_clock()
    if moment is None:
        return  # the real clock: nothing is moved
    nu = timezone.now()
    assert moment <= nu < moment + timedelta(minutes=5)
    assert timezone.localdate() == moment.astimezone(AMSTERDAM).date()


@pytest.mark.time_machine(GEPIND, tick=False)
def test_a_test_pinned_by_the_marker_wins_over_the_testklok():
    assert timezone.now() == GEPIND
    assert timezone.localdate().isoformat() == "2028-02-29"


def test_a_test_pinned_by_travel_wins_over_the_testklok():
    with time_machine.travel(GEPIND, tick=False):
        assert timezone.now() == GEPIND


def test_the_vandaag_fixture_pins_the_whole_test(vandaag):
    assert timezone.localdate() == vandaag
    assert timezone.localdate() == vandaag  # tick=False: midnight cannot pass during a test


@pytest.mark.django_db(transaction=True)
def test_the_live_servers_threads_see_the_moved_clock(live_server):
    """Browser tests: the server answers from its own thread, on the test's clock."""
    with (
        time_machine.travel(GEPIND, tick=False),
        urllib.request.urlopen(live_server.url + "/gezond/") as response,
    ):
        datum = parsedate_to_datetime(response.headers["Date"])

    assert datum == GEPIND


@pytest.mark.django_db
def test_a_session_expires_on_the_moved_clock(client, medewerker):
    """Session expiry is Django's, so it follows the moved clock (logged in at 00:30 on a leap
    day, still in a minute later, out once the session's age has passed)."""
    url = reverse("taken:taak_list")
    with time_machine.travel(GEPIND, tick=False):
        client.force_login(medewerker)
    with time_machine.travel(GEPIND + timedelta(minutes=1), tick=False):
        assert client.get(url).status_code == 200
    verlopen = GEPIND + timedelta(seconds=settings.SESSION_COOKIE_AGE, minutes=1)
    with time_machine.travel(verlopen, tick=False):
        response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def _functie(func: Func) -> str:
    return str(func.extra.get("function") or getattr(func, "function", "") or "")


def leest_de_databaseklok(expressie: object) -> bool:
    if isinstance(expressie, Now):
        return True
    if isinstance(expressie, Func) and _functie(expressie).upper() in {
        "NOW",
        "STATEMENT_TIMESTAMP",
        "TRANSACTION_TIMESTAMP",
        "CLOCK_TIMESTAMP",
        "CURRENT_TIMESTAMP",
        "CURRENT_DATE",
        "LOCALTIMESTAMP",
    }:
        return True
    if isinstance(expressie, Expression):
        return any(leest_de_databaseklok(e) for e in expressie.get_source_expressions())
    return False


def test_no_column_takes_its_default_from_the_databases_clock():
    """The test clock moves Django's clock, not PostgreSQL's now(): a timestamp written by the
    database would be years off the moved clock and make a date bug invisible. Take it from
    Django instead: `default=timezone.now`."""
    fout = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if getattr(field, "db_default", NOT_PROVIDED) is not NOT_PROVIDED
        and leest_de_databaseklok(field.db_default)
    ]
    assert fout == []


def test_the_guard_recognises_the_databases_clock():
    from django.db.models import DateTimeField, Value
    from django.db.models.functions import Cast

    assert leest_de_databaseklok(Now())
    assert leest_de_databaseklok(Cast(Now(), DateTimeField()))
    assert leest_de_databaseklok(Func(function="STATEMENT_TIMESTAMP"))
    assert not leest_de_databaseklok(Value(0))
