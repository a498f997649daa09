from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelatiesConfig(AppConfig):
    name = "relaties"
    verbose_name = _("Relations")
