from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    name = "teams"
    verbose_name = _("Client teams")

    def ready(self) -> None:
        # Connects the receivers that give every new relation its first klantbeheerder (D3).
        from teams import signals  # noqa: F401
