from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TakenConfig(AppConfig):
    name = "taken"
    verbose_name = _("Tasks")

    def ready(self) -> None:
        # Due dates follow a client's fiscal settings (saved one at a time, or updated by the
        # import: relaties_bijgewerkt); the Teamleden tab learns of unstaffed roles (D7). All
        # through signals, since the lower apps cannot import taken.
        from taken import signals  # noqa: F401
