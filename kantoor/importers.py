"""The import of employees from the ledger (Twinfield XML) or a spreadsheet (CSV) (R7).

Three steps, shared by `manage.py importeer_medewerkers` and the admin page:

    lees_bestand(data)            pure: bytes -> validated records, skipped users and problems
    maak_plan(kantoor, inlezing)  reads the database: what would be created, updated, deactivated
    importeer(kantoor, data)      both, then the writes, in one transaction: all or nothing

Employees are matched by their code, the ledger's natural key that is never renumbered. A file
may hold some of the office's employees: those it does not mention are left alone.

Reading is bounded (issue 9 item 3): no file over `settings.IMPORT_MAX_BYTES` is read, both
formats are read in one pass whose work grows linearly with the file (no backtracking regex, no
path joined per element), and a file that is nested too deep, has too many elements, lines or
problems, or too long a line is refused where that shows, so that memory follows what is kept.
"""

from __future__ import annotations

import csv
import io
import re
import secrets
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from xml.parsers import expat

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
from kantoor.uploads import max_bytes, te_groot_melding

Voortgang = Callable[[str, int, int], None]

CODE_MAX = 16
NAAM_MAX = Medewerker._meta.get_field("naam").max_length
KORTE_NAAM_MAX = Medewerker._meta.get_field("korte_naam").max_length
EMAIL_MAX = 254
BATCH = 1000
TWINFIELD_DATUM = "%Y%m%d%H%M%S"

# Bounds of one file (issue 9 item 3). 50,000 employees is well above any office's staff; the
# problems shown are the first thousand; a CSV line of ours is under 1,000 characters.
MAX_MEDEWERKERS = 50_000
MAX_PROBLEMEN = 1_000
MAX_REGEL = 10_000  # characters per CSV line
MAX_RECORD_REGELS = 10  # lines per CSV record (a quoted field may hold a line break)
MAX_DIEPTE = 100  # nesting of XML elements
MAX_ELEMENTEN = 300_000  # 20,000 Twinfield users (bench/medewerkers_import.py) have 240,000
XML_BLOK = 64 * 1024  # characters fed to the XML parser at a time

_CODE_RE = re.compile(MEDEWERKER_CODE_PATTERN)
_XML_WORTEL = "<kantoor-import>"


# --- What a file says --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Probleem:
    """Why the file is refused, and where; the text is shown to the admin as it is."""

    positie: Positie | None
    reden: str

    def __str__(self) -> str:
        if self.positie is None:
            return capfirst(self.reden)
        return f"{capfirst(str(self.positie))}: {self.reden}"


@dataclass(frozen=True, slots=True)
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


class _Onleesbaar(Exception):
    """The file cannot be read on (bad bytes, not well-formed, over a bound): these problems
    alone are shown, since what was read before them says little."""

    def __init__(self, *problemen: Probleem) -> None:
        super().__init__("\n".join(str(p) for p in problemen))
        self.problemen = list(problemen)


class ImportGeweigerd(Exception):
    """The file is refused as a whole; nothing was written."""

    def __init__(self, plan: Plan) -> None:
        super().__init__("\n".join(str(p) for p in plan.problemen))
        self.plan = plan


# --- Reading -----------------------------------------------------------------------------------


def lees_bestand(data: bytes, *, nu: datetime | None = None) -> Inlezing:
    """Reads a Twinfield XML or CSV file into validated records, without touching the database.

    The format follows from the content: a file whose first character is `<` is XML. Every
    problem is collected (with its line or element), so that the admin can fix them all at once;
    a file over the size limit is refused before it is read (issue 9 item 3).
    """
    nu = nu or timezone.now()
    if len(data) > max_bytes():
        return Inlezing(formaat="", problemen=[Probleem(None, te_groot_melding())])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data or data.isspace():
        return Inlezing(formaat="", problemen=[Probleem(None, _("the file is empty."))])
    is_xml = re.match(rb"\s*<", data) is not None
    inlezing = Inlezing(formaat="Twinfield XML" if is_xml else "CSV")
    try:
        ruw = _lees_xml(data, nu, inlezing) if is_xml else _lees_csv(data, inlezing)
        _valideer(ruw, inlezing)
    except UnicodeDecodeError:
        return Inlezing(formaat=inlezing.formaat, problemen=_niet_utf8(data))
    except _Onleesbaar as fout:
        return Inlezing(formaat=inlezing.formaat, problemen=fout.problemen)
    if len(inlezing.problemen) >= MAX_PROBLEMEN:
        del inlezing.problemen[MAX_PROBLEMEN:]
        inlezing.problemen.append(
            Probleem(
                None,
                _("more than %(max)s problems; the rest of the file was not checked.")
                % {"max": MAX_PROBLEMEN},
            )
        )
    if not inlezing.problemen and not inlezing.records and not inlezing.overgeslagen:
        inlezing.problemen.append(Probleem(None, _("the file contains no employees.")))
    return inlezing


def _vol(inlezing: Inlezing) -> bool:
    """Enough problems to show: reading stops, so that they cannot fill the memory."""
    return len(inlezing.problemen) >= MAX_PROBLEMEN


def _te_veel(positie: Positie) -> _Onleesbaar:
    return _Onleesbaar(
        Probleem(
            positie,
            _("the file holds more than %(max)s employees; split it into smaller files.")
            % {"max": MAX_MEDEWERKERS},
        )
    )


def _niet_utf8(data: bytes) -> list[Probleem]:
    """Every line that is not UTF-8 (the first thousand), read line by line."""
    problemen = []
    for nummer, regel in enumerate(io.BytesIO(data), start=1):
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
            if len(problemen) >= MAX_PROBLEMEN:
                break
    return problemen


@dataclass(slots=True)
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
_XML_PAD_MAX = max(veld.count("/") + 1 for veld in _XML_VELDEN)


class _GebruikerLezer:
    """Collects the outermost <user> elements wherever they are, with their line numbers.

    Twinfield's own nested elements (a <user> inside a user, the access level <role>) are read
    past: only the paths in _XML_VELDEN are kept. The path is kept for the first three levels
    inside a user only, so that the work per element is constant however deep the nesting
    (issue 9 row 10: the whole path was joined at every end tag). Expat is used directly, with
    every DTD and entity declaration refused: nothing is ever expanded or fetched.
    """

    def __init__(self) -> None:
        self.parser = expat.ParserCreate()
        self.parser.buffer_text = True
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.einde
        self.parser.CharacterDataHandler = self.tekst
        self.parser.StartDoctypeDeclHandler = self.dtd
        self.parser.EntityDeclHandler = self.dtd
        self.parser.ExternalEntityRefHandler = self.dtd
        self.klaar: list[dict[str, Any]] = []
        self.aantal = 0
        self._elementen = 0
        self._diepte = 0
        self._huidig: dict[str, Any] | None = None
        self._user_diepte = 0
        self._pad: list[str] = []
        self._tekst: list[str] = []

    def regel(self) -> int:
        return self.parser.CurrentLineNumber

    def dtd(self, *args: Any) -> None:
        raise _Onleesbaar(Probleem(None, _dtd_melding()))

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self._diepte += 1
        self._elementen += 1
        if self._diepte > MAX_DIEPTE or self._elementen > MAX_ELEMENTEN:
            self.te_groot()
        if self._huidig is None and name != "user" and not name.endswith(":user"):
            return  # outside the users: nothing to keep (the common case, kept short)
        naam = name.rsplit(":", 1)[-1]
        if self._huidig is None:
            self.nieuwe_gebruiker(attrs)
            return
        if self._huidig["_msg"] is None and attrs.get("msg"):
            self._huidig["_msg"] = attrs.get("msg")
        if self._diepte - self._user_diepte <= _XML_PAD_MAX:
            self._pad.append(naam)
        self._tekst = []

    def te_groot(self) -> None:
        if self._diepte > MAX_DIEPTE:
            raise _Onleesbaar(
                Probleem(
                    Positie(self.regel()),
                    _("the XML is nested deeper than %(max)s elements.") % {"max": MAX_DIEPTE},
                )
            )
        if self._elementen > MAX_ELEMENTEN:
            raise _Onleesbaar(
                Probleem(
                    Positie(self.regel()),
                    _("the XML has more than %(max)s elements.") % {"max": MAX_ELEMENTEN},
                )
            )

    def nieuwe_gebruiker(self, attrs: dict[str, str]) -> None:
        self.aantal += 1
        if self.aantal > MAX_MEDEWERKERS:
            raise _te_veel(Positie(self.regel(), self.aantal))
        self._huidig = {
            "_regel": self.regel(),
            "_status": attrs.get("status"),
            "_result": attrs.get("result"),
            "_msg": attrs.get("msg"),
        }
        self._user_diepte = self._diepte
        self._pad = []

    def tekst(self, content: str) -> None:
        if self._huidig is not None and self._diepte - self._user_diepte <= _XML_PAD_MAX:
            self._tekst.append(content)

    def einde(self, name: str) -> None:
        diepte = self._diepte - self._user_diepte
        self._diepte -= 1
        if self._huidig is None:
            return
        if diepte == 0:
            self.klaar.append(self._huidig)
            self._huidig = None
            return
        if diepte <= _XML_PAD_MAX:
            pad = "/".join(self._pad)
            if pad in _XML_VELDEN and pad not in self._huidig:
                self._huidig[pad] = "".join(self._tekst).strip()
            self._pad.pop()
        self._tekst = []


def _dtd_melding() -> str:
    return _("the file contains a DTD (<!DOCTYPE>), which is not read.")


def _zonder_declaraties(tekst: str) -> str:
    """The text without its XML declarations, keeping their line breaks (line numbers stay true).

    One pass: every search starts where the previous one ended (issue 9 row 9: a lazy regex
    searched from every `<?xml` to the end of the file for its `?>`).
    """
    delen: list[str] = []
    positie = 0
    while (begin := tekst.find("<?xml", positie)) != -1:
        volgend = tekst[begin + 5 : begin + 6]
        if volgend and not (volgend.isspace() or volgend == "?"):
            # `<?xml-stylesheet ...?>` is an instruction of its own, left to the parser.
            delen.append(tekst[positie : begin + 5])
            positie = begin + 5
            continue
        einde = tekst.find("?>", begin + 5)
        if einde == -1:
            break  # never closed: the parser reports where
        delen.append(tekst[positie:begin])
        delen.append("\n" * tekst.count("\n", begin, einde))
        positie = einde + 2
    delen.append(tekst[positie:])
    return "".join(delen)


def _lees_xml(data: bytes, nu: datetime, inlezing: Inlezing) -> Iterator[_Ruw]:
    tekst = data.decode("utf-8")
    if "<!DOCTYPE" in tekst or "<!ENTITY" in tekst:
        raise _Onleesbaar(Probleem(None, _dtd_melding()))
    # Several responses in one file each have their own declaration and root: drop the
    # declarations and wrap them all in one root of our own.
    tekst = _zonder_declaraties(tekst)
    lezer = _GebruikerLezer()
    nummer = 0
    try:
        lezer.parser.Parse(_XML_WORTEL, False)
        # Fed in blocks, so that the records of each block are validated (and the parser's
        # buffer dropped) before the next is read.
        for start in [*range(0, len(tekst), XML_BLOK), None]:
            if start is None:
                lezer.parser.Parse(f"</{_XML_WORTEL[1:]}", True)
            else:
                lezer.parser.Parse(tekst[start : start + XML_BLOK], False)
            for gebruiker in lezer.klaar:
                nummer += 1
                ruw = _xml_record(gebruiker, nummer, nu, inlezing)
                if ruw is not None:
                    yield ruw
            lezer.klaar.clear()
            if _vol(inlezing):
                return
    except expat.ExpatError as fout:
        regel, kolom = fout.lineno, fout.offset
        if regel == 1:
            kolom -= len(_XML_WORTEL)
        raise _Onleesbaar(
            Probleem(
                Positie(regel),
                _("the XML is not well-formed at column %(kolom)s (%(fout)s).")
                % {"kolom": kolom + 1, "fout": expat.ErrorString(fout.code)},
            )
        ) from None


def _xml_record(
    gebruiker: dict[str, Any], nummer: int, nu: datetime, inlezing: Inlezing
) -> _Ruw | None:
    """One <user> as a record, or None when it is skipped (not internal staff, an error)."""
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
        return None
    soort = gebruiker.get("type", "")
    if soort != "accountant":
        reden = (
            _("type “%(type)s” is not internal staff (accountant)") % {"type": soort}
            if soort
            else _("no type given")
        )
        inlezing.overgeslagen.append(Overslag(positie, code, reden))
        return None
    actief = _xml_actief(gebruiker, positie, nu, inlezing.problemen)
    return _Ruw(
        positie=positie,
        code=gebruiker.get("code"),
        naam=gebruiker.get("name"),
        korte_naam=gebruiker.get("shortname"),
        email=gebruiker.get("email"),
        taal=_taal_uit_culture(gebruiker.get("culture")),
        actief=actief,
    )


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


class _Regels:
    """The lines of a CSV for csv.reader, read one at a time; a line longer than MAX_REGEL or a
    record of more than MAX_RECORD_REGELS lines stops the reading (issue 9 row 11), so that no
    line or row is ever larger than that in memory."""

    def __init__(self, data: bytes) -> None:
        # newline="": the csv module sees the line ends as they are (a quoted field may hold one).
        self._stroom = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline="")
        self._terug: list[str] = []
        self.nummer = 0
        self.record_begin = 1

    def __iter__(self) -> _Regels:
        return self

    def __next__(self) -> str:
        regel = self._terug.pop() if self._terug else self._stroom.readline(MAX_REGEL + 1)
        if not regel:
            raise StopIteration
        self.nummer += 1
        if len(regel) > MAX_REGEL:
            raise _Onleesbaar(
                Probleem(
                    Positie(self.nummer),
                    _("this line is longer than %(max)s characters.") % {"max": MAX_REGEL},
                )
            )
        if self.nummer - self.record_begin >= MAX_RECORD_REGELS:
            raise _Onleesbaar(
                Probleem(
                    Positie(self.record_begin),
                    _("a quoted field runs on over more than %(max)s lines.")
                    % {"max": MAX_RECORD_REGELS},
                )
            )
        return regel

    def eerste(self) -> str:
        """The first line that is not empty, left to be read again (it gives the separator)."""
        gelezen: list[str] = []
        for regel in self:
            gelezen.append(regel)
            if regel.strip("\r\n"):
                break
        self._terug = gelezen[::-1]
        self.nummer -= len(gelezen)
        return gelezen[-1] if gelezen else ""


def _lees_csv(data: bytes, inlezing: Inlezing) -> Iterator[_Ruw]:
    regels = _Regels(data)
    eerste = regels.eerste()
    scheiding = ";" if eerste.count(";") >= eerste.count(",") and ";" in eerste else ","
    lezer = csv.reader(regels, delimiter=scheiding, strict=True)
    kolommen: dict[str, int] | None = None
    breedte = 0
    aantal = 0
    try:
        for rij in lezer:
            regels.record_begin = lezer.line_num + 1
            if not any(cel.strip() for cel in rij):
                continue
            positie = Positie(lezer.line_num)
            if kolommen is None:
                kolommen = _lees_kopregel(rij, positie, inlezing.problemen)
                if kolommen is None:
                    raise _Onleesbaar(*inlezing.problemen)
                breedte = len(rij)
                continue
            aantal += 1
            if aantal > MAX_MEDEWERKERS:
                raise _te_veel(positie)
            if len(rij) != breedte:
                inlezing.problemen.append(
                    Probleem(
                        positie,
                        _("this line has %(aantal)s columns, the header row %(kop)s.")
                        % {"aantal": len(rij), "kop": breedte},
                    )
                )
            else:
                yield _csv_record(rij, kolommen, positie, inlezing.problemen)
            if _vol(inlezing):
                return
    except csv.Error as fout:
        inlezing.problemen.append(
            Probleem(
                Positie(lezer.line_num),
                _("the CSV cannot be read (%(fout)s).") % {"fout": fout},
            )
        )


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
        # FOR NO KEY UPDATE: it still serialises imports, but does not block the inserts that
        # point at the office (a team change's history line), which then waited for us while we
        # waited for the employee row they had locked: a deadlock (issue 9 row 8).
        Kantoor.objects.select_for_update(no_key=True).filter(pk=kantoor.pk).exists()
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
    # The rows we write, locked first and in id order, as teams locks employees: two
    # transactions that lock several employee rows then never wait for each other in a circle
    # (bulk_update would lock them in whatever order the database visits them; issue 9 row 8).
    te_locken = sorted({w.medewerker.pk for w in [*wijzigingen, *plan.gedeactiveerd]})
    for start in range(0, len(te_locken), BATCH):
        list(
            Medewerker.objects.filter(pk__in=te_locken[start : start + BATCH])
            .select_for_update(no_key=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
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
