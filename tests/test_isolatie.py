"""The isolation matrix (D9, issue 9 item 8): every URL pattern of the project, tried by an
employee and by an office admin of office B against the rows of office A.

For each pattern, MATRIX says which row of office A each URL parameter names (and which rows a
form posts or a query string carries). Office B's visitor then gets exactly the answer that a
nonexistent id gets (same status, same page), on GET and on POST with a valid CSRF token, and
the database is unchanged; no page shows him anything of office A. The same visitor of office A
gets a real answer for his own row, so that a broken lookup cannot pass for isolation.

A URL pattern without a case fails `test_every_url_pattern_has_a_case`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import product
from typing import Any
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponseBase
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.wereld import MERK, Kantoorwereld, Wereld, gedeelde_wereld

pytestmark = pytest.mark.django_db

ONBEKEND = 999_999  # an id that no row has


@dataclass(frozen=True)
class Geval:
    """How one URL pattern is tried.

    `objecten`: URL parameter -> the row of the office it names ("=text" is a literal value,
    "ct:app.model" a content type). `get`/`post`: query string and form fields, in which
    "{row}" becomes that row's id. `eigen_status`: what office A's own visitor (by persona) gets
    where a 404 is the right answer for him too. `schrijft_eigen`: the request changes the visitor's
    own rows (his language, his calendar link), so only office A's rows must stay as they were.
    `toont_merk`: office A's own visitor sees office A's names there (the check can fail).
    `kantoorloos`: the row belongs to no office (Django's groups, kept by the platform): office
    B must get a refusal and write nothing, but Django's own GroupAdmin answers an existing
    group (403) unlike a missing one (redirect), which tells nothing about any office.
    """

    objecten: dict[str, str] = field(default_factory=dict)
    get: dict[str, Any] = field(default_factory=dict)
    post: dict[str, Any] = field(default_factory=dict)
    eigen_status: dict[str, int] = field(default_factory=dict)
    schrijft_eigen: bool = False
    toont_merk: bool = False
    kantoorloos: bool = False

    @property
    def noemt_rijen(self) -> bool:
        """Does the request name rows of an office (in the path, the query or the form)?"""
        in_pad = any(not w.startswith(("=", "ct:")) for w in self.objecten.values())
        velden = [*self.get.values(), *self.post.values()]
        return in_pad or any("{" in str(w) for w in velden)


RELATIE = {"pk": "relatie"}
OVEREENKOMST = {"pk": "relatie", "overeenkomst_pk": "overeenkomst"}
MEDEWERKER = {"object_id": "medewerker"}
ROL = {"object_id": "rol"}
KANTOOR = {"object_id": "kantoor"}
INSTELLINGEN = {"object_id": "takeninstellingen"}
GROEP = {"object_id": "groep"}
GROEP_GEVAL = {"objecten": GROEP, "kantoorloos": True}
ADMIN_ACTIE = {"action": "deactiveer", "_selected_action": "{medewerker}", "index": "0"}

# Every URL pattern of the project -> how it is tried. Keys are "namespace:name", or the route
# for a pattern without a name.
MATRIX: dict[str, Geval] = {
    # --- The relation pages -------------------------------------------------------------------
    "relaties:relatie_list": Geval(get={"teamlid": "{medewerker}"}, toont_merk=True),
    "relaties:relatie_create": Geval(post={"naam": ""}),
    "relaties:relatie_bulk": Geval(post={"actie": "deactiveren", "relaties": "{relatie}"}),
    "relaties:relatie_export": Geval(get={"teamlid": "{medewerker}"}, toont_merk=True),
    "relaties:relatie_detail": Geval(RELATIE),
    "relaties:relatie_update": Geval(RELATIE, post={"code": "Z001", "naam": "Overgenomen"}),
    "relaties:relatie_connecties": Geval(RELATIE),
    "relaties:connectie_create": Geval(RELATIE, post={"code": "Z003"}),
    "relaties:connectie_delete": Geval({"pk": "relatie", "connectie_pk": "connectie"}),
    "relaties:relatie_maak_klant": Geval({"pk": "contact"}),
    "relaties:relatie_deactiveren": Geval(RELATIE),
    "relaties:relatie_activeren": Geval(RELATIE),
    # --- Teams ---------------------------------------------------------------------------------
    "teams:teamlid_list": Geval(RELATIE),
    "teams:teamlid_create": Geval(
        RELATIE, post={"medewerker": "{collega}", "rol": "{klantbeheerder_rol}"}
    ),
    "teams:teamlid_delete": Geval({"pk": "relatie", "teamlid_pk": "teamlid"}),
    "teams:teamlid_rol_wijzigen": Geval(
        {"pk": "relatie", "teamlid_pk": "teamlid"}, post={"rol": "{klantbeheerder_rol}"}
    ),
    "teams:medewerker_delete": Geval({"pk": "relatie", "medewerker_pk": "medewerker"}),
    "teams:teamlid_bulk": Geval(
        get={"relaties": "{relatie}"},
        post={"relaties": "{relatie}", "medewerker": "{collega}", "rol": "{rol}"},
    ),
    "teams:medewerker_vervangen": Geval(
        post={"oud": "{collega}", "nieuw": "{medewerker}", "rollen": "{rol}"}
    ),
    "teams:medewerker_vertrek": Geval({"medewerker_pk": "collega"}, post={"nieuw": "{medewerker}"}),
    # --- Work on a relation ---------------------------------------------------------------------
    "taken_relatie:relatie_werk": Geval(RELATIE),
    "taken_relatie:overeenkomst_create": Geval(
        RELATIE, post={"naam": "Nieuw", "startdatum": "2027-01-01", "status": "actief"}
    ),
    "taken_relatie:overeenkomst_update": Geval(
        OVEREENKOMST, post={"naam": "Overgenomen", "startdatum": "2027-01-01", "status": "actief"}
    ),
    "taken_relatie:taaksjabloon_create": Geval(OVEREENKOMST, post={"rol": "{rol}"}),
    "taken_relatie:taaksjabloon_update": Geval(
        {**OVEREENKOMST, "sjabloon_pk": "taaksjabloon"}, post={"rol": "{rol}"}
    ),
    "taken_relatie:proces_starten": Geval(OVEREENKOMST, post={"periode": "2027-Q2"}),
    # --- Tasks -----------------------------------------------------------------------------------
    "taken:taak_list": Geval(get={"weergave": "{medewerker}", "rol": "{rol}"}, toont_merk=True),
    "taken:taak_export": Geval(
        get={"weergave": "alle", "teamlid": "{medewerker}", "rol": "{rol}"}, toont_merk=True
    ),
    "taken:taak_actie": Geval({"actie": "=gereed_melden"}, post={"taken": "{taak}"}),
    "taken:taak_detail": Geval({"pk": "taak"}),
    "taken:taak_detail_actie": Geval({"pk": "taak", "actie": "=gereed_melden"}),
    "taken:niet_belegd": Geval(),
    "taken:agenda_instellingen": Geval(),
    "taken:agenda_vernieuwen": Geval(schrijft_eigen=True),
    # The secret token is the key (the feed is public): tried with each visitor's own token.
    "taken:agenda_feed": Geval({"token": "agendatoken.token"}, toont_merk=True),
    # --- Login, language, password reset, the start page -----------------------------------------
    "login": Geval(),
    # The second step of logging in: it offers only offices whose account took the password.
    "kantoor_kiezen": Geval(post={"kantoor": "{kantoor}"}),
    "beheer_login": Geval(),
    "logout": Geval(),
    "taal_kiezen": Geval(post={"taal": "en"}, schrijft_eigen=True),
    "gezond": Geval(),
    "start": Geval(),
    "password_reset": Geval(post={"email": "medewerker@kantoor.example"}),
    "password_reset_done": Geval(),
    # The link's uid is an employee's id: office A's employee answers as nobody does.
    "password_reset_confirm": Geval({"uidb64": "b64:medewerker", "token": "=abc-123"}),
    "password_reset_complete": Geval(),
    # --- Beheer -----------------------------------------------------------------------------------
    "admin:index": Geval(),
    "admin:login": Geval(),
    "admin:logout": Geval(),
    "admin:password_change": Geval(),
    "admin:password_change_done": Geval(),
    "admin:autocomplete": Geval(
        get={"app_label": "kantoor", "model_name": "medewerker", "field_name": "kantoor"}
    ),
    "admin:jsi18n": Geval(),
    # No model has get_absolute_url: the shortcut is a 404 for everyone, office A included.
    "admin:view_on_site": Geval(
        {"content_type_id": "ct:relaties.relatie", "object_id": "relatie"},
        eigen_status={"beheerder": 404},
    ),
    "admin:app_list": Geval({"app_label": "=kantoor"}),
    # Beheer's catch-all: an unknown admin URL is a 404 for every office admin.
    "beheer/(?P<url>.*)$": Geval({"url": "=kantoor/relatie/"}, eigen_status={"beheerder": 404}),
    "admin:kantoor_kantoor_changelist": Geval(),
    "admin:kantoor_kantoor_add": Geval(),
    "admin:kantoor_kantoor_history": Geval(KANTOOR),
    "admin:kantoor_kantoor_delete": Geval(KANTOOR),
    "admin:kantoor_kantoor_change": Geval(KANTOOR, post={"naam": "Overgenomen"}),
    "beheer/kantoor/kantoor/<path:object_id>/": Geval(KANTOOR),
    "admin:kantoor_internerol_changelist": Geval(
        get={"q": "ZQX"},
        post={"action": "deactiveer_rollen", "_selected_action": "{rol}", "index": "0"},
    ),
    "admin:kantoor_internerol_add": Geval(),
    "admin:kantoor_internerol_history": Geval(ROL),
    "admin:kantoor_internerol_delete": Geval(ROL, post={"post": "yes"}),
    "admin:kantoor_internerol_change": Geval(ROL, post={"naam": "Overgenomen", "code": "X"}),
    "beheer/kantoor/internerol/<path:object_id>/": Geval(ROL),
    "admin:kantoor_medewerker_importeren": Geval(),
    "admin:kantoor_medewerker_changelist": Geval(get={"q": "ZQX"}, post=ADMIN_ACTIE),
    "admin:kantoor_medewerker_add": Geval(),
    "admin:kantoor_medewerker_history": Geval(MEDEWERKER),
    "admin:kantoor_medewerker_delete": Geval(MEDEWERKER, post={"post": "yes"}),
    "admin:kantoor_medewerker_change": Geval(
        MEDEWERKER, post={"code": "MW", "naam": "Overgenomen", "taal": "nl", "is_active": "on"}
    ),
    "beheer/kantoor/medewerker/<path:object_id>/": Geval(MEDEWERKER),
    "admin:taken_takeninstellingen_changelist": Geval(),
    "admin:taken_takeninstellingen_add": Geval(),
    "admin:taken_takeninstellingen_history": Geval(INSTELLINGEN),
    "admin:taken_takeninstellingen_delete": Geval(INSTELLINGEN, post={"post": "yes"}),
    "admin:taken_takeninstellingen_change": Geval(INSTELLINGEN, post={"binnenkort_dagen": "3"}),
    "beheer/taken/takeninstellingen/<path:object_id>/": Geval(INSTELLINGEN),
    # Groups belong to no office; Beheer keeps them for the platform only.
    "admin:auth_group_changelist": Geval(),
    "admin:auth_group_add": Geval(),
    "admin:auth_group_history": Geval(**GROEP_GEVAL),
    "admin:auth_group_delete": Geval(**GROEP_GEVAL, post={"post": "yes"}),
    "admin:auth_group_change": Geval(**GROEP_GEVAL, post={"name": "Overgenomen"}),
    "beheer/auth/group/<path:object_id>/": Geval(**GROEP_GEVAL),
}

PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def url_patronen(patronen=None, prefix: str = "", namespace: str = "") -> dict[str, str]:
    """Every URL pattern of the project: its key in MATRIX -> its full route."""
    gevonden: dict[str, str] = {}
    for patroon in patronen if patronen is not None else get_resolver().url_patterns:
        route = prefix + str(patroon.pattern)
        if isinstance(patroon, URLResolver):
            ns = ":".join(filter(None, [namespace, patroon.namespace or ""]))
            gevonden.update(url_patronen(patroon.url_patterns, route, ns))
        elif isinstance(patroon, URLPattern):
            sleutel = ":".join(filter(None, [namespace, patroon.name])) if patroon.name else route
            assert sleutel not in gevonden, f"two URL patterns are called {sleutel}"
            gevonden[sleutel] = route
    return gevonden


ROUTES = url_patronen()


def test_every_url_pattern_has_a_case():
    """Issue 9 item 8: a new URL pattern without a case in the matrix fails here."""
    assert set(ROUTES) - set(MATRIX) == set(), "URL patterns without a case in MATRIX"
    assert set(MATRIX) - set(ROUTES) == set(), "cases in MATRIX for URL patterns that are gone"


# --- Trying one case ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wereld(django_db_setup, django_db_blocker):
    with gedeelde_wereld(django_db_blocker) as wereld:
        yield wereld


def waarde(kant: Kantoorwereld | None, naam: str) -> str:
    """The value that stands for row `naam` of office `kant` (None: a row that does not exist)."""
    if naam.startswith("="):
        return naam[1:]
    if naam.startswith("ct:"):
        return str(ContentType.objects.get_for_model(apps.get_model(naam[3:])).pk)
    if naam.startswith("b64:"):
        return urlsafe_base64_encode(force_bytes(waarde(kant, naam[4:])))
    rij, _punt, veld = naam.partition(".")
    if kant is None:
        return "onbekend-geheim" if veld else str(ONBEKEND)
    return str(getattr(kant[rij], veld or "pk"))


def vul_in(tekst: Any, kant: Kantoorwereld | None) -> Any:
    if isinstance(tekst, str):
        return re.sub(r"\{(\w+)\}", lambda m: waarde(kant, m.group(1)), tekst)
    return tekst


@dataclass
class Verzoek:
    pad: str
    get: dict[str, Any]
    post: dict[str, Any]
    ids: set[str]


def verzoek(
    sleutel: str, geval: Geval, kant: Kantoorwereld | None, eerste: Kantoorwereld | None = None
) -> Verzoek:
    """The request of `geval` with the rows of office `kant` (None: ids that do not exist);
    with `eerste`, the path's first row is that office's (its own relation, say) instead."""
    waarden = {p: waarde(kant, naam) for p, naam in geval.objecten.items()}
    if eerste is not None:
        p, naam = next(iter(geval.objecten.items()))
        waarden[p] = waarde(eerste, naam)
    pad = "/" + PARAMETER.sub(lambda m: waarden[m.group(1) or m.group(2)], ROUTES[sleutel])
    pad = pad.replace("^", "").replace("$", "")
    get = {k: vul_in(v, kant) for k, v in geval.get.items()}
    post = {k: vul_in(v, kant) for k, v in geval.post.items()}
    ids = {str(v) for v in [*waarden.values(), *get.values(), *post.values()] if str(v).isdigit()}
    if geval.objecten.get("uidb64", "").startswith("b64:"):
        ids.add(waarden["uidb64"])
    return Verzoek(pad, get, post, ids)


@pytest.fixture(scope="module")
def bezoekers(wereld: Wereld, django_db_blocker) -> dict[Any, tuple[Client, str]]:
    """Per person, a browser that checks CSRF and the token its pages carry (fetched once)."""
    gevonden = {}
    with django_db_blocker.unblock():
        for kant in (wereld.a, wereld.b):
            for persoon in ("medewerker", "beheerder"):
                client = Client(enforce_csrf_checks=True)
                client.force_login(kant[persoon])
                pagina = client.get("/taken/agenda/").content.decode()
                token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', pagina)
                assert token, "no CSRF token on the calendar page"
                gevonden[kant[persoon].pk] = (client, token.group(1))
    return gevonden


def bezoeker(bezoekers: dict[Any, tuple[Client, str]], persoon: Any) -> tuple[Client, str]:
    """His browser, logged in afresh (a case may have logged him out), without the messages an
    earlier case left for his next page."""
    client, token = bezoekers[persoon.pk]
    client.cookies.pop(CookieStorage.cookie_name, None)
    client.force_login(persoon)
    return client, token


def vraag(client: Client, token: str, methode: str, v: Verzoek) -> HttpResponseBase:
    if methode == "GET":
        return client.get(v.pad, v.get)
    pad = v.pad + (f"?{urlencode(v.get)}" if v.get else "")
    return client.post(pad, {**v.post, "csrfmiddlewaretoken": token})


def inhoud(response: HttpResponseBase) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def antwoord(response: HttpResponseBase, tekst: str, ids: set[str]) -> tuple[Any, ...]:
    """What a visitor learns from a response, with what differs by nature taken out: the
    per-response CSRF mask and the ids he sent himself."""
    keuzes = "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True))
    ids_patroon = re.compile(rf"\b(?:{keuzes})\b")

    def schoon(s: str) -> str:
        s = re.sub(r'(csrfmiddlewaretoken" value=")[^"]+', r"\1", s)
        return ids_patroon.sub("<id>", s) if ids else s

    return (response.status_code, schoon(response.get("Location", "")), schoon(tekst))


DOMEIN = [
    *(
        m
        for app in ("kantoor", "relaties", "teams", "taken")
        for m in apps.get_app_config(app).get_models()
    ),
    Group,
    LogEntry,
]


def momentopname(kantoor_id: int | None = None) -> dict[str, list[dict[str, Any]]]:
    """Every row of the domain tables (or only those of one office), to compare."""
    rijen = {}
    for model in DOMEIN:
        qs = model._base_manager.order_by("pk")
        if kantoor_id is not None:
            if model._meta.label == "kantoor.Kantoor":
                qs = qs.filter(pk=kantoor_id)
            elif any(f.name == "kantoor" for f in model._meta.fields):
                qs = qs.filter(kantoor_id=kantoor_id)
            else:
                continue
        rijen[model._meta.label] = list(qs.values())
    return rijen


@pytest.mark.parametrize("persoon", ["medewerker", "beheerder"])
@pytest.mark.parametrize("sleutel", sorted(MATRIX))
def test_another_office_gets_what_a_nonexistent_id_gets(
    wereld: Wereld, bezoekers, sleutel, persoon
):
    """D9: office B's employee and office admin learn nothing of office A's rows, on GET and
    POST; office A's own visitor does reach them."""
    geval = MATRIX[sleutel]
    vreemde, vreemd_token = bezoeker(bezoekers, wereld.b[persoon])
    # The feed's key is the visitor's own secret; everything else names office A's rows.
    eigen_sleutel = geval.objecten.get("token", "").startswith("agendatoken")
    vreemd = verzoek(sleutel, geval, wereld.b if eigen_sleutel else wereld.a)
    onbekend = verzoek(sleutel, geval, None)

    paren = [(vreemd, onbekend)]
    if sum(not w.startswith(("=", "ct:")) for w in geval.objecten.values()) > 1:
        # Nested rows: office B's own relation (or agreement) with office A's row inside it.
        paren.append(
            (
                verzoek(sleutel, geval, wereld.a, eerste=wereld.b),
                verzoek(sleutel, geval, None, eerste=wereld.b),
            )
        )
    for (vreemd, onbekend), methode in product(paren, ("GET", "POST")):
        kantoor_a = wereld.a.kantoor.pk if geval.schrijft_eigen else None
        voor = momentopname(kantoor_a)
        response = vraag(vreemde, vreemd_token, methode, vreemd)
        tekst = inhoud(response)
        assert momentopname(kantoor_a) == voor, f"{methode} {vreemd.pad} wrote to the database"
        assert response.status_code < 500, (methode, vreemd.pad, response.status_code)
        assert MERK not in tekst, f"{methode} {vreemd.pad} shows office A's rows to office B"
        if geval.kantoorloos:
            assert response.status_code in {302, 403, 404}, (methode, vreemd.pad)
        elif geval.noemt_rijen and not eigen_sleutel:
            ids = vreemd.ids | onbekend.ids
            als_onbekend = vraag(vreemde, vreemd_token, methode, onbekend)
            assert antwoord(response, tekst, ids) == antwoord(
                als_onbekend, inhoud(als_onbekend), ids
            ), f"{methode} {vreemd.pad}: another office's row answers unlike a nonexistent one"
        if eigen_sleutel and methode == "GET":
            assert vraag(vreemde, vreemd_token, "GET", onbekend).status_code == 404

    eigen, eigen_token = bezoeker(bezoekers, wereld.a[persoon])
    van_a = verzoek(sleutel, geval, wereld.a)
    response = vraag(eigen, eigen_token, "GET", van_a)
    if response.status_code == 405:
        response = vraag(eigen, eigen_token, "POST", van_a)
    if persoon in geval.eigen_status:
        assert response.status_code == geval.eigen_status[persoon]
    else:
        assert response.status_code != 404, f"office A's own {van_a.pad} is a 404"
    if geval.toont_merk and persoon == "medewerker":
        assert MERK in inhoud(response), f"office A's own {van_a.pad} shows none of its rows"
