from lldapi.api.registry import Embedded, registry

registry.embed(Embedded("agencies", "agency"))
