"""Import of relations from another package's CSV export (`manage.py importeer_relaties`).

Upsert by code, idempotent (a second run changes nothing), all or nothing: every line is checked
first and every bad line is reported with its number and reason; only a clean file is written,
in one transaction. A new relation needs the employee code of its klantbeheerder (R2): that
employee is recorded as its creator, so the teams app puts him on its team (R4, D3). For an
existing relation the column is checked but its team is left alone: the team is composed on the
Teamleden tab, and R2 already holds for it.

The fiscal settings (aangiftetijdvak, uitstelregeling) are optional trailing columns, as in the
export; an empty cell keeps the current value. Updated relations are announced with
`relaties_bijgewerkt` (bulk_update sends no post_save), so taken can move the open deadlines of
a client whose settings changed (*Deadlines are per client*).
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kantoor.models import Kantoor, Medewerker
from kantoor.uploads import max_bytes, te_groot_melding
from relaties.models import Aangiftetijdvak, Relatie, Soort, Type
from relaties.signals import relaties_aangemaakt, relaties_bijgewerkt

# Columns of the file; `code`, `naam` and `klantbeheerder` are required.
VELDEN = [
    "naam",
    "soort",
    "type",
    "kvk_nummer",
    "btw_id",
    "email",
    "telefoon",
    "straat",
    "huisnummer",
    "postcode",
    "plaats",
    "land",
]
# Optional, after klantbeheerder so that files without them keep reading (the export writes them).
FISCALE_VELDEN = ["aangiftetijdvak", "uitstelregeling"]
KOLOMMEN = ["code", *VELDEN, "klantbeheerder", *FISCALE_VELDEN]
# How other packages and our own export (ja/nee) write the uitstelregeling.
JA = {"ja", "j", "yes", "y", "true", "waar", "1"}
NEE = {"nee", "n", "no", "false", "onwaar", "0"}
VERPLICHT = ["code", "naam", "klantbeheerder"]
BATCH = 2000


@dataclass
class ImportResultaat:
    aangemaakt: int = 0
    bijgewerkt: int = 0
    ongewijzigd: int = 0
    fouten: list[str] = field(default_factory=list)
    # What listeners changed in response, in words (taken: D13, processes re-planned and due
    # dates moved by a changed aangiftetijdvak or uitstelregeling).
    gevolgen: list[str] = field(default_factory=list)


class ImportFout(Exception):
    """The file was refused; nothing was written. `fouten` lists every bad line."""

    def __init__(self, fouten: list[str]) -> None:
        super().__init__("\n".join(fouten))
        self.fouten = fouten


# (lines checked, all lines: None while the file is still being read)
Voortgang = Callable[[int, int | None], None]


# Bounds of one file (issue 9 item 3): a line of ours is under 1,000 characters, and an office
# of 100,000 relations is far beyond any; what is kept follows the relations, not the file.
MAX_REGEL = 10_000
MAX_RELATIES = 100_000


def begrensde_regels(bestand: Iterable[str]) -> Iterator[str]:
    """The file's lines, one at a time; refuses a file over IMPORT_MAX_BYTES or a line longer
    than MAX_REGEL when it gets there, so that neither is ever held in memory whole."""
    lees = getattr(bestand, "readline", None)
    regels = iter(lambda: lees(MAX_REGEL + 1), "") if lees else iter(bestand)
    gelezen = 0
    for nummer, regel in enumerate(regels, start=1):
        gelezen += len(regel)
        if gelezen > max_bytes():
            raise ImportFout([te_groot_melding()])
        if len(regel) > MAX_REGEL:
            raise ImportFout(
                [
                    _("line %(nummer)d: longer than %(max)d characters")
                    % {"nummer": nummer, "max": MAX_REGEL}
                ]
            )
        yield regel


def lees_regels(bestand: Iterable[str]) -> tuple[list[str], Iterator[dict[str, str]]]:
    """Header and rows of a CSV with `;` or `,` (whichever the header uses); the rows are read
    as they are asked for."""
    regels = begrensde_regels(bestand)
    eerste = next(regels, None)
    if eerste is None:
        return [], iter(())
    scheiding = ";" if eerste.count(";") >= eerste.count(",") else ","
    reader = csv.DictReader(itertools.chain([eerste], regels), delimiter=scheiding)
    kop = [(k or "").strip().lower() for k in reader.fieldnames or []]
    reader.fieldnames = kop
    return kop, ({k: (v or "").strip() for k, v in row.items() if k} for row in reader)


def keuze(waarde: str, standaard: str) -> str:
    # Other packages write "Klant" or "BEDRIJF"; an unknown value fails the model's choices.
    return waarde.lower() if waarde else standaard


def importeer_relaties(
    bestand: Iterable[str],
    kantoor: Kantoor,
    *,
    dry_run: bool = False,
    voortgang: Voortgang | None = None,
) -> ImportResultaat:
    """Checks every line, then writes all of them in one transaction (or none: ImportFout)."""
    kop, rijen = lees_regels(bestand)
    ontbrekend = [k for k in VERPLICHT if k not in kop]
    if ontbrekend:
        raise ImportFout(
            [
                _("line 1: missing column(s): %(kolommen)s (expected: %(verwacht)s)")
                % {"kolommen": ", ".join(ontbrekend), "verwacht": ";".join(KOLOMMEN)}
            ]
        )
    velden = [v for v in (*VELDEN, *FISCALE_VELDEN) if v in kop]
    bestaande = {r.code: r for r in Relatie.objects.for_kantoor(kantoor)}
    medewerkers = {m.code: m for m in Medewerker.objects.for_kantoor(kantoor)}
    resultaat = ImportResultaat()
    nieuw: list[Relatie] = []
    gewijzigd: list[Relatie] = []
    oude_waarden: dict[int, dict[str, Any]] = {}
    gezien: dict[str, int] = {}
    nu = timezone.now()

    aantal = 0
    for index, rij in enumerate(rijen):
        nummer = index + 2  # line 1 is the header
        aantal = index + 1
        if aantal > MAX_RELATIES:
            raise ImportFout(
                [
                    _("the file holds more than %(max)d relations; split it into smaller files")
                    % {"max": MAX_RELATIES}
                ]
            )
        if voortgang and index and index % 1000 == 0:
            voortgang(index, None)
        uitkomst = controleer_regel(rij, nummer, velden, kantoor, bestaande, medewerkers, gezien)
        if isinstance(uitkomst, list):
            resultaat.fouten += uitkomst
            continue
        relatie, is_nieuw, oud = uitkomst
        if is_nieuw:
            nieuw.append(relatie)
        elif oud:
            relatie.gewijzigd_op = nu
            gewijzigd.append(relatie)
            oude_waarden[relatie.pk] = oud
        else:
            resultaat.ongewijzigd += 1
    if voortgang:
        voortgang(aantal, aantal)
    if resultaat.fouten:
        raise ImportFout(resultaat.fouten)

    try:
        with transaction.atomic():
            Relatie.objects.bulk_create(nieuw, batch_size=BATCH)
            # post_save does not fire for bulk_create; teams listens to this instead (D3).
            relaties_aangemaakt.send(sender=Relatie, relaties=nieuw)
            Relatie.objects.bulk_update(
                gewijzigd, [*velden, "zoektekst", "gewijzigd_op"], batch_size=BATCH
            )
            # Nor for bulk_update; taken moves the deadlines of changed fiscal settings. Sent
            # before a dry run's rollback, so that whatever listeners write is undone too.
            antwoorden = relaties_bijgewerkt.send(
                sender=Relatie, relaties=gewijzigd, oude_waarden=oude_waarden
            )
            resultaat.gevolgen = [str(antwoord) for _r, antwoord in antwoorden if antwoord]
            if dry_run:
                transaction.set_rollback(True)
    except (DatabaseError, ValidationError) as exc:
        raise ImportFout([_("nothing was imported: %(fout)s") % {"fout": exc}]) from exc
    resultaat.aangemaakt = len(nieuw)
    resultaat.bijgewerkt = len(gewijzigd)
    return resultaat


def controleer_regel(
    rij: dict[str, str],
    nummer: int,
    velden: list[str],
    kantoor: Kantoor,
    bestaande: dict[str, Relatie],
    medewerkers: dict[str, Medewerker],
    gezien: dict[str, int],
) -> list[str] | tuple[Relatie, bool, dict[str, Any]]:
    """One line: its errors, or the relation to write with (is new, the old value of every
    field it changes; empty when an existing relation stays as it is)."""

    def fout(tekst: str) -> str:
        return _("line %(nummer)d: %(fout)s") % {"nummer": nummer, "fout": tekst}

    code = rij.get("code", "").upper()
    if not code:
        return [fout(_("code is empty"))]
    if code in gezien:
        return [
            fout(
                _("code %(code)s also appears on line %(eerder)d")
                % {"code": code, "eerder": gezien[code]}
            )
        ]
    gezien[code] = nummer

    fouten: list[str] = []
    beheerder_code = rij.get("klantbeheerder", "").upper()
    beheerder = medewerkers.get(beheerder_code) if beheerder_code else None
    if beheerder_code and (beheerder is None or not beheerder.is_active):
        fouten.append(
            fout(
                _("klantbeheerder %(code)s is not an active employee of this office")
                % {"code": beheerder_code}
            )
        )

    oud = bestaande.get(code)
    if oud is None:
        if not beheerder_code:
            fouten.append(fout(_("a new relation needs the employee code of its klantbeheerder")))
        relatie = Relatie(kantoor=kantoor, code=code, aangemaakt_door=beheerder)
        if not relatie.code_past(kantoor):
            # D12: the file is the ledger's own data, whose codes stay as they are ("code =
            # debtor code"); a code outside the mask is accepted, logged as an override by the
            # import (no person), and shown on the relation page.
            relatie.code_afwijking_op = timezone.now()
    else:
        relatie = Relatie(
            **{f.attname: getattr(oud, f.attname) for f in Relatie._meta.concrete_fields}
        )
        relatie._state.adding = False

    for veld in velden:
        waarde = rij.get(veld, "")
        if veld == "soort":
            waarde = keuze(waarde, oud.soort if oud else Soort.KLANT)
        elif veld == "type":
            waarde = keuze(waarde, oud.type if oud else Type.BEDRIJF)
        elif veld == "land":
            waarde = waarde or "NL"
        elif veld == "aangiftetijdvak":
            waarde = keuze(waarde, oud.aangiftetijdvak if oud else Aangiftetijdvak.KWARTAAL)
        elif veld == "uitstelregeling":
            if waarde.lower() not in JA | NEE | {""}:
                fouten.append(
                    fout(_("uitstelregeling %(waarde)s is not ja or nee") % {"waarde": waarde})
                )
                continue
            waarde = waarde.lower() in JA if waarde else bool(oud and oud.uitstelregeling)
        setattr(relatie, veld, waarde)

    try:
        # The office and the klantbeheerder were checked above; Django's own check of a foreign
        # key costs a query per line. Codes are unique within the file and upserted by code.
        relatie.full_clean(
            exclude=["kantoor", "aangemaakt_door"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as exc:
        for veld, meldingen in exc.message_dict.items():
            for melding in meldingen:
                label = Relatie._meta.get_field(veld).verbose_name if veld != "__all__" else ""
                fouten.append(fout(f"{label}: {melding}" if label else melding))
    if fouten:
        return fouten
    relatie.bijwerken_zoektekst()
    if oud is None:
        return relatie, True, {}
    oude_waarden = {v: getattr(oud, v) for v in velden if getattr(relatie, v) != getattr(oud, v)}
    return relatie, False, oude_waarden
