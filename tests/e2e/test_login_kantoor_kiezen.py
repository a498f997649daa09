"""In a real Chromium: an address known at two offices chooses the office after the password
(issue 9 item 6), and a locked address sees why on the login page (issue 9 row 13)."""

import pytest
from playwright.sync_api import Page, expect

from tests.factories import WACHTWOORD, KantoorFactory, MedewerkerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADRES = "sanne@gedeeld.example"


def inloggen(page: Page, url: str, wachtwoord: str) -> None:
    page.goto(f"{url}/inloggen/")
    page.get_by_label("E-mailadres").fill(ADRES)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_role("button", name="Inloggen").click()


def test_an_address_at_two_offices_chooses_the_office(page: Page, live_server, screenshot_dir):
    MedewerkerFactory(kantoor=KantoorFactory(naam="Kantoor Noord"), code="SJ", email=ADRES)
    MedewerkerFactory(kantoor=KantoorFactory(naam="Kantoor Zuid"), code="SJ", email=ADRES)

    inloggen(page, live_server.url, WACHTWOORD)

    expect(page.get_by_role("heading", name="Kies uw kantoor")).to_be_visible()
    page.set_viewport_size({"width": 390, "height": 800})
    page.screenshot(path=screenshot_dir / "login-kantoor-kiezen-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.screenshot(path=screenshot_dir / "login-kantoor-kiezen.png", full_page=True)
    page.get_by_label("Kantoor Zuid").check()
    page.get_by_role("button", name="Inloggen").click()

    expect(page).to_have_url(f"{live_server.url}/taken/")
    expect(page.get_by_role("banner").get_by_text("Kantoor Zuid")).to_be_visible()


def test_a_locked_address_is_told_why_on_the_login_page(page: Page, live_server, screenshot_dir):
    MedewerkerFactory(email=ADRES)
    for _poging in range(5):
        inloggen(page, live_server.url, "fout-wachtwoord")

    inloggen(page, live_server.url, WACHTWOORD)

    expect(page.get_by_role("alert")).to_contain_text("Probeer het over 30 minuten opnieuw")
    expect(page).to_have_url(f"{live_server.url}/inloggen/")
    page.screenshot(path=screenshot_dir / "login-vergrendeld.png", full_page=True)
