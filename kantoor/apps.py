from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KantoorConfig(AppConfig):
    name = "kantoor"
    verbose_name = _("Office settings")
