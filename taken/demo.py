"""Demo work for the demo office's clients: agreements for VAT (following each client's
aangiftetijdvak), payroll per month, annual accounts and income tax per year, with processes
from the start of last year to the coming quarter. Old tasks are done, some are overdue, some
picked up, so that every demo login's Mijn taken looks like a real Monday morning.

Team members in the working roles are added where missing (get_or_create on the team's unique
key), so the tasks reach people (D4); one client is left without a Controleur to show D7.
Idempotent: agreements are found by client and name, templates by agreement and name, processes
are generated (idempotent by themselves), and a task is only changed while it has no history.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TextIO

from django.db.models import QuerySet
from django.utils import timezone

from kantoor.models import InterneRol, Kantoor, Medewerker
from relaties.models import Relatie, Soort, Type
from taken.models import Overeenkomst, Taak, Taaksjabloon, Takeninstellingen
from taken.services import genereer_processen
from teams import services as team_services
from teams.models import Bron, Teamlid

# (naam, [(taak, mijlpaal, rolcode or None for the client, herhaling, deadline fields)])
BTW = (
    "Btw-aangifte",
    [
        (
            "Stukken aanleveren",
            "Voorbereiding",
            None,
            "aangiftetijdvak",
            {"deadline_soort": "dagen_na_periode", "deadline_dagen": 10},
        ),
        (
            "Btw-aangifte opstellen",
            "Aangifte",
            "BOEK",
            "aangiftetijdvak",
            {"deadline_soort": "einde_volgende_maand"},
        ),
    ],
)
SALARIS = (
    "Salarisadministratie",
    [
        (
            "Mutaties doorgeven",
            "Voorbereiding",
            None,
            "maand",
            {"deadline_soort": "dagen_na_periode", "deadline_dagen": 0},
        ),
        ("Loonaangifte", "Aangifte", "SAL", "maand", {"deadline_soort": "einde_volgende_maand"}),
    ],
)
JAARREKENING = (
    "Jaarrekening",
    [
        (
            "Jaarrekening opstellen",
            "Samenstellen",
            "BOEK",
            "jaar",
            {"deadline_soort": "dagen_na_periode", "deadline_dagen": 150},
        ),
        (
            "Jaarrekening controleren",
            "Review",
            "CTRL",
            "jaar",
            {"deadline_soort": "dagen_na_periode", "deadline_dagen": 165},
        ),
    ],
)
IB = (
    "Aangifte inkomstenbelasting",
    [
        (
            "Gegevens IB aanleveren",
            "Voorbereiding",
            None,
            "jaar",
            {"deadline_soort": "dagen_na_periode", "deadline_dagen": 60},
        ),
        (
            "IB-aangifte",
            "Aangifte",
            "FIS",
            "jaar",
            {
                "deadline_soort": "vaste_datum",
                "deadline_maand": 5,
                "deadline_dag": 1,
                "volgt_uitstelregeling": True,
            },
        ),
    ],
)

# Role tasks due in the coming week (orange on Mijn taken) that the demo makes sure of on any date.
BINNENKORT = 3
VERVROEGD = "Op verzoek van de klant eerder ingepland"

MEDEWERKERS_PER_ROL = {
    "BOEK": ["SJANSEN", "PBAKKER", "DVISSER"],
    "SAL": ["LSMIT", "BMULDER"],
    "FIS": ["FELAMRANI", "EDEBOER"],
    "CTRL": ["EDEBOER", "JDEVRIES"],
}


def seed(kantoor: Kantoor, out: TextIO) -> None:
    vandaag = timezone.localdate()
    start = date(vandaag.year - 1, 1, 1)
    rollen = {r.code: r for r in InterneRol.objects.for_kantoor(kantoor)}
    medewerkers = {m.code: m for m in Medewerker.objects.for_kantoor(kantoor)}
    klanten = list(Relatie.objects.for_kantoor(kantoor).filter(soort=Soort.KLANT).order_by("code"))
    for index, klant in enumerate(klanten):
        pakketten = []
        if klant.type == Type.BEDRIJF:
            if klant.aangiftetijdvak != "geen":
                pakketten.append(BTW)
            if index % 2 == 0:
                pakketten.append(SALARIS)
            pakketten.append(JAARREKENING)
        else:
            pakketten.append(IB)
        for naam, sjablonen in pakketten:
            overeenkomst, _created = Overeenkomst.objects.get_or_create(
                kantoor=kantoor, relatie=klant, naam=naam, defaults={"startdatum": start}
            )
            for volgorde, (taak, mijlpaal, rolcode, herhaling, deadline) in enumerate(sjablonen):
                Taaksjabloon.objects.get_or_create(
                    kantoor=kantoor,
                    overeenkomst=overeenkomst,
                    naam=taak,
                    defaults={
                        "mijlpaal": mijlpaal,
                        "voor_klant": rolcode is None,
                        "rol": rollen[rolcode] if rolcode else None,
                        "herhaling": herhaling,
                        "volgorde": volgorde,
                        **deadline,
                    },
                )
        # The work's roles get a holder where the demo team has none, through teams.services
        # so that the team's history shows it too.
        bezet = set(Teamlid.objects.filter(relatie=klant).values_list("rol__code", flat=True))
        for rolcode, codes in MEDEWERKERS_PER_ROL.items():
            if rolcode == "CTRL" and index == 1:
                continue  # D7: one client's review of its annual accounts stays unstaffed
            medewerker = medewerkers.get(codes[index % len(codes)])
            if medewerker is not None and rolcode in rollen and rolcode not in bezet:
                team_services.add_member(
                    klant, medewerker, rollen[rolcode], door=None, bron=Bron.IMPORT
                )
    aantal = genereer_processen(vandaag + timedelta(days=92), kantoor=kantoor)
    werk_bij(kantoor, vandaag)
    taken = Taak.objects.for_kantoor(kantoor)
    out.write(
        f"Demo work: {aantal} processes created; of {taken.count()} tasks "
        f"{taken.gereed().count()} done, "
        f"{taken.open().filter(vervaldatum__lt=vandaag).count()} overdue, "
        f"{taken.open().filter(opgepakt_door__isnull=False).count()} picked up.\n"
    )


def werk_bij(kantoor: Kantoor, vandaag: date) -> None:
    """Old work is done (every ninth task stays overdue), some role work is due in the coming week
    (`vervroeg`), and every third role task due around today is picked up, so that the picture
    is the same on any date (D14).

    The choice goes by a task's position in a list ordered by due date, never by its primary key:
    keys follow the generation order, so a rule like `pk % 3` can miss every task in the window on
    some dates. The lists hold open and handled tasks alike, so a second run on the same day sees
    the same positions, and only tasks without history are changed: it changes nothing.
    """
    taken = Taak.objects.for_kantoor(kantoor).order_by("vervaldatum", "relatie__code", "naam", "pk")
    teamleden: dict[tuple[int, int], Medewerker] = {}
    for teamlid in Teamlid.objects.for_kantoor(kantoor).select_related("medewerker").order_by("pk"):
        teamleden.setdefault((teamlid.relatie_id, teamlid.rol_id), teamlid.medewerker)
    klantbeheerders = {
        t.relatie_id: t.medewerker
        for t in Teamlid.objects.for_kantoor(kantoor).klantbeheerders().select_related("medewerker")
    }
    onaangeroerd = set(
        Taak.objects.for_kantoor(kantoor)
        .open()
        .filter(gebeurtenissen__isnull=True)
        .values_list("pk", flat=True)
    )
    oud = taken.filter(vervaldatum__lt=vandaag - timedelta(days=14))
    for positie, taak in enumerate(oud):
        if positie % 9 == 0 or taak.pk not in onaangeroerd:
            continue  # overdue: a Monday morning has some
        door = teamleden.get((taak.relatie_id, taak.rol_id)) or klantbeheerders.get(taak.relatie_id)
        if door is not None:
            taak.gereed_melden(door)
    vervroeg(kantoor, vandaag, taken, teamleden, klantbeheerders)
    binnenkort = taken.filter(
        voor_klant=False,
        vervaldatum__range=(vandaag - timedelta(days=14), vandaag + timedelta(days=45)),
    )
    for positie, taak in enumerate(binnenkort):
        door = teamleden.get((taak.relatie_id, taak.rol_id))
        if door is not None and positie % 3 == 0 and taak.pk in onaangeroerd:
            taak.oppakken(door)


def vervroeg(
    kantoor: Kantoor,
    vandaag: date,
    taken: QuerySet[Taak],
    teamleden: dict[tuple[int, int], Medewerker],
    klantbeheerders: dict[int, Medewerker],
) -> None:
    """Some role work is due in the coming week on any date (orange on Mijn taken, D14).

    Due dates cluster around month ends and the 10th, so on many days (e.g. 11 to 23 December)
    the calendar leaves that week empty: then the first untouched tasks due after it are brought
    forward by hand, as an office does when a client asks. A second run finds the week filled.
    """
    dagen = Takeninstellingen.voor(kantoor).binnenkort_dagen
    eind = vandaag + timedelta(days=dagen)
    rolwerk = taken.open().filter(voor_klant=False)
    tekort = BINNENKORT - rolwerk.filter(vervaldatum__range=(vandaag, eind)).count()
    if tekort <= 0:
        return
    later = rolwerk.filter(vervaldatum__gt=eind, gebeurtenissen__isnull=True)
    for taak in later.iterator():
        door = teamleden.get((taak.relatie_id, taak.rol_id)) or klantbeheerders.get(taak.relatie_id)
        if door is None:
            continue
        nieuwe = vandaag + timedelta(days=min(2 * (BINNENKORT - tekort) + 1, dagen))
        taak.vervaldatum_verschuiven(door, nieuwe, VERVROEGD)
        tekort -= 1
        if tekort == 0:
            return
