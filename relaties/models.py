"""Relations of an office (clients and contacts) and the connecties between them."""

from __future__ import annotations

import unicodedata
from contextlib import suppress
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError

from kantoor.invoer import validate_enkele_regel
from kantoor.models import Kantoor, KantoorScopedQuerySet, Medewerker, Systeemrol
from relaties import validators
from relaties.codes import Masker


class Soort(models.TextChoices):
    KLANT = "klant", _("Client")
    CONTACT = "contact", _("Contact")


class Type(models.TextChoices):
    BEDRIJF = "bedrijf", _("Company")
    PARTICULIER = "particulier", _("Private person")


class Status(models.TextChoices):
    ACTIEF = "actief", _("Active")
    INACTIEF = "inactief", _("Inactive")


class Aangiftetijdvak(models.TextChoices):
    MAAND = "maand", _("Month")
    KWARTAAL = "kwartaal", _("Quarter")
    JAAR = "jaar", _("Year")
    GEEN = "geen", _("None")


def zoektekst_van(*delen: str) -> str:
    """Lower case without accents, so that searching "Cafe" finds "Café" on any database."""
    tekst = " ".join(d for d in delen if d).lower()
    return "".join(c for c in unicodedata.normalize("NFKD", tekst) if not unicodedata.combining(c))


class RelatieQuerySet(KantoorScopedQuerySet):
    def actief(self) -> RelatieQuerySet:
        return self.filter(status=Status.ACTIEF)

    def zoek(self, tekst: str) -> RelatieQuerySet:
        """Search on code, naam, KvK and e-mail: case-insensitive and ignoring accents."""
        woorden = zoektekst_van(tekst).split()
        qs = self
        for woord in woorden:
            qs = qs.filter(zoektekst__contains=woord)
        return qs

    def met_klantbeheerder(self, medewerker: Medewerker | int) -> RelatieQuerySet:
        """Relations on whose team `medewerker` is klantbeheerder."""
        return self.filter(
            pk__in=Relatie.objects.filter(
                teamleden__medewerker=medewerker,
                teamleden__rol__systeemrol=Systeemrol.KLANTBEHEERDER,
            ).values("pk")
        )

    def van_teamlid(self, medewerker: Medewerker) -> RelatieQuerySet:
        """ "Mijn relaties": the relations whose team `medewerker` is on, in any role (R1)."""
        return self.filter(
            pk__in=Relatie.objects.filter(teamleden__medewerker=medewerker).values("pk")
        )

    def with_klantbeheerders(self) -> RelatieQuerySet:
        """Prefetches each relation's klantbeheerders into `.klantbeheerders` in one query.

        Reads the team through the reverse relation `teamleden`, so relaties needs no import of
        teams (dependencies point one way).
        """
        teamlid_model = Relatie._meta.get_field("teamleden").related_model
        return self.prefetch_related(
            Prefetch(
                "teamleden",
                queryset=teamlid_model.objects.filter(rol__systeemrol=Systeemrol.KLANTBEHEERDER)
                .select_related("medewerker")
                .order_by("medewerker__naam"),
                to_attr="klantbeheerders",
            )
        )

    def volgende_code(self, kantoor: Kantoor) -> str | None:
        """The next free code that fits the office's mask (see relaties.codes), or None."""
        try:
            masker = Masker.parse(kantoor.relatiecode_masker)
        except ValidationError:
            return None
        # Only codes of the mask's length and literal prefix can fit; the rest is checked in
        # Python, which is portable and takes milliseconds for 20,000 codes.
        codes = (
            self.for_kantoor(kantoor)
            .filter(code__startswith=masker.prefix)
            .annotate(lengte=models.functions.Length("code"))
            .filter(lengte=masker.lengte)
            .values_list("code", flat=True)
        )
        return masker.volgende_vrije(codes.iterator(chunk_size=5000))

    def zet_status(self, status: str) -> int:
        """Bulk (de)activation; relations are never deleted, so history stays."""
        return self.exclude(status=status).update(status=status, gewijzigd_op=timezone.now())


class Relatie(models.Model):
    """A client or contact of the office (R1). Never deleted, only deactivated.

    Every relation has a team with at least one klantbeheerder from the moment it exists (R2):
    the teams app adds the creator when a relation is created (R4, D3), in the same transaction.
    """

    kantoor = models.ForeignKey(
        Kantoor, on_delete=models.PROTECT, related_name="relaties", verbose_name=_("office")
    )
    code = models.CharField(
        _("code"),
        max_length=20,
        help_text=_("The client code; equal to the debtor code in the ledger."),
        validators=[validate_enkele_regel],
    )
    naam = models.CharField(_("name"), max_length=200, validators=[validate_enkele_regel])
    soort = models.CharField(_("kind"), max_length=10, choices=Soort.choices, default=Soort.KLANT)
    type = models.CharField(_("type"), max_length=12, choices=Type.choices, default=Type.BEDRIJF)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIEF, editable=False
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    telefoon = models.CharField(_("phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    straat = models.CharField(_("street"), max_length=200, blank=True)
    huisnummer = models.CharField(_("house number"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    plaats = models.CharField(_("city"), max_length=100, blank=True)
    land = models.CharField(
        _("country"), max_length=2, default="NL", help_text=_("Two-letter country code.")
    )
    kvk_nummer = models.CharField(
        _("KvK number"), max_length=8, blank=True, validators=[validators.validate_kvk_nummer]
    )
    vestigingsnummer = models.CharField(
        _("branch number"),
        max_length=12,
        blank=True,
        validators=[validators.validate_vestigingsnummer],
    )
    rsin = models.CharField(
        _("RSIN"), max_length=9, blank=True, validators=[validators.validate_rsin]
    )
    # Sensitive: shown on the relation's own page only, never in lists or exports.
    bsn = models.CharField(_("BSN"), max_length=9, blank=True, validators=[validators.validate_bsn])
    btw_id = models.CharField(
        _("VAT identification number"),
        max_length=14,
        blank=True,
        validators=[validators.validate_btw_id],
    )
    iban = models.CharField(
        _("IBAN"), max_length=34, blank=True, validators=[validators.validate_iban]
    )
    aangiftetijdvak = models.CharField(
        _("VAT return period"),
        max_length=10,
        choices=Aangiftetijdvak.choices,
        default=Aangiftetijdvak.KWARTAAL,
    )
    uitstelregeling = models.BooleanField(
        _("tax extension"),
        default=False,
        help_text=_("Deferral scheme of tax advisers for income or corporate tax."),
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        verbose_name=_("created by"),
        editable=False,
    )
    aangemaakt_op = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    gewijzigd_op = models.DateTimeField(_("changed at"), auto_now=True)
    # D12: a code outside the office's mask is allowed only as an explicit, logged override by an
    # office admin (or taken over from the ledger by the import, which leaves `door` empty).
    code_afwijking_op = models.DateTimeField(
        _("code deviation allowed at"), null=True, blank=True, editable=False
    )
    code_afwijking_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("code deviation allowed by"),
        editable=False,
    )
    # Code, name, KvK and e-mail, lower case and without accents: what the search looks in.
    zoektekst = models.TextField(editable=False, default="")

    objects = RelatieQuerySet.as_manager()

    class Meta:
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        ordering = ["code"]
        indexes: ClassVar = [models.Index(fields=["kantoor", "naam"], name="relaties_kantoor_naam")]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["kantoor", "code"],
                name="relaties_relatie_unique_code",
                violation_error_message=_("This office already has a relation with this code."),
            ),
            models.CheckConstraint(
                condition=~Q(code=""),
                name="relaties_relatie_code_required",
                violation_error_message=_("A relation has a code."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values),
                name="relaties_relatie_status_valid",
                violation_error_message=_("Unknown status."),
            ),
            models.CheckConstraint(
                condition=(Q(type=Type.BEDRIJF) & Q(bsn=""))
                | (Q(type=Type.PARTICULIER) & Q(rsin="")),
                name="relaties_relatie_bsn_or_rsin",
                violation_error_message=_(
                    "A company has an RSIN and no BSN; a private person a BSN and no RSIN."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.naam}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Saves in a transaction, so that the team's first klantbeheerder (added by the teams
        app on post_save, D3) and the relation stand or fall together."""
        self.bijwerken_zoektekst()
        with transaction.atomic():
            super().save(*args, **kwargs)

    def code_past(self, kantoor: Kantoor | None = None) -> bool:
        """D12: whether the code fits the office's mask (a malformed mask refuses nothing)."""
        try:
            masker = Masker.parse((kantoor or self.kantoor).relatiecode_masker)
        except ValidationError:
            return True
        return masker.past(self.code)

    def delete(self, *args: Any, **kwargs: Any):
        """Relations are never deleted, only deactivated, so that history stays."""
        raise ValidationError(
            _("Relations are never deleted; deactivate %(relatie)s instead.") % {"relatie": self},
            code="relatie_never_deleted",
        )

    @property
    def is_actief(self) -> bool:
        return self.status == Status.ACTIEF

    def bijwerken_zoektekst(self) -> None:
        """What the search looks in; bulk writes (the import) call this themselves."""
        self.zoektekst = zoektekst_van(self.code, self.naam, self.kvk_nummer, self.email)

    def normaliseer(self) -> None:
        """Stores every number in one form (compact digits, `1234 AB`, `NL...B01`), so that the
        validators, the constraints and the search see what is stored, however it was typed."""
        self.code = self.code.strip().upper()
        self.land = (self.land or "NL").strip().upper()
        for veld in ("kvk_nummer", "vestigingsnummer", "rsin", "bsn"):
            setattr(self, veld, validators.alleen_cijfers(getattr(self, veld)))
        if self.btw_id:
            self.btw_id = validators.compact_btw_id(self.btw_id)
        if self.iban:
            self.iban = validators.normaliseer_iban(self.iban)
        if self.postcode and self.land == "NL":
            # An invalid postcode stays as typed; clean() reports it at the field.
            with suppress(StdnumError):
                self.postcode = validators.normaliseer_postcode(self.postcode)

    def clean_fields(self, exclude: Any = None) -> None:
        self.normaliseer()
        super().clean_fields(exclude=exclude)

    def clean(self) -> None:
        """Checks what depends on country and type: a Dutch postcode; BSN or RSIN."""
        super().clean()
        errors: dict[str, ValidationError] = {}
        if self.postcode and self.land == "NL":
            try:
                validators.validate_postcode(self.postcode)
            except ValidationError as exc:
                errors["postcode"] = exc
        if self.type == Type.BEDRIJF and self.bsn:
            errors["bsn"] = ValidationError(
                _("A company has no BSN; enter its RSIN."), code="bsn_bedrijf"
            )
        if self.type == Type.PARTICULIER and self.rsin:
            errors["rsin"] = ValidationError(
                _("A private person has no RSIN; enter the BSN."), code="rsin_particulier"
            )
        if self.wordt_particulier_met_actieve_overeenkomst():
            errors["type"] = ValidationError(
                _("A company becomes a private person only while it has no active agreement."),
                code="particulier_met_overeenkomst",
            )
        if errors:
            raise ValidationError(errors)

    def wordt_particulier_met_actieve_overeenkomst(self) -> bool:
        """A stored company that is being made a private person while it has an active
        agreement. Agreements belong to the taken app, read through the reverse relation
        `overeenkomsten` so that relaties imports nothing of it; "actief" is its status value."""
        if self.type != Type.PARTICULIER or self.pk is None:
            return False
        was_bedrijf = Relatie.objects.filter(pk=self.pk, type=Type.BEDRIJF).exists()
        return was_bedrijf and self.overeenkomsten.filter(status="actief").exists()

    @property
    def iban_weergave(self) -> str:
        """The IBAN in groups of four, as people read it."""
        return validators.formatteer_iban(self.iban) if self.iban else ""

    def maak_klant(self) -> None:
        """A contact becomes a client (never the other way: a client keeps its history)."""
        if self.soort != Soort.CONTACT:
            raise ValidationError(_("%(relatie)s is already a client.") % {"relatie": self})
        self.soort = Soort.KLANT
        self.save(update_fields=["soort", "gewijzigd_op"])

    def deactiveer(self) -> None:
        self.status = Status.INACTIEF
        self.save(update_fields=["status", "gewijzigd_op"])

    def activeer(self) -> None:
        self.status = Status.ACTIEF
        self.save(update_fields=["status", "gewijzigd_op"])

    def connecties(self) -> ConnectieQuerySet:
        return Connectie.objects.van_relatie(self)


class ConnectieQuerySet(KantoorScopedQuerySet):
    def van_relatie(self, relatie: Relatie) -> ConnectieQuerySet:
        """The links of a relation, whichever side it is stored on (one row shows on both)."""
        return self.filter(Q(relatie_a=relatie) | Q(relatie_b=relatie)).select_related(
            "relatie_a", "relatie_b"
        )


class Connectie(models.Model):
    """A link between two relations of one office (a contact person at a company, a notary).

    Stored once, with the lower id first, so that the database refuses a duplicate in either
    direction and a link of a relation to itself.
    """

    kantoor = models.ForeignKey(
        Kantoor, on_delete=models.PROTECT, related_name="connecties", verbose_name=_("office")
    )
    relatie_a = models.ForeignKey(
        Relatie, on_delete=models.PROTECT, related_name="connecties_a", verbose_name=_("relation")
    )
    relatie_b = models.ForeignKey(
        Relatie, on_delete=models.PROTECT, related_name="connecties_b", verbose_name=_("relation")
    )
    omschrijving = models.CharField(
        _("description"), max_length=200, blank=True, validators=[validate_enkele_regel]
    )
    aangemaakt_op = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    objects = ConnectieQuerySet.as_manager()

    class Meta:
        verbose_name = _("connection")
        verbose_name_plural = _("connections")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(relatie_a__lt=models.F("relatie_b")),
                name="relaties_connectie_ordered_pair",
                violation_error_message=_("A relation cannot be linked to itself."),
            ),
            models.UniqueConstraint(
                fields=["relatie_a", "relatie_b"],
                name="relaties_connectie_unique_pair",
                violation_error_message=_("These relations are already linked."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.relatie_a} - {self.relatie_b}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Never across offices (D9), whichever path saves it."""
        self._order_pair()
        if {self.relatie_a.kantoor_id, self.relatie_b.kantoor_id} != {self.kantoor_id}:
            raise ValidationError(
                _("Only relations of the same office can be linked."), code="other_office"
            )
        super().save(*args, **kwargs)

    def andere(self, relatie: Relatie) -> Relatie:
        """The other side of the link, seen from `relatie`."""
        return self.relatie_b if self.relatie_a_id == relatie.pk else self.relatie_a

    def clean(self) -> None:
        super().clean()
        self._order_pair()
        if self.relatie_a_id is None or self.relatie_b_id is None:
            return
        if self.relatie_a_id == self.relatie_b_id:
            raise ValidationError(_("A relation cannot be linked to itself."), code="self_link")
        if {self.relatie_a.kantoor_id, self.relatie_b.kantoor_id} != {self.kantoor_id}:
            raise ValidationError(
                _("Only relations of the same office can be linked."), code="other_office"
            )

    def _order_pair(self) -> None:
        # One row per pair: the lower id is always relatie_a (see the constraints).
        if (
            self.relatie_a_id is not None
            and self.relatie_b_id is not None
            and self.relatie_a_id > self.relatie_b_id
        ):
            self.relatie_a, self.relatie_b = self.relatie_b, self.relatie_a
