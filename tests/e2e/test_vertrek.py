"""In a real Chromium, at 1280 and 390 px, in Dutch: the leaver flow from Beheer (D8, issue 10
item 3) and a client's aangiftetijdvak change that says what it re-planned (D13, item 4)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from playwright.sync_api import Page, expect

from kantoor.models import Medewerker
from taken import services as taken_services
from taken.models import Taak
from teams import services
from teams.models import Teamlid
from tests.factories import WACHTWOORD, InterneRolFactory
from tests.relaties.factories import RelatieFactory
from tests.taken.factories import OvereenkomstFactory, TaakFactory, TaaksjabloonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BREEDTES = {"laptop": (1280, 800), "telefoon": (390, 844)}


def log_in(page: Page, live_server, wie) -> None:
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("E-mailadres").fill(wie.email)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", name="Mijn taken")).to_be_visible()


def bekijk(page: Page, screenshot_dir, naam: str) -> None:
    """Screenshots at both widths; the page itself never scrolls sideways."""
    for breedte, (w, h) in BREEDTES.items():
        page.set_viewport_size({"width": w, "height": h})
        breed = page.evaluate("document.documentElement.scrollWidth")
        assert breed <= w, f"{naam} scrolls sideways at {w} px ({breed} px wide)"
        page.screenshot(path=screenshot_dir / f"{naam}-{breedte}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})


def test_admin_deactivates_a_leaver_and_chooses_his_replacement(
    page: Page, live_server, kantoor, beheerder, medewerker, collega, screenshot_dir
):
    """D8: the only klantbeheerder of two relations leaves: Beheer leads into choosing his
    replacement, the preview lists relations and tasks, and confirming does it all at once."""
    boekhouder = InterneRolFactory(kantoor=kantoor, naam="Boekhouder", code="BOEK")
    relaties = [
        RelatieFactory(
            kantoor=kantoor, code="1001", naam="Bakkerij Jansen B.V.", aangemaakt_door=medewerker
        ),
        RelatieFactory(
            kantoor=kantoor, code="1002", naam="Garage Smit", aangemaakt_door=medewerker
        ),
    ]
    services.add_member(relaties[0], medewerker, boekhouder, door=beheerder)
    services.add_member(relaties[0], collega, boekhouder, door=beheerder)
    opgepakt = TaakFactory(
        kantoor=kantoor, relatie=relaties[0], rol=boekhouder, naam="Btw-aangifte Q1"
    )
    opgepakt.oppakken(medewerker)
    TaakFactory(kantoor=kantoor, relatie=relaties[1], rol=None, voor_klant=True, naam="Stukken")

    log_in(page, live_server, beheerder)
    page.goto(f"{live_server.url}/beheer/kantoor/medewerker/")
    page.get_by_role("row", name=medewerker.naam).get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option("deactiveer")
    page.locator("button[name=index]").click()

    expect(page.get_by_role("heading", name=f"{medewerker.naam} deactiveren")).to_be_visible()
    expect(page.get_by_text("1001 Bakkerij Jansen B.V.").first).to_be_visible()
    expect(page.get_by_text("1002 Garage Smit").first).to_be_visible()
    bekijk(page, screenshot_dir, "vertrek-keuze")

    page.get_by_label("Vervanger").select_option(label=collega.naam)
    page.get_by_role("button", name="Voorbeeld").click()
    plan = page.locator(".team-vervang-plan")
    expect(plan).to_contain_text("3 rollen in teams")
    expect(plan).to_contain_text("Btw-aangifte Q1")
    expect(plan).to_contain_text("Stukken")
    bekijk(page, screenshot_dir, "vertrek-voorbeeld")

    page.get_by_role("button", name=f"Vervang {medewerker.naam} door {collega.naam}").click()
    expect(page.get_by_text(f"{medewerker.naam} is gedeactiveerd.")).to_be_visible()
    bekijk(page, screenshot_dir, "vertrek-gedaan")

    assert not Medewerker.objects.get(pk=medewerker.pk).is_active
    for relatie in relaties:
        assert (
            Teamlid.objects.klantbeheerders().filter(relatie=relatie, medewerker=collega).exists()
        )
    assert Taak.objects.get(pk=opgepakt.pk).opgepakt_door_id == collega.pk


def test_changing_the_aangiftetijdvak_says_what_was_replanned(
    page: Page, live_server, kantoor, medewerker, screenshot_dir
):
    """D13: quarter -> month on 1 April: the second quarter becomes April to June, and the
    relation page says so with numbers."""
    boekhouder = InterneRolFactory(kantoor=kantoor, naam="Boekhouder", code="BOEK")
    klant = RelatieFactory(
        kantoor=kantoor, code="1001", naam="Bakkerij Jansen B.V.", aangemaakt_door=medewerker
    )
    overeenkomst = OvereenkomstFactory(
        kantoor=kantoor, relatie=klant, naam="Btw", startdatum=date(2027, 1, 1)
    )
    TaaksjabloonFactory(
        overeenkomst=overeenkomst,
        kantoor=kantoor,
        rol=boekhouder,
        herhaling="aangiftetijdvak",
        deadline_soort="einde_volgende_maand",
        naam="Btw-aangifte",
    )
    with time_machine.travel(datetime(2027, 4, 1, 9, tzinfo=ZoneInfo("Europe/Amsterdam"))):
        taken_services.genereer_processen(date(2027, 4, 1), kantoor)
        log_in(page, live_server, medewerker)
        page.goto(f"{live_server.url}/relaties/{klant.pk}/bewerken/")
        page.get_by_label("Aangiftetijdvak").select_option("maand")
        page.get_by_role("button", name="Opslaan").click()
        melding = page.get_by_text("1 proces vervangen door 3 voor het nieuwe aangiftetijdvak")
        expect(melding).to_be_visible()
        bekijk(page, screenshot_dir, "herplannen-melding")
    assert sorted(overeenkomst.processen.values_list("periode_label", flat=True)) == [
        "2027-04",
        "2027-05",
        "2027-06",
        "2027-Q1",
    ]


def test_destructive_actions_ask_first_and_confirm_with_numbers(
    page: Page, live_server, kantoor, medewerker, collega, screenshot_dir
):
    """Issue 10 item 3 (D7): Uit team verwijderen names the role that becomes unstaffed with
    its open tasks; Deactiveren says what follows; both confirm afterwards."""
    boekhouder = InterneRolFactory(kantoor=kantoor, naam="Boekhouder", code="BOEK")
    relatie = RelatieFactory(
        kantoor=kantoor, code="1001", naam="Bakkerij Jansen B.V.", aangemaakt_door=medewerker
    )
    services.add_member(relatie, collega, boekhouder, door=medewerker)
    TaakFactory.create_batch(2, kantoor=kantoor, relatie=relatie, rol=boekhouder)

    log_in(page, live_server, medewerker)
    page.goto(f"{live_server.url}/relaties/{relatie.pk}/teamleden/")
    page.get_by_role("button", name=f"Uit team verwijderen ({collega.naam})").click()
    expect(page.get_by_text("Boekhouder: 2 openstaande taken")).to_be_visible()
    bekijk(page, screenshot_dir, "teamlid-verwijderen-vraag")
    page.get_by_role("button", name="Uit team verwijderen").click()
    expect(page.get_by_text("Boekhouder is nu onbelegd, met 2 openstaande taken.")).to_be_visible()

    page.goto(f"{live_server.url}/relaties/{relatie.pk}/")
    page.get_by_role("button", name="Deactiveren").click()
    expect(page.get_by_role("heading", name="Bakkerij Jansen B.V. deactiveren?")).to_be_visible()
    bekijk(page, screenshot_dir, "relatie-deactiveren-vraag")
    page.locator("form.bevestig-acties").get_by_role("button", name="Deactiveren").click()
    expect(page.get_by_text("is gedeactiveerd")).to_be_visible()
