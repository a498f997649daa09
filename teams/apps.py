from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    name = "teams"
    verbose_name = _("Client teams")

    def ready(self) -> None:
        # Connects the receivers that give every new relation its first klantbeheerder (D3).
        from kantoor.signals import deactivatie_gevraagd
        from teams import signals

        # D8: nobody leaves while he is the only klantbeheerder of a relation.
        deactivatie_gevraagd.connect(
            signals.enige_klantbeheerder_bezwaren,
            dispatch_uid="teams_enige_klantbeheerder",
        )
