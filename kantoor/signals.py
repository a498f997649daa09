"""Events of the office that higher apps (teams, taken) may answer without kantoor importing them.

The dependencies point one way (`taken -> teams -> relaties -> kantoor`); where kantoor needs a
higher app's say, it sends a signal and the higher app connects a receiver.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.dispatch import Signal


@dataclass(frozen=True)
class Bezwaar:
    """A reason why an employee cannot be deactivated now, such as the relations whose only
    klantbeheerder he is (issue 3, item 4; D8). `reden` is a translated phrase that follows
    "<naam> cannot be deactivated: ", e.g. "klantbeheerder van Bakkerij Jansen, Garage Smit".
    """

    medewerker_id: int
    reden: str


# Sent (by `kantoor.services.deactiveer_medewerkers` and `controleer_deactivatie`, and only there)
# before employees are deactivated: by an office admin in Beheer, by the bulk action, by the import.
#
#   sender:      kantoor.models.Medewerker (the class)
#   kantoor:     the office whose employees are about to be deactivated (a Kantoor)
#   medewerkers: a QuerySet of the still-active employees about to be deactivated
#
# A receiver returns an iterable of `Bezwaar` (empty or None when it has no objection). Any
# objection refuses the whole deactivation: nothing is written, and the reasons are shown.
deactivatie_gevraagd = Signal()

# Sent after employees were deactivated, inside the deactivating transaction, by every path: the
# service `deactiveer_medewerkers` (Beheer's form, its bulk action, the import) and
# `Medewerker.save()` (any other code that saves one with is_active=False). Their sessions ended
# already (the session hash follows `Medewerker.sessie_versie`); a higher app answers by revoking
# what it keeps for them, such as taken's calendar token (issue 9 item 5).
#
#   sender:         kantoor.models.Medewerker (the class)
#   medewerker_ids: a list of the primary keys of the employees just deactivated
medewerkers_gedeactiveerd = Signal()
