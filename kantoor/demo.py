"""The demo office: "Administratiekantoor De Vries & Partners", its employees and roles.

Each app may have a `demo` module with a `seed(kantoor, out)` function; `manage.py demo` calls
them in the order of INSTALLED_APPS, so that a higher app (teams, taken) adds to what a lower one
(kantoor, relaties) made without the lower one importing it. Every seed is idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TextIO

from kantoor.models import InterneRol, Kantoor, Medewerker

KANTOOR_CODE = "devries"
KANTOOR_NAAM = "Administratiekantoor De Vries & Partners"
# Printed by the command; the demo refuses to run with DEBUG off, so it never reaches production.
DEMO_WACHTWOORD = "demo-kantoor-2027"
EMAIL_DOMEIN = "devriespartners.example"


@dataclass(frozen=True)
class DemoMedewerker:
    code: str
    naam: str
    korte_naam: str
    is_beheerder: bool = False

    @property
    def email(self) -> str:
        return f"{self.korte_naam.lower()}@{EMAIL_DOMEIN}"


MEDEWERKERS = [
    DemoMedewerker("JDEVRIES", "Jan de Vries", "Jan", is_beheerder=True),
    DemoMedewerker("SJANSEN", "Sanne Jansen", "Sanne"),
    DemoMedewerker("PBAKKER", "Pieter Bakker", "Pieter"),
    DemoMedewerker("FELAMRANI", "Fatima el Amrani", "Fatima"),
    DemoMedewerker("DVISSER", "Daan Visser", "Daan"),
    DemoMedewerker("LSMIT", "Lotte Smit", "Lotte"),
    DemoMedewerker("BMULDER", "Bram Mulder", "Bram"),
    DemoMedewerker("EDEBOER", "Eva de Boer", "Eva"),
]

# (code, naam, omschrijving); the system role Klantbeheerder comes with the office itself (D1).
ROLLEN = [
    ("BOEK", "Boekhouder", "Verwerkt de administratie en de btw-aangiften."),
    ("SAL", "Salarisadministrateur", "Verzorgt de salarisadministratie en loonaangiften."),
    ("FIS", "Fiscalist", "Verzorgt de aangiften inkomsten- en vennootschapsbelasting."),
    ("CTRL", "Controleur", "Controleert jaarrekeningen en aangiften voor verzending."),
    ("PART", "Partner", "Eindverantwoordelijk voor de klant."),
]


def seed(kantoor: Kantoor, out: TextIO) -> None:
    """Adds the office's roles and employees; the office itself is made by `ensure_kantoor`."""
    for code, naam, omschrijving in ROLLEN:
        InterneRol.objects.get_or_create(
            kantoor=kantoor, code=code, defaults={"naam": naam, "omschrijving": omschrijving}
        )
    for demo in MEDEWERKERS:
        medewerker, created = Medewerker.objects.get_or_create(
            kantoor=kantoor,
            code=demo.code,
            defaults={
                "naam": demo.naam,
                "korte_naam": demo.korte_naam,
                "email": demo.email,
                "is_beheerder": demo.is_beheerder,
            },
        )
        if created:
            medewerker.set_password(DEMO_WACHTWOORD)
            medewerker.save(update_fields=["password"])


def ensure_kantoor() -> Kantoor:
    kantoor, _ = Kantoor.objects.get_or_create(
        code=KANTOOR_CODE,
        defaults={"naam": KANTOOR_NAAM, "relatiecode_masker": "[0-9][0-9][0-9][0-9]"},
    )
    return kantoor


def print_logins(kantoor: Kantoor, out: TextIO) -> None:
    out.write(f"\nDemo office: {kantoor.naam}\n")
    out.write(f"Log in at http://127.0.0.1:8000/inloggen/ with password {DEMO_WACHTWOORD}:\n")
    for demo in MEDEWERKERS:
        rol = "  (office admin: Beheer)" if demo.is_beheerder else ""
        out.write(f"  {demo.email:<32} {demo.naam}{rol}\n")
