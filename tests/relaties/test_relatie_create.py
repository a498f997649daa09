"""/relaties/nieuw/ and /relaties/<pk>/bewerken/: create and edit a relation."""

import pytest
from django.urls import reverse

from relaties.models import Relatie, Soort, Type
from teams.models import Teamlid
from tests.relaties.factories import RelatieFactory

pytestmark = pytest.mark.django_db

URL = reverse("relaties:relatie_create")


def geldige_gegevens(**velden) -> dict:
    return {
        "code": "1001",
        "naam": "Bakkerij Jansen B.V.",
        "soort": Soort.KLANT,
        "type": Type.BEDRIJF,
        "land": "NL",
        "postcode": "3511ab",
        "kvk_nummer": "12345678",
        "rsin": "004495445",
        "btw_id": "NL004495445B01",
        "iban": "NL91ABNA0417164300",
        "aangiftetijdvak": "kwartaal",
        **velden,
    }


def test_the_form_proposes_the_next_free_code(medewerker_client, kantoor, medewerker):
    kantoor.relatiecode_masker = "L[0-9][0-9][0-9]"
    kantoor.save()
    RelatieFactory(kantoor=kantoor, code="L041", aangemaakt_door=medewerker)

    response = medewerker_client.get(URL)

    assert response.context["form"]["code"].value() == "L042"


def test_creating_a_client_puts_the_creator_on_its_team(medewerker_client, kantoor, medewerker):
    """R4/D3: after saving, the relation's team holds its creator as klantbeheerder."""
    response = medewerker_client.post(URL, geldige_gegevens(kvk_nummer="1234 5678"))

    relatie = Relatie.objects.get(kantoor=kantoor, code="1001")
    assert relatie.kvk_nummer == "12345678"
    assert response.status_code == 302
    assert response.url == reverse("relaties:relatie_detail", args=[relatie.pk])
    assert relatie.aangemaakt_door == medewerker
    assert relatie.postcode == "3511 AB"
    teamlid = Teamlid.objects.get(relatie=relatie)
    assert (teamlid.medewerker, teamlid.rol) == (medewerker, kantoor.klantbeheerder_rol)

    team = medewerker_client.get(reverse("teams:teamlid_list", args=[relatie.pk]))
    assert "Sanne Jansen" in team.content.decode()
    assert "Klantbeheerder" in team.content.decode()


def test_invalid_input_shows_errors_at_the_fields_and_creates_nothing(medewerker_client):
    response = medewerker_client.post(
        URL, geldige_gegevens(kvk_nummer="123", iban="NL00ABNA0417164300", naam="")
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) >= {"kvk_nummer", "iban", "naam"}
    assert "Een KvK-nummer heeft 8 cijfers." in form.errors["kvk_nummer"]
    assert not Relatie.objects.exists()


def test_a_code_used_in_the_office_is_refused(medewerker_client, relatie):
    response = medewerker_client.post(URL, geldige_gegevens(code=relatie.code.lower()))

    assert response.context["form"].errors["code"] == [
        "Dit kantoor heeft al een relatie met deze code."
    ]


def test_a_code_used_by_another_office_is_fine(medewerker_client, kantoor, vreemde_relatie):
    response = medewerker_client.post(URL, geldige_gegevens(code=vreemde_relatie.code))

    assert response.status_code == 302
    assert Relatie.objects.filter(kantoor=kantoor, code=vreemde_relatie.code).exists()


def test_a_private_person_with_a_bsn(medewerker_client, kantoor):
    gegevens = geldige_gegevens(type=Type.PARTICULIER, rsin="", bsn="111222333", btw_id="")

    medewerker_client.post(URL, gegevens)

    assert Relatie.objects.get(kantoor=kantoor).bsn == "111222333"


def test_editing_saves_the_changes(medewerker_client, relatie):
    url = reverse("relaties:relatie_update", args=[relatie.pk])

    response = medewerker_client.post(url, geldige_gegevens(code=relatie.code, naam="Nieuw"))

    assert response.status_code == 302
    relatie.refresh_from_db()
    assert relatie.naam == "Nieuw"
    assert Teamlid.objects.filter(relatie=relatie).count() == 1


def test_editing_keeps_its_own_code_but_refuses_another(medewerker_client, relatie, kantoor):
    andere = RelatieFactory(kantoor=kantoor, code="1002", aangemaakt_door=relatie.aangemaakt_door)
    url = reverse("relaties:relatie_update", args=[relatie.pk])

    response = medewerker_client.post(url, geldige_gegevens(code=andere.code))

    assert "code" in response.context["form"].errors
    assert "Bakkerij Jansen B.V." in response.content.decode()


def test_bsn_shows_on_the_relations_own_page(medewerker_client, kantoor, medewerker):
    relatie = RelatieFactory(
        kantoor=kantoor, type=Type.PARTICULIER, bsn="111222333", aangemaakt_door=medewerker
    )

    response = medewerker_client.get(reverse("relaties:relatie_detail", args=[relatie.pk]))

    assert "111222333" in response.content.decode()


def test_detail_shows_the_iban_in_groups(medewerker_client, kantoor, medewerker):
    relatie = RelatieFactory(kantoor=kantoor, iban="NL91ABNA0417164300", aangemaakt_door=medewerker)

    response = medewerker_client.get(reverse("relaties:relatie_detail", args=[relatie.pk]))

    assert "NL91 ABNA 0417 1643 00" in response.content.decode()
