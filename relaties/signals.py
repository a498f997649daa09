"""Events of relaties that higher apps (teams) listen to, so that relaties never imports them."""

from django.dispatch import Signal

# Sent with sender=Relatie and relaties=[...] after relations were created in bulk (the import),
# inside the same transaction; `post_save` does not fire for `bulk_create`.
relaties_aangemaakt = Signal()
