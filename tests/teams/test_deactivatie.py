"""D8 through the paths that deactivate: Beheer's change form and bulk action, and the employee
import. Each refuses while the employee is the only klantbeheerder of a relation, naming it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from kantoor import demo
from kantoor.importers import ImportGeweigerd, importeer
from kantoor.models import Kantoor, Medewerker
from teams import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder_client(client, beheerder):
    client.force_login(beheerder)
    return client


def test_admin_bulk_deactivation_of_the_only_klantbeheerder_is_refused(
    beheerder_client, relatie, medewerker
):
    """D8: Beheer's bulk action refuses, naming the relation, and leads into the leaver flow
    (issue 10 item 3)."""
    response = beheerder_client.post(
        reverse("admin:kantoor_medewerker_changelist"),
        {"action": "deactiveer", "_selected_action": [medewerker.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "1001 Bakkerij Jansen B.V." in html
    assert response.redirect_chain[-1][0] == reverse(
        "teams:medewerker_vertrek", args=[medewerker.pk]
    )
    medewerker.refresh_from_db()
    assert medewerker.is_active


def test_admin_bulk_deactivation_passes_after_replacement(
    beheerder_client, kantoor, relatie, medewerker, collega
):
    """D8: once replaced, the employee can leave; the team keeps a klantbeheerder."""
    services.replace_employee(kantoor, medewerker, collega, door=None)
    beheerder_client.post(
        reverse("admin:kantoor_medewerker_changelist"),
        {"action": "deactiveer", "_selected_action": [medewerker.pk]},
    )
    medewerker.refresh_from_db()
    assert not medewerker.is_active


def test_demo_import_refuses_to_deactivate_the_only_klantbeheerder(settings, tmp_path):
    """D8/item 6: the employee import refuses with a message that lists the relations."""
    settings.DEBUG = True
    settings.DEMO_IMPORT_DIR = tmp_path / "demo-import"
    call_command("demo", stdout=StringIO())
    kantoor = Kantoor.objects.get(code=demo.KANTOOR_CODE)

    with pytest.raises(ImportGeweigerd) as fout:
        importeer(kantoor, (tmp_path / "demo-import" / "medewerkers-twinfield.xml").read_bytes())

    tekst = " ".join(str(p) for p in fout.value.plan.problemen)
    assert "Bram Mulder" in tekst and "1006 Tandartspraktijk Mulder" in tekst
    assert Medewerker.objects.get(code="BMULDER").is_active
