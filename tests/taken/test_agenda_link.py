"""The calendar link page (issue 10 item 6): the address as selectable text, a copy button of
our own script, and a webcal: link."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kantoor.templatetags.links import webcal
from taken.models import Agendatoken

pytestmark = pytest.mark.django_db


def test_the_page_offers_copy_and_a_webcal_link(medewerker_client, medewerker):
    tekst = medewerker_client.get(reverse("taken:agenda_instellingen")).content.decode()
    token = Agendatoken.voor(medewerker).token

    assert f'href="webcal://testserver/taken/agenda/{token}.ics"' in tekst
    # Without JavaScript: a read-only field with the address; the button waits for the script.
    assert f'value="http://testserver/taken/agenda/{token}.ics" readonly' in tekst
    assert "js-kopieer" in tekst and "js/kopieer.js" in tekst
    assert "<script>" not in tekst  # CSP: no inline script


@pytest.mark.parametrize(
    ("url", "verwacht"),
    [
        (
            "https://kantoor.example/taken/agenda/x.ics",
            "webcal://kantoor.example/taken/agenda/x.ics",
        ),
        ("http://localhost:8000/a.ics", "webcal://localhost:8000/a.ics"),
    ],
)
def test_webcal_replaces_the_scheme(url, verwacht):
    assert webcal(url) == verwacht
