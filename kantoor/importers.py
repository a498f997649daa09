"""The import of employees from the ledger (Twinfield XML) or a spreadsheet (CSV) (R7).

Three steps, shared by `manage.py importeer_medewerkers` and the admin page:

    lees_bestand(data)            pure: bytes -> validated records, skipped users and problems
    maak_plan(kantoor, inlezing)  reads the database: what would be created, updated, deactivated
    importeer(kantoor, data)      both, then the writes, in one transaction: all or nothing

Employees are matched by their code, the ledger's natural key that is never renumbered. A file
may hold some of the office's employees: those it does not mention are left alone.
"""

from __future__ import annotations

import csv
import io
import re
import secrets
import xml.sax
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from xml.sax.handler import ContentHandler

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from kantoor.models import MEDEWERKER_CODE_PATTERN, Kantoor, Medewerker, Taal
from kantoor.services import DeactivatieGeweigerd, controleer_deactivatie, deactiveer_medewerkers

Voortgang = Callable[[str, int, int], None]

CODE_MAX = 16
NAAM_MAX = Medewerker._meta.get_field("naam").max_length
KORTE_NAAM_MAX = Medewerker._meta.get_field("korte_naam").max_length
EMAIL_MAX = 254
BATCH = 1000
TWINFIELD_DATUM = "%Y%m%d%H%M%S"

_CODE_RE = re.compile(MEDEWERKER_CODE_PATTERN)
_XML_DECLARATIE = re.compile(r"<\?xml\b.*?\?>", re.DOTALL)
_XML_WORTEL = "<kantoor-import>"


# --- What a file says --------------------------------------------------------------------------


@dataclass(frozen=True)
class Positie:
    """Where in the file: a CSV line, or the n-th <user> element and the line it starts on."""

    regel: int
    element: int | None = None

    def __str__(self) -> str:
        if self.element is not None:
            return _("user %(nummer)s (line %(regel)s)") % {
                "nummer": self.element,
                "regel": self.regel,
            }
        return _("line %(regel)s") % {"regel": self.regel}


@dataclass(frozen=True)
class Probleem:
    """Why the file is refused, and where; the text is shown to the admin as it is."""

    positie: Positie | None
    reden: str

    def __str__(self) -> str:
        if self.positie is None:
            return capfirst(self.reden)
        return f"{capfirst(str(self.positie))}: {self.reden}"


@dataclass(frozen=True)
class Record:
    """One valid employee from the file. None means "the file does not say": keep what we have."""

    positie: Positie
    code: str
    naam: str
    korte_naam: str | None
    email: str | None  # "" clears the address
    taal: str | None
    actief: bool


@dataclass(frozen=True)
class Overslag:
    """A user in the file that is not an employee of the office (e.g. a client's login)."""

    positie: Positie
    code: str
    reden: str


@dataclass
class Inlezing:
    formaat: str
    records: list[Record] = field(default_factory=list)
    overgeslagen: list[Overslag] = field(default_factory=list)
    problemen: list[Probleem] = field(default_factory=list)


class ImportGeweigerd(Exception):
    """The file is refused as a whole; nothing was written."""

    def __init__(self, plan: Plan) -> None:
        super().__init__("\n".join(str(p) for p in plan.problemen))
        self.plan = plan


# --- Reading -----------------------------------------------------------------------------------


def lees_bestand(data: bytes, *, nu: datetime | None = None) -> Inlezing:
    """Reads a Twinfield XML or CSV file into validated records, without touching the database.

    The format follows from the content: a file whose first character is `<` is XML. Every
    problem is collected (with its line or element), so that the admin can fix them all at once.
    """
    nu = nu or timezone.now()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data.strip():
        return Inlezing(formaat="", problemen=[Probleem(None, _("the file is empty."))])
    is_xml = data.lstrip().startswith(b"<")
    formaat = "Twinfield XML" if is_xml else "CSV"
    tekst, problemen = _decodeer(data)
    if tekst is None:
        return Inlezing(formaat=formaat, problemen=problemen)
    if is_xml:
        ruw, inlezing = _lees_xml(tekst, nu)
    else:
        ruw, inlezing = _lees_csv(tekst)
    inlezing.formaat = formaat
    _valideer(ruw, inlezing)
    if not inlezing.problemen and not inlezing.records and not inlezing.overgeslagen:
        inlezing.problemen.append(Probleem(None, _("the file contains no employees.")))
    return inlezing


def _decodeer(data: bytes) -> tuple[str | None, list[Probleem]]:
    """The file as text; UTF-8 only, with every line that is not listed."""
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    problemen = []
    for nummer, regel in enumerate(data.split(b"\n"), start=1):
        try:
            regel.decode("utf-8")
        except UnicodeDecodeError as fout:
            problemen.append(
                Probleem(
                    Positie(nummer),
                    _(
                        "the text is not UTF-8 (byte 0x%(byte)02x at column %(kolom)s); "
                        "save the file as UTF-8."
                    )
                    % {"byte": regel[fout.start], "kolom": fout.start + 1},
                )
            )
    return None, problemen


@dataclass
class _Ruw:
    """A record as the file gives it, before validation."""

    positie: Positie
    code: str | None
    naam: str | None
    korte_naam: str | None
    email: str | None
    taal: str | None
    actief: bool


# Twinfield XML ---------------------------------------------------------------------------------

_XML_VELDEN = {
    "code",
    "name",
    "shortname",
    "email",
    "culture",
    "type",
    "account/disable/from",
    "account/disable/to",
}


class _GebruikerHandler(ContentHandler):
    """Collects the outermost <user> elements wherever they are, with their line numbers.

    Twinfield's own nested elements (a <user> inside a user, the access level <role>) are read
    past: only the paths in _XML_VELDEN are kept.
    """

    def __init__(self) -> None:
        super().__init__()
        self.gebruikers: list[dict[str, Any]] = []
        self._huidig: dict[str, Any] | None = None
        self._pad: list[str] = []
        self._tekst: list[str] = []
        self._locator: Any = None

    def setDocumentLocator(self, locator: Any) -> None:
        self._locator = locator

    def startElement(self, name: str, attrs: Any) -> None:
        naam = name.rsplit(":", 1)[-1]
        if self._huidig is None:
            if naam == "user":
                self._huidig = {
                    "_regel": self._locator.getLineNumber(),
                    "_status": attrs.get("status"),
                    "_result": attrs.get("result"),
                    "_msg": attrs.get("msg"),
                }
                self._pad = []
            return
        if self._huidig["_msg"] is None and attrs.get("msg"):
            self._huidig["_msg"] = attrs.get("msg")
        self._pad.append(naam)
        self._tekst = []

    def characters(self, content: str) -> None:
        if self._huidig is not None:
            self._tekst.append(content)

    def endElement(self, name: str) -> None:
        if self._huidig is None:
            return
        if not self._pad:
            self.gebruikers.append(self._huidig)
            self._huidig = None
            return
        pad = "/".join(self._pad)
        if pad in _XML_VELDEN and pad not in self._huidig:
            self._huidig[pad] = "".join(self._tekst).strip()
        self._pad.pop()
        self._tekst = []


def _lees_xml(tekst: str, nu: datetime) -> tuple[list[_Ruw], Inlezing]:
    inlezing = Inlezing(formaat="Twinfield XML")
    if re.search(r"<!(DOCTYPE|ENTITY)", tekst):
        inlezing.problemen.append(
            Probleem(None, _("the file contains a DTD (<!DOCTYPE>), which is not read."))
        )
        return [], inlezing
    # Several responses in one file each have their own declaration and root: drop the
    # declarations (keeping the line breaks, so that line numbers stay true) and wrap them all.
    tekst = _XML_DECLARATIE.sub(lambda m: "\n" * m.group(0).count("\n"), tekst)
    handler = _GebruikerHandler()
    parser = xml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_external_ges, False)
    parser.setFeature(xml.sax.handler.feature_external_pes, False)
    parser.setContentHandler(handler)
    # Fed piece by piece, the reader is its own locator (parse() would set one; feed() does not).
    handler.setDocumentLocator(parser)
    try:
        parser.feed(_XML_WORTEL)
        parser.feed(tekst)
        parser.feed(f"</{_XML_WORTEL[1:]}")
        parser.close()
    except xml.sax.SAXParseException as fout:
        regel, kolom = fout.getLineNumber(), fout.getColumnNumber()
        if regel == 1:
            kolom -= len(_XML_WORTEL)
        inlezing.problemen.append(
            Probleem(
                Positie(regel),
                _("the XML is not well-formed at column %(kolom)s (%(fout)s).")
                % {"kolom": kolom + 1, "fout": fout.getMessage()},
            )
        )
        return [], inlezing
    ruw: list[_Ruw] = []
    for nummer, gebruiker in enumerate(handler.gebruikers, start=1):
        positie = Positie(gebruiker["_regel"], nummer)
        code = gebruiker.get("code") or ""
        if gebruiker["_result"] == "0":
            inlezing.overgeslagen.append(
                Overslag(
                    positie,
                    code,
                    _("Twinfield reported an error: %(melding)s")
                    % {"melding": gebruiker["_msg"] or "?"},
                )
            )
            continue
        soort = gebruiker.get("type", "")
        if soort != "accountant":
            reden = (
                _("type “%(type)s” is not internal staff (accountant)") % {"type": soort}
                if soort
                else _("no type given")
            )
            inlezing.overgeslagen.append(Overslag(positie, code, reden))
            continue
        actief = _xml_actief(gebruiker, positie, nu, inlezing.problemen)
        ruw.append(
            _Ruw(
                positie=positie,
                code=gebruiker.get("code"),
                naam=gebruiker.get("name"),
                korte_naam=gebruiker.get("shortname"),
                email=gebruiker.get("email"),
                taal=_taal_uit_culture(gebruiker.get("culture")),
                actief=actief,
            )
        )
    return ruw, inlezing


def _xml_actief(
    gebruiker: dict[str, Any], positie: Positie, nu: datetime, problemen: list[Probleem]
) -> bool:
    """Active unless deleted, or disabled now: while `nu` lies in [from, to)."""
    status = gebruiker["_status"]
    if status not in (None, "active", "deleted"):
        problemen.append(
            Probleem(
                positie,
                _("unknown status “%(status)s”; expected active or deleted.") % {"status": status},
            )
        )
    grenzen = []
    for veld in ("account/disable/from", "account/disable/to"):
        waarde = gebruiker.get(veld) or ""
        if not waarde:
            grenzen.append(None)
            continue
        try:
            moment = datetime.strptime(waarde, TWINFIELD_DATUM)
        except ValueError:
            problemen.append(
                Probleem(
                    positie,
                    _("the date “%(datum)s” in %(veld)s is not valid; expected yyyyMMddHHmmss.")
                    % {"datum": waarde, "veld": veld},
                )
            )
            grenzen.append(None)
            continue
        grenzen.append(timezone.make_aware(moment))
    van, tot = grenzen
    uitgeschakeld = (van is not None or tot is not None) and (
        (van is None or van <= nu) and (tot is None or nu < tot)
    )
    return status != "deleted" and not uitgeschakeld


def _taal_uit_culture(culture: str | None) -> str | None:
    """`nl-NL` -> nl, `en-GB` -> en; another language gets the office's language."""
    if culture is None:
        return None
    taal = culture.split("-")[0].strip().lower()
    return taal if taal in Taal.values else settings.LANGUAGE_CODE


# CSV ------------------------------------------------------------------------------------------

_KOLOMMEN: dict[str, set[str]] = {
    "code": {"code", "gebruikerscode", "user code"},
    "naam": {"naam", "name", "volledige naam", "full name"},
    "korte_naam": {"korte naam", "kortenaam", "short name", "shortname"},
    "email": {"e-mail", "email", "e-mailadres", "emailadres", "e-mail address", "email address"},
    "taal": {"taal", "language"},
    "actief": {"actief", "active"},
}
_VERPLICHT = ("code", "naam")
_JA = {"ja", "j", "yes", "y", "true", "waar", "1", "actief", "active"}
_NEE = {"nee", "n", "no", "false", "onwaar", "0", "inactief", "inactive"}
_TALEN = {
    "nl": Taal.NL,
    "nederlands": Taal.NL,
    "dutch": Taal.NL,
    "en": Taal.EN,
    "engels": Taal.EN,
    "english": Taal.EN,
}


def _kop(naam: str) -> str:
    return " ".join(naam.replace("_", " ").strip().lower().split())


def _lees_csv(tekst: str) -> tuple[list[_Ruw], Inlezing]:
    inlezing = Inlezing(formaat="CSV")
    eerste = tekst.lstrip("\r\n").split("\n", 1)[0]
    scheiding = ";" if eerste.count(";") >= eerste.count(",") and ";" in eerste else ","
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheiding, strict=True)
    ruw: list[_Ruw] = []
    kolommen: dict[str, int] | None = None
    breedte = 0
    try:
        for rij in lezer:
            if not any(cel.strip() for cel in rij):
                continue
            positie = Positie(lezer.line_num)
            if kolommen is None:
                kolommen = _lees_kopregel(rij, positie, inlezing.problemen)
                if kolommen is None:
                    return [], inlezing
                breedte = len(rij)
                continue
            if len(rij) != breedte:
                inlezing.problemen.append(
                    Probleem(
                        positie,
                        _("this line has %(aantal)s columns, the header row %(kop)s.")
                        % {"aantal": len(rij), "kop": breedte},
                    )
                )
                continue
            ruw.append(_csv_record(rij, kolommen, positie, inlezing.problemen))
    except csv.Error as fout:
        inlezing.problemen.append(
            Probleem(
                Positie(lezer.line_num),
                _("the CSV cannot be read (%(fout)s).") % {"fout": fout},
            )
        )
    return ruw, inlezing


def _lees_kopregel(rij: list[str], positie: Positie, problemen: list[Probleem]) -> dict | None:
    kolommen: dict[str, int] = {}
    for index, kop in enumerate(rij):
        for veld, namen in _KOLOMMEN.items():
            if _kop(kop) in namen:
                if veld in kolommen:
                    problemen.append(
                        Probleem(positie, _("the column “%(kop)s” appears twice.") % {"kop": kop})
                    )
                kolommen[veld] = index
    ontbrekend = [veld.replace("_", " ") for veld in _VERPLICHT if veld not in kolommen]
    if ontbrekend:
        problemen.append(
            Probleem(
                positie,
                _("the header row lacks the required column(s) %(kolommen)s.")
                % {"kolommen": ", ".join(ontbrekend)},
            )
        )
    return None if problemen else kolommen


def _csv_record(
    rij: list[str], kolommen: dict[str, int], positie: Positie, problemen: list[Probleem]
) -> _Ruw:
    def cel(veld: str) -> str | None:
        return rij[kolommen[veld]].strip() if veld in kolommen else None

    taal = cel("taal")
    if taal:
        gevonden = _TALEN.get(taal.lower()) or _TALEN.get(taal.split("-")[0].lower())
        if gevonden is None:
            problemen.append(
                Probleem(positie, _("unknown language “%(taal)s”; use nl or en.") % {"taal": taal})
            )
        taal = gevonden
    actief = cel("actief")
    if actief and actief.lower() not in _JA | _NEE:
        problemen.append(
            Probleem(
                positie,
                _("unknown value “%(waarde)s” for active; use yes or no.") % {"waarde": actief},
            )
        )
    return _Ruw(
        positie=positie,
        code=cel("code"),
        naam=cel("naam"),
        korte_naam=cel("korte_naam"),
        email=cel("email"),
        taal=taal or None,
        actief=not actief or actief.lower() not in _NEE,
    )


# Validation, the same for both formats ----------------------------------------------------------


def _valideer(ruw: Iterable[_Ruw], inlezing: Inlezing) -> None:
    """Checks every record as the model would, plus what only the whole file can tell."""
    codes: dict[str, Positie] = {}
    adressen: dict[str, Positie] = {}
    for r in ruw:
        redenen: list[str] = []
        code = (r.code or "").strip().upper()
        if not code:
            redenen.append(_("the code is missing."))
        elif len(code) > CODE_MAX:
            redenen.append(
                _("the code “%(code)s” is longer than %(max)s characters.")
                % {"code": code, "max": CODE_MAX}
            )
        elif not _CODE_RE.match(code):
            redenen.append(
                _("the code “%(code)s” is not valid: use only A-Z, 0-9, _, - and +.")
                % {"code": code}
            )
        elif code in codes:
            redenen.append(
                _("the code “%(code)s” also appears at %(elders)s.")
                % {"code": code, "elders": codes[code]}
            )
        else:
            codes[code] = r.positie
        naam = (r.naam or "").strip()
        if not naam:
            redenen.append(_("the name is missing."))
        elif len(naam) > NAAM_MAX:
            redenen.append(_("the name is longer than %(max)s characters.") % {"max": NAAM_MAX})
        if r.korte_naam and len(r.korte_naam) > KORTE_NAAM_MAX:
            redenen.append(
                _("the short name is longer than %(max)s characters.") % {"max": KORTE_NAAM_MAX}
            )
        email = r.email.strip().lower() if r.email is not None else None
        if email:
            try:
                if len(email) > EMAIL_MAX:
                    raise ValidationError("te lang")
                validate_email(email)
            except ValidationError:
                redenen.append(
                    _("the e-mail address “%(email)s” is not valid.") % {"email": r.email.strip()}
                )
            else:
                if email in adressen:
                    redenen.append(
                        _("the e-mail address “%(email)s” also appears at %(elders)s.")
                        % {"email": email, "elders": adressen[email]}
                    )
                else:
                    adressen[email] = r.positie
        if redenen:
            inlezing.problemen.extend(Probleem(r.positie, reden) for reden in redenen)
            continue
        inlezing.records.append(
            Record(
                positie=r.positie,
                code=code,
                naam=naam,
                korte_naam=r.korte_naam,
                email=email,
                taal=r.taal,
                actief=r.actief,
            )
        )
    inlezing.problemen.sort(key=lambda p: p.positie.regel if p.positie else 0)


# --- Planning ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Wijziging:
    medewerker: Medewerker
    record: Record
    velden: dict[str, tuple[Any, Any]]  # field -> (now, after)

    @property
    def beschrijving(self) -> list[tuple[str, str, str]]:
        """(label, now, after) per changed field, in words, for the preview."""

        def woord(waarde: Any) -> str:
            if isinstance(waarde, bool):
                return _("yes") if waarde else _("no")
            return str(waarde) if waarde not in (None, "") else "—"

        return [
            (str(Medewerker._meta.get_field(veld).verbose_name), woord(oud), woord(nieuw))
            for veld, (oud, nieuw) in self.velden.items()
        ]


@dataclass
class Plan:
    """What importing the file would do to the office; also the report afterwards."""

    inlezing: Inlezing
    problemen: list[Probleem]
    nieuw: list[Record] = field(default_factory=list)
    bijgewerkt: list[Wijziging] = field(default_factory=list)
    gedeactiveerd: list[Wijziging] = field(default_factory=list)
    ongewijzigd: list[Record] = field(default_factory=list)
    aangemaakt: list[Medewerker] = field(default_factory=list)  # filled in by `importeer`

    @property
    def geweigerd(self) -> bool:
        return bool(self.problemen)

    @property
    def schrijft_iets(self) -> bool:
        return bool(self.nieuw or self.bijgewerkt or self.gedeactiveerd)

    def overslagredenen(self) -> list[tuple[str, int]]:
        return Counter(o.reden for o in self.inlezing.overgeslagen).most_common()

    def verslag(self) -> list[str]:
        """The report in words: counts per outcome, and why users were skipped."""
        regels = [
            _("Created: %(n)s") % {"n": len(self.nieuw)},
            _("Updated: %(n)s") % {"n": len(self.bijgewerkt)},
            _("Deactivated: %(n)s") % {"n": len(self.gedeactiveerd)},
            _("Unchanged: %(n)s") % {"n": len(self.ongewijzigd)},
            _("Skipped: %(n)s") % {"n": len(self.inlezing.overgeslagen)},
        ]
        regels += [f"  {reden}: {aantal}" for reden, aantal in self.overslagredenen()]
        if not self.schrijft_iets:
            regels.append(_("Nothing to change: the office already matches the file."))
        return regels


def maak_plan(kantoor: Kantoor, inlezing: Inlezing) -> Plan:
    """Compares the file with the office's employees; adds the problems only the database shows."""
    plan = Plan(inlezing=inlezing, problemen=list(inlezing.problemen))
    if plan.problemen:
        return plan
    bestaand = {
        m.code: m
        for m in Medewerker.objects.for_kantoor(kantoor).only(
            "pk", "kantoor_id", "code", "naam", "korte_naam", "email", "is_active"
        )
    }
    _controleer_adressen(kantoor, inlezing.records, plan.problemen)
    for record in inlezing.records:
        medewerker = bestaand.get(record.code)
        if medewerker is None:
            plan.nieuw.append(record)
            continue
        velden = _verschil(medewerker, record)
        if medewerker.is_active and not record.actief:
            plan.gedeactiveerd.append(Wijziging(medewerker, record, velden))
        elif velden:
            plan.bijgewerkt.append(Wijziging(medewerker, record, velden))
        else:
            plan.ongewijzigd.append(record)
    if plan.gedeactiveerd and not plan.problemen:
        # Issue 3 item 4: ask the higher apps now, so that the preview already says it.
        for melding in _deactivatie_meldingen(kantoor, plan.gedeactiveerd):
            plan.problemen.append(Probleem(None, melding))
    return plan


def _verschil(medewerker: Medewerker, record: Record) -> dict[str, tuple[Any, Any]]:
    """The fields the file changes. The language is the employee's own choice once he exists."""
    nieuw: dict[str, Any] = {"naam": record.naam}
    if record.korte_naam is not None:
        nieuw["korte_naam"] = record.korte_naam
    if record.email is not None:
        nieuw["email"] = record.email or None
    if record.actief and not medewerker.is_active:
        nieuw["is_active"] = True
    return {
        veld: (getattr(medewerker, veld), waarde)
        for veld, waarde in nieuw.items()
        if getattr(medewerker, veld) != waarde
    }


def _controleer_adressen(kantoor: Kantoor, records: list[Record], problemen: list[Probleem]):
    """An address is unique within the office; one held by another of its employees is refused.

    Other offices are not asked: whether they know the address is none of this office's business
    (D9, issue 9 item 6).
    """
    per_adres = {r.email: r for r in records if r.email}
    adressen = list(per_adres)
    for start in range(0, len(adressen), BATCH):
        houders = Medewerker.objects.for_kantoor(kantoor).filter(
            email__in=adressen[start : start + BATCH]
        )
        for email, code in houders.values_list("email", "code"):
            record = per_adres[email]
            if code != record.code:
                problemen.append(
                    Probleem(
                        record.positie,
                        _("the e-mail address “%(email)s” is already used by another employee.")
                        % {"email": email},
                    )
                )
    problemen.sort(key=lambda p: p.positie.regel if p.positie else 0)


def _deactivatie_meldingen(kantoor: Kantoor, wijzigingen: list[Wijziging]) -> list[str]:
    ids = [w.medewerker.pk for w in wijzigingen]
    return controleer_deactivatie(kantoor, Medewerker.objects.filter(pk__in=ids))


# --- Writing -----------------------------------------------------------------------------------


def importeer(
    kantoor: Kantoor,
    data: bytes,
    *,
    dry_run: bool = False,
    nu: datetime | None = None,
    voortgang: Voortgang | None = None,
    na_aanmaken: Callable[[list[Medewerker]], None] | None = None,
) -> Plan:
    """Reads the file and applies it to the office in one transaction: all or nothing (R7).

    Raises ImportGeweigerd, with every problem, when any record is invalid or a deactivation is
    refused. New employees get no usable password; `na_aanmaken` receives them once the
    transaction has committed (to send them the mail with which they set one).
    """
    inlezing = lees_bestand(data, nu=nu)
    if inlezing.problemen:
        raise ImportGeweigerd(Plan(inlezing=inlezing, problemen=list(inlezing.problemen)))
    if voortgang:
        voortgang(_("read"), len(inlezing.records), len(inlezing.records))
    with transaction.atomic():
        # One import per office at a time: a second waits here, then sees the first's result.
        Kantoor.objects.select_for_update().filter(pk=kantoor.pk).exists()
        plan = maak_plan(kantoor, inlezing)
        if plan.geweigerd:
            raise ImportGeweigerd(plan)
        if dry_run:
            return plan
        try:
            _schrijf(kantoor, plan, voortgang)
        except DeactivatieGeweigerd as fout:
            plan.problemen.extend(Probleem(None, melding) for melding in fout.meldingen)
            raise ImportGeweigerd(plan) from fout
        if na_aanmaken and plan.aangemaakt:
            nieuwe = list(plan.aangemaakt)
            transaction.on_commit(lambda: na_aanmaken(nieuwe))
    return plan


def _schrijf(kantoor: Kantoor, plan: Plan, voortgang: Voortgang | None) -> None:
    """The writes, in batches: 20,000 employees take seconds, not minutes."""
    totaal = len(plan.nieuw) + len(plan.bijgewerkt) + len(plan.gedeactiveerd)
    gedaan = 0
    for start in range(0, len(plan.nieuw), BATCH):
        nieuwe = [
            Medewerker(
                kantoor=kantoor,
                code=r.code,
                naam=r.naam,
                korte_naam=r.korte_naam or "",
                email=r.email or None,
                taal=r.taal or settings.LANGUAGE_CODE,
                is_active=r.actief,
                # Unusable (as make_password(None) makes it, at a fraction of the cost for
                # 20,000): the employee sets his own through the password-reset mail.
                password=UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30),
            )
            for r in plan.nieuw[start : start + BATCH]
        ]
        plan.aangemaakt += Medewerker.objects.bulk_create(nieuwe)
        gedaan += len(nieuwe)
        if voortgang:
            voortgang(_("written"), gedaan, totaal)
    wijzigingen = [w for w in plan.bijgewerkt + plan.gedeactiveerd if w.velden]
    velden = sorted({veld for w in wijzigingen for veld in w.velden})
    for start in range(0, len(wijzigingen), BATCH):
        batch = wijzigingen[start : start + BATCH]
        for w in batch:
            for veld, (_oud, waarde) in w.velden.items():
                setattr(w.medewerker, veld, waarde)
        Medewerker.objects.bulk_update([w.medewerker for w in batch], velden)
        gedaan += len(batch)
        if voortgang:
            voortgang(_("written"), gedaan, totaal)
    if plan.gedeactiveerd:
        ids = [w.medewerker.pk for w in plan.gedeactiveerd]
        deactiveer_medewerkers(kantoor, Medewerker.objects.filter(pk__in=ids))
        if voortgang:
            voortgang(_("written"), totaal, totaal)
