from django.core.management.base import BaseCommand

from lldapi.api.registry import registry

COMPARISONS = ("__gt", "__gte", "__lt", "__lte")


def code(names):
    return ", ".join(f"`{name}`" for name in names) or "—"


def filter_names(filterset):
    """The filters' names, a column's comparisons folded into one: `founding_year` (and `__gt`...)."""
    names = sorted(filterset.base_filters) if filterset else []
    compared = {
        name.removesuffix(suffix) for name in names for suffix in COMPARISONS if name.endswith(suffix)
    } & set(names)
    shown = []
    for name in names:
        if any(name.endswith(suffix) and name.removesuffix(suffix) in compared for suffix in COMPARISONS):
            continue
        shown.append(f"`{name}` ({', '.join(f'`{s}`' for s in COMPARISONS)})" if name in compared else f"`{name}`")
    return ", ".join(shown) or "—"


def table():
    """The README's table of the served endpoints, and the list of the linked ones not served, from the registry."""
    lines = [
        "| endpoint | modes (schema components) | filters | search fields | ordering |",
        "| --- | --- | --- | --- | --- |",
    ]
    for resource in registry.served():
        modes = (
            ", ".join(f"`{mode}` ({serializer.__name__})" for mode, serializer in resource.modes.items())
            if resource.modes
            else f"one shape ({resource.serializer.__name__})"
        )
        filters = filter_names(resource.filterset_class)
        ordering = resource.viewset.ordering_fields
        lines.append(
            f"| `{resource.url}` | {modes} | {filters} | {code(resource.search_fields)} | {code(ordering)} |"
        )
    embedded = sorted(f"`/{item.version}/{item.path}/{{id}}/`" for item in registry.embedded)
    lines += ["", f"Linked to but not served (a JSON 404 that says so): {', '.join(embedded)}."]
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Print the Markdown table of the served endpoints (the README's), from the resource registry."

    def handle(self, *args, **options):
        self.stdout.write(table())
