"""Hostile input to every form view and every list parameter (issue 9 item 2): arbitrary text,
unicode, NUL, control characters, overlong values, missing fields, another office's and
nonexistent ids, and extreme dates. Never a 5xx; a refusal (4xx) leaves the database as it was.

The Django test client raises a view's exception, so a 500 fails with its traceback. Examples are
bounded (a few dozen per view) so the module stays quick; imports are the imports' own tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kantoor.models import Medewerker
from relaties.models import Connectie, Relatie
from taken.models import (
    Agendatoken,
    Overeenkomst,
    Proces,
    Taak,
    TaakGebeurtenis,
    Taaksjabloon,
)
from teams.models import Teamlid, TeamWijziging
from tests.factories import InterneRolFactory
from tests.relaties.factories import ConnectieFactory, RelatieFactory
from tests.taken.factories import OvereenkomstFactory, TaakFactory, TaaksjabloonFactory

pytestmark = pytest.mark.django_db

VIJANDIG = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
# Requests that write nothing are cheap: more examples for the list parameters.
VEEL = settings(VIJANDIG, max_examples=50)

# --- What an attacker sends -----------------------------------------------------------------

# The inputs that broke the product before (issue 9's table) come first, so that a few dozen
# examples try them every run; the rest is arbitrary.
GEMEEN = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "²",
    "٣",
    "-1",
    "0",
    "1e9",
    "NaN",
    "9" * 30,
    "T\rBEGIN:VALARM",
    "naam\r\nEND:VEVENT",
    "\u2028",
    "9999-12-31",
    "0001-01-01",
    "2027-01-01|²",
    "\x00|1",
]
tekst = st.one_of(
    st.sampled_from(GEMEEN),
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x9F), max_size=20),  # C0, DEL and C1
    st.integers(min_value=201, max_value=6000).map(lambda n: "x" * n),  # overlong
)
grote_getallen = st.integers(min_value=-(2**80), max_value=2**80).map(str)
datums = st.one_of(
    st.dates().map(date.isoformat),
    st.sampled_from(
        ["9999-12-31", "0001-01-01", "1999-12-31", "2000-01-01", "2099-12-31", "2100-01-01"]
    ),
    st.sampled_from(["31-12-2027", "2027-02-30", "20270101", "99999-01-01", "2027-13-01"]),
    tekst,
)
# The list's query string a form posts back: decoded by the view, after any guard saw it.
terug = st.one_of(
    st.sampled_from(
        [
            "sorteer=klant&na=%00%7C1",
            "na=2027-01-01%7C%C2%B2",
            "na=9999-12-31%7C1",
            "pagina=%00&q=%00&teamlid=%C2%B2",
            "van=0001-01-01&tot=9999-12-31&teamlid=99999999999999999999999",
            "%00=1",
        ]
    ),
    tekst,
)
perioden = st.one_of(
    st.sampled_from(
        ["9999-Q4", "0001-Q1", "1999-Q4", "2099-Q4", "2100", "2027-Q1", "2027-03", "2027", "0000"]
    ),
    st.from_regex(r"\A[0-9]{1,5}(-(Q[0-9]|[0-9]{2}))?\Z"),
    tekst,
)


@dataclass
class Wereld:
    """Two offices: ours, with a relation, team, agreement and tasks, and another one."""

    medewerker: Medewerker
    beheerder: Medewerker
    klant: Relatie
    contact: Relatie
    overeenkomst: Overeenkomst
    sjabloon: Taaksjabloon
    teamlid: Teamlid
    connectie: Connectie
    eigen: dict[str, list[int]]
    vreemd: dict[str, list[int]]

    def ids(self, soort: str) -> st.SearchStrategy[str]:
        """An id of ours, of the other office, a nonexistent one, or no id at all."""
        return st.one_of(
            st.sampled_from(
                [
                    *(str(i) for i in self.eigen[soort]),
                    *(str(i) for i in self.vreemd[soort]),
                    *("999999999", "0", "-1", "9" * 30, "²", "٣", " 1", "1.0"),
                ]
            ),
            grote_getallen,
            tekst,
        )

    def client(self, wie: Medewerker | None = None) -> Client:
        client = Client()
        client.force_login(wie or self.medewerker)
        return client


@pytest.fixture
def wereld(kantoor, medewerker, collega, beheerder, ander_kantoor, vreemde, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    boekhouder = InterneRolFactory(kantoor=kantoor, naam="Boekhouder", code="BH")
    klant = RelatieFactory(kantoor=kantoor, code="1001", aangemaakt_door=medewerker)
    contact = RelatieFactory(
        kantoor=kantoor, code="1002", soort="contact", aangemaakt_door=beheerder
    )
    teamlid = Teamlid.objects.create(
        kantoor=kantoor, relatie=klant, medewerker=collega, rol=boekhouder
    )
    overeenkomst = OvereenkomstFactory(kantoor=kantoor, relatie=klant, startdatum=date(2027, 1, 1))
    sjabloon = TaaksjabloonFactory(overeenkomst=overeenkomst, kantoor=kantoor, rol=boekhouder)
    taken = [
        TaakFactory(kantoor=kantoor, relatie=klant, rol=boekhouder, vervaldatum=dag)
        for dag in (date(2000, 1, 1), date(2027, 4, 30), date(2099, 12, 31))
    ]
    klanttaak = TaakFactory(kantoor=kantoor, relatie=klant, rol=None, voor_klant=True)
    Teamlid.objects.create(kantoor=kantoor, relatie=klant, medewerker=medewerker, rol=boekhouder)
    connectie = ConnectieFactory(kantoor=kantoor, relatie_a=klant, relatie_b=contact)

    vreemde_rol = InterneRolFactory(kantoor=ander_kantoor)
    vreemde_relatie = RelatieFactory(kantoor=ander_kantoor, code="1003", aangemaakt_door=vreemde)
    vreemde_taak = TaakFactory(kantoor=ander_kantoor, relatie=vreemde_relatie, rol=vreemde_rol)
    vreemd_teamlid = Teamlid.objects.create(
        kantoor=ander_kantoor, relatie=vreemde_relatie, medewerker=vreemde, rol=vreemde_rol
    )
    vreemde_overeenkomst = OvereenkomstFactory(kantoor=ander_kantoor, relatie=vreemde_relatie)
    vreemde_connectie = ConnectieFactory(kantoor=ander_kantoor)
    return Wereld(
        medewerker=medewerker,
        beheerder=beheerder,
        klant=klant,
        contact=contact,
        overeenkomst=overeenkomst,
        sjabloon=sjabloon,
        teamlid=teamlid,
        connectie=connectie,
        eigen={
            "relatie": [klant.pk, contact.pk],
            "medewerker": [medewerker.pk, collega.pk, beheerder.pk],
            "rol": [boekhouder.pk, kantoor.klantbeheerder_rol.pk],
            "taak": [t.pk for t in [*taken, klanttaak]],
            "teamlid": [teamlid.pk],
            "overeenkomst": [overeenkomst.pk],
            "sjabloon": [sjabloon.pk],
            "connectie": [connectie.pk],
        },
        vreemd={
            "relatie": [vreemde_relatie.pk],
            "medewerker": [vreemde.pk],
            "rol": [vreemde_rol.pk],
            "taak": [vreemde_taak.pk],
            "teamlid": [vreemd_teamlid.pk],
            "overeenkomst": [vreemde_overeenkomst.pk],
            "connectie": [vreemde_connectie.pk],
        },
    )


def momentopname() -> dict[str, list[tuple[Any, ...]]]:
    """Every row the product's forms can write, to prove that a refusal wrote nothing."""
    modellen = [
        Relatie,
        Connectie,
        Teamlid,
        TeamWijziging,
        Overeenkomst,
        Taaksjabloon,
        Proces,
        Taak,
        TaakGebeurtenis,
        Agendatoken,
    ]
    opname = {m.__name__: list(m.objects.order_by("pk").values_list()) for m in modellen}
    opname["Medewerker"] = list(
        Medewerker.objects.order_by("pk").values_list("pk", "naam", "taal", "is_active")
    )
    return opname


def verstuur(doe: Callable[[], Any]) -> Any:
    """Never a 5xx; a refusal (4xx) leaves every table as it was."""
    voor = momentopname()
    response = doe()
    assert response.status_code < 500
    if response.status_code >= 400:
        assert momentopname() == voor
    return response


def formulier(verplicht: dict[str, Any] | None = None, **optioneel: Any) -> Any:
    """Form data with any field missing (missing fields are part of the attack)."""
    return st.fixed_dictionaries(verplicht or {}, optional=optioneel)


# --- Relations ------------------------------------------------------------------------------

RELATIE_VELDEN = {
    "code": tekst,
    "naam": tekst,
    "soort": st.one_of(st.sampled_from(["klant", "contact"]), tekst),
    "type": st.one_of(st.sampled_from(["bedrijf", "particulier"]), tekst),
    "email": tekst,
    "telefoon": tekst,
    "website": tekst,
    "postcode": st.one_of(st.just("1234 AB"), tekst),
    "land": tekst,
    "kvk_nummer": tekst,
    "bsn": st.one_of(st.just("111222333"), tekst),
    "rsin": tekst,
    "btw_id": tekst,
    "iban": tekst,
    "aangiftetijdvak": st.one_of(st.sampled_from(["maand", "kwartaal", "jaar", "geen"]), tekst),
    "uitstelregeling": tekst,
}


@VIJANDIG
@given(data=st.data())
def test_relation_create_and_edit(wereld, data):
    """Issue 9 item 2: the relation form, new and edit."""
    client = wereld.client()
    velden = data.draw(formulier(**RELATIE_VELDEN))
    url = data.draw(
        st.sampled_from(
            [
                reverse("relaties:relatie_create"),
                reverse("relaties:relatie_update", args=[wereld.klant.pk]),
            ]
        )
    )
    verstuur(lambda: client.post(url, velden))


@VIJANDIG
@given(data=st.data())
def test_connecties(wereld, data):
    """Issue 9 item 2: linking by code, and removing a link by id."""
    client = wereld.client()
    velden = data.draw(
        formulier(
            code=st.one_of(st.sampled_from(["1001", "1002", "1003"]), tekst), omschrijving=tekst
        )
    )
    verstuur(
        lambda: client.post(reverse("relaties:connectie_create", args=[wereld.klant.pk]), velden)
    )
    connectie = data.draw(st.integers(min_value=0, max_value=2**70))
    verstuur(
        lambda: client.post(reverse("relaties:connectie_delete", args=[wereld.klant.pk, connectie]))
    )


@VIJANDIG
@given(data=st.data())
def test_relation_bulk(wereld, data):
    """Issue 9 item 2: (de)activating a selection with foreign and forged ids."""
    client = wereld.client()
    velden = data.draw(
        formulier(
            actie=st.one_of(st.sampled_from(["deactiveren", "activeren"]), tekst),
            relaties=st.lists(wereld.ids("relatie"), max_size=4),
            terug=terug,
        )
    )
    verstuur(lambda: client.post(reverse("relaties:relatie_bulk"), velden))


@VEEL
@given(data=st.data())
def test_relation_list_parameters(wereld, data):
    """Issue 9 item 2: the Relaties list and its export take any query string."""
    client = wereld.client()
    params = data.draw(
        formulier(
            q=tekst,
            status=tekst,
            soort=tekst,
            type=tekst,
            teamlid=st.one_of(st.just("mijn"), wereld.ids("medewerker")),
            aangiftetijdvak=tekst,
            sorteer=st.one_of(st.sampled_from(["code", "-code", "naam", "-naam"]), tekst),
            pagina=st.one_of(grote_getallen, tekst, st.just("last")),
        )
    )
    url = data.draw(
        st.sampled_from([reverse("relaties:relatie_list"), reverse("relaties:relatie_export")])
    )
    verstuur(lambda: client.get(url, params))


# --- Teams ----------------------------------------------------------------------------------


@VIJANDIG
@given(data=st.data())
def test_team_add_remove_and_change_role(wereld, data):
    """Issue 9 item 2: the Teamleden tab's forms with any ids."""
    client = wereld.client()
    relatie = data.draw(st.sampled_from([wereld.klant.pk, *wereld.vreemd["relatie"], 2**62]))
    velden = data.draw(formulier(medewerker=wereld.ids("medewerker"), rol=wereld.ids("rol")))
    verstuur(lambda: client.post(reverse("teams:teamlid_create", args=[relatie]), velden))
    teamlid = data.draw(
        st.sampled_from([*wereld.eigen["teamlid"], *wereld.vreemd["teamlid"], 0, 2**70])
    )
    rol = data.draw(formulier(rol=wereld.ids("rol")))
    verstuur(
        lambda: client.post(
            reverse("teams:teamlid_rol_wijzigen", args=[wereld.klant.pk, teamlid]), rol
        )
    )
    verstuur(lambda: client.post(reverse("teams:teamlid_delete", args=[wereld.klant.pk, teamlid])))
    medewerker = data.draw(
        st.sampled_from([*wereld.eigen["medewerker"], *wereld.vreemd["medewerker"], 2**70])
    )
    verstuur(
        lambda: client.post(reverse("teams:medewerker_delete", args=[wereld.klant.pk, medewerker]))
    )


@VEEL
@given(data=st.data())
def test_team_bulk_and_replacement(wereld, data):
    """Issue 9 item 2 (row 1): the bulk page, both steps, and Medewerker vervangen."""
    client = wereld.client(wereld.beheerder)
    velden = data.draw(
        formulier(
            relaties=st.lists(wereld.ids("relatie"), max_size=4),
            medewerker=wereld.ids("medewerker"),
            rol=wereld.ids("rol"),
            terug=terug,
        )
    )
    methode = data.draw(st.sampled_from([client.get, client.post]))
    verstuur(lambda: methode(reverse("teams:teamlid_bulk"), velden))
    vervang = data.draw(
        formulier(
            oud=wereld.ids("medewerker"),
            nieuw=wereld.ids("medewerker"),
            rollen=st.lists(wereld.ids("rol"), max_size=3),
            bevestigen=tekst,
        )
    )
    verstuur(lambda: client.post(reverse("teams:medewerker_vervangen"), vervang))


# --- Tasks ----------------------------------------------------------------------------------


@VIJANDIG
@given(data=st.data())
def test_task_actions(wereld, data):
    """Issue 9 item 2 (row 4): every action, verschuiven with extreme dates and shifts."""
    client = wereld.client()
    actie = data.draw(
        st.one_of(
            st.sampled_from(["oppakken", "overnemen", "gereed_melden", "heropenen", "verschuiven"]),
            st.from_regex(r"\A[a-z_-]{1,20}\Z"),
        )
    )
    velden = data.draw(
        formulier(
            taken=st.lists(wereld.ids("taak"), max_size=4),
            datum=datums,
            dagen=st.one_of(st.integers(-400, 400).map(str), grote_getallen, tekst),
            reden=tekst,
            naar=wereld.ids("medewerker"),
            terug=terug,
            volgende=tekst,
        )
    )
    verstuur(lambda: client.post(reverse("taken:taak_actie", args=[actie]), velden))


@VIJANDIG
@given(data=st.data())
def test_task_page_actions(wereld, data):
    """Issue 10 item 2: the task page's actions take any date, colleague and return path."""
    client = wereld.client()
    taak = data.draw(st.sampled_from([*wereld.eigen["taak"], *wereld.vreemd["taak"]]))
    actie = data.draw(
        st.one_of(
            st.sampled_from(["oppakken", "overnemen", "gereed_melden", "heropenen", "verschuiven"]),
            st.from_regex(r"\A[a-z_-]{1,20}\Z"),
        )
    )
    velden = data.draw(
        formulier(
            datum=datums,
            reden=tekst,
            naar=wereld.ids("medewerker"),
            volgende=st.one_of(
                st.sampled_from(["//evil.example/", "/\\evil.example", "https://evil.example"]),
                tekst,
            ),
        )
    )
    verstuur(lambda: client.post(reverse("taken:taak_detail_actie", args=[taak, actie]), velden))
    verstuur(lambda: client.get(reverse("taken:taak_detail", args=[taak]), velden))


@VIJANDIG
@given(data=st.data())
def test_proces_starten(wereld, data):
    """Issue 9 item 2 (row 6): any period."""
    client = wereld.client()
    eigen = wereld.overeenkomst.pk
    overeenkomst = data.draw(
        st.sampled_from([eigen, eigen, eigen, *wereld.vreemd["overeenkomst"], 2**70])
    )
    velden = data.draw(formulier({"periode": perioden}))
    verstuur(
        lambda: client.post(
            reverse("taken_relatie:proces_starten", args=[wereld.klant.pk, overeenkomst]), velden
        )
    )


@VIJANDIG
@given(data=st.data())
def test_agreement_and_template_forms(wereld, data):
    """Issue 9 item 2 (row 12): agreements and templates, new and edit."""
    client = wereld.client()
    relatie = data.draw(st.sampled_from([wereld.klant.pk, wereld.contact.pk]))
    overeenkomst = data.draw(
        formulier(
            naam=tekst,
            omschrijving=tekst,
            startdatum=datums,
            einddatum=datums,
            status=st.one_of(st.sampled_from(["actief", "beeindigd"]), tekst),
        )
    )
    url = data.draw(
        st.sampled_from(
            [
                reverse("taken_relatie:overeenkomst_create", args=[relatie]),
                reverse(
                    "taken_relatie:overeenkomst_update", args=[relatie, wereld.overeenkomst.pk]
                ),
            ]
        )
    )
    verstuur(lambda: client.post(url, overeenkomst))
    getal = st.one_of(st.integers(-5, 40).map(str), grote_getallen, tekst)
    sjabloon = data.draw(
        formulier(
            naam=tekst,
            mijlpaal=tekst,
            voor_klant=st.sampled_from(["on", "", "true", "x"]),
            rol=wereld.ids("rol"),
            herhaling=st.one_of(
                st.sampled_from(["eenmalig", "maand", "kwartaal", "jaar", "aangiftetijdvak"]), tekst
            ),
            deadline_soort=st.one_of(
                st.sampled_from(["dagen_na_periode", "einde_volgende_maand", "vaste_datum"]), tekst
            ),
            deadline_dagen=getal,
            deadline_maand=getal,
            deadline_dag=getal,
            deadline_jaren_na=getal,
            volgt_uitstelregeling=st.sampled_from(["on", ""]),
            volgorde=getal,
        )
    )
    url = data.draw(
        st.sampled_from(
            [
                reverse(
                    "taken_relatie:taaksjabloon_create",
                    args=[wereld.klant.pk, wereld.overeenkomst.pk],
                ),
                reverse(
                    "taken_relatie:taaksjabloon_update",
                    args=[wereld.klant.pk, wereld.overeenkomst.pk, wereld.sjabloon.pk],
                ),
            ]
        )
    )
    verstuur(lambda: client.post(url, sjabloon))


@VEEL
@given(data=st.data())
def test_task_list_parameters(wereld, data):
    """Issue 9 item 2 (row 2): Mijn taken, its export and Niet belegd take any query string."""
    client = wereld.client()
    params = data.draw(
        formulier(
            weergave=st.one_of(
                st.sampled_from(["mijn", "collega", "alle"]), wereld.ids("medewerker"), tekst
            ),
            teamlid=wereld.ids("medewerker"),
            status=st.one_of(st.sampled_from(["openstaand", "gereed", "alle"]), tekst),
            vervalt=tekst,
            van=datums,
            tot=datums,
            relatie=tekst,
            rol=wereld.ids("rol"),
            overeenkomst=tekst,
            sorteer=st.one_of(st.sampled_from(["vervaldatum", "klant", "taak"]), tekst),
            na=st.one_of(
                st.sampled_from(
                    ["2027-01-01|²", "\x00|1", "9999-12-31|1", "2027-01-01|" + "9" * 30, "|"]
                ),
                st.tuples(st.one_of(datums, tekst), st.one_of(wereld.ids("taak"), tekst)).map(
                    "|".join
                ),
                tekst,
            ),
            # Vorige (issue 10 item 1): the backward cursor takes the same hostile values.
            voor=st.one_of(
                st.sampled_from(
                    ["2027-01-01|²", "\x00|1", "0001-01-01|1", "2027-01-01|" + "9" * 30, "|"]
                ),
                st.tuples(st.one_of(datums, tekst), st.one_of(wereld.ids("taak"), tekst)).map(
                    "|".join
                ),
                tekst,
            ),
        )
    )
    url = data.draw(
        st.sampled_from(
            [
                reverse("taken:taak_list"),
                reverse("taken:taak_export"),
                reverse("taken:niet_belegd"),
            ]
        )
    )
    verstuur(lambda: client.get(url, params))


@VIJANDIG
@given(token=tekst)
def test_the_feed_takes_any_token(wereld, token):
    """Issue 9 item 2 (rows 3, 5): the public feed with any token in its path."""
    client = Client()
    response = verstuur(lambda: client.get(f"/taken/agenda/{quote(token, safe='')}.ics"))
    assert response.status_code in (400, 404) or token == ""


def test_the_feed_of_the_team_holds_the_edges_of_the_range(wereld):
    """Issue 9 row 5: tasks due on 1 January 2000 and 31 December 2099 are in the feed."""
    client = Client()
    token = Agendatoken.voor(wereld.medewerker).token
    response = verstuur(lambda: client.get(reverse("taken:agenda_feed", args=[token])))
    assert response.status_code == 200
    assert b"DTSTART;VALUE=DATE:20991231" in response.content
    assert b"DTSTART;VALUE=DATE:20000101" in response.content


@VIJANDIG
@given(data=st.data())
def test_language_choice(wereld, data):
    """Issue 9 item 2: the language switch, logged in or not."""
    client = data.draw(st.sampled_from([wereld.client(), Client()]))
    velden = data.draw(formulier(taal=tekst, next=tekst))
    verstuur(lambda: client.post(reverse("taal_kiezen"), velden))


@VIJANDIG
@given(data=st.data())
def test_beheer_list_parameters(wereld, data):
    """Issue 9 item 2 (row 3): the admin's filters, search, sorting and pages take any value."""
    client = wereld.client(wereld.beheerder)
    url = data.draw(
        st.sampled_from(
            [
                "/beheer/kantoor/medewerker/",
                "/beheer/kantoor/internerol/",
                "/beheer/kantoor/kantoor/",
            ]
        )
    )
    params = data.draw(
        formulier(
            taal__exact=tekst,
            is_active__exact=tekst,
            actief__exact=tekst,
            q=tekst,
            o=tekst,
            p=st.one_of(grote_getallen, tekst),
            e=tekst,
        )
    )
    verstuur(lambda: client.get(url, params))
