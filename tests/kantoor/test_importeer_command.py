"""`manage.py importeer_medewerkers FILE --kantoor CODE [--dry-run]` (R7)."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from kantoor.management.commands.importeer_medewerkers import Command
from kantoor.models import Medewerker
from tests.kantoor.bestanden import csv_bestand, twinfield_user, twinfield_xml

pytestmark = pytest.mark.django_db(transaction=True)


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("importeer_medewerkers", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_imports_reports_and_mails(kantoor, tmp_path):
    bestand = tmp_path / "gebruikers.xml"
    bestand.write_bytes(
        twinfield_xml(
            twinfield_user("A1", email="a1@kantoor.example"), twinfield_user("K1", type="user")
        )
    )

    out, _ = run(str(bestand), "--kantoor", kantoor.code)

    assert "Twinfield XML voor Administratiekantoor Testpraktijk:" in out
    assert "Aangemaakt: 1" in out
    assert "Overgeslagen: 1" in out
    assert "type “user” is geen eigen medewerker (accountant): 1" in out
    assert "Import voltooid." in out
    assert "Wachtwoordmails verstuurd: 1" in out
    assert Medewerker.objects.filter(code="A1").exists()
    assert [m.to for m in mail.outbox] == [["a1@kantoor.example"]]
    assert "/wachtwoord/nieuw/" in mail.outbox[0].body


def test_the_second_run_says_nothing_changed(kantoor, tmp_path):
    bestand = tmp_path / "lijst.csv"
    bestand.write_bytes(csv_bestand(["A1", "Anna", "A", "", "nl", "ja"]))
    run(str(bestand), "--kantoor", kantoor.code)

    out, _ = run(str(bestand), "--kantoor", kantoor.code)

    assert "Ongewijzigd: 1" in out
    assert "Niets te wijzigen: het kantoor komt al overeen met het bestand." in out


def test_dry_run_writes_nothing(kantoor, tmp_path):
    bestand = tmp_path / "lijst.csv"
    bestand.write_bytes(csv_bestand(["A1", "Anna", "A", "", "nl", "ja"]))

    out, _ = run(str(bestand), "--kantoor", kantoor.code, "--dry-run")

    assert "Aangemaakt: 1" in out
    assert "Proefdraai: er is niets weggeschreven." in out
    assert not Medewerker.objects.filter(code="A1").exists()


def test_a_rejected_file_exits_non_zero_and_lists_the_problems(kantoor, tmp_path):
    bestand = tmp_path / "fout.csv"
    bestand.write_bytes(
        csv_bestand(["", "Jan", "", "", "", ""], ["A" * 17, "Bert", "", "", "", ""])
    )

    with pytest.raises(CommandError, match="Het bestand is geweigerd: 2 probleem/problemen"):
        run(str(bestand), "--kantoor", kantoor.code)


def test_the_problems_go_to_stderr(kantoor, tmp_path, capsys):
    bestand = tmp_path / "fout.csv"
    bestand.write_bytes(csv_bestand(["", "Jan", "", "", "", ""]))
    err = StringIO()

    with pytest.raises(CommandError):
        call_command(
            "importeer_medewerkers",
            str(bestand),
            "--kantoor",
            kantoor.code,
            stderr=err,
            stdout=StringIO(),
        )

    assert err.getvalue() == "Regel 2: de code ontbreekt.\n"


def test_an_unknown_office_or_file_is_an_error(kantoor, tmp_path):
    with pytest.raises(CommandError, match=r"Er is geen kantoor met code onbekend\."):
        run(str(tmp_path / "x.csv"), "--kantoor", "onbekend")
    with pytest.raises(CommandError, match="Het bestand is niet te lezen"):
        run(str(tmp_path / "bestaat-niet.csv"), "--kantoor", kantoor.code)


def test_the_command_exits_with_status_1_on_a_rejected_file(kantoor, tmp_path, capsys):
    """As run from a shell (run_from_argv): a rejected file gives a non-zero exit status."""
    bestand = tmp_path / "leeg.csv"
    bestand.write_bytes(b"")

    with pytest.raises(SystemExit) as excinfo:
        Command().run_from_argv(
            ["manage.py", "importeer_medewerkers", str(bestand), "--kantoor", kantoor.code]
        )

    assert excinfo.value.code == 1
    assert "Het bestand is leeg." in capsys.readouterr().err


class Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_the_command_shows_progress_on_a_terminal(kantoor, tmp_path):
    bestand = tmp_path / "lijst.csv"
    bestand.write_bytes(
        csv_bestand(["A1", "Anna", "A", "", "nl", "ja"], ["B2", "Bert", "B", "", "nl", "ja"])
    )
    out = Terminal()

    call_command("importeer_medewerkers", str(bestand), "--kantoor", kantoor.code, stdout=out)

    assert "\rgelezen: 2/2" in out.getvalue()
    assert "\rweggeschreven: 2/2" in out.getvalue()


def test_the_command_shows_no_progress_in_a_pipe(kantoor, tmp_path):
    bestand = tmp_path / "lijst.csv"
    bestand.write_bytes(csv_bestand(["A1", "Anna", "A", "", "nl", "ja"]))

    out, _ = run(str(bestand), "--kantoor", kantoor.code)

    assert "\r" not in out
