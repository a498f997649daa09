"""An employee import that deactivates klantbeheerder A while a colleague takes klantbeheerder B
off the same relation (issue 9 row 8): one lock order, so that they never deadlock into a 500;
the loser gets the same refusal as when they come one after the other (D2, D8)."""

from __future__ import annotations

import threading
from functools import partial

import pytest

from kantoor.importers import ImportGeweigerd, importeer
from kantoor.models import Medewerker
from teams import services
from teams.models import Teamlid
from tests.factories import InterneRolFactory, MedewerkerFactory
from tests.relaties.factories import RelatieFactory
from tests.teams.test_database import in_thread

RONDES = 40


def csv_deactiveer(medewerker: Medewerker) -> bytes:
    return f"code;naam;actief\n{medewerker.code};{medewerker.naam};nee\n".encode()


def na_barrier(barrier: threading.Barrier, werk, *args):
    barrier.wait(timeout=10)
    return werk(*args)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("hernoemen", [False, True], ids=["deactiveren", "ook-hernoemen"])
def test_import_deactivating_a_and_removal_of_b_never_deadlock(kantoor, medewerker, hernoemen):
    """Issue 9 row 8: in every round exactly one of the two goes through; the other gets its
    ordinary refusal (the import: A is the only klantbeheerder left; the removal: B is the last
    active one), never `deadlock detected`; and the relation keeps an active klantbeheerder."""
    rol = kantoor.klantbeheerder_rol
    for ronde in range(RONDES):
        a = MedewerkerFactory(kantoor=kantoor, code=f"A{ronde}")
        b = MedewerkerFactory(kantoor=kantoor, code=f"B{ronde}")
        relatie = RelatieFactory(kantoor=kantoor, code=f"R{ronde:03d}", aangemaakt_door=a)
        teamlid_b = services.add_member(relatie, b, rol, door=medewerker)
        data = csv_deactiveer(a)
        if hernoemen:
            data = data.replace(a.naam.encode(), b"Andere Naam")
        barrier = threading.Barrier(2)

        runs = [
            in_thread(na_barrier, barrier, importeer, kantoor, data),
            in_thread(
                na_barrier, barrier, partial(services.remove_role, teamlid_b, door=medewerker)
            ),
        ]
        for thread, _uitkomst in runs:
            thread.join(timeout=60)
        (_t, importuitkomst), (_t2, verwijderuitkomst) = runs
        fouten = [u["fout"] for u in (importuitkomst, verwijderuitkomst) if "fout" in u]

        assert len(fouten) == 1, (ronde, fouten)
        a.refresh_from_db()
        if "fout" in importuitkomst:
            assert isinstance(importuitkomst["fout"], ImportGeweigerd), (ronde, fouten)
            assert "kan niet worden gedeactiveerd" in str(importuitkomst["fout"]), ronde
            assert a.is_active
            assert not Teamlid.objects.filter(pk=teamlid_b.pk).exists()
        else:
            assert isinstance(verwijderuitkomst["fout"], services.LaatsteKlantbeheerder), (
                ronde,
                fouten,
            )
            assert not a.is_active
            assert Teamlid.objects.filter(pk=teamlid_b.pk).exists()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_import_renaming_two_klantbeheerders_and_a_role_change_never_deadlock(kantoor, medewerker):
    """Issue 9 row 8: a role change locks the staying klantbeheerder and the member in id order,
    as the import locks the employees it renames, so neither waits for the other in a circle;
    both go through in every round."""
    andere_rol = InterneRolFactory(kantoor=kantoor)
    rol = kantoor.klantbeheerder_rol
    for ronde in range(RONDES):
        # The member who changes role has the lower id, the klantbeheerder who stays the higher.
        lid = MedewerkerFactory(kantoor=kantoor, code=f"M{ronde}")
        blijver = MedewerkerFactory(kantoor=kantoor, code=f"K{ronde}")
        relatie = RelatieFactory(kantoor=kantoor, code=f"C{ronde:03d}", aangemaakt_door=blijver)
        teamlid = services.add_member(relatie, lid, rol, door=medewerker)
        data = (
            f"code;naam\n{lid.code};Nieuwe naam {ronde}\n{blijver.code};Andere naam {ronde}\n"
        ).encode()
        barrier = threading.Barrier(2)

        runs = [
            in_thread(na_barrier, barrier, importeer, kantoor, data),
            in_thread(
                na_barrier,
                barrier,
                partial(services.change_role, teamlid, andere_rol, door=medewerker),
            ),
        ]
        for thread, _uitkomst in runs:
            thread.join(timeout=60)

        assert [u.get("fout") for _t, u in runs] == [None, None], ronde
        assert Teamlid.objects.get(pk=teamlid.pk).rol == andere_rol
        assert Medewerker.objects.get(pk=lid.pk).naam == f"Nieuwe naam {ronde}"
