"""Issue 11: the Python-rendered <select> writes exactly what Django's template-rendered one
does, so the filters and the add form look and read (labels, ARIA) as before."""

from __future__ import annotations

import pytest
from django import forms

from kantoor.models import Medewerker
from kantoor.widgets import SnelleSelect
from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db


def formulier(widget):
    class Formulier(forms.Form):
        wie = forms.ModelChoiceField(
            queryset=Medewerker.objects.order_by("naam"), required=False, widget=widget
        )
        soort = forms.ChoiceField(
            choices=[("", "Alle"), ("Groep & co", [("a", "<A> & 'b'"), ("b", 'Dé "B"')])],
            widget=widget,
        )

    return Formulier


@pytest.mark.parametrize("data", [None, {"wie": "", "soort": "b"}, {"wie": "x", "soort": "?"}])
def test_fast_select_renders_as_djangos_select(kantoor, data):
    """Same HTML for unbound, bound and invalid forms, escaping and optgroups included."""
    for naam in ("Anna <script>", 'Bram "B"', "Café & Co"):
        MedewerkerFactory(kantoor=kantoor, naam=naam)
    if data and data["wie"] == "":
        data = {**data, "wie": str(Medewerker.objects.first().pk)}
    django_form = formulier(forms.Select)(data)
    snel = formulier(SnelleSelect)(data)
    if data:
        django_form.is_valid()
        snel.is_valid()

    for veld in ("wie", "soort"):
        assert str(snel[veld]) == str(django_form[veld])
    assert "&lt;script&gt;" in str(snel["wie"])
