"""One date format through one filter (issue 10 item 6)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from kantoor.templatetags.datums import datum


@pytest.mark.parametrize(
    ("dag", "kort", "lang"),
    [
        (datetime.date(2026, 12, 1), "1 dec. 2026", "1 december 2026"),
        (datetime.date(2025, 5, 31), "31 mei 2025", "31 mei 2025"),
        (datetime.date(2027, 3, 4), "4 mrt. 2027", "4 maart 2027"),
    ],
)
def test_dates_are_short_in_tables_and_long_in_text(dag, kort, lang):
    """Issue 10 item 6: `1 dec. 2026` in tables, `1 december 2026` in text, never "31 Mei"."""
    with translation.override("nl"):
        assert datum(dag) == kort
        assert datum(dag, "lang") == lang


def test_english_reads_its_own_abbreviation():
    with translation.override("en"):
        assert datum(datetime.date(2026, 12, 1)) == "1 Dec 2026"


def test_a_moment_is_shown_in_the_offices_time_zone():
    """23:30 UTC on 31 December is 1 January in Amsterdam."""
    moment = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=ZoneInfo("UTC"))
    with translation.override("nl"):
        sjabloon = Template('{% load datums %}{{ m|datum:"kort tijd" }}')
        tekst = sjabloon.render(Context({"m": moment}))
    assert tekst == "1 jan. 2027 00:30"


def test_nothing_is_shown_for_no_date():
    assert datum(None) == ""
