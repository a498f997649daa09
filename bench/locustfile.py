"""The mixed workload of bench/belasting.py (issue 11 row 2b), run by locust in its own venv.

Every virtual user is one seeded employee with a session made by the driver; each opens a page,
then thinks for an exponentially distributed time (mean `denktijd`, 10 s): while pages answer
well within the think time, that is an open stream of arrivals (200 employees: ~20 requests/s),
not a closed loop that slows down when the server does. Loopback only; the driver bounds it.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from http.cookiejar import DefaultCookiePolicy

from locust import HttpUser, task

CONFIG = json.loads(open(os.environ["BELASTING_CONFIG"], encoding="utf-8").read())  # noqa: SIM115
GEBRUIKERS = CONFIG["gebruikers"]
DENKTIJD = float(CONFIG["denktijd"])
PADEN = CONFIG["paden"]
ZOEKTERMEN = ["bakkerij", "jansen", "b.v.", "café", "s001", "holding", "van der", "garage"]
FILTERS = [
    "vervalt=deze_maand",
    "vervalt=te_laat",
    "vervalt=deze_week",
    "status=alle&sorteer=klant",
    "weergave=alle",
    "sorteer=taak",
]
volgnummer = itertools.count()


class GeenKoekjes(DefaultCookiePolicy):
    """The session cookie is Secure (production settings), which requests would not send over
    plain HTTP; every request carries it in its own header instead, and nothing is stored."""

    def set_ok(self, cookie, request) -> bool:
        return False


class Medewerker(HttpUser):
    def wait_time(self) -> float:
        return random.expovariate(1 / DENKTIJD)

    def on_start(self) -> None:
        nummer = next(volgnummer)
        self.ik = GEBRUIKERS[nummer % len(GEBRUIKERS)]
        # Users that share an employee (a small seed) act on different tasks.
        deel, delen = nummer // len(GEBRUIKERS), max(1, -(-200 // len(GEBRUIKERS)))
        self.taken = self.ik["taken"][deel % delen :: delen] or self.ik["taken"]
        self.client.cookies.set_policy(GeenKoekjes())
        self.kop = {"Cookie": self.ik["cookie"]}

    def get(self, pad: str, naam: str):
        with self.client.get(
            pad, headers=self.kop, name=naam, allow_redirects=False, catch_response=True
        ) as antwoord:
            if antwoord.status_code != 200:
                antwoord.failure(f"HTTP {antwoord.status_code}")
        return antwoord

    def relatie(self) -> int:
        return random.choice(self.ik["relaties"])

    @task(6)
    def mijn_taken(self) -> None:
        self.get(PADEN["taken"], "Mijn taken")

    @task(3)
    def mijn_taken_gefilterd(self) -> None:
        self.get(f"{PADEN['taken']}?{random.choice(FILTERS)}", "Mijn taken, gefilterd")

    @task(2)
    def mijn_taken_volgende(self) -> None:
        eerste = self.get(PADEN["taken"], "Mijn taken")
        gevonden = re.search(r'href="\?([^"]*na=[^"]+)"', eerste.text or "")
        if gevonden:
            self.get(
                PADEN["taken"] + "?" + gevonden.group(1).replace("&amp;", "&"),
                "Mijn taken, pagina 2",
            )

    @task(3)
    def relaties(self) -> None:
        self.get(PADEN["relaties"], "Relaties")

    @task(2)
    def relaties_zoeken(self) -> None:
        self.get(f"{PADEN['relaties']}?q={random.choice(ZOEKTERMEN)}", "Relaties, zoeken")

    @task(1)
    def relaties_filters(self) -> None:
        self.get(
            f"{PADEN['relaties']}?soort=klant&aangiftetijdvak=kwartaal&teamlid={self.ik['pk']}",
            "Relaties, filters",
        )

    @task(2)
    def teamleden(self) -> None:
        self.get(PADEN["teamleden"].format(self.relatie()), "Teamleden")

    @task(2)
    def werk(self) -> None:
        self.get(PADEN["werk"].format(self.relatie()), "Overeenkomsten & taken")

    @task(1)
    def actie(self) -> None:
        """Done, then open again: the data stays as it was for the next run."""
        if not self.taken:
            return
        taak = random.choice(self.taken)
        for actie in ("gereed_melden", "heropenen"):
            with self.client.post(
                PADEN["actie"].format(actie),
                data={"taken": taak, "csrfmiddlewaretoken": self.ik["csrf"], "terug": ""},
                headers=self.kop,
                name=f"Taakactie {actie}",
                allow_redirects=False,
                catch_response=True,
            ) as antwoord:
                if antwoord.status_code != 302:
                    antwoord.failure(f"HTTP {antwoord.status_code}")

    @task(1)
    def niet_belegd(self) -> None:
        self.get(PADEN["niet_belegd"], "Niet belegde taken")

    @task(1)
    def feed(self) -> None:
        self.get(PADEN["feed"].format(self.ik["token"]), "Agenda-feed")
