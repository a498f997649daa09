"""The relation pages: list, new, and the detail page with its tabs. Thin views; the rules live
on the models, the forms and the QuerySets. Every lookup is scoped to `request.kantoor` (D9)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kantoor.exports import excel_csv
from kantoor.invoer import lees_terug
from relaties.forms import BulkForm, ConnectieForm, RelatieFilterForm, RelatieForm
from relaties.models import Relatie

PAGINA_GROOTTE = 50


def get_relatie(request: HttpRequest, pk: int) -> Relatie:
    """The office's relation, or a 404 that confirms nothing about other offices (D9)."""
    return get_object_or_404(Relatie.objects.for_kantoor(request.kantoor), pk=pk)


def filter_form(request: HttpRequest, params: QueryDict | None = None) -> RelatieFilterForm:
    return RelatieFilterForm(
        request.GET if params is None else params,
        kantoor=request.kantoor,
        medewerker=request.user,
    )


@require_GET
def relatie_list(request: HttpRequest) -> HttpResponse:
    """The office's relations: search, filters that narrow each other, sorting, pages.

    A constant number of queries per page, whatever the office's size (klantbeheerders are
    prefetched for the page's rows only).
    """
    return render_list(request, request.GET)


def render_list(
    request: HttpRequest, params: QueryDict, bulk: BulkForm | None = None, status: int = 200
) -> HttpResponse:
    form = filter_form(request, params)
    pagina = Paginator(form.filter().with_klantbeheerders(), PAGINA_GROOTTE).get_page(
        params.get("pagina")
    )
    zonder_pagina = params.copy()
    zonder_pagina.pop("pagina", None)
    return render(
        request,
        "relaties/relatie_list.html",
        {
            "form": form,
            "bulk": bulk,
            "pagina": pagina,
            "querystring": zonder_pagina.urlencode(),
            "filters_querystring": params.urlencode(),
            "sortering": {veld: sorteer_kolom(params, veld) for veld in ("code", "naam")},
        },
        status=status,
    )


def sorteer_kolom(params: QueryDict, veld: str) -> dict[str, str]:
    """A column header's link (ascending, or descending when it is sorted ascending already)
    and its aria-sort state."""
    huidig = params.get("sorteer") or "code"
    params = params.copy()
    params.pop("pagina", None)
    params["sorteer"] = f"-{veld}" if huidig == veld else veld
    staat = {veld: "ascending", f"-{veld}": "descending"}.get(huidig, "none")
    return {"url": f"?{params.urlencode()}", "aria_sort": staat}


@require_GET
def relatie_export(request: HttpRequest) -> HttpResponse:
    """The current selection as CSV for Excel: UTF-8 with BOM, `;`-separated, never a BSN."""
    relaties = filter_form(request).filter().with_klantbeheerders()
    return excel_csv("relaties", EXPORT_KOPPEN, map(export_rij, relaties.iterator(chunk_size=2000)))


# The columns of the export; the BSN is sensitive and never leaves the relation's own page.
EXPORT_VELDEN = [
    "code",
    "naam",
    "soort",
    "type",
    "status",
    "email",
    "telefoon",
    "website",
    "straat",
    "huisnummer",
    "postcode",
    "plaats",
    "land",
    "kvk_nummer",
    "vestigingsnummer",
    "rsin",
    "btw_id",
    "iban",
    "aangiftetijdvak",
    "uitstelregeling",
]
EXPORT_KOPPEN = [*EXPORT_VELDEN, "klantbeheerder"]


def export_rij(relatie: Relatie) -> list[str]:
    rij = [getattr(relatie, veld) for veld in EXPORT_VELDEN]
    rij[EXPORT_VELDEN.index("uitstelregeling")] = "ja" if relatie.uitstelregeling else "nee"
    rij.append(", ".join(t.medewerker.code for t in relatie.klantbeheerders))
    return rij


@require_POST
def relatie_bulk(request: HttpRequest) -> HttpResponse:
    """Deactivate or activate the selected relations; back to the same filtered page.

    Deactivating asks first (the list's button posts the selection, the confirmation page posts
    it again with `bevestigd`); activating undoes nothing and is done at once.
    """
    # Only a query string is taken from the form, never a URL: no open redirect.
    terug = lees_terug(request.POST.get("terug", ""))
    form = BulkForm(request.POST, kantoor=request.kantoor)
    if not form.is_valid():
        # The same page again, with the reason above the table; nothing was changed.
        return render_list(request, terug, bulk=form, status=400)
    if form.cleaned_data["actie"] == "deactiveren" and "bevestigd" not in request.POST:
        gekozen = sorted(form.cleaned_data["relaties"], key=lambda r: r.code)
        return render(
            request,
            "relaties/relatie_confirm_bulk.html",
            {"gekozen": gekozen, "terug": terug.urlencode()},
        )
    aantal = form.save()
    messages.success(
        request,
        (
            ngettext(
                "%(aantal)d relation deactivated.", "%(aantal)d relations deactivated.", aantal
            )
            if form.cleaned_data["actie"] == "deactiveren"
            else ngettext(
                "%(aantal)d relation activated.", "%(aantal)d relations activated.", aantal
            )
        )
        % {"aantal": aantal},
    )
    query = terug.urlencode()
    return redirect(reverse("relaties:relatie_list") + (f"?{query}" if query else ""))


@require_http_methods(["GET", "POST"])
def relatie_create(request: HttpRequest) -> HttpResponse:
    """A new relation; its creator joins its team as klantbeheerder (R4, D3)."""
    form = RelatieForm(request.POST or None, kantoor=request.kantoor, medewerker=request.user)
    if request.method == "POST" and form.is_valid():
        form.instance.aangemaakt_door = request.user
        relatie = form.save_unless_code_taken()
        if relatie is not None:
            messages.success(request, _("Relation %(relatie)s created.") % {"relatie": relatie})
            return redirect("relaties:relatie_detail", pk=relatie.pk)
    return render(request, "relaties/relatie_form.html", {"form": form}, status=form_status(form))


def form_status(form: RelatieForm) -> int:
    """Bad input is a 400, with the errors at the fields."""
    return 400 if form.is_bound and form.errors else 200


@require_GET
def relatie_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Tab Algemeen: the master data, BSN included (only here)."""
    relatie = get_relatie(request, pk)
    return render(request, "relaties/relatie_detail.html", {"relatie": relatie, "tab": "algemeen"})


@require_http_methods(["GET", "POST"])
def relatie_update(request: HttpRequest, pk: int) -> HttpResponse:
    relatie = get_relatie(request, pk)
    # The form edits its own copy, so that the page header keeps the saved values on errors.
    form = RelatieForm(
        request.POST or None,
        instance=get_relatie(request, pk),
        kantoor=request.kantoor,
        medewerker=request.user,
    )
    if request.method == "POST" and form.is_valid():
        opgeslagen = form.save_unless_code_taken()
        if opgeslagen is not None:
            messages.success(request, _("Relation %(relatie)s saved.") % {"relatie": opgeslagen})
            # D13: what the change of its fiscal settings re-planned (taken says it in words).
            for melding in getattr(opgeslagen, "meldingen_na_opslaan", []):
                messages.info(request, melding)
            return redirect("relaties:relatie_detail", pk=opgeslagen.pk)
    return render(
        request,
        "relaties/relatie_form.html",
        {"form": form, "relatie": relatie, "tab": "algemeen"},
        status=form_status(form),
    )


@require_GET
def relatie_connecties(request: HttpRequest, pk: int) -> HttpResponse:
    relatie = get_relatie(request, pk)
    return render_connecties(request, relatie, ConnectieForm(relatie=relatie))


def render_connecties(
    request: HttpRequest, relatie: Relatie, form: ConnectieForm, status: int = 200
) -> HttpResponse:
    connecties = [(c, c.andere(relatie)) for c in relatie.connecties().order_by("aangemaakt_op")]
    return render(
        request,
        "relaties/relatie_connecties.html",
        {"relatie": relatie, "connecties": connecties, "form": form, "tab": "connecties"},
        status=status,
    )


@require_POST
def connectie_create(request: HttpRequest, pk: int) -> HttpResponse:
    relatie = get_relatie(request, pk)
    form = ConnectieForm(request.POST, relatie=relatie)
    if not form.is_valid():
        return render_connecties(request, relatie, form, status=400)
    connectie = form.save()
    messages.success(
        request,
        _("%(relatie)s is linked to %(andere)s.")
        % {"relatie": relatie, "andere": connectie.andere(relatie)},
    )
    return redirect("relaties:relatie_connecties", pk=relatie.pk)


@require_POST
def connectie_delete(request: HttpRequest, pk: int, connectie_pk: int) -> HttpResponse:
    """Removes a link (not a relation: relations are never deleted)."""
    relatie = get_relatie(request, pk)
    connectie = get_object_or_404(
        relatie.connecties().for_kantoor(request.kantoor), pk=connectie_pk
    )
    connectie.delete()
    messages.success(request, _("The link has been removed."))
    return redirect("relaties:relatie_connecties", pk=relatie.pk)


def state_change(request: HttpRequest, pk: int, actie: str, gelukt: str) -> HttpResponse:
    relatie = get_relatie(request, pk)
    try:
        getattr(relatie, actie)()
    except ValidationError as exc:
        # Refused: the relation's page again with the reason, and a 400.
        for fout in exc.messages:
            messages.error(request, fout)
        return render(
            request,
            "relaties/relatie_detail.html",
            {"relatie": relatie, "tab": "algemeen"},
            status=400,
        )
    messages.success(request, gelukt % {"relatie": relatie})
    return redirect("relaties:relatie_detail", pk=relatie.pk)


@require_http_methods(["GET", "POST"])
def relatie_maak_klant(request: HttpRequest, pk: int) -> HttpResponse:
    """A contact becomes a client. GET asks first and says that it cannot be undone."""
    if request.method == "GET":
        return bevestig(request, pk, "relaties:relatie_maak_klant")
    return state_change(request, pk, "maak_klant", _("%(relatie)s is now a client."))


@require_http_methods(["GET", "POST"])
def relatie_deactiveren(request: HttpRequest, pk: int) -> HttpResponse:
    """The relation is deactivated, never deleted. GET asks first, saying what follows."""
    if request.method == "GET":
        return bevestig(request, pk, "relaties:relatie_deactiveren")
    return state_change(request, pk, "deactiveer", _("%(relatie)s has been deactivated."))


def bevestig(request: HttpRequest, pk: int, actie: str) -> HttpResponse:
    """The question before a destructive action on one relation (works without JavaScript)."""
    relatie = get_relatie(request, pk)
    return render(
        request,
        "relaties/relatie_confirm.html",
        {"relatie": relatie, "tab": "algemeen", "actie": actie},
    )


@require_POST
def relatie_activeren(request: HttpRequest, pk: int) -> HttpResponse:
    return state_change(request, pk, "activeer", _("%(relatie)s has been activated."))
