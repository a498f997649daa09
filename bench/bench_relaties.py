"""Benchmark: importing 20,000 relations and paging through them.

    DEBUG=true .venv/bin/python bench/bench_relaties.py [--aantal 20000]

Builds a throw-away office in the configured database (set DATABASE_URL for PostgreSQL), writes
a CSV of `aantal` relations, imports it twice (the second run must change nothing), times the
list page's query and the next-free-code proposal at that size, and removes its office with all
its rows again, also when it fails.
The issue asks for the import of 20,000 relations in under 30 seconds.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.opruimen import verwijder_kantoor  # noqa: E402
from kantoor.models import Kantoor, Medewerker  # noqa: E402
from relaties.demo import elf_proef  # noqa: E402
from relaties.importers import KOLOMMEN, importeer_relaties  # noqa: E402
from relaties.models import Relatie  # noqa: E402
from teams.models import Teamlid  # noqa: E402

KANTOOR = "bench-relaties"
LIMIET = 30.0


def schrijf_csv(pad: Path, aantal: int, beheerders: list[str]) -> None:
    with pad.open("w", encoding="utf-8") as bestand:
        bestand.write(";".join(KOLOMMEN) + "\n")
        for i in range(aantal):
            bedrijf = i % 4 != 0
            rsin = elf_proef(20_000_000 + i * 3)
            velden = {
                "code": f"B{i:05d}",
                "naam": f"Benchrelatie {i} {'B.V.' if bedrijf else ''}".strip(),
                "soort": "klant" if i % 5 else "contact",
                "type": "bedrijf" if bedrijf else "particulier",
                "kvk_nummer": f"{30_000_000 + i:08d}" if bedrijf else "",
                "btw_id": f"NL{rsin}B01" if bedrijf else "",
                "email": f"info{i}@bench.example",
                "telefoon": "030-1234567",
                "straat": "Benchstraat",
                "huisnummer": str(i % 300 + 1),
                "postcode": f"{1000 + i % 8999} AB",
                "plaats": "Utrecht",
                "land": "NL",
                "klantbeheerder": beheerders[i % len(beheerders)],
                "aangiftetijdvak": ("kwartaal", "maand", "jaar")[i % 3] if bedrijf else "geen",
                "uitstelregeling": "ja" if i % 7 == 0 else "nee",
            }
            bestand.write(";".join(velden[k] for k in KOLOMMEN) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--aantal", type=int, default=20_000)
    aantal = parser.parse_args().aantal
    call_command("migrate", verbosity=0)
    verwijder_kantoor(KANTOOR)  # what an interrupted earlier run left
    try:
        kantoor = Kantoor.objects.create(code=KANTOOR, naam="Bench")
        beheerders = []
        for i in range(10):
            medewerker = Medewerker.objects.create(
                kantoor=kantoor,
                code=f"BENCH{i}",
                naam=f"Bench {i}",
                email=f"bench{i}@bench.example",
            )
            beheerders.append(medewerker.code)
        with tempfile.TemporaryDirectory() as tmp:
            pad = Path(tmp) / "relaties.csv"
            schrijf_csv(pad, aantal, beheerders)
            for ronde in ("eerste import", "tweede import (idempotent)"):
                start = time.perf_counter()
                with pad.open(encoding="utf-8") as bestand:
                    resultaat = importeer_relaties(bestand, kantoor)
                duur = time.perf_counter() - start
                print(
                    f"{ronde}: {duur:.1f} s ({resultaat.aangemaakt} aangemaakt, "
                    f"{resultaat.bijgewerkt} bijgewerkt, {resultaat.ongewijzigd} ongewijzigd)"
                )
                if duur > LIMIET:
                    print(f"TE TRAAG: meer dan {LIMIET:.0f} s")
                    return 1
        assert Teamlid.objects.filter(kantoor=kantoor).count() == aantal

        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            list(
                Relatie.objects.for_kantoor(kantoor)
                .actief()
                .zoek("benchrelatie 1")
                .order_by("naam")
                .with_klantbeheerders()[:50]
            )
        ms = (time.perf_counter() - start) * 1000
        print(f"lijstpagina (zoeken, sorteren, 50 rijen): {ms:.0f} ms, {len(queries)} queries")
        start = time.perf_counter()
        kantoor.relatiecode_masker = "B[0-9][0-9][0-9][0-9][0-9]"
        code = Relatie.objects.volgende_code(kantoor)
        print(f"volgende vrije code: {code} in {(time.perf_counter() - start) * 1000:.0f} ms")
    finally:
        verwijder_kantoor(KANTOOR)
    return 0


if __name__ == "__main__":
    sys.exit(main())
