from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class LLDAPIConfig(AppConfig):
    """The mirror's shared machinery: the resource registry, the importer and the data generator."""

    name = "lldapi"
    verbose_name = "LL2 mirror"

    def ready(self):
        # Each app declares its endpoints in its `resources` module.
        autodiscover_modules("resources")
        from django.db.backends.signals import connection_created
        from django.db.models import signals

        from lldapi import collation, store, tables
        from lldapi.api.registry import registry
        from lldapi.records import Children, forget_orders

        # The store keeps the answers of the served endpoints; every write of a record forgets those it changes.
        store.connect(registry.served(), tables.app_models())
        # A deleted row's orders of its lists go with it.
        for model in tables.app_models():
            if Children.of_rows(model):
                signals.post_delete.connect(forget_orders, sender=model)
        connection_created.connect(collation.register)
        from lldapi import checks  # noqa: F401 (registers the project's system checks)
