"""The Teamleden tab (R1, R3, R5, R9), the bulk action and Medewerker vervangen (D8).

Thin views: every change goes through teams.services, which keeps R2/D2 under concurrency.
Every lookup is scoped to `request.kantoor` (D9): another office's relation is a 404. A refused
change shows its reason next to what caused it, with a 4xx; a success redirects (POST/redirect/
GET). A request from teams.js (header `X-Team-Fragment`) gets the tab's fragment instead, the
same one the page includes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kantoor.invoer import lees_terug, parse_ids
from kantoor.models import InterneRol, Kantoor, Medewerker
from kantoor.services import DeactivatieGeweigerd
from relaties.models import Relatie
from teams import services
from teams.forms import (
    BulkTeamlidForm,
    RolWijzigenForm,
    TeamlidForm,
    VertrekForm,
    VervangForm,
    actieve_rollen,
)
from teams.models import Bron, Teamlid, TeamWijziging
from teams.signals import niet_belegde_rollen, open_taken_per_rol

WIJZIGINGEN_MAX = 100  # history lines on the tab


def get_relatie(request: HttpRequest, pk: int) -> Relatie:
    """The office's relation, or a 404 that confirms nothing about other offices (D9)."""
    return get_object_or_404(Relatie.objects.for_kantoor(request.kantoor), pk=pk)


@dataclass
class Persoon:
    """One person on the team with all his roles (R5)."""

    medewerker: Medewerker
    rollen: list[Teamlid]
    # What Rol wijzigen offers him: the office's active roles he does not hold on this team.
    rol_keuzes: list[InterneRol] = field(default_factory=list)

    @property
    def is_klantbeheerder(self) -> bool:
        return any(t.is_klantbeheerder for t in self.rollen)


@dataclass
class Fout:
    """A refused action and where to show it: at a role, at a person, or at the add form."""

    melding: str
    teamlid_pk: int | None = None
    medewerker_pk: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def personen(kantoor: Kantoor, relatie: Relatie, rollen: list[InterneRol]) -> list[Persoon]:
    """The team by person; `rollen` (the office's active roles, fetched once for the whole tab)
    gives each person his Rol wijzigen choices without a query per row."""
    teamleden = Teamlid.objects.for_kantoor(kantoor).van_relatie(relatie).voor_tab()
    return [
        Persoon(
            groep[0].medewerker,
            groep,
            [rol for rol in rollen if rol.pk not in {t.rol_id for t in groep}],
        )
        for _id, iterator in groupby(teamleden, key=lambda t: t.medewerker_id)
        for groep in [list(iterator)]
    ]


def render_tab(
    request: HttpRequest,
    relatie: Relatie,
    form: TeamlidForm | None = None,
    fout: Fout | None = None,
    status: int = 200,
) -> HttpResponse:
    """The tab, or only its fragment for teams.js; the same content either way."""
    # One query for the office's active roles, shared by the add form and every Rol wijzigen
    # row; the add form's field still validates a posted id against its own queryset.
    rollen = list(actieve_rollen(request.kantoor))
    form = form or TeamlidForm(kantoor=request.kantoor)
    form.fields["rol"].choices = [
        ("", form.fields["rol"].empty_label),
        *((rol.pk, str(rol)) for rol in rollen),
    ]
    context = {
        "relatie": relatie,
        "tab": "teamleden",
        "personen": personen(request.kantoor, relatie, rollen),
        "form": form,
        "fout": fout,
        "niet_belegd": niet_belegde_rollen(relatie),
        "wijzigingen": TeamWijziging.objects.for_kantoor(request.kantoor)
        .van_relatie(relatie)
        .voor_tab()[:WIJZIGINGEN_MAX],
    }
    template = "teams/teamlid_list.html"
    if request.headers.get("X-Team-Fragment"):
        template = "teams/teamlid_list.html#team"
    return render(request, template, context, status=status)


def na_wijziging(request: HttpRequest, relatie: Relatie, melding: str) -> HttpResponse:
    """Success: back to the tab (a redirect), or the fresh fragment for teams.js."""
    if request.headers.get("X-Team-Fragment"):
        return render_tab(request, relatie)
    messages.success(request, melding)
    return redirect("teams:teamlid_list", pk=relatie.pk)


@require_GET
def teamlid_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Tab Teamleden (R1): who serves this relation, in which roles, and what changed.

    A constant number of queries, however large the team (D7 warning included).
    """
    return render_tab(request, get_relatie(request, pk))


@require_POST
def teamlid_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Teamlid toevoegen: an employee in a role, also a further role of a member (R3, R5)."""
    relatie = get_relatie(request, pk)
    form = TeamlidForm(request.POST, kantoor=request.kantoor)
    if not form.is_valid():
        return render_tab(request, relatie, form=form, status=400)
    medewerker, rol = form.cleaned_data["medewerker"], form.cleaned_data["rol"]
    try:
        services.add_member(relatie, medewerker, rol, door=request.user)
    except services.TeamFout as fout:
        for melding in fout.meldingen:
            form.add_error(None, melding)
        return render_tab(request, relatie, form=form, status=400)
    return na_wijziging(
        request,
        relatie,
        _("%(medewerker)s has been added as %(rol)s.") % {"medewerker": medewerker, "rol": rol},
    )


@require_http_methods(["GET", "POST"])
def teamlid_delete(request: HttpRequest, pk: int, teamlid_pk: int) -> HttpResponse:
    """Removes one role of a member; never the last klantbeheerder (R2, D2).

    GET asks first, saying what becomes unstaffed (D7); POST removes it.
    """
    relatie = get_relatie(request, pk)
    teamlid = get_object_or_404(
        Teamlid.objects.for_kantoor(request.kantoor)
        .van_relatie(relatie)
        .select_related("medewerker", "rol"),
        pk=teamlid_pk,
    )
    if request.method == "GET":
        return bevestig_verwijderen(request, relatie, teamlid.medewerker, [teamlid])
    gevolgen = onbemand_na(relatie, [teamlid])
    try:
        services.remove_role(teamlid, door=request.user)
    except services.TeamFout as fout:
        return render_tab(
            request, relatie, fout=Fout(fout.melding, teamlid_pk=teamlid.pk), status=409
        )
    return na_wijziging(
        request,
        relatie,
        _("%(medewerker)s is no longer %(rol)s on this team.")
        % {"medewerker": teamlid.medewerker, "rol": teamlid.rol}
        + gevolgen_melding(gevolgen),
    )


@require_POST
def teamlid_rol_wijzigen(request: HttpRequest, pk: int, teamlid_pk: int) -> HttpResponse:
    """Rol wijzigen: a member holds another role in place of this one (R3, R5); never away
    from the last klantbeheerder (R2, D2). A refusal is shown at that role, with a 400/409."""
    relatie = get_relatie(request, pk)
    teamlid = get_object_or_404(
        Teamlid.objects.for_kantoor(request.kantoor)
        .van_relatie(relatie)
        .select_related("medewerker", "rol"),
        pk=teamlid_pk,
    )
    form = RolWijzigenForm(request.POST, kantoor=request.kantoor, teamlid=teamlid)
    if not form.is_valid():
        melding = " ".join(str(fout) for fout in form.errors["rol"])
        return render_tab(request, relatie, fout=Fout(melding, teamlid_pk=teamlid.pk), status=400)
    oud, rol = teamlid.rol, form.cleaned_data["rol"]
    try:
        services.change_role(teamlid, rol, door=request.user, bron=Bron.TAB)
    except services.TeamFout as fout:
        return render_tab(
            request, relatie, fout=Fout(fout.melding, teamlid_pk=teamlid.pk), status=409
        )
    return na_wijziging(
        request,
        relatie,
        _("%(medewerker)s is now %(rol)s instead of %(oud)s.")
        % {"medewerker": teamlid.medewerker, "rol": rol, "oud": oud},
    )


@require_http_methods(["GET", "POST"])
def medewerker_delete(request: HttpRequest, pk: int, medewerker_pk: int) -> HttpResponse:
    """Removes a person with all his roles; never the last klantbeheerder (R2, D2).

    GET asks first, saying which roles become unstaffed with how many open tasks (D7); POST
    removes him.
    """
    relatie = get_relatie(request, pk)
    medewerker = get_object_or_404(
        Medewerker.objects.for_kantoor(request.kantoor)
        .filter(teamlidmaatschappen__relatie=relatie)
        .distinct(),
        pk=medewerker_pk,
    )
    rollen = list(
        Teamlid.objects.for_kantoor(request.kantoor)
        .van_relatie(relatie)
        .filter(medewerker=medewerker)
        .select_related("rol", "medewerker")
        .order_by("rol__naam")
    )
    if request.method == "GET":
        return bevestig_verwijderen(request, relatie, medewerker, rollen, heel=True)
    gevolgen = onbemand_na(relatie, rollen)
    try:
        services.remove_member(relatie, medewerker, door=request.user)
    except services.TeamFout as fout:
        return render_tab(
            request, relatie, fout=Fout(fout.melding, medewerker_pk=medewerker.pk), status=409
        )
    return na_wijziging(
        request,
        relatie,
        _("%(medewerker)s has been removed from this team.") % {"medewerker": medewerker}
        + gevolgen_melding(gevolgen),
    )


@dataclass(frozen=True)
class Onbemand:
    """D7: a role that nobody on the team holds once these roles are gone, with its open work."""

    rol: InterneRol
    open_taken: int


def onbemand_na(relatie: Relatie, weg: list[Teamlid]) -> list[Onbemand]:
    """The roles in `weg` that no other member holds on this team, with their open tasks."""
    rol_ids = {t.rol_id for t in weg}
    nog_bezet = set(
        Teamlid.objects.filter(relatie=relatie, rol_id__in=rol_ids)
        .exclude(pk__in=[t.pk for t in weg])
        .values_list("rol_id", flat=True)
    )
    leeg = [t.rol for t in weg if t.rol_id not in nog_bezet]
    aantallen = open_taken_per_rol(relatie, [r.pk for r in leeg])
    return [Onbemand(rol, aantallen.get(rol.pk, 0)) for rol in leeg]


def gevolgen_melding(gevolgen: list[Onbemand]) -> str:
    """ " Boekhouder is now unstaffed, with 3 open tasks." (D7), or nothing."""
    return "".join(
        " "
        + ngettext(
            "%(rol)s is now unstaffed, with %(aantal)d open task.",
            "%(rol)s is now unstaffed, with %(aantal)d open tasks.",
            g.open_taken,
        )
        % {"rol": g.rol, "aantal": g.open_taken}
        for g in gevolgen
    )


def bevestig_verwijderen(
    request: HttpRequest,
    relatie: Relatie,
    medewerker: Medewerker,
    rollen: list[Teamlid],
    *,
    heel: bool = False,
) -> HttpResponse:
    """The question before *Uit team verwijderen* / *Rol verwijderen*: what is removed, which
    roles become unstaffed with how many open tasks (D7), and whether R2 refuses it at all."""
    klantbeheerder_weg = any(t.is_klantbeheerder for t in rollen)
    laatste = klantbeheerder_weg and not (
        Teamlid.objects.klantbeheerders()
        .filter(relatie=relatie, medewerker__is_active=True)
        .exclude(pk__in=[t.pk for t in rollen])
        .exists()
    )
    return render(
        request,
        "teams/teamlid_confirm_delete.html",
        {
            "relatie": relatie,
            "tab": "teamleden",
            "medewerker": medewerker,
            "rollen": rollen,
            "heel": heel,
            "gevolgen": onbemand_na(relatie, rollen),
            "geweigerd": str(services.LaatsteKlantbeheerder().melding) if laatste else "",
            "actie": (
                reverse("teams:medewerker_delete", args=[relatie.pk, medewerker.pk])
                if heel
                else reverse("teams:teamlid_delete", args=[relatie.pk, rollen[0].pk])
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def teamlid_bulk(request: HttpRequest) -> HttpResponse:
    """Bulk from the Relaties list: one employee in one role on every selected relation,
    skipping where he holds it already, reporting the counts (R3).

    The list's button posts only the selection (step 1: choose employee and role, nothing is
    written); the page's own form posts all three (step 2: apply).
    """
    data = request.POST if request.method == "POST" else request.GET
    toepassen = request.method == "POST" and "medewerker" in data
    # Typed, not str.isdigit() (which takes '²'): what is no id is left out, with a message.
    ids, ongeldig = parse_ids(data.getlist("relaties"))
    if ongeldig:
        messages.warning(request, _("Some of the selected relations were not found."))
    form = BulkTeamlidForm(
        data if toepassen else None,
        kantoor=request.kantoor,
        initial={"relaties": ids},
    )
    gekozen = Relatie.objects.for_kantoor(request.kantoor).filter(pk__in=ids)
    terug = lees_terug(data.get("terug", ""))
    if toepassen and form.is_valid():
        try:
            uitkomst = services.add_member_to_relations(
                request.kantoor,
                form.cleaned_data["relaties"],
                form.cleaned_data["medewerker"],
                form.cleaned_data["rol"],
                door=request.user,
            )
        except services.TeamFout as fout:
            for melding in fout.meldingen:
                form.add_error(None, melding)
        else:
            messages.success(
                request,
                ngettext(
                    "%(medewerker)s added as %(rol)s to %(toegevoegd)d relation; ",
                    "%(medewerker)s added as %(rol)s to %(toegevoegd)d relations; ",
                    uitkomst.toegevoegd,
                )
                % {
                    "medewerker": form.cleaned_data["medewerker"],
                    "rol": form.cleaned_data["rol"],
                    "toegevoegd": uitkomst.toegevoegd,
                }
                + ngettext(
                    "skipped %(overgeslagen)d where already present.",
                    "skipped %(overgeslagen)d where already present.",
                    uitkomst.overgeslagen,
                )
                % {"overgeslagen": uitkomst.overgeslagen},
            )
            query = terug.urlencode()
            return redirect(reverse("relaties:relatie_list") + (f"?{query}" if query else ""))
    gekozen = list(gekozen.order_by("code"))
    return render(
        request,
        "teams/teamlid_bulk.html",
        {"form": form, "gekozen": gekozen, "terug": terug.urlencode()},
        status=400 if toepassen or not gekozen else 200,
    )


@require_http_methods(["GET", "POST"])
def medewerker_vervangen(request: HttpRequest) -> HttpResponse:
    """D8, for office admins: replace X by Y on every team (all roles or the chosen ones).

    First a preview listing every relation and role it will change; confirming applies it in one
    transaction, with history.
    """
    if not request.user.is_beheerder:
        raise PermissionDenied
    form = VervangForm(request.POST or None, kantoor=request.kantoor)
    context: dict[str, Any] = {"form": form, "plan": None}
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif "bevestigen" in request.POST:
            try:
                plan = services.replace_employee(
                    request.kantoor,
                    form.cleaned_data["oud"],
                    form.cleaned_data["nieuw"],
                    form.gekozen_rollen,
                    door=request.user,
                )
            except services.TeamFout as fout:
                for melding in fout.meldingen:
                    form.add_error(None, melding)
                status = 409
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(nieuw)s has replaced %(oud)s in %(aantal)d role.",
                        "%(nieuw)s has replaced %(oud)s in %(aantal)d roles.",
                        len(plan),
                    )
                    % {
                        "nieuw": form.cleaned_data["nieuw"],
                        "oud": form.cleaned_data["oud"],
                        "aantal": len(plan),
                    },
                )
                return redirect("teams:medewerker_vervangen")
        if form.is_valid():
            oud, nieuw = form.cleaned_data["oud"], form.cleaned_data["nieuw"]
            plan = services.plan_replacement(request.kantoor, oud, nieuw, form.gekozen_rollen)
            context.update(
                plan=plan,
                oud=oud,
                nieuw=nieuw,
                taken=services.preview_taken(
                    request.kantoor, oud, nieuw, plan, form.gekozen_rollen
                ),
            )
    return render(request, "teams/medewerker_vervangen.html", context, status=status)


@require_http_methods(["GET", "POST"])
def medewerker_vertrek(request: HttpRequest, medewerker_pk: int) -> HttpResponse:
    """D8, for office admins: an employee leaves. Choose one replacement for all his roles,
    read what changes hands (relations, roles, open and picked-up tasks), then confirm: the
    replacement and the deactivation happen in one transaction, or neither.

    Reached from Beheer (deactivating someone who is the only klantbeheerder somewhere leads
    here) and from Relaties (Replace employee). Another office's employee is a 404 (D9).
    """
    if not request.user.is_beheerder:
        raise PermissionDenied
    oud = get_object_or_404(
        Medewerker.objects.for_kantoor(request.kantoor).filter(is_active=True), pk=medewerker_pk
    )
    form = VertrekForm(request.POST or None, kantoor=request.kantoor, oud=oud)
    enige = services.enige_klantbeheerder_van(request.kantoor, oud)
    context: dict[str, Any] = {"form": form, "oud": oud, "enige": enige, "plan": None}
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif "bevestigen" in request.POST:
            nieuw = form.cleaned_data["nieuw"]
            try:
                uitkomst = services.vertrek(request.kantoor, oud, nieuw, door=request.user)
            except (services.TeamFout, DeactivatieGeweigerd) as fout:
                for melding in fout.meldingen:
                    form.add_error(None, melding)
                status = 409
            else:
                messages.success(request, vertrek_melding(oud, nieuw, uitkomst))
                return redirect("admin:kantoor_medewerker_changelist")
        if form.is_valid():
            nieuw = form.cleaned_data["nieuw"]
            plan = services.plan_replacement(request.kantoor, oud, nieuw)
            context["plan"] = plan
            context["nieuw"] = nieuw
            context["taken"] = services.preview_taken(request.kantoor, oud, nieuw, plan)
    return render(request, "teams/medewerker_vertrek.html", context, status=status)


def vertrek_melding(oud: Medewerker, nieuw: Medewerker, uitkomst: services.Vertrek) -> str:
    """The success message of the leaver flow, with numbers."""
    relaties = len({v.teamlid.relatie_id for v in uitkomst.plan})
    return _(
        "%(oud)s has been deactivated. %(nieuw)s took over %(rollen)s on %(relaties)s "
        "and %(taken)s."
    ) % {
        "oud": oud,
        "nieuw": nieuw,
        "rollen": ngettext("%(n)d role", "%(n)d roles", len(uitkomst.plan))
        % {"n": len(uitkomst.plan)},
        "relaties": ngettext("%(n)d relation", "%(n)d relations", relaties) % {"n": relaties},
        "taken": ngettext(
            "%(n)d picked-up task", "%(n)d picked-up tasks", uitkomst.taken_overgedragen
        )
        % {"n": uitkomst.taken_overgedragen},
    }
