"""CSV export of the current view, and the secret iCalendar feed (RFC 5545)."""

import csv
import io

import icalendar
import pytest
from django.urls import reverse

from taken.models import Agendatoken
from tests.taken.factories import TaakFactory

pytestmark = pytest.mark.django_db


def test_export_is_the_current_view(
    medewerker_client, kantoor, taak, medewerker, in_team, boekhouder
):
    in_team(taak.relatie, medewerker, boekhouder)
    TaakFactory(kantoor=kantoor, naam="=HYPERLINK(niet van mij)")

    response = medewerker_client.get(reverse("taken:taak_export"))

    tekst = response.getvalue().decode("utf-8-sig")
    rijen = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    assert rijen[0][:3] == ["vervaldatum", "klantcode", "klant"]
    assert [r[4] for r in rijen[1:]] == ["Btw-aangifte"]

    alle = medewerker_client.get(reverse("taken:taak_export"), {"weergave": "alle"})
    assert "'=HYPERLINK" in alle.getvalue().decode("utf-8-sig")


def test_export_needs_login(client):
    assert client.get(reverse("taken:taak_export")).status_code == 302


def test_the_feed_is_valid_icalendar_with_my_open_tasks(
    client, medewerker_client, kantoor, taak, medewerker, in_team, boekhouder
):
    in_team(taak.relatie, medewerker, boekhouder)
    TaakFactory(kantoor=kantoor, naam="Niet de mijne")
    token = Agendatoken.voor(medewerker)

    response = client.get(reverse("taken:agenda_feed", args=[token.token]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    kalender = icalendar.Calendar.from_ical(response.content)
    events = list(kalender.walk("VEVENT"))
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]).startswith("Btw-aangifte 2027-Q1 - 1001 Bakkerij Jansen B.V.")
    assert events[0].decoded("DTSTART") == taak.vervaldatum
    for regel in response.content.split(b"\r\n"):
        assert len(regel) <= 75


def test_renewing_the_link_kills_the_old_one(client, medewerker_client, medewerker):
    oud = Agendatoken.voor(medewerker).token

    response = medewerker_client.post(reverse("taken:agenda_vernieuwen"))

    assert response.status_code == 302
    assert client.get(reverse("taken:agenda_feed", args=[oud])).status_code == 404
    nieuw = Agendatoken.voor(medewerker).token
    assert nieuw != oud
    assert client.get(reverse("taken:agenda_feed", args=[nieuw])).status_code == 200


def test_an_unknown_token_is_a_404(client):
    assert client.get(reverse("taken:agenda_feed", args=["geraden"])).status_code == 404


def test_the_calendar_page_shows_my_link(medewerker_client, medewerker):
    response = medewerker_client.get(reverse("taken:agenda_instellingen"))
    assert Agendatoken.voor(medewerker).token in response.content.decode()


def test_renewing_is_post_only(medewerker_client):
    assert medewerker_client.get(reverse("taken:agenda_vernieuwen")).status_code == 405


@pytest.mark.parametrize(
    "naam",
    [
        "T\rBEGIN:VALARM\rTRIGGER:-PT5M\rEND:VALARM",
        "Regel\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:vals",
        "Btw; aangifte, Q1 \\ deel",
        "Lang " + "é" * 80,
        "Bel\x07en\x1bescape",
    ],
)
def test_no_stored_name_can_break_the_feed(
    client, kantoor, klant, taak, medewerker, in_team, boekhouder, naam
):
    """Issue 9 item 4, row 12: a name stored before the rule (or by any path) stays one event's
    text: parsed back, the feed has exactly the tasks, with their names as one line."""
    in_team(taak.relatie, medewerker, boekhouder)
    # Written past the form's validator on purpose: older rows may hold such names.
    vals = TaakFactory(kantoor=kantoor, relatie=klant, rol=boekhouder, naam=naam)
    token = Agendatoken.voor(medewerker)

    response = client.get(reverse("taken:agenda_feed", args=[token.token]))

    assert response.status_code == 200
    kalender = icalendar.Calendar.from_ical(response.content)
    events = list(kalender.walk("VEVENT"))
    assert len(events) == 2
    assert not list(kalender.walk("VALARM"))
    samenvattingen = {str(e["UID"]): str(e["SUMMARY"]) for e in events}
    eigen = samenvattingen[f"taak-{vals.pk}@testserver"]
    verwacht = "".join(" " if ord(c) < 32 else c for c in naam)
    assert eigen.startswith(f"{verwacht} 2027-Q1 - 1001 ")
    assert not any(c in eigen for c in "\r\n\x00")
    for regel in response.content.split(b"\r\n"):
        assert len(regel) <= 75
        assert b"\r" not in regel and b"\n" not in regel
