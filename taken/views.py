"""The task pages: Mijn taken (R6, D4-D6) with its actions and export, the iCalendar feed, the
office-wide Niet belegde taken (D7) and the relation's tab Overeenkomsten & taken.

Thin views: the rules are on the models, in `taken.services` and in the QuerySets. Every lookup
is scoped to `request.kantoor` (D9).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby
from typing import Any
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kantoor.exports import excel_csv
from kantoor.invoer import in_bereik, lees_terug, parse_id
from kantoor.models import InterneRol
from relaties.models import Relatie
from taken import agenda, services
from taken.forms import (
    ALGEMENE_FILTERS,
    SORTERINGEN,
    ActieForm,
    OvereenkomstForm,
    ProcesStartenForm,
    TaakDetailActieForm,
    TaakFilterForm,
    TaaksjabloonForm,
    standaard_periode,
)
from taken.models import (
    Agendatoken,
    Overeenkomst,
    Proces,
    Taak,
    TaakQuerySet,
    Taaksjabloon,
    TaakStatus,
    Takeninstellingen,
)
from teams.models import Teamlid

PAGINA_GROOTTE = 50


def filter_form(request: HttpRequest, params: QueryDict) -> TaakFilterForm:
    return TaakFilterForm(params, kantoor=request.kantoor, medewerker=request.user)


def te_tellen(form: TaakFilterForm) -> TaakQuerySet:
    """The view's tasks for the COUNT: for a person narrowed through his own team rows as well
    (`via_team_van`, a subset that changes nothing), so that the planner starts there instead
    of checking every open task of the office (issue 11, issue 10 item 1)."""
    taken = form.filter()
    if (wie := form.wie()) is not None:
        status = form.waarde("status", TaakStatus.OPENSTAAND)
        taken = taken.via_team_van(wie, status=None if status == "alle" else status)
    return taken


@dataclass
class Pagina:
    """One page of the list: its rows, the cursors to the pages before and after it (None at
    either end) and the number of tasks in the whole view."""

    rijen: list[Taak]
    vorige: str | None
    volgende: str | None
    aantal: int


def sleutel_van(taak: Taak, veld: str) -> str:
    """The cursor "<value>|<id>" of a row for the sort field."""
    waarde = {
        "vervaldatum": taak.vervaldatum.isoformat(),
        "relatie__naam": taak.relatie.naam,
        "naam": taak.naam,
    }[veld]
    return f"{waarde}|{taak.pk}"


def pagina(form: TaakFilterForm, na: str, voor: str = "") -> Pagina:
    """One page by keyset: the rows after the cursor `na`, or before the cursor `voor`
    ("<value>|<id>" in sort order; *Volgende* and *Vorige*). No OFFSET, so page 1000 costs what
    page 1 costs. A cursor we could not have made is the first page (issue 9 row 2)."""
    veld = SORTERINGEN[form.sortering]
    taken = form.filter().voor_lijst()
    gefilterd = te_tellen(form)
    achter = lees_cursor(na, veld)
    terug = lees_cursor(voor, veld) if achter is None else None
    if terug is not None:
        sleutel, eerste_id = terug
        voorgaand = taken.filter(**{f"{veld}__lt": sleutel}) | taken.filter(
            **{veld: sleutel, "pk__lt": eerste_id}
        )
        rijen = list(voorgaand.order_by(f"-{veld}", "-pk")[: PAGINA_GROOTTE + 1])
        meer_ervoor = len(rijen) > PAGINA_GROOTTE
        rijen = rijen[:PAGINA_GROOTTE][::-1]
        if len(rijen) == PAGINA_GROOTTE:
            vorige = sleutel_van(rijen[0], veld) if meer_ervoor else None
            return Pagina(rijen, vorige, sleutel_van(rijen[-1], veld), gefilterd.count())
        # Fewer rows than a page before the cursor (rows changed meanwhile): the first page.
    taken = taken.order_by(veld, "pk")
    if achter is not None:
        sleutel, laatste_id = achter
        taken = taken.filter(**{f"{veld}__gt": sleutel}) | taken.filter(
            **{veld: sleutel, "pk__gt": laatste_id}
        )
    rijen = list(taken[: PAGINA_GROOTTE + 1])
    meer = len(rijen) > PAGINA_GROOTTE
    rijen = rijen[:PAGINA_GROOTTE]
    volgende = sleutel_van(rijen[-1], veld) if meer else None
    vorige = sleutel_van(rijen[0], veld) if achter is not None and rijen else None
    # The first page holding the whole view needs no COUNT: its rows are the count.
    aantal = len(rijen) if achter is None and not meer else gefilterd.count()
    return Pagina(rijen, vorige, volgende, aantal)


# A cursor's value is a due date or a name (at most 200 characters); anything longer is forged.
CURSOR_MAX = 250
_DATUM_CURSOR = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def lees_cursor(na: str, veld: str) -> tuple[Any, int] | None:
    """The cursor "<value>|<id>" typed for the sort field, or None (the first page) when it is
    not one we could have made: an invalid cursor never reaches the query (issue 9 row 2)."""
    if not na or len(na) > CURSOR_MAX:
        return None
    waarde, _sep, laatste = na.rpartition("|")
    laatste_id = parse_id(laatste)
    if laatste_id is None or not waarde:
        return None
    if veld != "vervaldatum":
        # A NUL can arrive decoded from `terug`; PostgreSQL refuses it in text.
        return None if "\x00" in waarde else (waarde, laatste_id)
    if not _DATUM_CURSOR.fullmatch(waarde):
        return None
    try:
        datum = date.fromisoformat(waarde)
    except ValueError:
        return None
    return (datum, laatste_id) if in_bereik(datum) else None


@require_GET
def taak_list(request: HttpRequest) -> HttpResponse:
    """Mijn taken: my open tasks by default (R6, D4-D6), a colleague's, or all open tasks."""
    return render_list(request, request.GET)


def render_list(
    request: HttpRequest,
    params: QueryDict,
    actie: ActieForm | None = None,
    fouten: dict[int, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    form = filter_form(request, params)
    blad = pagina(form, params.get("na", ""), params.get("voor", ""))
    rijen = blad.rijen
    bevoegdheid = services.Bevoegdheid.van(request.user, {t.relatie_id for t in rijen})
    instellingen = Takeninstellingen.voor(request.kantoor)
    vandaag = timezone.localdate()
    binnenkort = vandaag + timedelta(days=instellingen.binnenkort_dagen)
    for taak in rijen:
        taak.mag = bevoegdheid.mag_handelen(taak)
        taak.fout = (fouten or {}).get(taak.pk, "")
        taak.urgentie = urgentie(taak, vandaag, binnenkort)
    zonder_cursor = params.copy()
    zonder_cursor.pop("na", None)
    zonder_cursor.pop("voor", None)
    if form.errors and status == 200:
        # A refused filter (a colleague who cannot be chosen, a date outside 2000-2099) says
        # why at its field; the page is an answer to bad input (issue 10 item 1).
        status = 400

    def met_cursor(naam: str, waarde: str | None) -> str:
        if waarde is None:
            return ""
        q = zonder_cursor.copy()
        q[naam] = waarde
        return q.urlencode()

    return render(
        request,
        "taken/taak_list.html",
        {
            "form": form,
            "actie": actie,
            "fouten": fouten or {},
            "taken": rijen,
            "aantal": blad.aantal,
            "volgende": met_cursor("na", blad.volgende),
            "vorige": met_cursor("voor", blad.vorige),
            "querystring": zonder_cursor.urlencode(),
            # A page after the first whose rows went away (done meanwhile): the way back.
            "naar_begin": bool(params.get("na")) and not rijen,
            "filters_querystring": params.urlencode(),
            "hier": request.get_full_path(),
            "wie": form.wie(),
            "binnenkort_dagen": instellingen.binnenkort_dagen,
            "algemene_filters": [
                (naam, form.data.get(naam))
                for naam in ALGEMENE_FILTERS
                if form.data.get(naam) and naam not in form.errors
            ],
        },
        status=status,
    )


def urgentie(taak: Taak, vandaag: date, binnenkort: date) -> str:
    """Overdue red, due soon orange (domain.md, Mijn taken): the CSS class of an open task."""
    if taak.is_open and taak.vervaldatum < vandaag:
        return "te-laat"
    if taak.is_open and taak.vervaldatum <= binnenkort:
        return "binnenkort"
    return ""


@require_POST
def taak_actie(request: HttpRequest, actie: str) -> HttpResponse:
    """One action on one task or on the selected tasks, all or nothing (R9, D5).

    Someone who may not act gets a 403 and nothing changes; a task the action does not fit
    shows its reason on its own line (400), and nothing changes either.
    """
    terug = lees_terug(request.POST.get("terug", ""))
    data = request.POST.copy()
    data["actie"] = actie
    form = ActieForm(data)
    if actie not in services.ACTIES:
        raise Http404
    if not form.is_valid():
        return render_list(request, terug, actie=form, status=400)
    try:
        taken = services.voer_uit(
            request.user,
            form.cleaned_data["taken"],
            actie,
            datum=form.cleaned_data["datum"],
            dagen=form.cleaned_data["dagen"],
            reden=form.cleaned_data["reden"] or "",
            naar_id=form.cleaned_data["naar"],
        )
    except Taak.DoesNotExist:
        raise Http404 from None
    except services.BulkFout as exc:
        form.add_error(None, _("Nothing was changed: some tasks were refused, see below."))
        return render_list(request, terug, actie=form, fouten=exc.fouten, status=400)
    except ValidationError as exc:
        for fout in exc.messages:
            form.add_error(None, fout)
        return render_list(request, terug, actie=form, status=400)
    messages.success(
        request,
        ngettext("%(aantal)d task changed.", "%(aantal)d tasks changed.", len(taken))
        % {"aantal": len(taken)},
    )
    if volgende := veilige_volgende(request, request.POST.get("volgende")):
        return redirect(volgende)
    query = terug.urlencode()
    return redirect(reverse("taken:taak_list") + (f"?{query}" if query else ""))


def veilige_volgende(request: HttpRequest, waarde: str | None) -> str | None:
    """A return path the user came from, when it is one of ours (no open redirect)."""
    if waarde and url_has_allowed_host_and_scheme(
        waarde, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return waarde
    return None


def terug_naar(request: HttpRequest, taak: Taak) -> str:
    """Where the task page returns to: the `volgende` it was given, else the page the browser
    came from (same origin), else Mijn taken (issue 10 item 2)."""
    eigen = reverse("taken:taak_detail", args=[taak.pk])
    for kandidaat in (
        request.POST.get("volgende") if request.method == "POST" else None,
        request.GET.get("volgende"),
        request.headers.get("Referer"),
    ):
        if (volgende := veilige_volgende(request, kandidaat)) and urlsplit(volgende).path != eigen:
            return volgende
    return reverse("taken:taak_list")


def render_detail(
    request: HttpRequest,
    taak: Taak,
    form: TaakDetailActieForm | None = None,
    fout: str = "",
    status: int = 200,
) -> HttpResponse:
    gebeurtenissen = taak.gebeurtenissen.select_related("door", "van_medewerker", "naar_medewerker")
    mag = services.mag_handelen(request.user, taak)
    kandidaten = []
    if mag and taak.is_open and not taak.voor_klant:
        # Overdragen aan: a named colleague in the task's role, not the viewer (he takes it
        # over himself) nor the one who has it; nobody preselected (issue 10 item 2).
        kandidaten = [
            lid.medewerker
            for lid in Teamlid.objects.filter(
                relatie_id=taak.relatie_id, rol_id=taak.rol_id, medewerker__is_active=True
            )
            .exclude(medewerker_id__in=[request.user.pk, taak.opgepakt_door_id or 0])
            .select_related("medewerker")
            .order_by("medewerker__naam")
        ]
    vandaag = timezone.localdate()
    dagen = Takeninstellingen.voor(request.kantoor).binnenkort_dagen
    taak.urgentie = urgentie(taak, vandaag, vandaag + timedelta(days=dagen))
    return render(
        request,
        "taken/taak_detail.html",
        {
            "taak": taak,
            "gebeurtenissen": gebeurtenissen,
            "mag": mag,
            "kandidaten": kandidaten,
            "form": form or TaakDetailActieForm(),
            "fout": fout,
            "volgende": terug_naar(request, taak),
        },
        status=status,
    )


def get_taak(request: HttpRequest, pk: int) -> Taak:
    return get_object_or_404(Taak.objects.for_kantoor(request.kantoor).voor_lijst(), pk=pk)


@require_GET
def taak_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One task, its history (D5: who picked it up, took it over, completed or moved it) and
    every action the viewer may take on it."""
    return render_detail(request, get_taak(request, pk))


ACTIE_MELDINGEN = {
    "oppakken": gettext_lazy("You picked up %(taak)s."),
    "overnemen": gettext_lazy("You took over %(taak)s."),
    "overdragen": gettext_lazy("%(taak)s was handed over to %(naam)s."),
    "gereed_melden": gettext_lazy("%(taak)s is done."),
    "heropenen": gettext_lazy("%(taak)s is open again."),
    "verschuiven": gettext_lazy("%(taak)s is now due on %(datum)s."),
}


@require_POST
def taak_detail_actie(request: HttpRequest, pk: int, actie: str) -> HttpResponse:
    """One action from the task page, through the same service and rules as the list (R9, D5,
    D6): someone who may not act gets a 403 and nothing changes; a refusal shows at its field or
    as a message on the page (400); success returns to where the user came from."""
    if actie not in services.ACTIES:
        raise Http404
    taak = get_taak(request, pk)
    form = TaakDetailActieForm(request.POST, actie=actie)
    if not form.is_valid():
        return render_detail(request, taak, form=form, status=400)
    try:
        services.voer_uit(
            request.user,
            [taak.pk],
            actie,
            datum=form.cleaned_data.get("datum"),
            reden=form.cleaned_data.get("reden") or "",
            naar_id=form.cleaned_data.get("naar"),
        )
    except services.BulkFout as exc:
        fout = exc.fouten.get(taak.pk, "")
        veld = {"verschuiven": "datum", "overnemen": "naar"}.get(actie)
        if veld and (veld == "datum" or form.cleaned_data.get("naar")):
            form.add_error(veld, fout)
            fout = ""
        return render_detail(request, get_taak(request, pk), form=form, fout=fout, status=400)
    except ValidationError as exc:
        form.add_error("naar" if actie == "overnemen" else None, exc)
        return render_detail(request, taak, form=form, status=400)
    taak = get_taak(request, pk)
    overgedragen = actie == "overnemen" and taak.opgepakt_door_id != request.user.pk
    messages.success(
        request,
        ACTIE_MELDINGEN["overdragen" if overgedragen else actie]
        % {
            "taak": taak,
            "naam": taak.opgepakt_door.naam if taak.opgepakt_door else "",
            "datum": date_format(taak.vervaldatum, "j F Y"),
        },
    )
    return redirect(terug_naar(request, taak))


EXPORT_KOPPEN = [
    "vervaldatum",
    "klantcode",
    "klant",
    "periode",
    "taak",
    "mijlpaal",
    "proces",
    "overeenkomst",
    "rol",
    "status",
    "opgepakt_door",
]


@require_GET
def taak_export(request: HttpRequest) -> HttpResponse:
    """The current view (switch, filters, sorting) as CSV for Excel: UTF-8 with BOM, `;`."""
    form = filter_form(request, request.GET)
    if form.geweigerd:
        # Not an empty file that looks like nobody's work (issue 10 item 1).
        return HttpResponse(form.weigering, status=400, content_type="text/plain; charset=utf-8")
    # Start from his team rows, not from the office's tasks (issue 11); same rows.
    taken = te_tellen(form).voor_lijst().order_by(SORTERINGEN[form.sortering], "pk")
    # Streamed: rows are written as they are read (kantoor.exports).
    return excel_csv("taken", EXPORT_KOPPEN, map(export_rij, taken.iterator(chunk_size=2000)))


def export_rij(taak: Taak) -> list[object]:
    return [
        taak.vervaldatum.isoformat(),
        taak.relatie.code,
        taak.relatie.naam,
        taak.periode_label,
        taak.naam,
        taak.mijlpaal,
        taak.proces.naam,
        taak.proces.overeenkomst.naam,
        _("Client") if taak.voor_klant else taak.rol.naam,
        taak.get_status_display(),
        taak.opgepakt_door.naam if taak.opgepakt_door else "",
    ]


# --- The iCalendar feed ----------------------------------------------------------------------


@require_GET
def agenda_instellingen(request: HttpRequest) -> HttpResponse:
    """My calendar link: the secret feed URL to paste into Outlook or Google Calendar."""
    token = Agendatoken.voor(request.user)
    url = request.build_absolute_uri(reverse("taken:agenda_feed", args=[token.token]))
    return render(request, "taken/agenda.html", {"url": url, "token": token})


@require_POST
def agenda_vernieuwen(request: HttpRequest) -> HttpResponse:
    """A new secret: the old URL stops working at once (e.g. after it leaked)."""
    Agendatoken.voor(request.user).vernieuw()
    messages.success(request, _("Your calendar link was renewed; the old link no longer works."))
    return redirect("taken:agenda_instellingen")


@login_not_required
@require_GET
def agenda_feed(request: HttpRequest, token: str) -> HttpResponse:
    """My open tasks' due dates as iCalendar (RFC 5545). Public: the secret token in the URL
    is the key, as calendar programs cannot log in. An unknown token is a 404."""
    gevonden = get_object_or_404(
        Agendatoken.objects.select_related("medewerker", "kantoor"),
        token=token,
        medewerker__is_active=True,
    )
    medewerker = gevonden.medewerker
    taken = (
        Taak.objects.for_kantoor(gevonden.kantoor)
        .voor_medewerker(medewerker)
        .open()
        .voor_lijst()
        .order_by("vervaldatum", "pk")
    )
    inhoud = agenda.kalender(
        taken.iterator(chunk_size=2000),
        naam=_("Tasks of %(naam)s") % {"naam": medewerker.naam},
        domein=request.get_host().split(":")[0] or "kantoor",
    )
    response = HttpResponse(inhoud, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="taken.ics"'
    # Personal data behind a secret URL: kept by no cache (issue 9 row 16).
    response["Cache-Control"] = "private, no-store"
    return response


# --- Niet belegde taken (D7) -----------------------------------------------------------------


@require_GET
def niet_belegd(request: HttpRequest) -> HttpResponse:
    """Office-wide: open tasks on roles that nobody on their relation's team holds (D7),
    grouped by relation and role, each linking to the relation's Teamleden tab."""
    rijen = Taak.objects.for_kantoor(request.kantoor).niet_belegd_groepen(limiet=1000)
    groepen = [
        {"relatie": sleutel, "rollen": list(rollen)}
        for sleutel, rollen in groupby(
            rijen, key=lambda r: (r["relatie"], r["relatie__code"], r["relatie__naam"])
        )
    ]
    return render(request, "taken/niet_belegd.html", {"groepen": groepen})


# --- The relation's tab Overeenkomsten & taken -----------------------------------------------


def get_relatie(request: HttpRequest, pk: int) -> Relatie:
    return get_object_or_404(Relatie.objects.for_kantoor(request.kantoor), pk=pk)


def get_overeenkomst(request: HttpRequest, pk: int, overeenkomst_pk: int) -> Overeenkomst:
    return get_object_or_404(
        Overeenkomst.objects.for_kantoor(request.kantoor).select_related("relatie"),
        relatie_id=pk,
        pk=overeenkomst_pk,
    )


@require_GET
def relatie_werk(request: HttpRequest, pk: int) -> HttpResponse:
    """Tab Overeenkomsten & taken: agreements with their templates and processes, and the
    relation's open tasks, client tasks and unstaffed ones (D6, D7) included."""
    return render_werk(request, get_relatie(request, pk))


def render_werk(request: HttpRequest, relatie: Relatie, status: int = 200) -> HttpResponse:
    overeenkomsten = relatie.overeenkomsten.prefetch_related("sjablonen__rol").order_by(
        "status", "naam"
    )
    processen = (
        Proces.objects.filter(overeenkomst__relatie=relatie)
        .select_related("overeenkomst", "gestart_door")
        .annotate(aantal_open=Count("taken", filter=Q(taken__status=TaakStatus.OPENSTAAND)))
        .order_by("-periode_start", "naam")[:50]
    )
    taken = (
        Taak.objects.filter(relatie=relatie)
        .open()
        .voor_lijst()
        .met_belegd()
        .order_by("vervaldatum", "pk")[:200]
    )
    return render(
        request,
        "taken/relatie_werk.html",
        {
            "relatie": relatie,
            "tab": "werk",
            "overeenkomsten": overeenkomsten,
            "processen": processen,
            "taken": taken,
            "proces_form": ProcesStartenForm(initial={"periode": standaard_periode()}),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def overeenkomst_form(
    request: HttpRequest, pk: int, overeenkomst_pk: int | None = None
) -> HttpResponse:
    """Create or edit an agreement with a client (never a contact)."""
    relatie = get_relatie(request, pk)
    instance = get_overeenkomst(request, pk, overeenkomst_pk) if overeenkomst_pk else None
    form = OvereenkomstForm(
        request.POST or None, instance=instance, kantoor=request.kantoor, relatie=relatie
    )
    if request.method == "POST" and form.is_valid():
        overeenkomst = form.save()
        messages.success(request, _("Agreement %(naam)s saved.") % {"naam": overeenkomst})
        return redirect("taken_relatie:relatie_werk", pk=relatie.pk)
    return render(
        request,
        "taken/overeenkomst_form.html",
        {"form": form, "relatie": relatie, "tab": "werk", "overeenkomst": instance},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def taaksjabloon_form(
    request: HttpRequest, pk: int, overeenkomst_pk: int, sjabloon_pk: int | None = None
) -> HttpResponse:
    """Create or edit a task template of an agreement (R3: for the client or a role)."""
    overeenkomst = get_overeenkomst(request, pk, overeenkomst_pk)
    instance = (
        get_object_or_404(
            Taaksjabloon.objects.filter(kantoor=request.kantoor, overeenkomst=overeenkomst),
            pk=sjabloon_pk,
        )
        if sjabloon_pk
        else None
    )
    form = TaaksjabloonForm(
        request.POST or None, instance=instance, kantoor=request.kantoor, overeenkomst=overeenkomst
    )
    if request.method == "POST" and form.is_valid():
        sjabloon = form.save()
        messages.success(request, _("Template %(naam)s saved.") % {"naam": sjabloon})
        return redirect("taken_relatie:relatie_werk", pk=overeenkomst.relatie_id)
    return render(
        request,
        "taken/taaksjabloon_form.html",
        {
            "form": form,
            "relatie": overeenkomst.relatie,
            "overeenkomst": overeenkomst,
            "tab": "werk",
            "rollen": InterneRol.objects.for_kantoor(request.kantoor).actief(),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
def proces_starten(request: HttpRequest, pk: int, overeenkomst_pk: int) -> HttpResponse:
    """*Proces starten*: a process for the chosen period with its tasks from the templates."""
    overeenkomst = get_overeenkomst(request, pk, overeenkomst_pk)
    form = ProcesStartenForm(request.POST)
    fout = None
    if form.is_valid():
        try:
            proces = services.proces_starten(
                overeenkomst, form.cleaned_data["periode"], request.user
            )
        except ValidationError as exc:
            fout = " ".join(exc.messages)
        except IntegrityError:
            # A colleague started the same period a moment ago; the unique constraint caught it.
            fout = _("This agreement already has a process for this period.")
        else:
            messages.success(request, _("Process %(naam)s started.") % {"naam": proces})
            return redirect("taken_relatie:relatie_werk", pk=pk)
    else:
        fout = " ".join(form.errors.get("periode", []))
    messages.error(request, fout)
    return render_werk(request, overeenkomst.relatie, status=400)
