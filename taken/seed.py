"""A large, invented office for load benchmarks (issue 11): `manage.py seed`.

At the default size it is the size of the largest offices: 20,000 relations, 200 employees,
15 roles, teams of 2-5 (one or two klantbeheerders), each employee on roughly 100-1,500 teams
(skewed: a few on very many), agreements with monthly, quarterly and yearly processes over two
years and about 500,000 tasks (past ones mostly done, some picked up), plus a second, small
office so that every page's office scope (D9) has something to leave out. `schaal` shrinks or
grows it.

The data is invented but valid: codes follow the office's mask, RSIN/BSN, btw-id, IBAN and
postcode pass python-stdnum, due dates come from `taken.termijnen` as the generator computes
them, and every relation has a klantbeheerder (R2). Everything is written in one transaction
(the PostgreSQL trigger of teams/migrations/0003 checks R2 at commit, so the team rows go in
with the relations), with explicit ids so that rows can reference each other before they are
written, by COPY on PostgreSQL and by batched INSERTs elsewhere. Dates are relative to
`vandaag`, so a seed of a given day, scale and random seed is the same every time.

It lives in taken, the top of the dependency chain (taken -> teams -> relaties -> kantoor),
because it writes the rows of every app.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, TextIO

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import btw as stdnum_btw
from stdnum.nl import postcode as stdnum_postcode

from kantoor.models import InterneRol, Kantoor, Medewerker
from relaties.codes import Masker
from relaties.models import Relatie, zoektekst_van
from taken.models import Overeenkomst, Proces, Taak, TaakGebeurtenis, Taaksjabloon
from taken.termijnen import Deadline, Periode, VasteDatum, periode_for, vervaldatum
from teams.models import Teamlid, TeamWijziging

GROOT = "seed-groot"
KLEIN = "seed-klein"
SEED_KANTOREN = (GROOT, KLEIN)


class SeedGeweigerd(Exception):
    """The database is not one the seed may write to; the message says why and what to do."""


# --- What an office's work looks like -----------------------------------------------------------

# (code, name) of the working roles; Klantbeheerder comes with the office (D1): 15 in all.
ROLLEN = [
    ("BOEK", "Boekhouder"),
    ("SAL", "Salarisadministrateur"),
    ("FIS", "Fiscalist"),
    ("CTRL", "Controleur"),
    ("PART", "Partner"),
    ("ASS", "Assistent-accountant"),
    ("JBOEK", "Junior boekhouder"),
    ("SBOEK", "Senior boekhouder"),
    ("LOON", "Loonadviseur"),
    ("BELAST", "Belastingadviseur"),
    ("REL", "Relatiebeheerder"),
    ("JUR", "Jurist"),
    ("ADV", "Bedrijfsadviseur"),
    ("STAG", "Stagiair"),
]


@dataclass(frozen=True)
class Sjabloon:
    naam: str
    mijlpaal: str
    rol: str | None  # None: the client's work (D6)
    herhaling: str  # maand, kwartaal, jaar or aangiftetijdvak
    deadline: Deadline
    velden: dict[str, Any] = field(default_factory=dict)


UITSTEL = VasteDatum(5, 1, 2)
PAKKETTEN: dict[str, list[Sjabloon]] = {
    "Btw-aangifte": [
        Sjabloon(
            "Stukken aanleveren",
            "Voorbereiding",
            None,
            "aangiftetijdvak",
            Deadline.days_after(10),
            {"deadline_soort": "dagen_na_periode", "deadline_dagen": 10},
        ),
        Sjabloon(
            "Btw-aangifte opstellen",
            "Aangifte",
            "BOEK",
            "aangiftetijdvak",
            Deadline.end_of_next_month(),
            {"deadline_soort": "einde_volgende_maand"},
        ),
    ],
    "Salarisadministratie": [
        Sjabloon(
            "Mutaties doorgeven",
            "Voorbereiding",
            None,
            "maand",
            Deadline.days_after(0),
            {"deadline_soort": "dagen_na_periode", "deadline_dagen": 0},
        ),
        Sjabloon(
            "Loonaangifte",
            "Aangifte",
            "SAL",
            "maand",
            Deadline.end_of_next_month(),
            {"deadline_soort": "einde_volgende_maand"},
        ),
    ],
    "Jaarrekening": [
        Sjabloon(
            "Jaarrekening opstellen",
            "Samenstellen",
            "BOEK",
            "jaar",
            Deadline.days_after(150),
            {"deadline_soort": "dagen_na_periode", "deadline_dagen": 150},
        ),
        Sjabloon(
            "Jaarrekening controleren",
            "Review",
            "CTRL",
            "jaar",
            Deadline.days_after(165),
            {"deadline_soort": "dagen_na_periode", "deadline_dagen": 165},
        ),
    ],
    "Aangifte inkomstenbelasting": [
        Sjabloon(
            "Gegevens IB aanleveren",
            "Voorbereiding",
            None,
            "jaar",
            Deadline.days_after(60),
            {"deadline_soort": "dagen_na_periode", "deadline_dagen": 60},
        ),
        Sjabloon(
            "IB-aangifte",
            "Aangifte",
            "FIS",
            "jaar",
            Deadline.fixed(VasteDatum(5, 1, 1), UITSTEL),
            {
                "deadline_soort": "vaste_datum",
                "deadline_maand": 5,
                "deadline_dag": 1,
                "volgt_uitstelregeling": True,
            },
        ),
    ],
}

VOORNAMEN = [
    "Jan",
    "Sanne",
    "Pieter",
    "Fatima",
    "Daan",
    "Lotte",
    "Bram",
    "Eva",
    "Mohammed",
    "Anouk",
    "Tom",
    "Kemal",
    "Rosa",
    "Noah",
    "Emma",
    "Sem",
    "Julia",
    "Lucas",
    "Mila",
    "Finn",
    "Tess",
    "Levi",
    "Sophie",
    "Liam",
    "Zoë",
    "Milan",
    "Sara",
    "Luuk",
    "Yara",
    "Jesse",
    "Nina",
    "Thijs",
    "Iris",
    "Ahmed",
    "Fleur",
    "Ravi",
    "Chloé",
    "Bilal",
    "Femke",
    "Stijn",
    "Hanna",
    "Ömer",
    "Ilse",
    "Joris",
    "Maaike",
    "Sven",
    "Esra",
]
ACHTERNAMEN = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Mulder",
    "de Boer",
    "Meijer",
    "de Jong",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Dijk",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Berg",
    "Schouten",
    "van Beek",
    "Willems",
    "Hoekstra",
    "Koster",
    "Prins",
    "Huisman",
    "Peeters",
    "Kuipers",
    "Yılmaz",  # noqa: RUF001
    "El Amrani",
    "Öztürk",
    "Nguyen",
    "Çelik",
    "Verhoeven",
    "Lammers",
]
BEDRIJFSSOORTEN = [
    "Bakkerij",
    "Café",
    "Installatiebedrijf",
    "Kapsalon",
    "Transport",
    "Bouwbedrijf",
    "Adviesbureau",
    "Garage",
    "Bloemisterij",
    "Drukkerij",
    "Tandartspraktijk",
    "Schildersbedrijf",
    "Webwinkel",
    "Hoveniers",
    "Slagerij",
    "Fysiotherapie",
    "Architectenbureau",
    "Groothandel",
    "Autorijschool",
    "Restaurant",
]
RECHTSVORMEN = ["B.V.", "V.O.F.", "", "Holding B.V.", "& Zn."]
PLAATSEN = [
    "Amsterdam",
    "Rotterdam",
    "Utrecht",
    "Den Haag",
    "Eindhoven",
    "Groningen",
    "Tilburg",
    "Almere",
    "Breda",
    "Nijmegen",
    "Apeldoorn",
    "Haarlem",
    "Arnhem",
    "Enschede",
    "Amersfoort",
    "Zwolle",
    "Leiden",
    "Maastricht",
    "Dordrecht",
    "Delft",
    "'s-Hertogenbosch",
    "Leeuwarden",
    "Alkmaar",
    "Deventer",
    "Hoorn",
    "Gouda",
    "Zaandam",
    "Venlo",
    "Helmond",
    "Emmen",
]
STRATEN = [
    "Dorpsstraat",
    "Kerkstraat",
    "Stationsweg",
    "Molenweg",
    "Schoolstraat",
    "Nieuwstraat",
    "Marktplein",
    "Hoofdstraat",
    "Industrieweg",
    "Julianalaan",
    "Beatrixstraat",
    "Parallelweg",
    "Havenkade",
    "Lindelaan",
    "Eikenlaan",
]


# --- Writing fast ------------------------------------------------------------------------------


class Schrijver:
    """Writes rows of one model by COPY (PostgreSQL) or batched INSERTs (elsewhere).

    Rows are dicts of attnames; a field a row leaves out gets the field's default, so that a
    field added later with a default needs no change here. Ids are reserved up front
    (`reserveer`), so that rows can reference rows not yet written.
    """

    def __init__(self) -> None:
        self.aantallen: dict[str, int] = {}
        self.seconden: dict[str, float] = {}

    def reserveer(self, model: type[models.Model], aantal: int) -> int:
        """The first of `aantal` consecutive ids for new rows of `model`."""
        tabel = model._meta.db_table
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [tabel])
                reeks = cursor.fetchone()[0]
                cursor.execute("SELECT nextval(%s)", [reeks])
                eerste = cursor.fetchone()[0]
                cursor.execute("SELECT setval(%s, %s)", [reeks, eerste + max(aantal, 1) - 1])
                return eerste
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(tabel)}")
            eerste = cursor.fetchone()[0] + 1
        # SQLite hands out max(id) + 1 itself, so writing the ids is the reservation.
        return eerste

    def schrijf(self, model: type[models.Model], rijen: Iterable[dict[str, Any]]) -> int:
        velden = [f for f in model._meta.concrete_fields]
        kolommen = [f.column for f in velden]
        standaard = {f.attname: (None if f.primary_key else f.get_default()) for f in velden}
        attnames = [f.attname for f in velden]
        tabel = connection.ops.quote_name(model._meta.db_table)
        lijst = ", ".join(connection.ops.quote_name(k) for k in kolommen)
        aantal = 0
        begin = time.monotonic()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {tabel} ({lijst}) FROM STDIN") as copy:
                    for rij in rijen:
                        copy.write_row([rij.get(a, standaard[a]) for a in attnames])
                        aantal += 1
            else:
                sql = f"INSERT INTO {tabel} ({lijst}) VALUES ({', '.join(['%s'] * len(velden))})"
                batch: list[list[Any]] = []
                for rij in rijen:
                    batch.append(
                        [
                            f.get_db_prep_save(rij.get(f.attname, standaard[f.attname]), connection)
                            for f in velden
                        ]
                    )
                    if len(batch) >= 5000:
                        cursor.executemany(sql, batch)
                        aantal += len(batch)
                        batch = []
                if batch:
                    cursor.executemany(sql, batch)
                    aantal += len(batch)
        label = model._meta.label
        self.aantallen[label] = self.aantallen.get(label, 0) + aantal
        self.seconden[label] = self.seconden.get(label, 0.0) + time.monotonic() - begin
        return aantal


# --- Valid invented numbers ----------------------------------------------------------------------


def elfproef_nummers(rng: random.Random, aantal: int) -> list[str]:
    """9-digit numbers that pass the 11-proef (BSN and RSIN alike), via python-stdnum."""
    nummers: list[str] = []
    while len(nummers) < aantal:
        kandidaat = f"{rng.randrange(10_000_000, 99_999_999):08d}"
        # The check digit d9 makes sum(9..2 weights) - d9 divisible by 11.
        som = sum((9 - i) * int(c) for i, c in enumerate(kandidaat))
        laatste = som % 11
        if laatste > 9:
            continue
        nummer = kandidaat + str(laatste)
        if stdnum_bsn.is_valid(nummer):
            nummers.append(nummer)
    return nummers


def ibans(rng: random.Random, aantal: int) -> list[str]:
    """Dutch IBANs with valid check digits (mod 97), invented bank codes."""
    from stdnum import iban

    banken = ["ABNA", "INGB", "RABO", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ"]
    resultaat: list[str] = []
    while len(resultaat) < aantal:
        basis = f"{rng.choice(banken)}{rng.randrange(10**9, 10**10):010d}"
        kandidaat = f"NL{iban.calc_check_digits('NL00' + basis)}{basis}"
        if iban.is_valid(kandidaat):
            resultaat.append(kandidaat)
    return resultaat


def postcodes(rng: random.Random, aantal: int) -> list[str]:
    letters = "ABCDEFGHJKLMNPRTUVWXZ"
    resultaat: list[str] = []
    while len(resultaat) < aantal:
        kandidaat = f"{rng.randrange(1000, 9999)} {rng.choice(letters)}{rng.choice(letters)}"
        if stdnum_postcode.is_valid(kandidaat):
            resultaat.append(stdnum_postcode.validate(kandidaat))
    return resultaat


# --- The office --------------------------------------------------------------------------------


@dataclass
class Maat:
    """The size of one seeded office."""

    relaties: int
    medewerkers: int


def maat(schaal: float) -> tuple[Maat, Maat]:
    groot = Maat(relaties=max(20, round(20_000 * schaal)), medewerkers=max(6, round(200 * schaal)))
    klein = Maat(relaties=max(10, round(200 * min(schaal, 1))), medewerkers=6)
    return groot, klein


def aware(dag: date, uur: int = 9) -> datetime:
    return datetime(dag.year, dag.month, dag.day, uur, tzinfo=UTC)


def periodes_tot(herhaling: str, start: date, vandaag: date) -> list[Periode]:
    periodes = []
    periode = periode_for(herhaling, start)
    while periode.start <= vandaag:
        periodes.append(periode)
        periode = periode.next()
    return periodes


class KantoorSeed:
    """Builds one office: its roles and employees by the ORM, everything else as rows."""

    def __init__(
        self,
        schrijver: Schrijver,
        rng: random.Random,
        vandaag: date,
        code: str,
        naam: str,
        masker: str,
        grootte: Maat,
        wachtwoord: str,
    ) -> None:
        self.w = schrijver
        self.rng = rng
        self.vandaag = vandaag
        self.start = date(vandaag.year - 1, 1, 1)
        self.code = code
        self.naam = naam
        self.masker = masker
        self.grootte = grootte
        self.wachtwoord = wachtwoord
        self.nu = aware(vandaag, 6)

    def bouw(self) -> Kantoor:
        kantoor = Kantoor.objects.create(
            naam=self.naam, code=self.code, relatiecode_masker=self.masker
        )
        self.kantoor = kantoor
        self.kb = kantoor.klantbeheerder_rol
        self.rollen = {"KB": self.kb}
        for code, naam in ROLLEN:
            self.rollen[code] = InterneRol.objects.create(kantoor=kantoor, code=code, naam=naam)
        self.medewerkers = self.maak_medewerkers()
        self.maak_relaties_en_teams()
        self.maak_werk()
        return kantoor

    def maak_medewerkers(self) -> list[Medewerker]:
        rng = self.rng
        nieuw = []
        for i in range(self.grootte.medewerkers):
            voornaam, achternaam = rng.choice(VOORNAMEN), rng.choice(ACHTERNAMEN)
            code = f"M{i + 1:04d}"
            nieuw.append(
                Medewerker(
                    kantoor=self.kantoor,
                    code=code,
                    naam=f"{voornaam} {achternaam}",
                    korte_naam=voornaam,
                    email=f"{code.lower()}@{self.code}.seed.example",
                    is_beheerder=i == 0,
                    password=self.wachtwoord,
                    date_joined=aware(self.start - timedelta(days=rng.randrange(0, 2000))),
                )
            )
        return Medewerker.objects.bulk_create(nieuw, batch_size=1000)

    def gewichten(self) -> list[float]:
        """How many teams each employee is on, relatively: skewed, from about 1 to 15, so that
        at the default size the busiest employee is on about 1,500 teams and the least busy
        on about 100 (the order of employees is shuffled, so the busiest is no fixed code)."""
        n = len(self.medewerkers)
        gewichten = [100 + 1400 * (1 - i / max(n - 1, 1)) ** 4 for i in range(n)]
        self.rng.shuffle(gewichten)
        return gewichten

    def maak_relaties_en_teams(self) -> None:
        rng = self.rng
        n = self.grootte.relaties
        masker = Masker.parse(self.masker)
        eerste_id = self.w.reserveer(Relatie, n)
        nummers = elfproef_nummers(rng, min(n, 5000) + 10)
        rekeningen = ibans(rng, min(n, 2000) + 10)
        pcs = postcodes(rng, min(n, 2000) + 10)
        gewichten = self.gewichten()
        ids = [m.pk for m in self.medewerkers]
        self.relaties: list[dict[str, Any]] = []
        self.team: dict[int, list[tuple[int, str]]] = {}  # relatie id -> [(medewerker, rolcode)]
        for i in range(n):
            rid = eerste_id + i
            klant = rng.random() < 0.85
            bedrijf = rng.random() < 0.7
            pakketten: list[str] = []
            tijdvak = "geen"
            if bedrijf:
                tijdvak = rng.choices(["kwartaal", "maand", "jaar", "geen"], [60, 20, 10, 10])[0]
            if klant and bedrijf:
                if tijdvak != "geen":
                    pakketten.append("Btw-aangifte")
                if rng.random() < 0.35:
                    pakketten.append("Salarisadministratie")
                pakketten.append("Jaarrekening")
            elif klant:
                pakketten.append("Aangifte inkomstenbelasting")
            if bedrijf:
                achternaam = rng.choice(ACHTERNAMEN)
                naam = f"{rng.choice(BEDRIJFSSOORTEN)} {achternaam} {rng.choice(RECHTSVORMEN)}"
            else:
                naam = f"{rng.choice(VOORNAMEN)} {rng.choice(ACHTERNAMEN)}"
            naam = naam.strip()
            code = masker.naar_code(masker.eerste + i)
            nummer = rng.choice(nummers)
            kvk = (
                f"{rng.randrange(10_000_000, 99_999_999)}" if bedrijf and rng.random() < 0.8 else ""
            )
            rsin = nummer if bedrijf and rng.random() < 0.6 else ""
            btw_id = f"NL{rsin}B01" if rsin and rng.random() < 0.8 else ""
            if btw_id and not stdnum_btw.is_valid(btw_id):
                btw_id = ""
            email = f"info{i}@{code.lower()}.seed.example" if rng.random() < 0.7 else ""
            rij = {
                "id": rid,
                "kantoor_id": self.kantoor.pk,
                "code": code,
                "naam": naam,
                "soort": "klant" if klant else "contact",
                "type": "bedrijf" if bedrijf else "particulier",
                "status": "actief" if rng.random() < 0.97 else "inactief",
                "email": email,
                "telefoon": f"0{rng.randrange(10, 99)}-{rng.randrange(1_000_000, 9_999_999)}",
                "straat": rng.choice(STRATEN),
                "huisnummer": str(rng.randrange(1, 250)),
                "postcode": rng.choice(pcs),
                "plaats": rng.choice(PLAATSEN),
                "land": "NL",
                "kvk_nummer": kvk,
                "vestigingsnummer": f"{rng.randrange(10**11, 10**12)}"
                if kvk and rng.random() < 0.5
                else "",
                "rsin": rsin,
                "bsn": nummer if not bedrijf and rng.random() < 0.5 else "",
                "btw_id": btw_id,
                "iban": rng.choice(rekeningen) if rng.random() < 0.6 else "",
                "aangiftetijdvak": tijdvak,
                "uitstelregeling": rng.random() < 0.3,
                "aangemaakt_op": aware(self.start - timedelta(days=rng.randrange(0, 3000))),
                "gewijzigd_op": self.nu,
                "zoektekst": zoektekst_van(code, naam, kvk, email),
            }
            # The team: 2-5 distinct employees, the busy ones more often; 1-2 klantbeheerders.
            grootte = min(rng.randint(2, 5), len(ids))
            leden: list[int] = []
            while len(leden) < grootte:
                for kandidaat in rng.choices(ids, gewichten, k=grootte):
                    if kandidaat not in leden and len(leden) < grootte:
                        leden.append(kandidaat)
            kbs = 2 if grootte >= 3 and rng.random() < 0.3 else 1
            team = [(m, "KB") for m in leden[:kbs]]
            nodig = sorted({s.rol for p in pakketten for s in PAKKETTEN[p] if s.rol})
            # D7: about one relation in a hundred misses one of its work's roles.
            if nodig and rng.random() < 0.01:
                nodig.remove(rng.choice(nodig))
            werkers = leden[kbs:] or leden
            for index, rolcode in enumerate(nodig):
                team.append((werkers[index % len(werkers)], rolcode))
            for m in leden[kbs:]:
                if not any(lid == m for lid, _r in team):
                    team.append((m, rng.choice(ROLLEN[4:])[0]))
            rij["aangemaakt_door_id"] = leden[0]
            rij["_pakketten"] = pakketten
            self.relaties.append(rij)
            self.team[rid] = sorted(set(team))
        self.w.schrijf(
            Relatie, ({k: v for k, v in r.items() if k[0] != "_"} for r in self.relaties)
        )
        self.schrijf_teams()

    def schrijf_teams(self) -> None:
        leden = [(rid, m, rolcode) for rid, team in self.team.items() for m, rolcode in team]
        eerste = self.w.reserveer(Teamlid, len(leden))
        kantoor_id = self.kantoor.pk
        rollen = self.rollen
        wanneer = aware(self.start - timedelta(days=30))

        def teamleden() -> Iterator[dict[str, Any]]:
            for i, (rid, m, rolcode) in enumerate(leden):
                yield {
                    "id": eerste + i,
                    "kantoor_id": kantoor_id,
                    "relatie_id": rid,
                    "medewerker_id": m,
                    "rol_id": rollen[rolcode].pk,
                    "toegevoegd_op": wanneer,
                }

        def wijzigingen() -> Iterator[dict[str, Any]]:
            # The history is complete from the first moment (as teams/migrations/0003 makes it).
            for rid, m, rolcode in leden:
                yield {
                    "kantoor_id": kantoor_id,
                    "relatie_id": rid,
                    "medewerker_id": m,
                    "rol_id": rollen[rolcode].pk,
                    "actie": "toegevoegd",
                    "op": wanneer,
                    "bron": "import",
                }

        self.w.schrijf(Teamlid, teamleden())
        eerste_w = self.w.reserveer(TeamWijziging, len(leden))
        self.w.schrijf(
            TeamWijziging, ({"id": eerste_w + i, **r} for i, r in enumerate(wijzigingen()))
        )

    def maak_werk(self) -> None:
        """Agreements, templates, processes and tasks over two years, with their history."""
        rng = self.rng
        vandaag = self.vandaag
        kantoor_id = self.kantoor.pk
        periodes = {h: periodes_tot(h, self.start, vandaag) for h in ("maand", "kwartaal", "jaar")}
        vervalcache: dict[tuple[int, str, bool], date] = {}
        overeenkomsten: list[dict[str, Any]] = []
        sjablonen: list[dict[str, Any]] = []
        processen: list[dict[str, Any]] = []
        taken: list[dict[str, Any]] = []
        gebeurtenissen: list[dict[str, Any]] = []
        # Ids are handed out here and reserved below, when the counts are known.
        o_id = s_id = p_id = t_id = 0
        for rij in self.relaties:
            if not rij["_pakketten"]:
                continue
            rid = rij["id"]
            houders: dict[str, list[int]] = {}
            for m, rolcode in self.team[rid]:
                houders.setdefault(rolcode, []).append(m)
            for pakket in rij["_pakketten"]:
                o_id += 1
                overeenkomsten.append(
                    {
                        "id": o_id,
                        "kantoor_id": kantoor_id,
                        "relatie_id": rid,
                        "naam": pakket,
                        "startdatum": self.start,
                        "status": "actief",
                    }
                )
                eigen: list[tuple[int, int, Sjabloon]] = []
                for volgorde, sjabloon in enumerate(PAKKETTEN[pakket]):
                    s_id += 1
                    eigen.append((s_id, volgorde, sjabloon))
                    sjablonen.append(
                        {
                            "id": s_id,
                            "kantoor_id": kantoor_id,
                            "overeenkomst_id": o_id,
                            "naam": sjabloon.naam,
                            "mijlpaal": sjabloon.mijlpaal,
                            "voor_klant": sjabloon.rol is None,
                            "rol_id": self.rollen[sjabloon.rol].pk if sjabloon.rol else None,
                            "herhaling": sjabloon.herhaling,
                            "volgorde": volgorde,
                            **sjabloon.velden,
                        }
                    )
                herhaling = eigen[0][2].herhaling
                if herhaling == "aangiftetijdvak":
                    herhaling = rij["aangiftetijdvak"]
                for periode in periodes[herhaling]:
                    p_id += 1
                    processen.append(
                        {
                            "id": p_id,
                            "kantoor_id": kantoor_id,
                            "overeenkomst_id": o_id,
                            "naam": f"{pakket} {periode.label}",
                            "periode_start": periode.start,
                            "periode_eind": periode.end,
                            "periode_label": periode.label,
                            "gestart_op": aware(periode.start),
                        }
                    )
                    for sid, volgorde, sjabloon in eigen:
                        sleutel = (volgorde, f"{pakket}{periode.label}", rij["uitstelregeling"])
                        datum = vervalcache.get(sleutel)
                        if datum is None:
                            datum = vervaldatum(
                                sjabloon.deadline, periode, uitstel=rij["uitstelregeling"]
                            )
                            vervalcache[sleutel] = datum
                        t_id += 1
                        taak = {
                            "id": t_id,
                            "kantoor_id": kantoor_id,
                            "proces_id": p_id,
                            "sjabloon_id": sid,
                            "relatie_id": rid,
                            "naam": sjabloon.naam,
                            "mijlpaal": sjabloon.mijlpaal,
                            "periode_label": periode.label,
                            "vervaldatum": datum,
                            "vervaldatum_handmatig": False,
                            "status": "openstaand",
                            "voor_klant": sjabloon.rol is None,
                            "rol_id": self.rollen[sjabloon.rol].pk if sjabloon.rol else None,
                        }
                        wie = houders.get(sjabloon.rol or "KB") or houders["KB"]
                        self.werk_bij(taak, rng.choice(wie), gebeurtenissen)
                        taken.append(taak)
        # Now the counts are known: shift the local numbers onto reserved ids.
        o0 = self.w.reserveer(Overeenkomst, len(overeenkomsten)) - 1
        s0 = self.w.reserveer(Taaksjabloon, len(sjablonen)) - 1
        p0 = self.w.reserveer(Proces, len(processen)) - 1
        t0 = self.w.reserveer(Taak, len(taken)) - 1
        g0 = self.w.reserveer(TaakGebeurtenis, len(gebeurtenissen)) - 1
        self.w.schrijf(Overeenkomst, ({**o, "id": o["id"] + o0} for o in overeenkomsten))
        self.w.schrijf(
            Taaksjabloon,
            (
                {**s, "id": s["id"] + s0, "overeenkomst_id": s["overeenkomst_id"] + o0}
                for s in sjablonen
            ),
        )
        self.w.schrijf(
            Proces,
            (
                {**p, "id": p["id"] + p0, "overeenkomst_id": p["overeenkomst_id"] + o0}
                for p in processen
            ),
        )
        self.w.schrijf(
            Taak,
            (
                {
                    **t,
                    "id": t["id"] + t0,
                    "proces_id": t["proces_id"] + p0,
                    "sjabloon_id": t["sjabloon_id"] + s0,
                }
                for t in taken
            ),
        )
        self.w.schrijf(
            TaakGebeurtenis,
            (
                {**g, "id": i + 1 + g0, "taak_id": g["taak_id"] + t0}
                for i, g in enumerate(gebeurtenissen)
            ),
        )

    def werk_bij(
        self, taak: dict[str, Any], wie: int, gebeurtenissen: list[dict[str, Any]]
    ) -> None:
        """Past work is mostly done, work due around today partly picked up (D5), with history."""
        rng = self.rng
        dagen = (taak["vervaldatum"] - self.vandaag).days
        kans_gereed = 0.93 if dagen < -14 else 0.5 if dagen < 0 else 0.05 if dagen < 30 else 0.0
        if rng.random() < kans_gereed:
            op = aware(
                min(taak["vervaldatum"], self.vandaag) - timedelta(days=rng.randrange(0, 10)), 14
            )
            taak.update(status="gereed", gereed_door_id=wie, gereed_op=op)
            gebeurtenissen.append(
                {
                    "kantoor_id": taak["kantoor_id"],
                    "taak_id": taak["id"],
                    "soort": "gereed",
                    "door_id": wie,
                    "op": op,
                }
            )
        elif not taak["voor_klant"] and -30 <= dagen <= 60 and rng.random() < 0.3:
            op = aware(self.vandaag - timedelta(days=rng.randrange(1, 20)), 10)
            taak["opgepakt_door_id"] = wie
            gebeurtenissen.append(
                {
                    "kantoor_id": taak["kantoor_id"],
                    "taak_id": taak["id"],
                    "soort": "opgepakt",
                    "door_id": wie,
                    "naar_medewerker_id": wie,
                    "op": op,
                }
            )


# --- The whole seed ------------------------------------------------------------------------------


def controleer_database(ook_met_bestaande: bool) -> str | None:
    """Refuses a database with offices of its own (SeedGeweigerd); returns a line when the seed
    is there already (then nothing is written), else None."""
    codes = set(Kantoor.objects.values_list("code", flat=True))
    if set(SEED_KANTOREN) <= codes:
        groot = Kantoor.objects.get(code=GROOT)
        return (
            f"Already seeded: office {GROOT} exists with {groot.relaties.count()} relations; "
            "nothing written. Seed a fresh database to change the size."
        )
    if codes & set(SEED_KANTOREN):
        raise SeedGeweigerd(
            f"A half-seeded database: only {sorted(codes & set(SEED_KANTOREN))} exists. "
            "Seed a fresh database."
        )
    andere = codes - set(SEED_KANTOREN)
    if andere and not ook_met_bestaande:
        raise SeedGeweigerd(
            f"This database holds {len(andere)} other office(s) ({', '.join(sorted(andere)[:3])}"
            f"{', ...' if len(andere) > 3 else ''}): the seed adds 20,000 invented relations "
            "beside them. Use an empty database, or pass --ook-met-bestaande-kantoren."
        )
    return None


def seed(
    *,
    schaal: float = 1.0,
    vandaag: date,
    willekeur: int = 1,
    wachtwoord: str | None = None,
    ook_met_bestaande: bool = False,
    out: TextIO | None = None,
    melding: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Seeds the two offices in one transaction and ANALYZEs; returns the row counts."""
    zeg = melding or (lambda tekst: None)
    al = controleer_database(ook_met_bestaande)
    if al is not None:
        zeg(al)
        return {}
    rng = random.Random(willekeur)
    # One hash for every seeded employee: hashing 200 passwords would cost seconds; without a
    # password the employees cannot log in by form (the benchmark logs them in itself).
    hash_ = make_password(wachtwoord) if wachtwoord else make_password(None)
    groot, klein = maat(schaal)
    schrijver = Schrijver()
    begin = time.monotonic()
    with transaction.atomic():
        for code, naam, masker, grootte in (
            (GROOT, "Seedkantoor Groot & Partners", "S[0-9][0-9][0-9][0-9][0-9]", groot),
            (KLEIN, "Seedkantoor Klein", "K[0-9][0-9][0-9]", klein),
        ):
            KantoorSeed(schrijver, rng, vandaag, code, naam, masker, grootte, hash_).bouw()
            zeg(
                f"  {code}: {grootte.relaties} relations, {grootte.medewerkers} employees "
                f"({time.monotonic() - begin:.1f} s)"
            )
    # VACUUM sets the visibility map of the freshly copied pages, so that the planner can use
    # index-only scans at once; it cannot run inside a transaction (the tests), ANALYZE can.
    opdracht = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
    with connection.cursor() as cursor:
        for model in (Relatie, Teamlid, TeamWijziging, Overeenkomst, Proces, Taak):
            cursor.execute(f"{opdracht} {connection.ops.quote_name(model._meta.db_table)}")
    zeg(f"  committed, {opdracht} done ({time.monotonic() - begin:.1f} s)")
    for label, seconden in schrijver.seconden.items():
        zeg(f"  {label}: {schrijver.aantallen[label]} rows in {seconden:.1f} s")
    return schrijver.aantallen
