from django.core.management.base import BaseCommand

from lldapi.api.registry import registry

COMPARISONS = ("__gt", "__gte", "__lt", "__lte")


def code(names):
    return ", ".join(f"`{name}`" for name in names) or "—"


def filter_names(filterset):
    """The filters' names, each followed by the comparisons it also takes: `founding_year` (`__gt`, `__lt`)
    for `founding_year`, `founding_year__gt` and `founding_year__lt`."""
    folded = {}  # a name shown -> the comparisons folded into it
    for name in sorted(filterset.base_filters) if filterset else []:
        base = next(
            (name.removesuffix(s) for s in COMPARISONS if name.endswith(s) and name.removesuffix(s) in folded), None
        )
        if base is None:
            folded[name] = []
        else:
            folded[base].append(name.removeprefix(base))
    shown = [
        f"`{name}` ({', '.join(f'`{s}`' for s in comparisons)})" if comparisons else f"`{name}`"
        for name, comparisons in folded.items()
    ]
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
