"""Benchmark: generating the processes of 10,000 agreements, twice (the second run must create
nothing), and a Mijn taken page at that size.

    DEBUG=true .venv/bin/python bench/bench_taken.py [--aantal 10000] [--tot 2027-12-31]

Uses its own office `bench-taken` in the configured database (set DATABASE_URL for PostgreSQL):
`aantal` clients with one agreement each (VAT following the client's aangiftetijdvak plus a
client task, and a yearly task), generates everything due up to `--tot`, times it, and removes
the office with all its rows afterwards, also when it fails. The issue asks for 10,000
agreements in under 60 seconds.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.opruimen import verwijder_kantoor  # noqa: E402
from kantoor.models import InterneRol, Kantoor, Medewerker  # noqa: E402
from relaties.models import Relatie  # noqa: E402
from taken.models import (  # noqa: E402
    Overeenkomst,
    Taak,
    Taaksjabloon,
)
from taken.services import genereer_processen  # noqa: E402
from teams.models import Teamlid  # noqa: E402

KANTOOR = "bench-taken"
LIMIET = 60.0
TIJDVAKKEN = ["kwartaal", "maand", "jaar", "kwartaal", "geen"]


@transaction.atomic  # relations and their klantbeheerders commit together (R2)
def opbouwen(kantoor: Kantoor, aantal: int) -> Medewerker:
    medewerker = Medewerker.objects.create(kantoor=kantoor, code="BENCH", naam="Bench")
    rol = InterneRol.objects.create(kantoor=kantoor, naam="Boekhouder", code="BOEK")
    relaties = Relatie.objects.bulk_create(
        [
            Relatie(
                kantoor=kantoor,
                code=f"T{i:05d}",
                naam=f"Benchklant {i}",
                aangiftetijdvak=TIJDVAKKEN[i % len(TIJDVAKKEN)],
                uitstelregeling=i % 3 == 0,
            )
            for i in range(aantal)
        ],
        batch_size=2000,
    )
    # Every relation has a klantbeheerder (R2; PostgreSQL's trigger refuses a team without one),
    # a colleague, so that the measured Mijn taken shows only the role tasks of every tenth client.
    beheerder = Medewerker.objects.create(kantoor=kantoor, code="BEHEER", naam="Beheerder")
    klantbeheerder = kantoor.klantbeheerder_rol
    Teamlid.objects.bulk_create(
        [
            Teamlid(kantoor=kantoor, relatie=r, medewerker=beheerder, rol=klantbeheerder)
            for r in relaties
        ]
        + [
            Teamlid(kantoor=kantoor, relatie=r, medewerker=medewerker, rol=rol)
            for r in relaties[::10]
        ],
        batch_size=2000,
    )
    overeenkomsten = Overeenkomst.objects.bulk_create(
        [
            Overeenkomst(kantoor=kantoor, relatie=r, naam="Btw en IB", startdatum=date(2027, 1, 1))
            for r in relaties
        ],
        batch_size=2000,
    )
    sjablonen = []
    for o in overeenkomsten:
        sjablonen += [
            Taaksjabloon(
                kantoor=kantoor,
                overeenkomst=o,
                naam="Btw-aangifte",
                rol=rol,
                herhaling="aangiftetijdvak",
                deadline_soort="einde_volgende_maand",
            ),
            Taaksjabloon(
                kantoor=kantoor,
                overeenkomst=o,
                naam="Stukken aanleveren",
                voor_klant=True,
                herhaling="aangiftetijdvak",
                deadline_soort="dagen_na_periode",
                deadline_dagen=10,
            ),
            Taaksjabloon(
                kantoor=kantoor,
                overeenkomst=o,
                naam="IB-aangifte",
                rol=rol,
                herhaling="jaar",
                deadline_soort="vaste_datum",
                deadline_maand=5,
                deadline_dag=1,
                volgt_uitstelregeling=True,
            ),
        ]
    Taaksjabloon.objects.bulk_create(sjablonen, batch_size=5000)
    return medewerker


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--aantal", type=int, default=10_000)
    parser.add_argument("--tot", type=date.fromisoformat, default=date(2027, 12, 31))
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    verwijder_kantoor(KANTOOR)  # what an interrupted earlier run left
    try:
        kantoor = Kantoor.objects.create(code=KANTOOR, naam="Bench taken")
        medewerker = opbouwen(kantoor, args.aantal)
        begin = time.perf_counter()
        aantal = genereer_processen(args.tot, kantoor=kantoor)
        eerste = time.perf_counter() - begin
        begin = time.perf_counter()
        opnieuw = genereer_processen(args.tot, kantoor=kantoor)
        tweede = time.perf_counter() - begin
        taken = Taak.objects.filter(kantoor=kantoor).count()
        print(f"{args.aantal} agreements: {aantal} processes, {taken} tasks in {eerste:.1f} s")
        print(f"again: {opnieuw} processes in {tweede:.1f} s")
        with CaptureQueriesContext(connection) as queries:
            begin = time.perf_counter()
            pagina = list(
                Taak.objects.for_kantoor(kantoor)
                .open()
                .voor_medewerker(medewerker)
                .voor_lijst()
                .order_by("vervaldatum", "pk")[:51]
            )
            lijst = time.perf_counter() - begin
        print(f"Mijn taken page: {len(pagina)} rows, {len(queries)} query, {lijst * 1000:.0f} ms")
        ok = eerste < LIMIET and opnieuw == 0
        print("OK" if ok else f"TOO SLOW or not idempotent (limit {LIMIET:.0f} s)")
        return 0 if ok else 1
    finally:
        verwijder_kantoor(KANTOOR)


if __name__ == "__main__":
    sys.exit(main())
