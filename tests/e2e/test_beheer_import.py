"""In a real Chromium: an office admin imports employees: upload, preview, confirm (R7)."""

import pytest
from playwright.sync_api import Page, expect

from kantoor.models import Medewerker
from tests.factories import WACHTWOORD, MedewerkerFactory
from tests.kantoor.bestanden import csv_bestand, twinfield_user, twinfield_xml

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, live_server, beheerder) -> None:
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("E-mailadres").fill(beheerder.email)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Mijn taken")).to_be_visible()


def test_admin_uploads_sees_the_preview_and_confirms(
    page: Page, live_server, kantoor, beheerder, screenshot_dir
):
    MedewerkerFactory(
        kantoor=kantoor, code="PBAKKER", naam="Piet Bakker", email="pbakker@kantoor.example"
    )
    data = twinfield_xml(
        twinfield_user("NNIEUW", "Nina Nieuw", email="nina@kantoor.example"),
        twinfield_user("PBAKKER", "Pieter Bakker"),
        twinfield_user("KLANT", "Klant BV", type="user"),
    )
    log_in(page, live_server, beheerder)

    page.get_by_role("link", name="Beheer").click()
    expect(page.get_by_text("Kantoorinstellingen").first).to_be_visible()
    page.get_by_role("link", name="Medewerkers").first.click()
    page.get_by_role("link", name="Medewerkers importeren").click()
    page.get_by_label("Bestand").set_input_files(
        {"name": "gebruikers.xml", "mimeType": "application/xml", "buffer": data}
    )
    page.get_by_role("button", name="Wijzigingen tonen").click()

    verslag = page.locator("#verslag")
    expect(verslag).to_contain_text("Aangemaakt: 1")
    expect(verslag).to_contain_text("Bijgewerkt: 1")
    expect(verslag).to_contain_text("Overgeslagen: 1")
    expect(page.get_by_role("cell", name="Nina Nieuw")).to_be_visible()
    page.screenshot(path=screenshot_dir / "beheer-import-voorbeeld.png", full_page=True)
    assert not Medewerker.objects.filter(code="NNIEUW").exists()

    page.get_by_role("button", name="Import bevestigen").click()

    expect(page.get_by_text("Import voltooid. Aangemaakt: 1")).to_be_visible()
    expect(page.get_by_role("link", name="NNIEUW")).to_be_visible()
    page.screenshot(path=screenshot_dir / "beheer-import-klaar.png", full_page=True)
    assert Medewerker.objects.get(code="NNIEUW").kantoor == kantoor
    assert Medewerker.objects.get(code="PBAKKER").naam == "Pieter Bakker"


def test_admin_sees_every_problem_of_a_bad_file_and_nothing_is_written(
    page: Page, live_server, kantoor, beheerder, screenshot_dir
):
    data = csv_bestand(["", "Jan", "", "", "", ""], ["B2", "Bert", "", "bert@", "", ""])
    log_in(page, live_server, beheerder)

    page.goto(f"{live_server.url}/beheer/kantoor/medewerker/importeren/")
    page.get_by_label("Bestand").set_input_files(
        {"name": "lijst.csv", "mimeType": "text/csv", "buffer": data}
    )
    page.get_by_role("button", name="Wijzigingen tonen").click()

    problemen = page.locator("#problemen")
    expect(problemen).to_contain_text(
        "Het bestand is geweigerd: 2 problemen. Er is niets weggeschreven."
    )
    expect(problemen).to_contain_text("Regel 2: de code ontbreekt.")
    expect(problemen).to_contain_text("Regel 3: het e-mailadres “bert@” is ongeldig.")
    expect(page.get_by_role("button", name="Import bevestigen")).to_have_count(0)
    page.screenshot(path=screenshot_dir / "beheer-import-geweigerd.png", full_page=True)
    assert not Medewerker.objects.filter(code="B2").exists()
