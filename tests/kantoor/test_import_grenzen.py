"""The employee import is bounded (issue 9 item 3, rows 9-11): a file over the size limit is
refused before it is read, reading is linear in the file, and every bound has a clear message.

The hostile files are built here, large enough that the quadratic reading of before took tens of
seconds (or forever) on them, small enough to be quick now. Speed itself is measured in bench/.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from kantoor import importers
from kantoor.importers import _zonder_declaraties, lees_bestand
from kantoor.models import Medewerker
from tests.kantoor.bestanden import csv_bestand, twinfield_user, twinfield_xml

pytestmark = pytest.mark.django_db

URL = reverse("admin:kantoor_medewerker_importeren")
TE_GROOT = "Het bestand is groter dan 1000\xa0bytes; splits het in kleinere bestanden."


def te_groot_bestand(maximum: int) -> bytes:
    """A valid CSV padded with empty lines to one byte over `maximum`."""
    return csv_bestand(["A1", "Jan"], kop=["code", "naam"]).ljust(maximum + 1, b"\n")


def problemen(data: bytes) -> list[str]:
    return [str(p) for p in lees_bestand(data).problemen]


@pytest.fixture
def klein_maximum(settings):
    settings.IMPORT_MAX_BYTES = 1000
    return 1000


# --- Row 9: the XML declarations -------------------------------------------------------------


def test_an_unclosed_declaration_repeated_is_refused_as_not_well_formed():
    """Issue 9 row 9: `<` and `<?xml ` 30,000 times took the regex quadratic time (worker killed
    after 30 s); now one pass finds no `?>` and the parser says where the XML breaks."""
    data = b"<" + b"<?xml " * 30_000

    assert problemen(data) == [
        "Regel 1: de XML is niet goed gevormd in kolom 2 (not well-formed (invalid token))."
    ]


def test_declarations_are_dropped_keeping_line_breaks_and_other_instructions():
    """Issue 9 row 9: what the one-pass stripping keeps and drops."""
    tekst = '<?xml version="1.0"\n?>\n<a/><?xml-stylesheet href="x"?><?xml?><b/><?xml open'

    assert _zonder_declaraties(tekst) == '\n\n<a/><?xml-stylesheet href="x"?><b/><?xml open'


def test_several_responses_with_declarations_are_still_read():
    """R7: the declarations of several responses in one file are still dropped."""
    data = twinfield_xml(twinfield_user("A1"), twinfield_user("B2"))

    assert [r.code for r in lees_bestand(data).records] == ["A1", "B2"]


# --- Row 10: deep nesting and many elements --------------------------------------------------


def test_deeply_nested_xml_is_refused_at_the_depth_bound():
    """Issue 9 row 10: 200,000 nested elements (the path was joined at every end tag: killed
    after 30 s) are refused when the nesting passes the bound."""
    data = b"<user>" + b"<a>" * 200_000 + b"</a>" * 200_000 + b"</user>"

    assert problemen(data) == ["Regel 1: de XML is genest dieper dan 100 elementen."]


def test_nesting_within_the_bound_inside_a_user_is_read_past():
    """Issue 9 row 10: elements deeper than the fields we read cost nothing and break nothing."""
    diep = "<x>" * 90 + "tekst" + "</x>" * 90
    user = twinfield_user("A1").replace("<office>", f"<extra>{diep}</extra><office>")

    inlezing = lees_bestand(twinfield_xml(user))

    assert inlezing.problemen == []
    assert [r.code for r in inlezing.records] == ["A1"]


def test_too_many_elements_are_refused(monkeypatch):
    """Issue 9 row 10: the number of elements is bounded."""
    monkeypatch.setattr(importers, "MAX_ELEMENTEN", 1_000)  # the real bound in bench/
    data = b"<users>" + b"<x/>" * 1_000 + b"</users>"

    assert problemen(data) == ["Regel 1: de XML heeft meer dan 1000 elementen."]


def test_a_billion_laughs_is_refused_without_expanding_anything():
    """Issue 9 item 3: entity declarations are never read, let alone expanded."""
    lol = "".join(
        f'<!ENTITY l{i} "{"&l" + str(i - 1) + ";" if i else "lol"}{("&l" + str(i - 1) + ";") * 9}">'
        for i in range(10)
    )
    data = f"<!DOCTYPE lolz [{lol}]><user><code>&l9;</code></user>".encode()

    assert problemen(data) == ["Het bestand bevat een DTD (<!DOCTYPE>); die wordt niet gelezen."]


# --- Row 11: size, lines, records, problems --------------------------------------------------


def test_a_file_over_the_limit_is_refused_before_it_is_read(klein_maximum):
    """Issue 9 row 11: a file one byte over IMPORT_MAX_BYTES is refused as a whole."""
    data = te_groot_bestand(klein_maximum)

    assert problemen(data) == [TE_GROOT]
    assert problemen(data[:klein_maximum]) == []


def test_the_upload_of_a_file_over_the_limit_is_refused_at_the_field(
    beheerder_client, klein_maximum
):
    """Issue 9 row 11: the message stands at the upload field; nothing is written."""
    data = te_groot_bestand(klein_maximum)

    response = beheerder_client.post(URL, {"bestand": SimpleUploadedFile("m.csv", data)})

    assert response.status_code == 400
    assert response.context["form"].errors == {"bestand": [TE_GROOT]}
    assert not Medewerker.objects.filter(code="A1").exists()


def test_a_huge_upload_is_stopped_when_its_file_begins(beheerder_client, klein_maximum):
    """Issue 9 row 11: a request far over the limit is cut off unread, with the same message."""
    data = b"code;naam\n" + b"A1;Jan\n" * 60_000  # 420 KB: over the limit and its margin

    response = beheerder_client.post(URL, {"bestand": SimpleUploadedFile("m.csv", data)})

    assert response.status_code == 400
    assert response.context["form"].errors == {"bestand": [TE_GROOT]}
    assert not Medewerker.objects.filter(code="A1").exists()


def test_the_command_refuses_a_file_over_the_limit(kantoor, klein_maximum, tmp_path):
    """Issue 9 row 11: the command says so in one line and writes nothing."""
    pad = tmp_path / "m.csv"
    pad.write_bytes(te_groot_bestand(klein_maximum))

    with pytest.raises(CommandError, match="groter dan 1000\xa0bytes"):
        call_command("importeer_medewerkers", str(pad), "--kantoor", kantoor.code)
    assert not Medewerker.objects.filter(code="A1").exists()


def test_a_line_longer_than_the_bound_is_refused():
    """Issue 9 row 11: a huge single line is refused where it starts, not kept in memory."""
    data = csv_bestand(["A1", "Jan"], kop=["code", "naam"]) + b"B2;" + b"x" * 20_000 + b"\r\n"

    assert problemen(data) == ["Regel 3: deze regel is langer dan 10000 tekens."]


def test_a_quoted_field_over_many_lines_is_refused():
    """Issue 9 row 11: a record cannot run on over the whole file."""
    data = csv_bestand(["A1", "Jan"], kop=["code", "naam"]) + b'B2;"' + b"x\n" * 50

    assert problemen(data) == [
        "Regel 3: een veld tussen aanhalingstekens loopt door over meer dan 10 regels."
    ]


def test_more_employees_than_the_bound_are_refused(monkeypatch):
    """Issue 9 row 11: what is kept is bounded by the number of employees."""
    monkeypatch.setattr(importers, "MAX_MEDEWERKERS", 100)
    data = csv_bestand(*([f"C{i}", "Naam"] for i in range(101)))

    assert problemen(data) == [
        "Regel 102: het bestand bevat meer dan 100 medewerkers; splits het in kleinere bestanden."
    ]


def test_problems_are_listed_up_to_the_bound_and_then_reading_stops(monkeypatch):
    """Issue 9 row 11: a file of bad lines fills no memory with messages."""
    monkeypatch.setattr(importers, "MAX_PROBLEMEN", 10)
    data = csv_bestand(*([f"C{i}", ""] for i in range(50)), kop=["code", "naam"])

    gevonden = problemen(data)

    assert len(gevonden) == 11
    assert gevonden[0] == "Regel 2: de naam ontbreekt."
    assert gevonden[-1] == "Meer dan 10 problemen; de rest van het bestand is niet gecontroleerd."
