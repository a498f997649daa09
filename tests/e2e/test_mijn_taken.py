"""Mijn taken and the task page in a real Chromium (issue 10 items 1, 2 and 3): at 1280x800 at
least 15 task rows on the screen and nothing scrolls sideways; at 390 px one card per task with
the filters folded; the switch to a colleague's list, with and without JavaScript; the keyboard
reaches the switch with a visible focus; the task page picks a task up and returns to the list.
Screenshots go to test-artifacts/."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from teams.models import Teamlid
from tests.factories import WACHTWOORD, InterneRolFactory
from tests.relaties.factories import RelatieFactory
from tests.taken.factories import OvereenkomstFactory, ProcesFactory, TaakFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1280, "height": 800}
TELEFOON = {"width": 390, "height": 844}

KLANTEN = [
    "Bakkerij Jansen B.V.",
    "Installatiebedrijf Van der Heijden-Groenewegen en Zonen B.V.",
    "Stichting Vrienden van het Openluchtmuseum Noord-Holland",
    "De Vries Advocaten",
    "Autobedrijf Kok",
    "Maatschap Huisartsenpraktijk Oosterpark-Watergraafsmeer",
    "Bloemenhandel Visser",
    "Koninklijke Houthandel Brouwer & Zn.",
]
TAKEN = [
    ("Btw-aangifte indienen", "Aangifte"),
    ("Stukken aanleveren", ""),
    ("Loonjournaalpost boeken en controleren met de loonstrook", "Verwerking"),
    ("Jaarrekening opstellen", "Concept"),
]


@pytest.fixture
def werkdag(vandaag, kantoor, medewerker, collega):
    """Sanne Jansen (Boekhouder and klantbeheerder) with 32 tasks over 8 clients, some
    overdue, some due soon, client tasks and tasks Pieter Bakker picked up; "today" pinned."""
    boekhouder = InterneRolFactory(kantoor=kantoor, naam="Boekhouder", code="BH")
    for i, naam in enumerate(KLANTEN):
        klant = RelatieFactory(
            kantoor=kantoor, code=f"{1001 + i}", naam=naam, aangemaakt_door=medewerker
        )
        for persoon in (medewerker, collega):
            Teamlid.objects.create(
                kantoor=kantoor, relatie=klant, medewerker=persoon, rol=boekhouder
            )
        overeenkomst = OvereenkomstFactory(
            kantoor=kantoor, relatie=klant, naam="Btw-aangifte en administratie"
        )
        proces = ProcesFactory(
            kantoor=kantoor,
            overeenkomst=overeenkomst,
            naam=f"Btw-aangifte en administratie {vandaag.year}-Q{(vandaag.month - 1) // 3 + 1}",
            periode_label=f"{vandaag.year}-Q{(vandaag.month - 1) // 3 + 1}",
        )
        for j, (taaknaam, mijlpaal) in enumerate(TAKEN):
            voor_klant = taaknaam == "Stukken aanleveren"
            taak = TaakFactory(
                kantoor=kantoor,
                relatie=klant,
                proces=proces,
                naam=taaknaam,
                mijlpaal=mijlpaal,
                periode_label=proces.periode_label,
                voor_klant=voor_klant,
                rol=None if voor_klant else boekhouder,
                vervaldatum=vandaag + timedelta(days=(i * 4 + j) * 3 - 10),
            )
            if not voor_klant and (i + j) % 5 == 0:
                taak.oppakken(collega)
    return medewerker


@pytest.fixture
def browser_context_args(browser_context_args):
    """A Dutch browser, as the office's staff use (date fields show dd-mm-jjjj)."""
    return {**browser_context_args, "locale": "nl-NL"}


def inloggen(page: Page, url: str, medewerker) -> None:
    page.goto(f"{url}/taken/")
    page.get_by_label("E-mailadres").fill(medewerker.email)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Mijn taken")).to_be_visible()


def breedte_in_orde(page: Page) -> None:
    """No sideways scroll of the page, and the task table inside its box."""
    maten = page.evaluate(
        """() => {
          const wrap = document.querySelector('.taken-wrap');
          const tabel = document.querySelector('.taken-tabel');
          return {
            pagina: document.documentElement.scrollWidth, venster: window.innerWidth,
            tabel: tabel.getBoundingClientRect().right, box: wrap.getBoundingClientRect().right,
            tabelBreed: tabel.scrollWidth, boxBreed: wrap.clientWidth,
          };
        }"""
    )
    assert maten["pagina"] <= maten["venster"], maten
    assert maten["tabel"] <= maten["box"] + 1, maten
    assert maten["tabelBreed"] <= maten["boxBreed"] + 1, maten


def zichtbare_rijen(page: Page) -> int:
    return page.evaluate(
        """() => [...document.querySelectorAll('tr.taak')].filter((rij) => {
             const r = rij.getBoundingClientRect();
             return r.top >= 0 && r.bottom <= window.innerHeight;
           }).length"""
    )


def test_mijn_taken_fits_a_laptop_and_a_phone(
    page: Page, live_server, werkdag, collega, screenshot_dir
):
    """Issue 10 item 1: 15+ rows at 1280x800, one line each, no sideways scroll; the wacht op
    klant badge stays one line; long names are ellipsed with the full text in title; at 390 px
    one card per task and the filters folded behind one control."""
    page.set_viewport_size(LAPTOP)
    inloggen(page, live_server.url, werkdag)
    expect(page.get_by_text("32 taken")).to_be_visible()
    expect(page.get_by_role("button", name="Tonen")).to_be_hidden()  # the script submits
    page.screenshot(path=screenshot_dir / "mijn-taken-1280.png")

    assert zichtbare_rijen(page) >= 15
    breedte_in_orde(page)
    hoogtes = page.evaluate(
        "() => [...document.querySelectorAll('tr.taak')]"
        ".map((r) => r.getBoundingClientRect().height)"
    )
    assert max(hoogtes) < 40, hoogtes  # one line per task
    badge = page.locator(".badge--wacht").first.bounding_box()
    assert badge and badge["height"] < 22, badge
    lang = page.locator("td[title*='Van der Heijden-Groenewegen']").first
    expect(lang).to_have_attribute("title", f"1002 {KLANTEN[1]}")
    expect(page.locator(".taak--te-laat").first).to_be_visible()
    expect(page.locator(".taak--binnenkort").first).to_be_visible()

    # The switch: choosing a colleague shows his list at once.
    page.get_by_label("Weergave").select_option(label=collega.naam)
    expect(page.get_by_role("heading", name=f"Taken van {collega.naam}")).to_be_visible()
    page.get_by_text("Filters en sortering").click()
    expect(page.locator("#id_rol option")).to_have_count(2)  # all roles + his one
    page.screenshot(path=screenshot_dir / "mijn-taken-collega-1280.png")

    page.set_viewport_size(TELEFOON)
    page.get_by_label("Weergave").select_option(label="Mijn taken")
    expect(page.get_by_role("heading", name="Mijn taken")).to_be_visible()
    expect(page.locator("details.taken-filters")).not_to_have_attribute("open", "")
    breedte_in_orde(page)
    kaart = page.locator("tr.taak").first.bounding_box()
    assert kaart and kaart["width"] > 300  # a card over the width, not a squeezed row
    page.screenshot(path=screenshot_dir / "mijn-taken-390.png", full_page=True)
    page.screenshot(path=screenshot_dir / "mijn-taken-390-scherm.png")
    page.get_by_text("Filters en sortering").click()
    page.screenshot(path=screenshot_dir / "mijn-taken-390-filters.png")


def test_without_javascript_the_switch_has_a_button(
    browser: Browser, live_server, werkdag, collega, screenshot_dir
):
    """Issue 10 item 1: the plain GET form works without JavaScript, at both widths."""
    context = browser.new_context(java_script_enabled=False, viewport=LAPTOP, locale="nl-NL")
    page = context.new_page()
    inloggen(page, live_server.url, werkdag)
    breedte_in_orde(page)
    assert zichtbare_rijen(page) >= 15

    page.get_by_label("Weergave").select_option(label=collega.naam)
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("heading", name=f"Taken van {collega.naam}")).to_be_visible()

    page.set_viewport_size(TELEFOON)
    page.reload()
    breedte_in_orde(page)
    page.get_by_text("Filters en sortering").click()
    expect(page.get_by_label("Status")).to_be_visible()
    page.screenshot(path=screenshot_dir / "mijn-taken-390-zonder-js.png", full_page=True)
    context.close()


def test_the_keyboard_reaches_the_switch_with_visible_focus(page: Page, live_server, werkdag):
    """Issue 10 item 3: skip link, then the switch; the focus ring is visible; arrow keys on
    the closed list do not load a page per option."""
    page.set_viewport_size(LAPTOP)
    inloggen(page, live_server.url, werkdag)
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    select = page.get_by_label("Weergave")
    for _ in range(12):
        page.keyboard.press("Tab")
        if select.evaluate("(el) => el === document.activeElement"):
            break
    expect(select).to_be_focused()
    outline = select.evaluate("(el) => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("heading", name="Mijn taken")).to_be_visible()  # not yet switched
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Alle openstaande taken")).to_be_visible()


def test_the_task_page_picks_up_and_returns_to_the_list(
    page: Page, live_server, werkdag, screenshot_dir
):
    """Issue 10 item 2: from the list to the task, *Oppakken*, back to the same list."""
    page.set_viewport_size(LAPTOP)
    inloggen(page, live_server.url, werkdag)
    page.get_by_label("Weergave").select_option(label="Alle openstaande taken")
    expect(page.get_by_role("heading", name="Alle openstaande taken")).to_be_visible()
    lijst = page.url
    page.get_by_role("link", name="Jaarrekening opstellen").first.click()
    expect(page.get_by_role("heading", name="Acties")).to_be_visible()
    page.screenshot(path=screenshot_dir / "taak-1280.png", full_page=True)
    page.get_by_role("button", name="Oppakken").click()
    expect(page.get_by_text("U hebt Jaarrekening opstellen")).to_be_visible()
    assert page.url == lijst

    page.set_viewport_size(TELEFOON)
    page.get_by_role("link", name="Jaarrekening opstellen").first.click()
    expect(page.get_by_role("heading", name="Acties")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=screenshot_dir / "taak-390.png", full_page=True)
