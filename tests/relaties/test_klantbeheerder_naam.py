"""D1 (issue 10 item 6): the office may rename Klantbeheerder; the relation list's column and
its teamlid filter use the current name."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_renamed_role_heads_the_column_and_the_filter(medewerker_client, kantoor, relatie):
    rol = kantoor.klantbeheerder_rol
    rol.naam = "Relatiebeheerder"
    rol.save()

    tekst = medewerker_client.get(reverse("relaties:relatie_list")).content.decode()

    assert '<th scope="col">Relatiebeheerder</th>' in tekst
    assert '<optgroup label="Relatiebeheerder">' in tekst
    assert "Klantbeheerder" not in tekst
