"""In a real Chromium: a demo employee logs in and finds his office and the navigation."""

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from kantoor import demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_demo_employee_logs_in_and_sees_office_and_navigation(
    page: Page, live_server, settings, screenshot_dir
):
    settings.DEBUG = True
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    employee = demo.MEDEWERKERS[1]

    page.goto(f"{live_server.url}/relaties/")
    expect(page).to_have_url(f"{live_server.url}/inloggen/?next=/relaties/")
    page.get_by_label("E-mailadres").fill(employee.email)
    page.get_by_label("Wachtwoord").fill(demo.DEMO_WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()

    expect(page).to_have_url(f"{live_server.url}/relaties/")
    expect(page.get_by_text(demo.KANTOOR_NAAM).first).to_be_visible()
    navigation = page.get_by_role("navigation", name="Hoofdmenu")
    expect(navigation.get_by_role("link", name="Relaties")).to_be_visible()
    expect(navigation.get_by_role("link", name="Mijn taken")).to_be_visible()
    # Beheer is for office admins only; this employee is not one.
    expect(navigation.get_by_role("link", name="Beheer")).to_have_count(0)
    # The relation list names employees too (klantbeheerders, filter): look in the header.
    expect(page.get_by_role("banner").get_by_text(employee.naam)).to_be_visible()
    page.screenshot(path=screenshot_dir / "login-relaties.png", full_page=True)

    page.get_by_role("link", name="Mijn taken").click()
    expect(page.get_by_role("heading", name="Mijn taken")).to_be_visible()

    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(f"{live_server.url}/inloggen/")
