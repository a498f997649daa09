"""In a real Chromium: a task on a role reaches both Boekhouders of a client (D4); A picks it
up (D5), colleague B in the same role takes it over and completes it (R9); A's list of open
tasks no longer shows it."""

import pytest
from playwright.sync_api import Page, expect

from teams.models import Teamlid
from tests.factories import WACHTWOORD, InterneRolFactory
from tests.relaties.factories import RelatieFactory
from tests.taken.factories import TaakFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def inloggen(page: Page, url: str, medewerker) -> None:
    page.goto(f"{url}/taken/")
    page.get_by_label("E-mailadres").fill(medewerker.email)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Mijn taken")).to_be_visible()


def uitloggen(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen").click()


def test_picked_up_taken_over_and_completed(
    page: Page, live_server, kantoor, medewerker, collega, beheerder, screenshot_dir
):
    """D4, D5, R9: A picks up, B (same role, same team) takes over and completes."""
    boekhouder = InterneRolFactory(kantoor=kantoor, naam="Boekhouder", code="BH")
    klant = RelatieFactory(kantoor=kantoor, code="1001", naam="Klant X", aangemaakt_door=beheerder)
    for persoon in (medewerker, collega):
        Teamlid.objects.create(kantoor=kantoor, relatie=klant, medewerker=persoon, rol=boekhouder)
    TaakFactory(kantoor=kantoor, relatie=klant, rol=boekhouder, naam="Btw-aangifte")

    inloggen(page, live_server.url, medewerker)
    rij = page.get_by_role("row").filter(has_text="Btw-aangifte")
    expect(rij).to_contain_text("Klant X")
    page.screenshot(path=screenshot_dir / "taken-a-ziet.png", full_page=True)
    rij.get_by_role("button", name="Oppakken").click()
    expect(page.get_by_role("row").filter(has_text="Btw-aangifte")).to_contain_text(medewerker.naam)
    uitloggen(page)

    inloggen(page, live_server.url, collega)
    rij = page.get_by_role("row").filter(has_text="Btw-aangifte")
    expect(rij).to_contain_text(medewerker.naam)
    rij.get_by_role("button", name="Overnemen").click()
    rij = page.get_by_role("row").filter(has_text="Btw-aangifte")
    expect(rij).to_contain_text(collega.naam)
    page.screenshot(path=screenshot_dir / "taken-b-neemt-over.png", full_page=True)
    rij.get_by_role("button", name="Gereed melden").click()
    expect(page.get_by_text("Geen taken gevonden met deze filters.")).to_be_visible()
    uitloggen(page)

    inloggen(page, live_server.url, medewerker)
    expect(page.get_by_role("row").filter(has_text="Btw-aangifte")).to_have_count(0)
    page.screenshot(path=screenshot_dir / "taken-a-leeg.png", full_page=True)
