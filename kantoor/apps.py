from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KantoorConfig(AppConfig):
    name = "kantoor"
    verbose_name = _("Office settings")

    def ready(self) -> None:
        # A session's age counts from the login (issue 9 item 5): remembered whenever anyone logs
        # in, also through the test client's force_login, before any middleware is loaded.
        from django.contrib.auth.signals import user_logged_in

        from kantoor.middleware import onthoud_inlogtijd

        user_logged_in.connect(onthoud_inlogtijd, dispatch_uid="kantoor_inlogtijd")
