"""D12, issue 10 item 5: a relation's code follows the office's mask; an office admin may
override it for a ledger's existing code, and the override is logged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from relaties.models import Relatie
from tests.relaties.factories import RelatieFactory
from tests.relaties.test_relatie_create import geldige_gegevens

pytestmark = pytest.mark.django_db

URL = reverse("relaties:relatie_create")


@pytest.fixture
def l_masker(kantoor):
    kantoor.relatiecode_masker = "L[0-9][0-9][0-9]"
    kantoor.save()
    return kantoor


@pytest.mark.parametrize(
    ("masker", "code"), [("[0-9][0-9][0-9][0-9]", "X12"), ("L[0-9][0-9][0-9]", "1999")]
)
def test_a_code_outside_the_mask_is_refused_at_the_field_with_the_mask(
    medewerker_client, kantoor, masker, code
):
    """D12: `X12` under `[0-9][0-9][0-9][0-9]` and `1999` under `L[0-9][0-9][0-9]` are refused."""
    kantoor.relatiecode_masker = masker
    kantoor.save()

    response = medewerker_client.post(URL, geldige_gegevens(code=code))

    assert response.status_code == 400
    fouten = response.context["form"].errors["code"]
    assert masker in fouten[0]
    assert "past niet" in fouten[0]
    assert not Relatie.objects.filter(code=code).exists()


def test_an_employee_gets_no_override_box(medewerker_client, l_masker):
    response = medewerker_client.get(URL)

    assert "code_wijkt_af" not in response.content.decode()


def test_a_forged_override_by_an_employee_is_refused(medewerker_client, l_masker):
    """D12: only office admins may override; a posted box from anyone else is not read."""
    response = medewerker_client.post(URL, geldige_gegevens(code="1999", code_wijkt_af="on"))

    assert response.status_code == 400
    assert "code" in response.context["form"].errors
    assert not Relatie.objects.filter(code="1999").exists()


def test_an_admin_overrides_the_mask_and_the_override_is_logged(client, beheerder, l_masker):
    """D12: with the explicit box an office admin keeps a ledger's code; who and when is kept
    and shown on the relation page."""
    client.force_login(beheerder)

    response = client.post(URL, geldige_gegevens(code="1999", code_wijkt_af="on"))

    assert response.status_code == 302
    relatie = Relatie.objects.get(kantoor=l_masker, code="1999")
    assert relatie.code_afwijking_door == beheerder
    assert relatie.code_afwijking_op is not None
    pagina = client.get(reverse("relaties:relatie_detail", args=[relatie.pk])).content.decode()
    assert "wijkt af van het masker" in pagina
    assert "Jan de Vries" in pagina


def test_an_admin_without_the_box_is_refused_and_told_about_it(client, beheerder, l_masker):
    client.force_login(beheerder)

    response = client.post(URL, geldige_gegevens(code="1999"))

    assert response.status_code == 400
    assert "Code wijkt af van het masker" in response.context["form"].errors["code"][0]


def test_a_code_that_fits_needs_no_override_and_logs_none(client, beheerder, l_masker):
    client.force_login(beheerder)

    client.post(URL, geldige_gegevens(code="L001", code_wijkt_af="on"))

    relatie = Relatie.objects.get(kantoor=l_masker, code="L001")
    assert relatie.code_afwijking_op is None and relatie.code_afwijking_door is None


def test_an_unchanged_old_code_does_not_block_editing(medewerker_client, medewerker, l_masker):
    """A code from before the mask stays editable around: only a new or changed code is
    checked."""
    relatie = RelatieFactory(kantoor=l_masker, code="0042", aangemaakt_door=medewerker)
    gegevens = geldige_gegevens(code="0042", naam="Nieuwe naam")

    response = medewerker_client.post(
        reverse("relaties:relatie_update", args=[relatie.pk]), gegevens
    )

    assert response.status_code == 302
    relatie.refresh_from_db()
    assert relatie.naam == "Nieuwe naam"
