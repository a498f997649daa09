"""The leaver flow (replace A by B, deactivate A) while the employee import deactivates B
(issue 10 item 3, issue 9 row 8): one lock order, so that they never deadlock; exactly one of
the two goes through, and the relation always keeps an active klantbeheerder (D2, D8)."""

from __future__ import annotations

import threading

import pytest

from kantoor.importers import ImportGeweigerd, importeer
from teams import services
from teams.models import Teamlid
from tests.factories import MedewerkerFactory
from tests.relaties.factories import RelatieFactory
from tests.teams.test_database import in_thread
from tests.teams.test_import_race import csv_deactiveer, na_barrier

RONDES = 20


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_leaver_flow_and_import_deactivating_the_replacement_never_deadlock(kantoor, beheerder):
    """D8: whichever comes first wins; the other gets its ordinary refusal, never a deadlock."""
    for ronde in range(RONDES):
        a = MedewerkerFactory(kantoor=kantoor, code=f"A{ronde}")
        b = MedewerkerFactory(kantoor=kantoor, code=f"B{ronde}")
        relatie = RelatieFactory(kantoor=kantoor, code=f"R{ronde:03d}", aangemaakt_door=a)
        barrier = threading.Barrier(2)
        runs = [
            in_thread(
                na_barrier,
                barrier,
                lambda a=a, b=b: services.vertrek(kantoor, a, b, door=beheerder),
            ),
            in_thread(na_barrier, barrier, importeer, kantoor, csv_deactiveer(b)),
        ]
        for thread, _uitkomst in runs:
            thread.join(timeout=60)
        (_t, vertrek), (_t2, importuitkomst) = runs
        fouten = [u["fout"] for u in (vertrek, importuitkomst) if "fout" in u]

        assert len(fouten) == 1, (ronde, fouten)
        a.refresh_from_db()
        b.refresh_from_db()
        if "fout" in vertrek:
            assert isinstance(vertrek["fout"], services.TeamFout), (ronde, fouten)
            assert a.is_active and not b.is_active
        else:
            assert isinstance(importuitkomst["fout"], ImportGeweigerd), (ronde, fouten)
            assert b.is_active and not a.is_active
        assert (
            Teamlid.objects.klantbeheerders()
            .filter(relatie=relatie, medewerker__is_active=True)
            .exists()
        ), ronde
