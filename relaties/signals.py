"""Events of relaties that higher apps (teams, taken) listen to; relaties never imports them."""

from django.dispatch import Signal

# Sent with sender=Relatie and relaties=[...] after relations were created in bulk (the import),
# inside the same transaction; `post_save` does not fire for `bulk_create`.
relaties_aangemaakt = Signal()

# Sent with sender=Relatie, relaties=[...] and oude_waarden={pk: {field name: old value}} after
# existing relations were updated in bulk (the import), inside the same transaction; `post_save`
# does not fire for `bulk_update`. `oude_waarden` holds only the fields that changed, so a
# listener sees what changed without a query (taken: *Deadlines are per client*).
relaties_bijgewerkt = Signal()
