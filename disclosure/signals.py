"""Hooks this app hangs on lower apps: a new township gets the county's catalogue.

`townships` knows nothing of the catalogue; whichever way a township is created (the back
office, the demo, a script), its tree is copied in the same transaction.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from townships.models import Township

from .catalogue import copy_template_to_township, ensure_county_template


@receiver(post_save, sender=Township, dispatch_uid="disclosure.copy_catalogue")
def copy_catalogue(sender, instance: Township, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        ensure_county_template(instance.county)
        copy_template_to_township(instance)
