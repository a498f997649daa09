"""Management commands answer bad arguments with one clear, translated line (issue 14, 2).

Run through `run_from_argv`, the path `manage.py` takes, so that an error raised while the
arguments are read (where a CommandError becomes a traceback) is caught too.
"""

from __future__ import annotations

import pytest
from django.core.management import load_command_class

from kantoor.models import Kantoor

pytestmark = pytest.mark.django_db

CASES = [
    (
        "taken",
        "genereer_processen",
        ["--tot", "31-12-2027"],
        "Geen datum: 31-12-2027. Schrijf hem als JJJJ-MM-DD, bijv. 2027-12-31.",
    ),
    ("taken", "genereer_processen", ["--tot", "2027-12-31", "--kantoor", "nope"], "Geen kantoor"),
    ("kantoor", "importeer_medewerkers", ["x.csv", "--kantoor", "nope"], "Er is geen kantoor"),
    ("kantoor", "importeer_medewerkers", ["/nope/x.csv", "--kantoor", "k1"], "niet te lezen"),
    ("relaties", "importeer_relaties", ["x.csv", "--kantoor", "nope"], "Geen kantoor"),
    ("relaties", "importeer_relaties", ["/nope/x.csv", "--kantoor", "k1"], "niet te lezen"),
    ("kantoor", "demo", [], "alleen geladen met DEBUG=true"),
    (
        "kantoor",
        "kantoor_aanmaken",
        [
            *("--code", "k1", "--naam", "Nog een"),
            *("--beheerder-code", "A", "--beheerder-naam", "A", "--beheerder-email", "a@a.example"),
        ],
        "Het kantoor is niet aangemaakt: --code: Er bestaat al een Kantoor met eenzelfde Code.",
    ),
]


@pytest.mark.parametrize(("app", "name", "args", "message"), CASES, ids=lambda c: str(c))
def test_bad_arguments_get_one_translated_line_and_no_traceback(
    app, name, args, message, capsys, settings
):
    """Issue 14, 2: `genereer_processen --tot 31-12-2027` printed a traceback."""
    settings.DEBUG = False
    Kantoor.objects.create(code="k1", naam="Kantoor 1")
    command = load_command_class(app, name)

    with pytest.raises(SystemExit) as exit_:
        command.run_from_argv(["manage.py", name, *args])

    err = capsys.readouterr().err
    assert exit_.value.code == 1
    assert "Traceback" not in err
    assert err.strip().splitlines() == [err.strip()], err
    assert err.startswith("CommandError: ")
    assert message in err
