"""Beheer is part of the product (issue 10 item 6): its header, navigation and colours, Dutch
titles with a capital, and Dutch success messages without a wrong article."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_beheer_shows_the_products_header_and_a_way_back(beheerder_client, kantoor):
    tekst = beheerder_client.get(reverse("admin:kantoor_medewerker_changelist")).content.decode()

    assert 'class="site-header"' in tekst
    assert 'class="site-nav"' in tekst
    assert reverse("taken:taak_list") in tekst
    assert "Terug naar Mijn taken" in tekst
    assert "css/beheer.css" in tekst
    # One colour scheme: the admin's dark mode script is not loaded.
    assert "admin/js/theme.js" not in tekst
    assert kantoor.naam in tekst


def test_beheer_titles_start_with_a_capital(beheerder_client):
    tekst = beheerder_client.get(reverse("admin:kantoor_medewerker_add")).content.decode()

    assert "<h1>Medewerker toevoegen</h1>" in tekst


def test_saving_the_office_says_so_without_a_wrong_article(beheerder_client, kantoor):
    """Django's Dutch says "De kantoor … is met succes gewijzigd."; ours needs no article."""
    url = reverse("admin:kantoor_kantoor_change", args=[kantoor.pk])
    response = beheerder_client.post(
        url, {"naam": "Testpraktijk", "relatiecode_masker": "[0-9][0-9][0-9][0-9]"}, follow=True
    )

    tekst = response.content.decode()
    assert 'Kantoor “<a href="' in tekst
    assert "Testpraktijk</a>” is gewijzigd." in tekst
    assert "De kantoor" not in tekst
    assert "met succes" not in tekst


def test_the_chosen_office_is_named_without_a_wrong_inflection(beheerder_client):
    """Django's Dutch "Geselecteerde kantoor wijzigen" inflects for a de-word; ours does not."""
    tekst = beheerder_client.get(reverse("admin:kantoor_medewerker_add")).content.decode()

    assert "Gekozen kantoor" in tekst
    assert "Geselecteerde kantoor" not in tekst
