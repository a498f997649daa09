"""The hostile inputs of issue 9 (rows 1-6 and 12), each answered with a 4xx and nothing written,
and D14: every date the product accepts lies in 2000-2099."""

from datetime import date

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kantoor.models import Medewerker
from taken.models import Agendatoken, Proces, Taak, TaakGebeurtenis
from tests.taken.factories import OvereenkomstFactory, TaakFactory, TaaksjabloonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder_client(client, beheerder):
    client.force_login(beheerder)
    return client


def test_a_unicode_digit_in_the_bulk_selection_is_not_a_500(medewerker_client):
    """Issue 9 row 1: '²' passes str.isdigit() but is no id."""
    response = medewerker_client.get(reverse("teams:teamlid_bulk"), {"relaties": "²"})
    assert response.status_code == 400


def test_an_id_beyond_bigint_in_the_bulk_selection_is_not_a_500(medewerker_client):
    """Issue 9 row 1: an id no database column can hold is no id either."""
    response = medewerker_client.get(reverse("teams:teamlid_bulk"), {"relaties": "9" * 40})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "params",
    [
        {"na": "2027-01-01|²"},
        {"sorteer": "klant", "na": "\x00|1"},
        {"na": "2027-01-01|" + "9" * 40},
        {"na": "9999-12-31|1"},
        {"sorteer": "taak", "na": "x" * 5000 + "|1"},
    ],
)
def test_a_crafted_cursor_starts_at_the_first_page(medewerker_client, params):
    """Issue 9 row 2: an invalid keyset cursor is ignored (first page) or refused, never a 500."""
    response = medewerker_client.get(reverse("taken:taak_list"), params)
    assert response.status_code in (200, 400)


def test_nul_in_an_admin_filter_is_a_400(beheerder_client):
    """Issue 9 row 3: PostgreSQL refuses NUL in strings; it never reaches the database."""
    response = beheerder_client.get("/beheer/kantoor/medewerker/", {"taal__exact": "\x00"})
    assert response.status_code == 400


def test_nul_in_a_posted_form_is_a_400_and_writes_nothing(medewerker_client, medewerker):
    """Issue 9 row 3: NUL in form data is refused before any view runs."""
    response = medewerker_client.post(reverse("taal_kiezen"), {"taal": "en\x00"})
    assert response.status_code == 400
    assert Medewerker.objects.get(pk=medewerker.pk).taal == medewerker.taal


def test_nul_in_the_feed_token_is_a_400(client):
    """Issue 9 row 3: a path converter lets NUL through into a lookup."""
    response = client.get("/taken/agenda/%00.ics")
    assert response.status_code == 400
    assert "Ongeldig verzoek" in response.content.decode()


@pytest.fixture
def mijn_taak(taak, medewerker, in_team, boekhouder):
    in_team(taak.relatie, medewerker, boekhouder)
    return taak


@pytest.mark.parametrize(
    ("datum", "dagen"),
    [("9999-12-31", ""), ("0001-01-01", ""), ("2100-01-01", ""), ("1999-12-31", "")],
)
def test_moving_to_a_date_outside_the_range_is_refused(medewerker_client, mijn_taak, datum, dagen):
    """Issue 9 row 4, D14: the new due date is refused at the field and nothing moves."""
    response = medewerker_client.post(
        reverse("taken:taak_actie", args=["verschuiven"]),
        {"taken": [mijn_taak.pk], "datum": datum, "dagen": dagen, "reden": "Vakantie"},
    )
    assert response.status_code == 400
    assert "2000 tot en met 2099" in response.content.decode()
    mijn_taak.refresh_from_db()
    assert mijn_taak.vervaldatum == date(2027, 4, 30)
    assert not TaakGebeurtenis.objects.exists()


@pytest.mark.parametrize(
    ("vervaldatum", "dagen"), [(date(2099, 12, 31), 1), (date(2000, 1, 1), -1)]
)
def test_a_shift_that_leaves_the_range_moves_nothing(
    medewerker_client, kantoor, mijn_taak, medewerker, in_team, boekhouder, vervaldatum, dagen
):
    """Issue 9 row 4, D14: a shift past the range's edge is refused for the whole selection."""
    Taak.objects.filter(pk=mijn_taak.pk).update(vervaldatum=vervaldatum)
    andere = TaakFactory(kantoor=kantoor, relatie=mijn_taak.relatie, rol=boekhouder)

    response = medewerker_client.post(
        reverse("taken:taak_actie", args=["verschuiven"]),
        {"taken": [andere.pk, mijn_taak.pk], "dagen": dagen, "reden": "Vakantie"},
    )

    assert response.status_code == 400
    assert "2000 tot en met 2099" in response.content.decode()
    assert Taak.objects.get(pk=mijn_taak.pk).vervaldatum == vervaldatum
    assert Taak.objects.get(pk=andere.pk).vervaldatum == date(2027, 4, 30)
    assert not TaakGebeurtenis.objects.exists()


def test_the_database_refuses_a_due_date_outside_the_range(mijn_taak):
    """D14: a CheckConstraint on stored due dates, whichever path writes them."""
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Taak.objects.filter(pk=mijn_taak.pk).update(vervaldatum=date(9999, 12, 31))


def test_the_feed_holds_a_task_due_on_the_last_day_of_the_range(client, mijn_taak, medewerker):
    """Issue 9 row 5: the last accepted day has a day after it in the feed."""
    Taak.objects.filter(pk=mijn_taak.pk).update(vervaldatum=date(2099, 12, 31))

    response = client.get(reverse("taken:agenda_feed", args=[Agendatoken.voor(medewerker).token]))

    assert response.status_code == 200
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [e.decoded("DTSTART") for e in events] == [date(2099, 12, 31)]


@pytest.fixture
def btw(kantoor, klant, boekhouder):
    overeenkomst = OvereenkomstFactory(kantoor=kantoor, relatie=klant, startdatum=date(2027, 1, 1))
    TaaksjabloonFactory(overeenkomst=overeenkomst, kantoor=kantoor, rol=boekhouder)
    return overeenkomst


@pytest.mark.parametrize("periode", ["9999-Q4", "0001-Q1", "1999-Q4", "2099-Q4", "2100"])
def test_a_period_outside_the_range_is_refused(beheerder_client, btw, periode):
    """Issue 9 row 6, D14: a period, and the due dates it makes, lie in 2000-2099."""
    response = beheerder_client.post(
        reverse("taken_relatie:proces_starten", args=[btw.relatie_id, btw.pk]),
        {"periode": periode},
    )
    assert response.status_code == 400
    assert "2000 tot en met 2099" in response.content.decode()
    assert not Proces.objects.exists()


def test_a_period_inside_the_range_still_starts(beheerder_client, btw):
    """D14: the range does not get in the way of ordinary work."""
    response = beheerder_client.post(
        reverse("taken_relatie:proces_starten", args=[btw.relatie_id, btw.pk]),
        {"periode": "2099-Q3"},
    )
    assert response.status_code == 302
    assert Taak.objects.get().vervaldatum == date(2099, 10, 31)


@pytest.mark.parametrize("naam", ["T\rBEGIN:VALARM", "T\nX", "T\x1b[31m", "T\x85X", "T\u2028X"])
def test_a_template_name_with_a_control_character_is_refused_at_the_field(
    beheerder_client, btw, boekhouder, naam
):
    """Issue 9 row 12: names are single lines without control characters."""
    response = beheerder_client.post(
        reverse("taken_relatie:taaksjabloon_create", args=[btw.relatie_id, btw.pk]),
        {
            "naam": naam,
            "rol": boekhouder.pk,
            "herhaling": "kwartaal",
            "deadline_soort": "einde_volgende_maand",
            "deadline_jaren_na": 1,
            "volgorde": 0,
        },
    )
    assert response.status_code == 400
    assert btw.sjablonen.count() == 1
    assert response.context["form"].errors["naam"]


def test_every_stored_name_refuses_control_characters():
    """Issue 9 row 12: the validator sits on every single-line name the product stores."""
    from relaties.models import Connectie, Relatie
    from taken.models import Overeenkomst, Taaksjabloon

    for model, veld in [
        (Relatie, "naam"),
        (Connectie, "omschrijving"),
        (Overeenkomst, "naam"),
        (Taaksjabloon, "naam"),
        (Taaksjabloon, "mijlpaal"),
        (Proces, "naam"),
        (Taak, "naam"),
        (Taak, "mijlpaal"),
    ]:
        with pytest.raises(ValidationError):
            model._meta.get_field(veld).clean("Regel\rtwee", None)


def test_a_nul_hidden_in_the_return_query_never_reaches_the_database(medewerker_client, mijn_taak):
    """Issue 9 rows 2 and 3: `terug` is a query string parsed by hand, so its %00 decodes to a
    NUL that no middleware saw; the cursor refuses it itself."""
    response = medewerker_client.post(
        reverse("taken:taak_actie", args=["gereed_melden"]),
        {"taken": ["²"], "terug": "sorteer=klant&na=%00%7C1"},
    )
    assert response.status_code == 400


def test_generating_skips_a_period_due_beyond_the_range(kantoor, klant, boekhouder):
    """D14: the Q4 2099 return would fall due in 2100, so it is not generated; Q3 is."""
    from taken import services

    overeenkomst = OvereenkomstFactory(kantoor=kantoor, relatie=klant, startdatum=date(2099, 7, 1))
    TaaksjabloonFactory(overeenkomst=overeenkomst, kantoor=kantoor, rol=boekhouder)

    assert services.genereer_processen(date(2099, 12, 31)) == 1
    assert list(Proces.objects.values_list("periode_label", flat=True)) == ["2099-Q3"]


@pytest.mark.parametrize("tot", ["9999-12-31", "1999-12-31"])
def test_the_generator_command_refuses_a_date_outside_the_range(tot):
    """D14: generation 'tot' lies in the range as well."""
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="2000"):
        call_command("genereer_processen", "--tot", tot)


def test_nul_in_urlencoded_form_data_is_a_400(medewerker_client, medewerker):
    """Issue 9 row 3: the guard reads urlencoded bodies itself, multipart ones after CSRF."""
    response = medewerker_client.post(
        reverse("taal_kiezen"), "taal=en%00", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert Medewerker.objects.get(pk=medewerker.pk).taal == medewerker.taal


@pytest.mark.parametrize(
    ("veld", "waarde"), [("startdatum", "0001-01-01"), ("einddatum", "9999-12-31")]
)
def test_an_agreement_date_outside_the_range_is_refused_at_the_field(
    beheerder_client, klant, veld, waarde
):
    """D14: agreement dates lie in 2000-2099 too."""
    velden = {"naam": "Jaarwerk", "startdatum": "2027-01-01", "status": "actief", veld: waarde}
    response = beheerder_client.post(
        reverse("taken_relatie:overeenkomst_create", args=[klant.pk]), velden
    )
    assert response.status_code == 400
    assert "2000 tot en met 2099" in str(response.context["form"].errors[veld])
    assert not klant.overeenkomsten.exists()
