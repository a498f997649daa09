"""The demo office: "Administratiekantoor De Vries & Partners", its employees and roles.

Each app may have a `demo` module with a `seed(kantoor, out)` function; `manage.py demo` calls
them in the order of INSTALLED_APPS, so that a higher app (teams, taken) adds to what a lower one
(kantoor, relaties) made without the lower one importing it. Every seed is idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from django.conf import settings

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
    schrijf_importvoorbeelden(out)


# --- Sample files for the import of employees (R7) ------------------------------------------------
# Invented people. Against the demo office the XML creates three employees (one inactive: deleted
# in the ledger), updates one, deactivates one (disabled in the ledger until 2099), leaves two
# unchanged and skips a client's login; the CSV creates two and updates one. Bram Mulder, whom the
# XML disables, is the only klantbeheerder of some demo relations, so the XML is refused (D8)
# until Medewerker vervangen has moved his relations to a colleague: the demo shows the guard.

TWINFIELD_GEBRUIKERS = [
    # code, name, shortname, culture, type, status, disable from, disable to
    ("JDEVRIES", "Jan de Vries", "Jan", "nl-NL", "accountant", "active", "", ""),
    ("SJANSEN", "Sanne Jansen", "Sanne", "nl-NL", "accountant", "active", "", ""),
    ("PBAKKER", "Pieter Bakker-de Wit", "Pieter", "nl-NL", "accountant", "active", "", ""),
    (
        "BMULDER",
        "Bram Mulder",
        "Bram",
        "nl-NL",
        "accountant",
        "active",
        "20260101000000",
        "20991231000000",
    ),
    ("MDEJONG", "Mohammed de Jong", "Mohammed", "en-GB", "accountant", "active", "", ""),
    ("ANIEUWENHUIS", "Anouk Nieuwenhuis", "Anouk", "nl-NL", "accountant", "active", "", ""),
    ("TVERMEULEN", "Tom Vermeulen", "Tom", "nl-NL", "accountant", "deleted", "", ""),
    ("BAKKERIJ-HOEK", "Bakkerij De Hoek (klant)", "Hoek", "nl-NL", "user", "active", "", ""),
]

CSV_REGELS = [
    ("code", "naam", "korte naam", "e-mail", "taal", "actief"),
    ("SJANSEN", "Sanne Jansen-Vos", "Sanne", f"sanne@{EMAIL_DOMEIN}", "nl", "ja"),
    ("KYILMAZ", "Kemal Yılmaz", "Kemal", f"kemal@{EMAIL_DOMEIN}", "nl", "ja"),  # noqa: RUF001
    ("RPETERS", "Rosa Peters", "Rosa", f"rosa@{EMAIL_DOMEIN}", "en", "ja"),
]


def twinfield_xml() -> str:
    """Users as Twinfield's `<read><type>user</type>` answers them: one response per user,
    each with its own declaration, as several responses saved in one file."""
    delen = []
    for code, naam, kort, culture, soort, status, van, tot in TWINFIELD_GEBRUIKERS:
        delen.append(
            '<?xml version="1.0" encoding="utf-8"?>\n'
            f'<user status="{status}" result="1">\n'
            f"  <code>{code}</code>\n"
            f"  <name>{naam.replace('&', '&amp;')}</name>\n"
            f"  <shortname>{kort}</shortname>\n"
            f"  <culture>{culture}</culture>\n"
            '  <role level="1">LVL1_INTERN</role>\n'
            f"  <email>{kort.lower()}@{EMAIL_DOMEIN}</email>\n"
            f"  <type>{soort}</type>\n"
            f"  <account><disable><from>{van}</from><to>{tot}</to></disable></account>\n"
            "</user>\n"
        )
    return "".join(delen)


def medewerkers_csv() -> str:
    return "".join(";".join(regel) + "\r\n" for regel in CSV_REGELS)


def importmap() -> Path:
    return Path(getattr(settings, "DEMO_IMPORT_DIR", settings.BASE_DIR / "demo-import"))


def schrijf_importvoorbeelden(out: TextIO) -> None:
    """Writes the sample files (git-ignored) and says where they are; the same bytes every run."""
    map_ = importmap()
    map_.mkdir(parents=True, exist_ok=True)
    xml_pad = map_ / "medewerkers-twinfield.xml"
    csv_pad = map_ / "medewerkers.csv"
    xml_pad.write_text(twinfield_xml(), encoding="utf-8")
    # With a BOM, as Excel saves "CSV UTF-8".
    csv_pad.write_text(medewerkers_csv(), encoding="utf-8-sig")
    out.write(
        f"\nSample files to import employees (Beheer > Medewerkers > Medewerkers importeren):\n"
        f"  {xml_pad}  (disables Bram Mulder: replace him first, D8)\n  {csv_pad}\n"
        f"  or: .venv/bin/python manage.py importeer_medewerkers {csv_pad} "
        f"--kantoor {KANTOOR_CODE} --dry-run\n"
    )


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
