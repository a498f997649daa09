"""What the product accepts as input, in one place: the sane date range (D14), single-line names
without control characters (issue 9 row 12) and ids typed by hand into a URL (issue 9 row 1).

Every app uses these (dependencies point to kantoor), so that a rule is stated once: model field
validators, form fields, database constraints and hand-parsed GET/POST values all read it here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import QueryDict
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# --- Dates (D14) -----------------------------------------------------------------------------

# Every date the product accepts lies in this range: input, shifts, periods, due dates, the feed.
# Far enough either way for an office's work, and far from the edges of Python's date type and of
# PostgreSQL's, so that a day after or before it can always be computed.
DATUM_MIN = date(2000, 1, 1)
DATUM_MAX = date(2099, 12, 31)


def in_bereik(datum: date) -> bool:
    return DATUM_MIN <= datum <= DATUM_MAX


def buiten_bereik_melding() -> str:
    return _("Enter a date in the years %(min)d to %(max)d.") % {
        "min": DATUM_MIN.year,
        "max": DATUM_MAX.year,
    }


def validate_datum(datum: date) -> None:
    """D14: a date outside 2000-2099 is refused (model fields and form fields alike)."""
    if datum is not None and not in_bereik(datum):
        raise ValidationError(buiten_bereik_melding(), code="datum_bereik")


def verschoven(datum: date, dagen: int) -> date:
    """`datum` moved by `dagen` days; a ValidationError when that leaves the range (D14), never an
    OverflowError at the edges of the date type."""
    melding = _(
        "Moving by %(dagen)d days would take the date outside the years %(min)d to %(max)d."
    )
    fout = ValidationError(
        melding % {"dagen": dagen, "min": DATUM_MIN.year, "max": DATUM_MAX.year},
        code="datum_bereik",
    )
    try:
        nieuw = datum + timedelta(days=dagen)
    except OverflowError:
        raise fout from None
    if not in_bereik(nieuw):
        raise fout
    return nieuw


def datum_bereik_q(veld: str) -> Q:
    """The range as a condition for a CheckConstraint on `veld` (nullable fields pass)."""
    return Q(**{f"{veld}__isnull": True}) | Q(**{f"{veld}__range": (DATUM_MIN, DATUM_MAX)})


class DatumVeld(forms.DateField):
    """A date input limited to the range, in the browser (min/max) and on the server."""

    default_validators = [validate_datum]

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            forms.DateInput(
                {"type": "date", "min": DATUM_MIN.isoformat(), "max": DATUM_MAX.isoformat()},
                format="%Y-%m-%d",
            ),
        )
        super().__init__(**kwargs)


def begrens_datumwidget(veld: forms.Field) -> None:
    """Gives a ModelForm's date widget the range as min/max (the model field's validator does
    the checking)."""
    veld.widget.attrs.update({"min": DATUM_MIN.isoformat(), "max": DATUM_MAX.isoformat()})


# --- Names (issue 9 row 12) ------------------------------------------------------------------

# C0, DEL and C1 (category Cc) and the Unicode line and paragraph separators: a name is one line,
# and a calendar, a CSV export or a log line must not be split or steered by it.
_GEEN_ENKELE_REGEL = {"Cc", "Zl", "Zp"}


@deconstructible
class EnkeleRegelValidator:
    """A name is a single line of text without control characters."""

    message = _("Enter a single line without control characters (such as line breaks or tabs).")
    code = "enkele_regel"

    def __call__(self, value: Any) -> None:
        if any(unicodedata.category(teken) in _GEEN_ENKELE_REGEL for teken in str(value)):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EnkeleRegelValidator)

    def __hash__(self) -> int:
        return hash(self.code)


validate_enkele_regel = EnkeleRegelValidator()


def zonder_stuurtekens(tekst: str) -> str:
    """Control characters as spaces: for output that must stay one line whatever is stored."""
    return "".join(
        " " if unicodedata.category(teken) in _GEEN_ENKELE_REGEL else teken for teken in tekst
    )


# --- Ids typed by hand (issue 9 row 1) -------------------------------------------------------

# A database id: ASCII digits only (str.isdigit() also accepts '²' and other digits), and small
# enough for a bigint column.
_ID = re.compile(r"[0-9]{1,18}")
ID_MAX = 2**63 - 1


def parse_id(waarde: object) -> int | None:
    """The id in a GET or POST value, or None when it is not one."""
    if not isinstance(waarde, str) or not _ID.fullmatch(waarde):
        return None
    getal = int(waarde)
    return getal if 0 < getal <= ID_MAX else None


def parse_ids(waarden: Iterable[object]) -> tuple[list[int], bool]:
    """The ids among `waarden`, without doubles and in order, and whether any was not an id."""
    ids: dict[int, None] = {}
    ongeldig = False
    for waarde in waarden:
        getal = parse_id(waarde)
        if getal is None:
            ongeldig = True
        else:
            ids[getal] = None
    return list(ids), ongeldig


def lees_terug(querystring: str) -> QueryDict:
    """The list's query string that a form posts back (`terug`): decoded here, after the NUL
    guard saw only `%00`, so pairs holding a NUL are dropped (PostgreSQL refuses NUL in text)."""
    terug = QueryDict(mutable=True)
    for sleutel, waarden in QueryDict(querystring).lists():
        schoon = [w for w in waarden if "\x00" not in w]
        if "\x00" not in sleutel and schoon:
            terug.setlist(sleutel, schoon)
    terug._mutable = False
    return terug
