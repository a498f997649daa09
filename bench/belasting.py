"""Load benchmark at the size of the largest offices (issue 11 row 2).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kantoor_bench \
        .venv/bin/python bench/belasting.py
    ... bench/belasting.py --klein      # a quick run: small seed, short load

What it does, on loopback only and with bounded loops (under 10 minutes at the default size):
1. Migrates and seeds the PostgreSQL database of DATABASE_URL with `manage.py seed` (reused when
   it is seeded already; the seed refuses a database with real offices), then `collectstatic`.
2. Starts gunicorn with production settings (DEBUG off, a generated SECRET_KEY,
   ALLOWED_HOSTS=127.0.0.1, no SSL redirect on loopback) on 127.0.0.1.
3. Logs the virtual users in (one session per seeded employee, made by Django's own login()).
4. (a) Requests each page alone at concurrency 1, beside the floor page (a login-required page of
   one relation), for p50/p95/p99, requests per second and the ratio to the floor.
   (b) A mixed, open workload with locust (headless), in a virtual environment of its own
   (bench/.venv-locust, created on first use; never in the app's dependencies): every employee
   opens a page every `denktijd` seconds on average (exponential think time), while the workers'
   memory and the load average are sampled.
5. Prints the table and writes JSON to bench/output/ (git-ignored).

Speed is measured here, never in unit tests; a test only checks that PAGINAS resolve.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import statistics
import string
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
OUTPUT = BENCH / "output"
LOCUST_VENV = BENCH / ".venv-locust"
LOCUST_VERSIE = "locust>=2.40,<3"
PYTHON = sys.executable
VANDAAG = "2026-12-01"  # fixed, so that two runs see the same data (D14)


@dataclass(frozen=True)
class Pagina:
    """One page of phase (a). `wie`: whose session (meeste/minste teams); `arg`: the object in
    the URL (relatie, token); `query` may name `{minste}` (an employee's pk) or `{na}` (the
    cursor of page 2, read from page 1)."""

    naam: str
    url_naam: str
    query: str = ""
    wie: str = "meeste"
    arg: str | None = None


VLOER = Pagina("Vloer: relatie Algemeen", "relaties:relatie_detail", arg="relatie")
PAGINAS = [
    Pagina("Mijn taken (meeste teams)", "taken:taak_list"),
    Pagina("Mijn taken (minste teams)", "taken:taak_list", wie="minste"),
    Pagina("Mijn taken, pagina 2", "taken:taak_list", query="na={na}"),
    Pagina("Mijn taken, deze maand", "taken:taak_list", query="vervalt=deze_maand"),
    Pagina("Mijn taken, te laat", "taken:taak_list", query="vervalt=te_laat"),
    Pagina("Mijn taken, alle op klant", "taken:taak_list", query="status=alle&sorteer=klant"),
    Pagina(
        "Mijn taken, alle op klant (minste)",
        "taken:taak_list",
        query="status=alle&sorteer=klant",
        wie="minste",
    ),
    Pagina("Taken van collega", "taken:taak_list", query="weergave=collega&teamlid={minste}"),
    Pagina("Alle open taken op klant", "taken:taak_list", query="weergave=alle&sorteer=klant"),
    Pagina("Relaties", "relaties:relatie_list"),
    Pagina("Relaties, zoeken", "relaties:relatie_list", query="q=bakkerij"),
    Pagina(
        "Relaties, filters",
        "relaties:relatie_list",
        query="soort=klant&aangiftetijdvak=kwartaal&teamlid={minste}",
    ),
    Pagina("Teamleden", "teams:teamlid_list", arg="relatie"),
    Pagina("Overeenkomsten & taken", "taken_relatie:relatie_werk", arg="relatie"),
    Pagina("Niet belegde taken", "taken:niet_belegd"),
    Pagina("Agenda-feed", "taken:agenda_feed", arg="token"),
    Pagina("Export taken (CSV)", "taken:taak_export"),
    Pagina("Export relaties (CSV)", "relaties:relatie_export"),
]


@dataclass
class Stand:
    schaal: float
    gebruikers: int
    duur: int
    herhalingen: int
    max_seconden: float
    workers: int
    denktijd: float


def stand(klein: bool, args: argparse.Namespace) -> Stand:
    if klein:
        basis = Stand(0.05, 40, 40, 8, 4.0, 2, 5.0)
    else:
        basis = Stand(1.0, 200, 180, 20, 12.0, max(2, (os.cpu_count() or 2) * 2), 10.0)
    if args.schaal is not None:
        basis.schaal = args.schaal
    if args.duur is not None:
        basis.duur = args.duur
    if args.gebruikers is not None:
        basis.gebruikers = args.gebruikers
    return basis


# --- Environment ----------------------------------------------------------------------------


def productie_env(database_url: str, secret_key: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG"}}
    env.update(
        DATABASE_URL=database_url,
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback; production sits behind TLS
        SECURE_HSTS_SECONDS="0",
        DEBUG="false",
        PYTHONPATH=str(ROOT),
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT)


def locust_bin() -> Path:
    """The locust of bench/.venv-locust, installed on first use (kept out of the app's venv)."""
    binary = LOCUST_VENV / "bin" / "locust"
    if not binary.exists():
        print(f"Installing {LOCUST_VERSIE} into {LOCUST_VENV} (once) ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(LOCUST_VENV)], check=True)
        subprocess.run(
            [str(LOCUST_VENV / "bin" / "pip"), "install", "-q", LOCUST_VERSIE], check=True
        )
    return binary


# --- Sessions and the objects the pages need --------------------------------------------------


def csrf_geheim() -> str:
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))


def voorbereiden(gebruikers: int) -> dict[str, Any]:
    """Sessions for the seeded employees (Django's own login(), as a login form would make
    them) and, per employee, the relations, tasks and feed token the workload uses."""
    import django

    django.setup()
    from django.conf import settings
    from django.db.models import Count
    from django.test import Client

    from kantoor.models import Medewerker
    from taken.models import Agendatoken, Taak
    from taken.seed import GROOT
    from teams.models import Teamlid

    medewerkers = list(
        Medewerker.objects.filter(kantoor__code=GROOT, is_active=True)
        .annotate(teams=Count("teamlidmaatschappen__relatie", distinct=True))
        .order_by("-teams", "pk")
    )
    if not medewerkers:
        raise SystemExit("No seeded office found: run `manage.py seed` first.")
    mensen = []
    for medewerker in [*medewerkers[: max(gebruikers, 2)], medewerkers[-1]]:
        client = Client()
        client.force_login(medewerker)
        sessie = client.cookies[settings.SESSION_COOKIE_NAME].value
        geheim = csrf_geheim()
        relaties = list(
            Teamlid.objects.filter(medewerker=medewerker)
            .values_list("relatie_id", flat=True)
            .order_by("relatie_id")
            .distinct()[:20]
        )
        eigen = list(
            Taak.objects.open()
            .filter(opgepakt_door=None, voor_klant=False)
            .op_rol_van(medewerker)
            .values_list("pk", flat=True)
            .order_by("pk")[:20]
        )
        mensen.append(
            {
                "pk": medewerker.pk,
                "teams": medewerker.teams,
                "cookie": f"{settings.SESSION_COOKIE_NAME}={sessie}; "
                f"{settings.CSRF_COOKIE_NAME}={geheim}",
                "csrf": geheim,
                "relaties": relaties,
                "taken": eigen,
                "token": Agendatoken.voor(medewerker).token,
            }
        )
    return {"meeste": mensen[0], "minste": mensen[-1], "gebruikers": mensen[:gebruikers]}


# --- Phase (a): each page alone ---------------------------------------------------------------


def pad(pagina: Pagina, data: dict[str, Any], na: str = "") -> str:
    from django.urls import reverse

    persoon = data[pagina.wie]
    args: list[Any] = []
    if pagina.arg == "relatie":
        args = [data["meeste"]["relaties"][0]]
    elif pagina.arg == "token":
        args = [persoon["token"]]
    query = pagina.query.format(minste=data["minste"]["pk"], na=na)
    return reverse(pagina.url_naam, args=args) + (f"?{query}" if query else "")


def haal(conn: http.client.HTTPConnection, pad_: str, cookie: str) -> tuple[int, bytes, float]:
    begin = time.perf_counter()
    conn.request("GET", pad_, headers={"Cookie": cookie, "Host": "127.0.0.1"})
    antwoord = conn.getresponse()
    inhoud = antwoord.read()
    return antwoord.status, inhoud, time.perf_counter() - begin


def percentiel(waarden: list[float], p: float) -> float:
    if not waarden:
        return float("nan")
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, round(p / 100 * (len(geordend) - 1)))]


def meet(poort: int, pad_: str, cookie: str, herhalingen: int, max_s: float) -> dict[str, Any]:
    """Two warm-up requests, then up to `herhalingen` in a row (at most `max_s` seconds)."""
    conn = http.client.HTTPConnection("127.0.0.1", poort, timeout=60)
    fouten = 0
    tijden: list[float] = []
    for _ in range(2):
        haal(conn, pad_, cookie)
    begin = time.perf_counter()
    while len(tijden) < herhalingen and time.perf_counter() - begin < max_s:
        status, _inhoud, duur = haal(conn, pad_, cookie)
        tijden.append(duur)
        fouten += status != 200
    totaal = time.perf_counter() - begin
    conn.close()
    return {
        "aantal": len(tijden),
        "fouten": fouten,
        "p50_ms": percentiel(tijden, 50) * 1000,
        "p95_ms": percentiel(tijden, 95) * 1000,
        "p99_ms": percentiel(tijden, 99) * 1000,
        "per_seconde": len(tijden) / totaal if totaal else 0.0,
    }


def fase_a(poort: int, data: dict[str, Any], s: Stand) -> list[dict[str, Any]]:
    resultaten = []
    vloer = meet(poort, pad(VLOER, data), data["meeste"]["cookie"], s.herhalingen, s.max_seconden)
    resultaten.append({"pagina": VLOER.naam, **vloer, "ratio": 1.0})
    # The cursor of page 2, as the page's own "Next" link gives it.
    conn = http.client.HTTPConnection("127.0.0.1", poort, timeout=60)
    _s, inhoud, _d = haal(conn, pad(PAGINAS[0], data), data["meeste"]["cookie"])
    conn.close()
    gevonden = re.search(rb'na=([^"&]+)', inhoud)
    na = gevonden.group(1).decode() if gevonden else ""
    for pagina in PAGINAS:
        uitslag = meet(
            poort, pad(pagina, data, na), data[pagina.wie]["cookie"], s.herhalingen, s.max_seconden
        )
        uitslag["ratio"] = uitslag["per_seconde"] / vloer["per_seconde"]
        resultaten.append({"pagina": pagina.naam, **uitslag})
        print(
            f"  {pagina.naam:<38} p50 {uitslag['p50_ms']:7.1f} ms  "
            f"{uitslag['per_seconde']:6.1f}/s  ratio {uitslag['ratio']:.2f}",
            flush=True,
        )
    return resultaten


# --- Phase (b): the mixed workload with locust ------------------------------------------------

# The URL names of the mixed workload; `{}` stands for the relation, action or token.
MENGSEL = {
    "taken": ("taken:taak_list", None),
    "relaties": ("relaties:relatie_list", None),
    "teamleden": ("teams:teamlid_list", 987654),
    "werk": ("taken_relatie:relatie_werk", 987654),
    "actie": ("taken:taak_actie", "ACTIE"),
    "niet_belegd": ("taken:niet_belegd", None),
    "feed": ("taken:agenda_feed", "TOKEN"),
}


def paden() -> dict[str, str]:
    """The workload's paths from the URL names, so that the locustfile hard-codes none."""
    from django.urls import reverse

    return {
        sleutel: reverse(naam, args=[arg] if arg is not None else []).replace(str(arg), "{}")
        for sleutel, (naam, arg) in MENGSEL.items()
    }


def werker_geheugen(master_pid: int) -> list[float]:
    """Resident memory (MB) of gunicorn's workers, the master's children, read from /proc."""
    mb = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            tekst = status.read_text()
        except OSError:
            continue
        velden = dict(regel.split(":", 1) for regel in tekst.splitlines() if ":" in regel)
        if velden.get("PPid", "").strip() == str(master_pid) and "VmRSS" in velden:
            mb.append(int(velden["VmRSS"].split()[0]) / 1024)
    return mb


def fase_b(poort: int, data: dict[str, Any], s: Stand, master_pid: int, stempel: str):
    config = OUTPUT / f"belasting-{stempel}-gebruikers.json"
    config.write_text(
        json.dumps({"gebruikers": data["gebruikers"], "denktijd": s.denktijd, "paden": paden()})
    )
    prefix = OUTPUT / f"belasting-{stempel}-locust"
    log = open(f"{prefix}.log", "w", encoding="utf-8")  # noqa: SIM115 (closed below)
    proces = subprocess.Popen(
        [
            str(locust_bin()),
            "-f",
            str(BENCH / "locustfile.py"),
            "--headless",
            "--host",
            f"http://127.0.0.1:{poort}",
            "-u",
            str(s.gebruikers),
            "-r",
            str(max(1, s.gebruikers // 10)),
            "-t",
            f"{s.duur}s",
            "--stop-timeout",
            "10",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        env={**os.environ, "BELASTING_CONFIG": str(config)},
        cwd=BENCH,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    geheugen: list[float] = []
    belasting: list[float] = []
    while proces.poll() is None:
        geheugen.append(max(werker_geheugen(master_pid), default=0.0))
        belasting.append(os.getloadavg()[0])
        time.sleep(3)
    log.close()
    config.unlink(missing_ok=True)  # it holds session cookies
    rijen = []
    with open(f"{prefix}_stats.csv", encoding="utf-8") as bestand:
        import csv

        for rij in csv.DictReader(bestand):
            rijen.append(
                {
                    "pagina": rij["Name"],
                    "aantal": int(rij["Request Count"]),
                    "fouten": int(rij["Failure Count"]),
                    "p50_ms": float(rij["50%"] or 0),
                    "p95_ms": float(rij["95%"] or 0),
                    "p99_ms": float(rij["99%"] or 0),
                    "per_seconde": float(rij["Requests/s"] or 0),
                }
            )
    return rijen, {
        "max_werker_mb": max(geheugen, default=0.0),
        "load_gemiddeld": statistics.mean(belasting) if belasting else 0.0,
        "load_max": max(belasting, default=0.0),
    }


# --- The run -----------------------------------------------------------------------------------


def vrije_poort() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wacht_op(poort: int, seconden: float = 30) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", poort, timeout=2)
            conn.request("GET", "/gezond/")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer within 30 s")


def tabel(titel: str, rijen: list[dict[str, Any]], met_ratio: bool) -> None:
    print(f"\n{titel}")
    kop = f"{'pagina':<40}{'n':>6}{'fout':>6}{'p50':>9}{'p95':>9}{'p99':>9}{'req/s':>8}"
    print(kop + ("   ratio" if met_ratio else ""))
    for r in rijen:
        regel = (
            f"{r['pagina'][:39]:<40}{r['aantal']:>6}{r['fouten']:>6}{r['p50_ms']:>9.1f}"
            f"{r['p95_ms']:>9.1f}{r['p99_ms']:>9.1f}{r['per_seconde']:>8.1f}"
        )
        print(regel + (f"{r['ratio']:>8.2f}" if met_ratio and "ratio" in r else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--klein", action="store_true", help="a quick run: small seed, short load")
    parser.add_argument("--schaal", type=float, help="seed size (default 1.0; --klein 0.05)")
    parser.add_argument("--duur", type=int, help="seconds of mixed load (default 180)")
    parser.add_argument("--gebruikers", type=int, help="virtual employees (default 200)")
    parser.add_argument("--alleen", choices=["a", "b"], help="run only phase a or b")
    args = parser.parse_args()
    s = stand(args.klein, args)
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("Set DATABASE_URL=postgres://... (the benchmark measures PostgreSQL).")
    if "127.0.0.1" not in database_url and "localhost" not in database_url:
        raise SystemExit("Loopback only: DATABASE_URL must point at 127.0.0.1 or localhost.")
    env = productie_env(database_url, secrets.token_urlsafe(50))
    os.environ.update(env)
    OUTPUT.mkdir(exist_ok=True)
    stempel = datetime.now().strftime("%Y%m%d-%H%M%S")
    begin = time.monotonic()
    print(f"Seed (schaal {s.schaal}, vandaag {VANDAAG}) ...", flush=True)
    manage(env, "migrate", "-v0")
    manage(env, "seed", "--schaal", str(s.schaal), "--vandaag", VANDAAG)
    manage(env, "collectstatic", "--noinput", "-v0")
    gezaaid = time.monotonic() - begin
    data = voorbereiden(s.gebruikers)
    locust_bin()
    poort = vrije_poort()
    gunicorn = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{poort}",
            "--workers",
            str(s.workers),
            "--access-logfile",
            "/dev/null",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    uitslag: dict[str, Any] = {
        "datum": date.today().isoformat(),
        "machine": f"{os.cpu_count()} cores, {os.uname().sysname} {os.uname().release}",
        "stand": asdict(s),
        "seed_seconden": round(gezaaid, 1),
        "meeste_teams": data["meeste"]["teams"],
        "minste_teams": data["minste"]["teams"],
    }
    try:
        wacht_op(poort)
        if args.alleen != "b":
            print(f"(a) each page alone, concurrency 1, {s.workers} workers:", flush=True)
            uitslag["alleen"] = fase_a(poort, data, s)
            uitslag["load_na_a"] = os.getloadavg()
        if args.alleen != "a":
            print(f"(b) mixed load: {s.gebruikers} employees, {s.duur} s ...", flush=True)
            uitslag["gemengd"], uitslag["gemengd_systeem"] = fase_b(
                poort, data, s, gunicorn.pid, stempel
            )
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
    if "alleen" in uitslag:
        tabel("(a) each page alone (ms; ratio = req/s against the floor)", uitslag["alleen"], True)
    if "gemengd" in uitslag:
        tabel("(b) mixed open workload (ms)", uitslag["gemengd"], False)
        systeem = uitslag["gemengd_systeem"]
        print(
            f"workers at most {systeem['max_werker_mb']:.0f} MB resident; load average "
            f"{systeem['load_gemiddeld']:.2f} (max {systeem['load_max']:.2f})"
        )
    print(f"Seed {uitslag['seed_seconden']} s; load average now {os.getloadavg()}")
    pad_json = OUTPUT / f"belasting-{stempel}.json"
    pad_json.write_text(json.dumps(uitslag, indent=2))
    print(f"JSON: {pad_json.relative_to(ROOT)}  ({time.monotonic() - begin:.0f} s in all)")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
