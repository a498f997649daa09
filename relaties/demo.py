"""Demo relations of the demo office: clients and contacts, companies and private persons.

Every number is invented and made valid by computing its check digits (never a real person's
number: the bases are arbitrary and the IBANs use the bank code DEMO). Each relation is created
by a demo employee, so the teams app makes that employee its klantbeheerder (R4, D3).
Idempotent: relations are found by code, connecties by their pair.
"""

from __future__ import annotations

from typing import TextIO

from stdnum import iban

from kantoor.demo import MEDEWERKERS, importmap
from kantoor.models import Kantoor, Medewerker
from relaties.models import Aangiftetijdvak, Connectie, Relatie, Soort, Type

# (naam, soort, type, plaats, aangiftetijdvak)
RELATIES = [
    ("Bakkerij Van der Meer B.V.", Soort.KLANT, Type.BEDRIJF, "Utrecht", "kwartaal"),
    ("Installatiebedrijf Hoekstra", Soort.KLANT, Type.BEDRIJF, "Amersfoort", "maand"),
    ("Café De Gouden Leeuw", Soort.KLANT, Type.BEDRIJF, "Zeist", "kwartaal"),
    ("Hoveniersbedrijf Groen & Zn.", Soort.KLANT, Type.BEDRIJF, "Houten", "kwartaal"),
    ("Transportbedrijf Kuipers B.V.", Soort.KLANT, Type.BEDRIJF, "Nieuwegein", "maand"),
    ("Tandartspraktijk Mulder", Soort.KLANT, Type.BEDRIJF, "Utrecht", "geen"),
    ("Architectenbureau Lijn & Vorm", Soort.KLANT, Type.BEDRIJF, "Bilthoven", "kwartaal"),
    ("Fietsenmakerij De Spaak", Soort.KLANT, Type.BEDRIJF, "De Bilt", "kwartaal"),
    ("Schildersbedrijf Kleurrijk", Soort.KLANT, Type.BEDRIJF, "IJsselstein", "kwartaal"),
    ("Kapsalon Knip", Soort.KLANT, Type.BEDRIJF, "Maarssen", "jaar"),
    ("Webbureau Pixelwerk B.V.", Soort.KLANT, Type.BEDRIJF, "Utrecht", "maand"),
    ("Zorgboerderij De Hoeve", Soort.KLANT, Type.BEDRIJF, "Driebergen", "kwartaal"),
    ("Stichting Muziekschool Harmonie", Soort.KLANT, Type.BEDRIJF, "Utrecht", "geen"),
    ("Bouwbedrijf Stevig B.V.", Soort.KLANT, Type.BEDRIJF, "Veenendaal", "maand"),
    ("Drukkerij Letterzetter", Soort.KLANT, Type.BEDRIJF, "Woerden", "kwartaal"),
    ("Restaurant Smaakvol", Soort.KLANT, Type.BEDRIJF, "Utrecht", "kwartaal"),
    ("Autobedrijf Snel", Soort.KLANT, Type.BEDRIJF, "Amersfoort", "maand"),
    ("Bloemisterij Roos", Soort.KLANT, Type.BEDRIJF, "Zeist", "kwartaal"),
    ("Holding De Vries Beheer B.V.", Soort.KLANT, Type.BEDRIJF, "Utrecht", "geen"),
    ("Yogastudio Balans", Soort.KLANT, Type.BEDRIJF, "Utrecht", "jaar"),
    ("Loodgietersbedrijf Droog", Soort.KLANT, Type.BEDRIJF, "Nieuwegein", "kwartaal"),
    ("Adviesbureau Helder", Soort.KLANT, Type.BEDRIJF, "Houten", "kwartaal"),
    ("Jeroen Bakker", Soort.KLANT, Type.PARTICULIER, "Utrecht", "geen"),
    ("Marieke de Jong", Soort.KLANT, Type.PARTICULIER, "Zeist", "geen"),
    ("Ahmed el Idrissi", Soort.KLANT, Type.PARTICULIER, "Amersfoort", "geen"),
    ("Sophie van Dijk", Soort.KLANT, Type.PARTICULIER, "De Bilt", "geen"),
    ("Willem Hendriks", Soort.KLANT, Type.PARTICULIER, "Houten", "geen"),
    ("Lisa Vermeulen", Soort.KLANT, Type.PARTICULIER, "Utrecht", "geen"),
    ("Thomas Peters", Soort.KLANT, Type.PARTICULIER, "Woerden", "geen"),
    ("Noor Bos", Soort.KLANT, Type.PARTICULIER, "Bilthoven", "geen"),
    ("Notariskantoor Van Rijn", Soort.CONTACT, Type.BEDRIJF, "Utrecht", "geen"),
    ("Demobank Utrecht", Soort.CONTACT, Type.BEDRIJF, "Utrecht", "geen"),
    ("Advocatenkantoor Recht & Slecht", Soort.CONTACT, Type.BEDRIJF, "Amersfoort", "geen"),
    ("Verzekeringen Zeker B.V.", Soort.CONTACT, Type.BEDRIJF, "Zeist", "geen"),
    ("Prospect Koffiebranderij Bonen", Soort.CONTACT, Type.BEDRIJF, "Utrecht", "kwartaal"),
    ("Henk van der Meer", Soort.CONTACT, Type.PARTICULIER, "Utrecht", "geen"),
    ("Petra Hoekstra", Soort.CONTACT, Type.PARTICULIER, "Amersfoort", "geen"),
    ("Karin Kuipers", Soort.CONTACT, Type.PARTICULIER, "Nieuwegein", "geen"),
    ("Erik Mulder", Soort.CONTACT, Type.PARTICULIER, "Utrecht", "geen"),
    ("Prospect Sanne Vos", Soort.CONTACT, Type.PARTICULIER, "Zeist", "geen"),
]

# (index, index, omschrijving): contact persons at companies, the notary and bank of clients.
CONNECTIES = [
    (0, 35, "Directeur-eigenaar"),
    (1, 36, "Contactpersoon administratie"),
    (4, 37, "Directeur"),
    (5, 38, "Praktijkhouder"),
    (0, 30, "Notaris"),
    (18, 30, "Notaris"),
    (18, 22, "Aandeelhouder"),
    (13, 31, "Huisbank"),
    (4, 31, "Huisbank"),
    (16, 33, "Verzekeraar"),
]


def elf_proef(basis: int) -> str:
    """A 9-digit number that passes the 11-proef, made from an invented 8-digit base."""
    while True:
        cijfers = [int(c) for c in f"{basis:08d}"]
        controle = sum(c * w for c, w in zip(cijfers, range(9, 1, -1), strict=True)) % 11
        if controle < 10:
            return f"{basis:08d}{controle}"
        basis += 1


def demo_iban(nummer: int) -> str:
    zonder = f"NL00DEMO{nummer:010d}"
    return zonder[:2] + iban.calc_check_digits(zonder) + zonder[4:]


def gegevens(index: int, naam: str, soort: str, type_: str, plaats: str, tijdvak: str) -> dict:
    bedrijf = type_ == Type.BEDRIJF
    nummer = elf_proef(73_100_000 + index * 1_237)
    slug = "".join(c for c in naam.lower() if c.isalnum())[:20]
    return {
        "naam": naam,
        "soort": soort,
        "type": type_,
        "plaats": plaats,
        "straat": ["Oudegracht", "Lange Nieuwstraat", "Stationsplein", "Dorpsstraat"][index % 4],
        "huisnummer": str(10 + index),
        "postcode": f"{3500 + index * 7} {'ABCDEFGHJK'[index % 10]}{'LMNPRSTVWX'[index % 10]}",
        "email": f"info@{slug}.example" if bedrijf else f"{slug}@mail.example",
        "telefoon": f"030-{2_000_000 + index * 1_111}",
        "kvk_nummer": f"{90_000_000 + index * 17:08d}" if bedrijf else "",
        "rsin": nummer if bedrijf else "",
        "bsn": "" if bedrijf else nummer,
        "btw_id": f"NL{nummer}B01" if bedrijf and tijdvak != Aangiftetijdvak.GEEN else "",
        "iban": demo_iban(400_000 + index),
        "aangiftetijdvak": tijdvak,
        "uitstelregeling": soort == Soort.KLANT and index % 3 == 0,
    }


def seed(kantoor: Kantoor, out: TextIO) -> None:
    """About 40 relations and some connecties, each relation created by a demo employee."""
    makers = [Medewerker.objects.get(kantoor=kantoor, code=demo.code) for demo in MEDEWERKERS[1:]]
    relaties: list[Relatie] = []
    for index, rij in enumerate(RELATIES):
        code = f"{1001 + index:04d}"
        relatie = Relatie.objects.for_kantoor(kantoor).filter(code=code).first()
        if relatie is None:
            relatie = Relatie(
                kantoor=kantoor,
                code=code,
                aangemaakt_door=makers[index % len(makers)],
                **gegevens(index, *rij),
            )
            relatie.full_clean()
            relatie.save()
        relaties.append(relatie)
    for a, b, omschrijving in CONNECTIES:
        if not relaties[a].connecties().filter(pk__in=relaties[b].connecties()).exists():
            connectie = Connectie(
                kantoor=kantoor,
                relatie_a=relaties[a],
                relatie_b=relaties[b],
                omschrijving=omschrijving,
            )
            connectie.full_clean()
            connectie.save()
    out.write(f"Demo relations: {len(relaties)}, each with its creator as klantbeheerder.\n")
    schrijf_importvoorbeeld(kantoor, out)


# A sample file for the relation import: one new client and one changed phone number.
IMPORT_REGELS = [
    ("code", "naam", "soort", "type", "plaats", "telefoon", "klantbeheerder", "aangiftetijdvak"),
    ("1001", RELATIES[0][0], "klant", "bedrijf", "Utrecht", "030-1234567", "SJANSEN", "kwartaal"),
    ("2001", "Kaasboerderij Het Wiel", "klant", "bedrijf", "Woerden", "", "PBAKKER", "maand"),
]


def schrijf_importvoorbeeld(kantoor: Kantoor, out: TextIO) -> None:
    """Writes `relaties.csv` beside the employees' sample files (the same bytes every run)."""
    pad = importmap() / "relaties.csv"
    pad.parent.mkdir(parents=True, exist_ok=True)
    pad.write_text("".join(";".join(r) + "\r\n" for r in IMPORT_REGELS), encoding="utf-8")
    out.write(
        f"Sample file to import relations: {pad}\n"
        f"  .venv/bin/python manage.py importeer_relaties {pad} "
        f"--kantoor {kantoor.code} --dry-run\n"
    )
