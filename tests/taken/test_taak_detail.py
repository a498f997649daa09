"""The task page (issue 10 item 2): every action the viewer may take, through the same rules and
service as the list (R9, D5, D6), refusals at the field (4xx, nothing changed), and the way back
to where the user came from, never to another site."""

from datetime import date

import pytest
from django.urls import reverse

from taken.models import TaakGebeurtenis, TaakStatus
from tests.taken.factories import TaakFactory

pytestmark = pytest.mark.django_db

LIJST = reverse("taken:taak_list")


def detail(taak):
    return reverse("taken:taak_detail", args=[taak.pk])


def actie(taak, naam):
    return reverse("taken:taak_detail_actie", args=[taak.pk, naam])


@pytest.fixture
def mijn_taak(taak, medewerker, in_team, boekhouder):
    in_team(taak.relatie, medewerker, boekhouder)
    return taak


def test_the_page_offers_pick_up_done_hand_over_and_move(medewerker_client, mijn_taak):
    """Issue 10 item 2: every action the viewer may take, worded as it acts."""
    html = medewerker_client.get(detail(mijn_taak)).content.decode()

    for knop in ("Oppakken", "Gereed melden", "Vervaldatum verschuiven"):
        assert f">{knop}</button>" in html
    assert ">Overnemen</button>" not in html  # nobody has it yet
    assert "Heropenen" not in html


def test_the_page_marks_an_overdue_task(medewerker_client, kantoor, klant, boekhouder, vandaag):
    """Overdue red, as on the list (domain.md, Mijn taken)."""
    from datetime import timedelta

    taak = TaakFactory(
        kantoor=kantoor, relatie=klant, rol=boekhouder, vervaldatum=vandaag - timedelta(days=1)
    )

    response = medewerker_client.get(detail(taak))

    assert 'badge--te-laat">te laat</span>' in response.content.decode()


def test_pick_up_from_the_page_returns_to_where_the_user_came_from(
    medewerker_client, mijn_taak, medewerker
):
    """D5; issue 10 item 2: back to the list with its filters."""
    terug = f"{LIJST}?status=alle&sorteer=klant"

    response = medewerker_client.post(actie(mijn_taak, "oppakken"), {"volgende": terug})

    assert response.status_code == 302 and response.url == terug
    mijn_taak.refresh_from_db()
    assert mijn_taak.opgepakt_door == medewerker


def test_take_over_takes_it_yourself(
    medewerker_client, mijn_taak, medewerker, collega, in_team, boekhouder
):
    """R9: *Overnemen* takes a colleague's task yourself."""
    in_team(mijn_taak.relatie, collega, boekhouder)
    mijn_taak.oppakken(collega)
    assert ">Overnemen</button>" in medewerker_client.get(detail(mijn_taak)).content.decode()

    response = medewerker_client.post(actie(mijn_taak, "overnemen"))

    assert response.status_code == 302
    mijn_taak.refresh_from_db()
    assert mijn_taak.opgepakt_door == medewerker


def test_hand_over_to_a_named_colleague_in_the_role(
    medewerker_client, mijn_taak, medewerker, collega, derde, in_team, boekhouder
):
    """Issue 10 item 2: *Overdragen aan* names a colleague in the role; nobody is preselected,
    the one who has it is not offered."""
    in_team(mijn_taak.relatie, collega, boekhouder)
    in_team(mijn_taak.relatie, derde, boekhouder)
    mijn_taak.oppakken(collega)

    response = medewerker_client.get(detail(mijn_taak))
    assert [p.naam for p in response.context["kandidaten"]] == [derde.naam]
    assert (
        "selected" not in response.content.decode().split('id="id_naar"')[1].split("</select>")[0]
    )

    response = medewerker_client.post(
        actie(mijn_taak, "overnemen"), {"naar": derde.pk, "volgende": detail(mijn_taak)}
    )
    assert response.status_code == 302
    mijn_taak.refresh_from_db()
    assert mijn_taak.opgepakt_door == derde
    gebeurtenis = TaakGebeurtenis.objects.get(soort="overgenomen")
    assert (gebeurtenis.door, gebeurtenis.van_medewerker, gebeurtenis.naar_medewerker) == (
        medewerker,
        collega,
        derde,
    )


def test_hand_over_to_someone_outside_the_role_is_refused_at_the_field(
    medewerker_client, mijn_taak, derde
):
    """R9: only a colleague in the task's role on the team (400, nothing changed)."""
    response = medewerker_client.post(actie(mijn_taak, "overnemen"), {"naar": derde.pk})

    assert response.status_code == 400
    assert "naar" in response.context["form"].errors
    mijn_taak.refresh_from_db()
    assert mijn_taak.opgepakt_door is None


def test_hand_over_without_a_choice_is_refused(medewerker_client, mijn_taak):
    response = medewerker_client.post(actie(mijn_taak, "overnemen"), {"naar": ""})

    assert response.status_code == 400
    assert "Kies de collega aan wie u de taak overdraagt." in response.content.decode()
    assert not TaakGebeurtenis.objects.exists()


def test_mark_done_and_reopen_from_the_page(medewerker_client, mijn_taak):
    response = medewerker_client.post(actie(mijn_taak, "gereed_melden"))
    assert response.status_code == 302
    mijn_taak.refresh_from_db()
    assert mijn_taak.status == TaakStatus.GEREED
    assert ">Heropenen</button>" in medewerker_client.get(detail(mijn_taak)).content.decode()

    medewerker_client.post(actie(mijn_taak, "heropenen"))
    mijn_taak.refresh_from_db()
    assert mijn_taak.status == TaakStatus.OPENSTAAND


def test_move_the_due_date_of_one_task(medewerker_client, mijn_taak):
    """Domain: due dates can be shifted for one task, with the reason kept."""
    response = medewerker_client.post(
        actie(mijn_taak, "verschuiven"), {"datum": "2027-05-15", "reden": "Vakantie"}
    )

    assert response.status_code == 302
    mijn_taak.refresh_from_db()
    assert mijn_taak.vervaldatum == date(2027, 5, 15)


@pytest.mark.parametrize("datum", ["1999-12-31", "2100-01-01", "9999-12-31", "morgen", ""])
def test_a_due_date_outside_the_range_is_refused_at_the_field(medewerker_client, mijn_taak, datum):
    """D14: refused at the date field with a 400; nothing changed."""
    response = medewerker_client.post(
        actie(mijn_taak, "verschuiven"), {"datum": datum, "reden": "Vakantie"}
    )

    assert response.status_code == 400
    assert "datum" in response.context["form"].errors
    assert 'id="id_datum_error"' in response.content.decode()
    mijn_taak.refresh_from_db()
    assert mijn_taak.vervaldatum == date(2027, 4, 30)


def test_a_refused_action_shows_its_reason(
    medewerker_client, mijn_taak, collega, in_team, boekhouder
):
    """D5: picking up a task someone else picked up meanwhile says so (400)."""
    in_team(mijn_taak.relatie, collega, boekhouder)
    mijn_taak.oppakken(collega)

    response = medewerker_client.post(actie(mijn_taak, "oppakken"))

    assert response.status_code == 400
    assert "neem hem over" in response.content.decode() or collega.naam in response.content.decode()
    mijn_taak.refresh_from_db()
    assert mijn_taak.opgepakt_door == collega


@pytest.mark.parametrize("naam", ["oppakken", "gereed_melden", "verschuiven", "overnemen"])
def test_someone_outside_the_role_gets_403_and_nothing_changes(medewerker_client, taak, naam):
    """R9/D5: others may see the task but not act on it; no buttons, and a forged POST is 403."""
    assert "Gereed melden" not in medewerker_client.get(detail(taak)).content.decode()

    response = medewerker_client.post(
        actie(taak, naam), {"datum": "2027-05-15", "reden": "Vakantie"}
    )

    assert response.status_code == 403
    taak.refresh_from_db()
    assert (taak.status, taak.opgepakt_door, taak.vervaldatum) == (
        TaakStatus.OPENSTAAND,
        None,
        date(2027, 4, 30),
    )
    assert not TaakGebeurtenis.objects.exists()


def test_another_offices_task_is_a_404_and_get_is_405(medewerker_client, vreemde, mijn_taak):
    """D9."""
    vreemd = TaakFactory(kantoor=vreemde.kantoor)
    assert medewerker_client.post(actie(vreemd, "oppakken")).status_code == 404
    assert medewerker_client.get(actie(mijn_taak, "oppakken")).status_code == 405
    assert medewerker_client.post(actie(mijn_taak, "wissen")).status_code == 404


@pytest.mark.parametrize(
    "volgende",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "javascript:alert(1)",
    ],
)
def test_no_open_redirect(medewerker_client, mijn_taak, volgende):
    """Issue 10 item 2: a `volgende` to another site is ignored: back to Mijn taken."""
    response = medewerker_client.post(actie(mijn_taak, "oppakken"), {"volgende": volgende})

    assert response.status_code == 302 and response.url == LIJST

    page = medewerker_client.get(detail(mijn_taak), {"volgende": volgende})
    assert page.context["volgende"] == LIJST


def test_the_list_action_ignores_an_open_redirect_too(medewerker_client, mijn_taak):
    """`/\\evil.example` passed the old startswith("/") check; browsers read it as //evil."""
    response = medewerker_client.post(
        reverse("taken:taak_actie", args=["oppakken"]),
        {"taken": [mijn_taak.pk], "volgende": "/\\evil.example/"},
    )

    assert response.status_code == 302 and response.url == LIJST


def test_the_page_returns_to_the_referring_page(medewerker_client, mijn_taak):
    """Issue 10 item 2: opened from the relation's tab, the way back leads there."""
    werk = reverse("taken_relatie:relatie_werk", args=[mijn_taak.relatie_id])

    response = medewerker_client.get(detail(mijn_taak), HTTP_REFERER=f"http://testserver{werk}")

    assert response.context["volgende"] == f"http://testserver{werk}"
    assert medewerker_client.get(detail(mijn_taak)).context["volgende"] == LIJST


def test_the_list_links_to_the_task_page_with_the_way_back(medewerker_client, mijn_taak):
    html = medewerker_client.get(LIJST, {"sorteer": "klant"}).content.decode()

    assert f"{detail(mijn_taak)}?volgende=%2Ftaken%2F%3Fsorteer%3Dklant" in html
