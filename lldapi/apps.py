from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class LLDAPIConfig(AppConfig):
    """The mirror's shared machinery: the resource registry, the importer and the data generator."""

    name = "lldapi"
    verbose_name = "LL2 mirror"

    def ready(self):
        # Each app declares its endpoints in its `resources` module.
        autodiscover_modules("resources")
        # Every write of a record forgets the stored representations it changes.
        from lldapi import tables
        from lldapi.api import store

        store.connect(tables.app_models())
        from lldapi import checks  # noqa: F401 (registers the project's system checks)
