"""Two people saving the same code at the same moment (issue 9 row 7): the one who loses gets
the form back with the form's own error at `code`, and nothing is written; never a 500."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection
from django.db.models.signals import pre_save
from django.test import Client
from django.urls import reverse

from relaties.models import Relatie
from tests.relaties.factories import RelatieFactory
from tests.relaties.test_relatie_create import geldige_gegevens
from tests.teams.test_database import raw_connectie

CODE_BEZET = "Dit kantoor heeft al een relatie met deze code."


@contextmanager
def collega_neemt_de_code(andere: Relatie, code: str) -> Iterator[None]:
    """Between our form's check and its save, a colleague's relation takes `code`: the
    conflicting write lands just before ours, in the database, as in the race."""

    def neem(sender, instance: Relatie, **kwargs) -> None:
        if instance.pk != andere.pk:
            Relatie.objects.filter(pk=andere.pk).update(code=code)

    pre_save.connect(neem, sender=Relatie, dispatch_uid="test_collega_neemt_de_code")
    try:
        yield
    finally:
        pre_save.disconnect(sender=Relatie, dispatch_uid="test_collega_neemt_de_code")


@pytest.mark.django_db
def test_editing_to_a_code_taken_in_the_meantime_shows_the_field_error(
    medewerker_client, relatie, kantoor
):
    """Issue 9 row 7: the constraint's refusal is answered at the field; nothing is written."""
    andere = RelatieFactory(kantoor=kantoor, code="2002", aangemaakt_door=relatie.aangemaakt_door)
    url = reverse("relaties:relatie_update", args=[relatie.pk])

    with collega_neemt_de_code(andere, "3003"):
        response = medewerker_client.post(url, geldige_gegevens(code="3003", naam="Nieuw"))

    assert response.status_code == 400
    assert response.context["form"].errors == {"code": [CODE_BEZET]}
    relatie.refresh_from_db()
    assert (relatie.code, relatie.naam) == ("1001", "Bakkerij Jansen B.V.")


@pytest.mark.django_db
def test_creating_with_a_code_taken_in_the_meantime_shows_the_field_error(
    medewerker_client, relatie, kantoor
):
    """Issue 9 row 7: the same for a new relation; nothing is created."""
    with collega_neemt_de_code(relatie, "3003"):
        response = medewerker_client.post(
            reverse("relaties:relatie_create"), geldige_gegevens(code="3003")
        )

    assert response.status_code == 400
    assert response.context["form"].errors == {"code": [CODE_BEZET]}
    assert list(Relatie.objects.values_list("code", flat=True)) == ["1001"]


def wacht_op_een_wachtende_verbinding() -> None:
    """Until another backend waits for a lock (our save waits on the colleague's row)."""
    with connection.cursor() as cursor:
        for _poging in range(200):
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE wait_event_type = 'Lock' AND datname = current_database()"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)
    raise AssertionError("the save never waited for the colleague's row")


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("actie", ["bewerken", "nieuw"])
def test_two_people_saving_the_same_code_at_once_one_gets_the_field_error(
    kantoor, medewerker, actie
):
    """Issue 9 row 7 on PostgreSQL, two connections: the colleague's transaction holds the code
    (uncommitted, so our form's check passes), our save waits for it and, once it commits, is
    refused by the constraint: the form comes back with the error at `code`."""
    relatie = RelatieFactory(kantoor=kantoor, code="1001", aangemaakt_door=medewerker)
    andere = RelatieFactory(kantoor=kantoor, code="2002", aangemaakt_door=medewerker)
    client = Client()
    client.force_login(medewerker)
    url = (
        reverse("relaties:relatie_update", args=[relatie.pk])
        if actie == "bewerken"
        else reverse("relaties:relatie_create")
    )
    uitkomst: dict = {}

    def sla_op() -> None:
        try:
            uitkomst["response"] = client.post(url, geldige_gegevens(code="3003", naam="Nieuw"))
        except Exception as fout:  # a 500 in the test client
            uitkomst["fout"] = fout
        finally:
            connection.close()

    collega = raw_connectie()
    try:
        collega.execute("UPDATE relaties_relatie SET code = '3003' WHERE id = %s", [andere.pk])
        thread = threading.Thread(target=sla_op)
        thread.start()
        wacht_op_een_wachtende_verbinding()
        collega.commit()
        thread.join(timeout=30)
    finally:
        collega.close()

    assert "fout" not in uitkomst, uitkomst.get("fout")
    response = uitkomst["response"]
    assert response.status_code == 400
    assert response.context["form"].errors == {"code": [CODE_BEZET]}
    assert sorted(Relatie.objects.values_list("code", "naam")) == [
        ("1001", relatie.naam),
        ("3003", andere.naam),
    ]
