"""CSV export of the current selection: UTF-8 with BOM, `;`, never a BSN."""

import csv
import io

import pytest
from django.urls import reverse

from relaties.models import Soort, Type
from tests.relaties.factories import RelatieFactory

pytestmark = pytest.mark.django_db

URL = reverse("relaties:relatie_export")


def rows(response) -> list[list[str]]:
    content = response.getvalue()
    assert content.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


@pytest.fixture
def gemengd(kantoor, medewerker):
    return [
        RelatieFactory(
            kantoor=kantoor,
            code="1001",
            naam="Café Één",
            aangemaakt_door=medewerker,
            kvk_nummer="12345678",
        ),
        RelatieFactory(
            kantoor=kantoor,
            code="1002",
            naam="Piet Particulier",
            type=Type.PARTICULIER,
            bsn="111222333",
            aangemaakt_door=medewerker,
        ),
        RelatieFactory(
            kantoor=kantoor,
            code="1003",
            naam="Bank",
            soort=Soort.CONTACT,
            aangemaakt_door=medewerker,
        ),
    ]


def test_export_is_excel_ready_csv_with_the_klantbeheerder(medewerker_client, gemengd, medewerker):
    response = medewerker_client.get(URL)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    kop, *data = rows(response)
    assert kop[:3] == ["code", "naam", "soort"]
    assert kop[-1] == "klantbeheerder"
    eerste = dict(zip(kop, data[0], strict=True))
    assert eerste["naam"] == "Café Één"
    assert eerste["kvk_nummer"] == "12345678"
    assert eerste["klantbeheerder"] == medewerker.code
    assert [r[0] for r in data] == ["1001", "1002", "1003"]


def test_export_never_contains_a_bsn(medewerker_client, gemengd):
    """The BSN is sensitive: shown on the relation's own page only."""
    response = medewerker_client.get(URL)

    data = rows(response)  # a stream: read once
    assert "111222333" not in repr(data)
    assert "bsn" not in data[0]


def test_export_follows_the_filters(medewerker_client, gemengd, vreemde_relatie):
    """The current selection only, and never another office's (D9)."""
    data = rows(medewerker_client.get(URL, {"soort": "contact"}))[1:]

    assert [r[0] for r in data] == ["1003"]


def test_cells_that_excel_would_run_as_formulas_stay_text(medewerker_client, kantoor, medewerker):
    RelatieFactory(kantoor=kantoor, naam="=HYPERLINK(1)", aangemaakt_door=medewerker)

    data = rows(medewerker_client.get(URL))[1:]

    assert data[0][1] == "'=HYPERLINK(1)"
