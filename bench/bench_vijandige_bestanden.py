"""Hostile files through the real upload path (issue 9 item 3): each refused within bounds.

Starts gunicorn (one sync worker, as in production) on the configured database, signs in as an
office admin and uploads every hostile file of issue 9 (rows 9, 10, 11) and a few more to Beheer >
Medewerkers importeren, streaming the request body so that the sender holds no file in memory.
Per file it prints the answer, the time until the answer and the worker's extra resident memory
(its peak during the upload over its size before), and checks both bounds:

    under 2 seconds and under 100 MB extra, no 500, and no employee written.

    DEBUG=true .venv/bin/python bench/bench_vijandige_bestanden.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kantoor DEBUG=true \
        .venv/bin/python bench/bench_vijandige_bestanden.py

It migrates, uses its own office `bench-vijandig` and removes it afterwards. Exits 1 when
a bound is broken. Linux only (it reads the worker's memory from /proc).
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.sessions.models import Session  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from bench.opruimen import verwijder_kantoor  # noqa: E402
from kantoor.models import Kantoor, Medewerker  # noqa: E402

KANTOOR = "bench-vijandig"
URL = "/beheer/kantoor/medewerker/importeren/"
MAX_SECONDEN = 2.0
MAX_MB = 100.0
MB = 1024 * 1024
BLOK = 64 * 1024
LOG = tempfile.TemporaryFile()  # noqa: SIM115 (open for the whole run)


# --- The files: (size, chunks), never held whole -------------------------------------------------


def herhaald(kop: bytes, deel: bytes, grootte: int, staart: bytes = b"") -> Bestand:
    """`kop`, then `deel` repeated up to `grootte` bytes in all, then `staart`."""
    aantal = max(0, (grootte - len(kop) - len(staart)) // len(deel))
    per_blok = max(1, BLOK // len(deel))

    def stukken() -> Iterator[bytes]:
        yield kop
        over = aantal
        while over:
            n = min(per_blok, over)
            yield deel * n
            over -= n
        yield staart

    return Bestand(len(kop) + aantal * len(deel) + len(staart), stukken)


@dataclass
class Bestand:
    grootte: int
    stukken: Callable[[], Iterator[bytes]]


def billion_laughs() -> Bestand:
    entiteiten = "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10 if i else "lol"}">' for i in range(10)
    )
    data = f'<?xml version="1.0"?><!DOCTYPE lolz [{entiteiten}]><user><code>&l9;</code></user>'
    return Bestand(len(data), lambda: iter([data.encode()]))


def bestanden() -> list[tuple[str, str, Bestand]]:
    limiet = settings.IMPORT_MAX_BYTES
    return [
        ("9", "`<` + `<?xml ` x30,000 (180 KB)", herhaald(b"<", b"<?xml ", 180_001)),
        (
            "10",
            "200,000 nested elements (1.4 MB)",
            Bestand(1_400_000, lambda: iter([b"<a>" * 200_000, b"</a>" * 200_000])),
        ),
        ("11", "CSV of 50 MB", herhaald(b"code;naam\r\n", b"MW1;Jan Jansen\r\n", 50 * MB)),
        ("", "billion laughs", billion_laughs()),
        ("", "one CSV line of 9 MB", herhaald(b"code;naam\r\nA1;", b"x" * 1024, 9 * MB)),
        (
            "",
            "2.3 million empty elements (9 MB)",
            herhaald(b"<users>", b"<a/>", 9 * MB, b"</users>"),
        ),
        ("", "9 MB of bad CSV lines", herhaald(b"code;naam\r\n", b"x\r\n", 9 * MB)),
        ("", "10 MB + 1 byte", herhaald(b"code;naam\r\n", b"\n", limiet + 1)),
    ]


# --- The server -------------------------------------------------------------------------------


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(poort: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{poort}",
            "--workers",
            "1",
            "--timeout",
            "30",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        # Each refusal is logged ("Bad Request"); the table says it better. Shown on failure.
        stderr=LOG,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", poort), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not start")


def worker_pid(master: int) -> int:
    for _ in range(100):
        kinderen = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        if kinderen:
            return int(kinderen[0])
        time.sleep(0.1)
    raise SystemExit("gunicorn started no worker")


def geheugen(pid: int, veld: str) -> int:
    """VmRSS or VmHWM (the peak since the last reset) of a process, in bytes."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{veld}:\s+(\d+) kB", status, re.M).group(1)) * 1024


def reset_piek(pid: int) -> None:
    Path(f"/proc/{pid}/clear_refs").write_text("5")


# --- One upload -------------------------------------------------------------------------------


@dataclass
class Uitkomst:
    status: int | None
    seconden: float
    extra_mb: float
    melding: str


def upload(poort: int, cookies: str, csrf: str, bestand: Bestand, pid: int) -> Uitkomst:
    grens = "----benchvijandig"
    voor = (
        f"--{grens}\r\n"
        'Content-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
        f"{csrf}\r\n"
        f"--{grens}\r\n"
        'Content-Disposition: form-data; name="bestand"; filename="vijandig.bin"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    na = f"\r\n--{grens}--\r\n".encode()
    reset_piek(pid)
    basis = geheugen(pid, "VmRSS")
    start = time.perf_counter()
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=60)
    verbinding.putrequest("POST", URL)
    verbinding.putheader("Content-Type", f"multipart/form-data; boundary={grens}")
    verbinding.putheader("Content-Length", str(len(voor) + bestand.grootte + len(na)))
    verbinding.putheader("Cookie", cookies)
    verbinding.endheaders()
    status, melding = None, ""
    try:
        verbinding.send(voor)
        for stuk in bestand.stukken():
            verbinding.send(stuk)
        verbinding.send(na)
    except (BrokenPipeError, ConnectionResetError):
        melding = "cut off while sending (refused unread); "
    try:
        antwoord = verbinding.getresponse()
        status = antwoord.status
        inhoud = antwoord.read().decode("utf-8", "replace")
        gevonden = re.search(
            r'<ul class="errorlist[^"]*"[^>]*><li>(.*?)</li>', inhoud
        ) or re.search(r"<li>(Regel[^<]*|Het bestand[^<]*)</li>", inhoud)
        melding += gevonden.group(1) if gevonden else f"(no message found, {len(inhoud)} bytes)"
    except (ConnectionResetError, http.client.RemoteDisconnected, BrokenPipeError):
        melding += "connection closed without an answer"
    seconden = time.perf_counter() - start
    verbinding.close()
    extra = (geheugen(pid, "VmHWM") - basis) / MB
    return Uitkomst(status, seconden, extra, melding)


# --- Setup and cleanup ------------------------------------------------------------------------


def opruimen() -> None:
    """The bench's office and every row that carries it go, as after every bench (opruimen.py)."""
    verwijder_kantoor(KANTOOR)


def aanmelden(poort: int, beheerder: Medewerker) -> tuple[str, str, str]:
    """The session and CSRF cookies of a signed-in office admin, and the form's token."""
    client = Client()
    client.force_login(beheerder, backend="kantoor.backends.MedewerkerBackend")
    sessie = client.cookies[settings.SESSION_COOKIE_NAME].value
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=10)
    verbinding.request("GET", URL, headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={sessie}"})
    antwoord = verbinding.getresponse()
    inhoud = antwoord.read().decode()
    if antwoord.status != 200:
        raise SystemExit(f"the import page answered {antwoord.status}")
    csrf_cookie = re.search(
        rf"{settings.CSRF_COOKIE_NAME}=([^;]+)", antwoord.getheader("Set-Cookie") or ""
    ).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', inhoud).group(1)
    cookies = f"{settings.SESSION_COOKIE_NAME}={sessie}; {settings.CSRF_COOKIE_NAME}={csrf_cookie}"
    return sessie, cookies, token


def main() -> int:
    # The suite runs this script so that it cannot rot (tests/test_bench.py); there it checks
    # answers and writes but not the clock or memory, which a loaded CI machine cannot promise.
    grenzen = "--zonder-grenzen" not in sys.argv[1:]
    call_command("migrate", verbosity=0)
    opruimen()
    kantoor, _ = Kantoor.objects.get_or_create(code=KANTOOR, defaults={"naam": "Bench vijandig"})
    beheerder = Medewerker.objects.create(
        kantoor=kantoor,
        code="BEHEER",
        naam="Bench Beheer",
        email="beheer@bench-vijandig.example",
        is_beheerder=True,
    )
    poort = vrije_poort()
    # The worker must see the rows above: commit them (the bench runs in autocommit) and
    # close our connection so that SQLite's file is free for the server.
    connection.close()
    server = start_gunicorn(poort)
    fouten: list[str] = []
    try:
        pid = worker_pid(server.pid)
        sessie, cookies, csrf = aanmelden(poort, beheerder)
        limiet = settings.IMPORT_MAX_BYTES
        print(f"gunicorn worker {pid} on {connection.vendor}; IMPORT_MAX_BYTES = {limiet}")
        print(f"{'row':<4} {'file':<36} {'size':>10} {'answer':>6} {'time':>7} {'extra':>9}")
        for rij, naam, bestand in bestanden():
            uitkomst = upload(poort, cookies, csrf, bestand, pid)
            print(
                f"{rij:<4} {naam:<36} {bestand.grootte / MB:8.1f} MB {uitkomst.status or '-':>6} "
                f"{uitkomst.seconden:6.2f}s {uitkomst.extra_mb:7.1f} MB  {uitkomst.melding}"
            )
            if grenzen and uitkomst.seconden >= MAX_SECONDEN:
                fouten.append(f"{naam}: {uitkomst.seconden:.2f} s")
            if grenzen and uitkomst.extra_mb >= MAX_MB:
                fouten.append(f"{naam}: {uitkomst.extra_mb:.0f} MB")
            if uitkomst.status is not None and uitkomst.status >= 500:
                fouten.append(f"{naam}: answered {uitkomst.status}")
            if worker_pid(server.pid) != pid:
                fouten.append(f"{naam}: the worker was killed")
                pid = worker_pid(server.pid)
        if Medewerker.objects.filter(kantoor=kantoor).exclude(pk=beheerder.pk).exists():
            fouten.append("an employee was written")
    finally:
        server.terminate()
        server.wait(timeout=10)
        Session.objects.filter(session_key=locals().get("sessie")).delete()
        opruimen()
    if fouten:
        LOG.seek(0)
        print(LOG.read().decode(errors="replace")[-5000:], file=sys.stderr)
        print("BOUND BROKEN: " + "; ".join(fouten))
        return 1
    print(f"OK: every file refused in under {MAX_SECONDEN:.0f} s with under {MAX_MB:.0f} MB extra")
    return 0


if __name__ == "__main__":
    sys.exit(main())
