from django.contrib.auth.backends import ModelBackend

from kantoor.models import Medewerker


class MedewerkerBackend(ModelBackend):
    """Django's backend, loading the employee's office with him: every page needs it."""

    def get_user(self, user_id):
        try:
            user = Medewerker.objects.select_related("kantoor").get(pk=user_id)
        except Medewerker.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
