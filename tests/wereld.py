"""Two offices with one of everything, built once per test module (issue 9 item 8).

Office A holds the rows that office B must never reach; every name of office A contains
`MERK`, so a page that shows any of them gives itself away. Office B has the same rows of its
own, so that its pages are not empty.

Built outside the tests' transactions (`django_db_blocker`) and committed; each test still runs
in its own transaction that is rolled back, and the module ends with a flush.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import Group
from django.core.management import call_command

from kantoor.models import Kantoor
from relaties.models import Connectie, Soort
from taken.models import Agendatoken, TaakGebeurtenis, Takeninstellingen
from teams import services
from teams.models import Teamlid, TeamWijziging
from tests.factories import InterneRolFactory, KantoorFactory, MedewerkerFactory
from tests.relaties.factories import RelatieFactory
from tests.taken.factories import (
    OvereenkomstFactory,
    ProcesFactory,
    TaakFactory,
    TaaksjabloonFactory,
)

MERK = "ZQXMERK"


@dataclass
class Kantoorwereld:
    """One office and one row of every kind, by name (the keys the tests use)."""

    kantoor: Kantoor
    rijen: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, naam: str) -> Any:
        return self.rijen[naam]


@dataclass
class Wereld:
    a: Kantoorwereld
    b: Kantoorwereld


def bouw_kantoor(code: str, merk: str) -> Kantoorwereld:
    kantoor = KantoorFactory(naam=f"{merk} Kantoor {code}", code=code)
    # password=None: an unusable password, no hashing (the tests log in with force_login).
    beheerder = MedewerkerFactory(
        kantoor=kantoor, code="BEH", naam=f"{merk} Beheerder", is_beheerder=True, password=None
    )
    medewerker = MedewerkerFactory(
        kantoor=kantoor, code="MW", naam=f"{merk} Medewerker", password=None
    )
    collega = MedewerkerFactory(kantoor=kantoor, code="COL", naam=f"{merk} Collega", password=None)
    rol = InterneRolFactory(kantoor=kantoor, naam=f"{merk} Boekhouder", code="BOEK")
    klantbeheerder = kantoor.klantbeheerder_rol
    relatie = RelatieFactory(
        kantoor=kantoor, code="Z001", naam=f"{merk} Bakkerij", aangemaakt_door=beheerder
    )
    services.add_member(relatie, medewerker, klantbeheerder, door=beheerder)
    services.add_member(relatie, medewerker, rol, door=beheerder)
    services.add_member(relatie, collega, rol, door=beheerder)
    contact = RelatieFactory(
        kantoor=kantoor,
        code="Z002",
        naam=f"{merk} Notaris",
        soort=Soort.CONTACT,
        aangemaakt_door=beheerder,
    )
    derde = RelatieFactory(
        kantoor=kantoor, code="Z003", naam=f"{merk} Derde", aangemaakt_door=beheerder
    )
    connectie = Connectie.objects.create(
        kantoor=kantoor, relatie_a=relatie, relatie_b=contact, omschrijving=f"{merk} link"
    )
    overeenkomst = OvereenkomstFactory(kantoor=kantoor, relatie=relatie, naam=f"{merk} Btw")
    sjabloon = TaaksjabloonFactory(
        overeenkomst=overeenkomst, kantoor=kantoor, rol=rol, naam=f"{merk} Btw indienen"
    )
    proces = ProcesFactory(
        overeenkomst=overeenkomst,
        kantoor=kantoor,
        naam=f"{merk} Btw 2027-Q1",
        periode_label="2027-Q1",
    )
    taak = TaakFactory(
        kantoor=kantoor,
        relatie=relatie,
        proces=proces,
        sjabloon=sjabloon,
        rol=rol,
        naam=f"{merk} aangifte",
    )
    taak.oppakken(medewerker)
    for persoon in (beheerder, medewerker):
        # Made now: the calendar page makes one on its first visit, which would be a write.
        Agendatoken.voor(persoon)
    Takeninstellingen.voor(kantoor)
    return Kantoorwereld(
        kantoor,
        {
            "kantoor": kantoor,
            "beheerder": beheerder,
            "medewerker": medewerker,
            "collega": collega,
            "rol": rol,
            "klantbeheerder_rol": klantbeheerder,
            "relatie": relatie,
            "contact": contact,
            "derde": derde,
            "teamlid": Teamlid.objects.get(relatie=relatie, medewerker=medewerker, rol=rol),
            "teamwijziging": TeamWijziging.objects.filter(relatie=relatie).earliest("pk"),
            "connectie": connectie,
            "overeenkomst": overeenkomst,
            "taaksjabloon": sjabloon,
            "proces": proces,
            "taak": taak,
            "taakgebeurtenis": TaakGebeurtenis.objects.get(taak=taak),
            "agendatoken": Agendatoken.objects.get(medewerker=medewerker),
            "takeninstellingen": Takeninstellingen.objects.get(kantoor=kantoor),
        },
    )


def bouw() -> Wereld:
    wereld = Wereld(a=bouw_kantoor("zqx-a", MERK), b=bouw_kantoor("elders-b", "Elders"))
    # Groups belong to no office: Beheer keeps them for the platform only.
    wereld.a.rijen["groep"] = Group.objects.create(name=f"{MERK} groep")
    return wereld


@contextmanager
def gedeelde_wereld(django_db_blocker: Any) -> Iterator[Wereld]:
    """The world, committed for the module; everything is flushed afterwards."""
    try:
        with django_db_blocker.unblock():
            wereld = bouw()
        yield wereld
    finally:
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)


def alle_rijen_van(*modellen: type) -> dict[str, list[dict[str, Any]]]:
    """A snapshot of every row of these models, to compare before and after a request."""
    return {m._meta.label: list(m._base_manager.order_by("pk").values()) for m in modellen}
