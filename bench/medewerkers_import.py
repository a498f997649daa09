"""How fast `manage.py importeer_medewerkers` is with 20,000 users (issue 3: under 10 s each).

Runs in a throw-away test database on the configured engine (DATABASE_URL, else SQLite in a
temporary file) and measures four runs through the management command, password mails included
(to Django's in-memory mail backend):

    1. Twinfield XML, 20,000 new employees        (bulk_create, 20,000 mails)
    2. the same XML again                          (nothing to write)
    3. CSV renaming all 20,000                     (bulk_update)
    4. CSV deactivating all 20,000                 (the deactivation service, one statement)

    DEBUG=true .venv/bin/python bench/medewerkers_import.py [--aantal 20000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kantoor DEBUG=true \
        .venv/bin/python bench/medewerkers_import.py

Exits 1 when a run takes 10 seconds or more.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core import mail  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402

GRENS = 10.0


def twinfield_xml(aantal: int) -> bytes:
    users = []
    for n in range(aantal):
        users.append(
            f'<user status="active" result="1"><code>MW{n:05d}</code>'
            f"<name>Medewerker {n}</name><shortname>M{n}</shortname>"
            f"<email>mw{n}@bench.example</email><culture>nl-NL</culture>"
            '<role level="1">LVL1_INTERN</role><type>accountant</type>'
            "<account><disable><from></from><to></to></disable></account></user>\n"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<users>\n' + "".join(users) + "</users>\n"
    ).encode()


def csv_bestand(aantal: int, actief: str) -> bytes:
    regels = ["code;naam;korte naam;e-mail;taal;actief"]
    regels += [
        f"MW{n:05d};Medewerker {n} (hernoemd);M{n};mw{n}@bench.example;nl;{actief}"
        for n in range(aantal)
    ]
    return ("\r\n".join(regels) + "\r\n").encode("utf-8-sig")


def meet(naam: str, bestand: Path, kantoor_code: str) -> float:
    out = StringIO()
    start = time.perf_counter()
    call_command("importeer_medewerkers", str(bestand), "--kantoor", kantoor_code, stdout=out)
    duur = time.perf_counter() - start
    samenvatting = " · ".join(
        regel.strip()
        for regel in out.getvalue().splitlines()
        if ":" in regel and regel.startswith("  ")
    )
    print(f"{naam:<32} {duur:6.2f} s   {samenvatting}")
    return duur


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--aantal", type=int, default=20_000)
    aantal = parser.parse_args().aantal
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        # A file, as in use; an in-memory database would flatter the numbers.
        database.setdefault("TEST", {})["NAME"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    setup_test_environment()
    oude_naam = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from kantoor.models import Kantoor

        kantoor = Kantoor.objects.create(naam="Benchkantoor", code="bench")
        map_ = Path(tempfile.mkdtemp())
        (map_ / "users.xml").write_bytes(twinfield_xml(aantal))
        (map_ / "hernoemd.csv").write_bytes(csv_bestand(aantal, "ja"))
        (map_ / "weg.csv").write_bytes(csv_bestand(aantal, "nee"))
        print(f"{aantal} users on {connection.vendor} ({connection.settings_dict['NAME']})")
        tijden = [
            meet("1. XML, all new", map_ / "users.xml", kantoor.code),
            meet("2. same XML again", map_ / "users.xml", kantoor.code),
            meet("3. CSV, all renamed", map_ / "hernoemd.csv", kantoor.code),
            meet("4. CSV, all deactivated", map_ / "weg.csv", kantoor.code),
        ]
        print(f"password mails: {len(mail.outbox)}")
    finally:
        connection.creation.destroy_test_db(oude_naam, verbosity=0)
        teardown_test_environment()
    langzaam = [t for t in tijden if t >= GRENS]
    print("OK: every run under 10 s" if not langzaam else f"TOO SLOW: {langzaam}")
    return 1 if langzaam else 0


if __name__ == "__main__":
    sys.exit(main())
