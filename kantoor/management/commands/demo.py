from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from kantoor import demo


class Command(BaseCommand):
    help = (
        "Creates the demo office 'Administratiekantoor De Vries & Partners' with its employees, "
        "roles and sample data, and prints the logins. Idempotent; refuses to run with DEBUG off."
    )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                _("The demo office has known passwords; it is only loaded with DEBUG=true.")
            )
        with transaction.atomic():
            kantoor = demo.ensure_kantoor()
            # Each app adds its part, lower apps first (see kantoor/demo.py).
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo"
                if find_spec(module_name) is not None:
                    import_module(module_name).seed(kantoor, self.stdout)
        demo.print_logins(kantoor, self.stdout)
