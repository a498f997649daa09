"""In a real Chromium: an employee creates a client and finds himself on its team (R4, D3)."""

import pytest
from playwright.sync_api import Page, expect

from tests.factories import WACHTWOORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_employee_creates_a_client_and_is_its_klantbeheerder(
    page: Page, live_server, medewerker, screenshot_dir
):
    """R4/D3: after saving, the Teamleden tab shows the creator as klantbeheerder."""
    page.goto(f"{live_server.url}/relaties/")
    page.get_by_label("E-mailadres").fill(medewerker.email)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Relaties")).to_be_visible()

    page.get_by_role("link", name="Nieuwe relatie").click()
    # The next free code of the office's mask is proposed.
    expect(page.get_by_label("Code", exact=True)).to_have_value("0001")
    page.get_by_label("Naam", exact=True).fill("Bakkerij Van der Meer B.V.")
    page.get_by_label("Klant", exact=True).check()
    page.get_by_label("Bedrijf", exact=True).check()
    page.get_by_label("Postcode").fill("3511ab")
    page.get_by_label("KvK-nummer").fill("1234 5678")
    page.get_by_label("Btw-identificatienummer").fill("NL004495445B01")
    page.get_by_label("IBAN").fill("NL91 ABNA 0417 1643 00")
    page.screenshot(path=screenshot_dir / "relatie-nieuw.png", full_page=True)
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("heading", name="Bakkerij Van der Meer B.V.")).to_be_visible()
    expect(page.get_by_text("12345678", exact=True)).to_be_visible()
    page.screenshot(path=screenshot_dir / "relatie-algemeen.png", full_page=True)
    page.get_by_role("link", name="Teamleden").click()
    rij = page.get_by_role("row", name=medewerker.naam)
    expect(rij).to_be_visible()
    expect(rij.locator(".badge--klantbeheerder")).to_have_text("Klantbeheerder")
    page.screenshot(path=screenshot_dir / "relatie-teamleden.png", full_page=True)

    page.get_by_role("link", name="Relaties").first.click()
    expect(page.get_by_role("row", name="Bakkerij Van der Meer B.V.")).to_contain_text(
        medewerker.naam
    )
    page.screenshot(path=screenshot_dir / "relatie-lijst.png", full_page=True)
