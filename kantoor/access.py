"""Who may do what in Beheer: deny by default, one function per question.

Office admins (`Medewerker.is_beheerder`) have no rows in Django's permission tables; the admin
classes ask these functions instead of `user.has_perm`.
"""

from __future__ import annotations

from typing import Any

from kantoor.models import Kantoor


def is_platformbeheerder(user: Any) -> bool:
    """A platform superuser: no office, sees and keeps every office."""
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def beheerd_kantoor(user: Any) -> Kantoor | None:
    """The office this user keeps as its office admin, or None (superusers included)."""
    if user.is_authenticated and user.is_active and user.is_beheerder and user.kantoor_id:
        return user.kantoor
    return None


def mag_beheren(user: Any) -> bool:
    """May enter Beheer at all: an active office admin or a platform superuser."""
    return is_platformbeheerder(user) or beheerd_kantoor(user) is not None


def mag_rij_beheren(user: Any, kantoor_id: int | None) -> bool:
    """May see and change a row of this office (D9)."""
    if is_platformbeheerder(user):
        return True
    kantoor = beheerd_kantoor(user)
    return kantoor is not None and kantoor.pk == kantoor_id
