"""Demo teams: every demo relation gets a realistic team (R1, R3, R5).

Its creator is its klantbeheerder already (R4, D3); here one to three colleagues join in the
office's other roles (Boekhouder, Salarisadministrateur, Fiscalist, Controleur, Partner), each
through teams.services, so the history shows them too. Idempotent: a member who is there
already is not added again.
"""

from __future__ import annotations

from typing import TextIO

from kantoor.demo import MEDEWERKERS, ROLLEN
from kantoor.models import InterneRol, Kantoor, Medewerker
from relaties.models import Relatie, Type
from teams import services
from teams.models import Bron, Teamlid

# Which roles a client needs, by its size: a private person has a tax adviser, a company a
# bookkeeper, most of them payroll, and the larger ones a controller and a partner.
ROLPATRONEN = [
    ["BOEK"],
    ["BOEK", "SAL"],
    ["BOEK", "FIS", "PART"],
    ["BOEK", "SAL", "CTRL"],
]


def seed(kantoor: Kantoor, out: TextIO) -> None:
    rollen = {
        r.code: r
        for r in InterneRol.objects.for_kantoor(kantoor).filter(code__in=[c for c, *_ in ROLLEN])
    }
    mensen = list(
        Medewerker.objects.for_kantoor(kantoor)
        .filter(code__in=[m.code for m in MEDEWERKERS])
        .order_by("code")
    )
    beheerder = next((m for m in mensen if m.is_beheerder), None)
    if not rollen or not mensen:
        out.write("Demo teams: no demo roles or employees; skipped.\n")
        return
    aanwezig = set(
        Teamlid.objects.for_kantoor(kantoor).values_list("relatie_id", "medewerker_id", "rol_id")
    )
    toegevoegd = 0
    relaties = Relatie.objects.for_kantoor(kantoor).order_by("code")
    for index, relatie in enumerate(relaties):
        patroon = ["FIS"] if relatie.type == Type.PARTICULIER else ROLPATRONEN[index % 4]
        andere = [m for m in mensen if m.pk != relatie.aangemaakt_door_id]
        for stap, code in enumerate(patroon):
            rol = rollen.get(code)
            if rol is None:
                continue
            medewerker = andere[(index + stap * 3) % len(andere)]
            if (relatie.pk, medewerker.pk, rol.pk) in aanwezig:
                continue
            services.add_member(relatie, medewerker, rol, door=beheerder, bron=Bron.IMPORT)
            toegevoegd += 1
    out.write(f"Demo teams: {toegevoegd} team members added to {relaties.count()} relations.\n")
