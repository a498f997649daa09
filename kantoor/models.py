"""The office (the tenant), its employees (the user model) and its internal roles."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from kantoor.masker import valideer_relatiecode_masker
from kantoor.signals import medewerkers_gedeactiveerd

# The ledger's user code: at most 16 of A-Z, 0-9, `_`, `-`, `+` (Twinfield's own rule).
MEDEWERKER_CODE_PATTERN = r"^[A-Z0-9_+-]{1,16}$"
medewerker_code_validator = RegexValidator(
    MEDEWERKER_CODE_PATTERN,
    _("A code is at most 16 characters of A-Z, 0-9, _, - and +."),
    code="invalid_code",
)


class Taal(models.TextChoices):
    NL = "nl", _("Dutch")
    EN = "en", _("English")


class Systeemrol(models.TextChoices):
    """Roles that every office has and that code relies on (D1)."""

    KLANTBEHEERDER = "klantbeheerder", _("Client manager")


class Kantoor(models.Model):
    """An accounting office: the tenant to which every row of the domain belongs."""

    naam = models.CharField(_("name"), max_length=200)
    code = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("A short, unique name for the office, used on the command line."),
    )
    relatiecode_masker = models.CharField(
        _("relation code mask"),
        max_length=60,
        default="[0-9][0-9][0-9][0-9]",
        validators=[valideer_relatiecode_masker],
        help_text=_(
            "The pattern of relation codes: literal characters and character classes such as "
            "[0-9] or [A-Z], e.g. L[0-9][0-9][0-9]."
        ),
    )
    aangemaakt_op = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    def save(self, *args: Any, **kwargs: Any) -> None:
        """D1: an office has its system role Klantbeheerder from the moment it exists."""
        adding = self._state.adding
        with transaction.atomic():
            super().save(*args, **kwargs)
            if adding:
                # Stored as data in the office's language, whoever's session creates it.
                with translation.override(settings.LANGUAGE_CODE):
                    InterneRol.objects.create(
                        kantoor=self,
                        naam=str(Systeemrol.KLANTBEHEERDER.label),
                        code="KB",
                        systeemrol=Systeemrol.KLANTBEHEERDER,
                        omschrijving=str(
                            _("Every relation's team always has a client manager (system role).")
                        ),
                    )

    @property
    def klantbeheerder_rol(self) -> InterneRol:
        return self.interne_rollen.get(systeemrol=Systeemrol.KLANTBEHEERDER)

    @cached_property
    def klantbeheerder_naam(self) -> str:
        """The office's current label of the system role (D1), for headers, filters and
        messages; read once per instance, so once per request for `request.kantoor`."""
        return self.interne_rollen.filter(systeemrol=Systeemrol.KLANTBEHEERDER).values_list(
            "naam", flat=True
        ).first() or str(Systeemrol.KLANTBEHEERDER.label)


class KantoorScopedQuerySet(models.QuerySet):
    """The one way domain rows are read: always within one office (D9)."""

    def for_kantoor(self, kantoor: Kantoor):
        return self.filter(kantoor=kantoor)


class InterneRolQuerySet(KantoorScopedQuerySet):
    def actief(self) -> InterneRolQuerySet:
        return self.filter(actief=True)


class InterneRol(models.Model):
    """An internal role that an office defines (R8): Boekhouder, Fiscalist, ...

    The system role Klantbeheerder exists exactly once per office and can be renamed, but never
    deleted or deactivated (D1). The database refuses both too (see the migrations).
    """

    kantoor = models.ForeignKey(
        Kantoor, on_delete=models.PROTECT, related_name="interne_rollen", verbose_name=_("office")
    )
    naam = models.CharField(_("name"), max_length=100)
    code = models.CharField(_("code"), max_length=20)
    omschrijving = models.TextField(_("description"), blank=True)
    actief = models.BooleanField(_("active"), default=True)
    # NULL for ordinary roles, so that the unique constraint allows many of them per office.
    systeemrol = models.CharField(  # noqa: DJ001
        _("system role"),
        max_length=30,
        choices=Systeemrol.choices,
        null=True,
        blank=True,
        editable=False,
    )

    objects = InterneRolQuerySet.as_manager()

    class Meta:
        verbose_name = _("internal role")
        verbose_name_plural = _("internal roles")
        ordering = ["naam"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["kantoor", "code"],
                name="kantoor_internerol_unique_code",
                violation_error_message=_("This office already has a role with this code."),
            ),
            models.UniqueConstraint(
                fields=["kantoor", "systeemrol"],
                name="kantoor_internerol_one_per_systeemrol",
                violation_error_message=_("This office already has this system role."),
            ),
            models.CheckConstraint(
                condition=Q(systeemrol__isnull=True) | Q(actief=True),
                name="kantoor_internerol_systeemrol_actief",
                violation_error_message=_("The system role cannot be deactivated."),
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def is_systeemrol(self) -> bool:
        return self.systeemrol is not None

    def clean(self) -> None:
        super().clean()
        if self.is_systeemrol and not self.actief:
            raise ValidationError(
                {"actief": _("The system role %(naam)s cannot be deactivated.") % {"naam": self}}
            )

    def delete(self, *args: Any, **kwargs: Any):
        """D1: the system role is never deleted."""
        if self.is_systeemrol:
            raise ValidationError(
                _("The system role %(naam)s cannot be deleted.") % {"naam": self},
                code="systeemrol_protected",
            )
        return super().delete(*args, **kwargs)


class MedewerkerManager(BaseUserManager.from_queryset(KantoorScopedQuerySet)):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None):
        """The platform account (no office) with this address, for `createsuperuser`.

        An address is unique per office, not globally (issue 9 item 6, D9), so it names no single
        employee; logging in goes through `kantoor.backends.MedewerkerBackend`, which looks at
        every account with the address.
        """
        return self.get(email=self.normalize_email(username or "").lower(), kantoor__isnull=True)

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> Medewerker:
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any):
        """A platform superuser: belongs to no office and works in the admin only."""
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)

    def actief(self):
        return self.filter(is_active=True)


class Medewerker(AbstractBaseUser, PermissionsMixin):
    """An employee of an office: a person who logs in (R7).

    Employees are never deleted (D8); one who leaves is deactivated so that history keeps his name.
    Only platform superusers have no office.
    """

    kantoor = models.ForeignKey(
        Kantoor,
        on_delete=models.PROTECT,
        related_name="medewerkers",
        null=True,
        blank=True,
        verbose_name=_("office"),
    )
    code = models.CharField(
        _("code"),
        max_length=16,
        blank=True,
        validators=[medewerker_code_validator],
        help_text=_("The user code in the ledger (Twinfield): never renumbered."),
    )
    naam = models.CharField(_("name"), max_length=200)
    korte_naam = models.CharField(_("short name"), max_length=50, blank=True)
    # Unique per office (see Meta): one office cannot learn another's addresses (D9, issue 9);
    # NULL, not "", for "no address", so that the unique constraint lets many lack one.
    email = models.EmailField(_("e-mail address"), null=True, blank=True)  # noqa: DJ001
    taal = models.CharField(_("language"), max_length=2, choices=Taal.choices, default=Taal.NL)
    is_active = models.BooleanField(_("active"), default=True)
    is_beheerder = models.BooleanField(
        _("office admin"),
        default=False,
        help_text=_("Office admins keep the office settings under Beheer."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now, editable=False)
    # Feeds the session hash: raising it ends every session of this employee at once (deactivation,
    # issue 9 item 5); it never goes down, so reactivating him revives no old session.
    sessie_versie = models.PositiveIntegerField(default=0, editable=False)

    objects = MedewerkerManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["naam"]

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["naam"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["kantoor", "code"],
                name="kantoor_medewerker_unique_code",
                violation_error_message=_("This office already has an employee with this code."),
            ),
            models.UniqueConstraint(
                fields=["kantoor", "email"],
                condition=Q(email__isnull=False),
                name="kantoor_medewerker_unique_email",
                violation_error_message=_(
                    "This office already has an employee with this e-mail address."
                ),
            ),
            models.UniqueConstraint(
                fields=["email"],
                condition=Q(email__isnull=False, kantoor__isnull=True),
                name="kantoor_medewerker_unique_email_platform",
                violation_error_message=_("A platform account with this address already exists."),
            ),
            models.CheckConstraint(
                condition=Q(kantoor__isnull=False) | Q(is_superuser=True),
                name="kantoor_medewerker_kantoor_or_superuser",
                violation_error_message=_("An employee belongs to an office."),
            ),
            models.CheckConstraint(
                condition=Q(kantoor__isnull=True) | ~Q(code=""),
                name="kantoor_medewerker_code_required",
                violation_error_message=_("An employee of an office has a code."),
            ),
        ]

    def __str__(self) -> str:
        return self.naam or self.email or self.code

    @property
    def is_staff(self) -> bool:
        """Who may enter Beheer (Django admin): office admins and platform superusers."""
        return self.is_active and (self.is_beheerder or self.is_superuser)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Remembered to see a deactivation in save(), whichever form or script saves him.
        instance._was_actief = instance.__dict__.get("is_active")
        return instance

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Addresses are compared case-insensitively (logging in, the unique constraint), so they
        # are stored lower-cased; an empty address is NULL so that many may lack one.
        self.email = (self.email or "").strip().lower() or None
        # Issue 9 item 5: a deactivation saved here (not through the service) also ends his
        # sessions and tells the higher apps (taken renews his calendar token).
        update_fields = kwargs.get("update_fields")
        gedeactiveerd = (
            getattr(self, "_was_actief", None) is True
            and not self.is_active
            and (update_fields is None or "is_active" in update_fields)
        )
        if gedeactiveerd:
            self.sessie_versie += 1
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "sessie_versie"}
        super().save(*args, **kwargs)
        if update_fields is None or "is_active" in update_fields:
            self._was_actief = self.is_active
        if gedeactiveerd:
            medewerkers_gedeactiveerd.send(sender=Medewerker, medewerker_ids=[self.pk])

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Django's session hash, salted with `sessie_versie` too: a session stays valid only
        while the password and the version are those it was logged in with (issue 9 item 5)."""
        return salted_hmac(
            "kantoor.models.Medewerker.get_session_auth_hash",
            f"{self.password}:{self.sessie_versie}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def clean(self) -> None:
        super().clean()
        if self.kantoor_id is None and not self.is_superuser:
            raise ValidationError({"kantoor": _("An employee belongs to an office.")})
        if self.kantoor_id is not None and not self.code:
            raise ValidationError({"code": _("An employee of an office has a code.")})

    def get_full_name(self) -> str:
        return self.naam

    def get_short_name(self) -> str:
        return self.korte_naam or self.naam

    def delete(self, *args: Any, **kwargs: Any):
        """D8: an employee who leaves is deactivated, never deleted."""
        raise ValidationError(
            _("Employees are never deleted; deactivate %(naam)s instead.") % {"naam": self},
            code="medewerker_never_deleted",
        )
