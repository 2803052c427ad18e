"""Checks a response against LL2's published 2.3.0 schema: keys, their order, types and nulls."""

import json
import re
from collections import Counter

from lldapi.api.registry import published_schema

from .fidelity import FIXTURES

COMPONENTS = json.loads((FIXTURES / "openapi-2.3.0.json").read_text())["components"]["schemas"]
FORMATS = {
    "date-time": re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z$"),
    "date": re.compile(r"^\d{4}-\d\d-\d\d$"),
    "uuid": re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
    # RFC 3986's characters, with whole percent-escapes, after an http(s) scheme.
    "uri": re.compile(r"^https?://(?:[\w\-.~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+\Z", re.ASCII),
}
TYPES = {
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "string": lambda v: isinstance(v, str),
    "array": lambda v: isinstance(v, list),
}


# Where LL2's own pages depart from its schema, each a row of the README's "Where LL2 differs from its
# schema" (named by the start of the row): the values each allows.
DEPARTURES = {
    "nested objects and computed values": lambda value, prop: (
        value is None and bool(reference(prop) or prop.get("readOnly"))
    ),
    "link fields": lambda value, prop: value == "" and prop.get("format") == "uri",
}


def bounds(value, prop):
    """What `value`, of the property's type, breaks of its format, pattern, length and range."""
    if isinstance(value, str):
        if prop.get("format") in FORMATS and not FORMATS[prop["format"]].match(value):
            yield f"is not a {prop['format']}"
        if "pattern" in prop and not re.search(prop["pattern"], value):
            yield f"does not match {prop['pattern']}"
        if len(value) > prop.get("maxLength", len(value)):
            yield f"is longer than {prop['maxLength']}"
    elif not prop.get("minimum", value) <= value <= prop.get("maximum", value):
        yield f"is out of {prop['minimum']}..{prop['maximum']}"


def reference(prop):
    ref = prop.get("$ref") or next((part["$ref"] for part in prop.get("allOf", [])), None)
    return ref and ref.rsplit("/", 1)[-1]


class Conformance:
    """Walks responses, collecting departures from the schema and the properties seen non-null."""

    def __init__(self):
        self.problems = []
        self.departures = Counter()
        self.filled = set()

    def check(self, value, component, path="$"):
        properties = COMPONENTS[component]["properties"]
        if not isinstance(value, dict):
            self.problems.append(f"{path}: expected an object ({component})")
            return
        if list(value) != list(properties):
            self.problems.append(f"{path}: keys {list(value)} are not {component}'s {list(properties)}")
        for key, prop in properties.items():
            if key in value:
                self.check_value(value[key], prop, component, key, f"{path}.{key}")

    def check_value(self, value, prop, component, key, path):
        ref = reference(prop)
        if value is None:
            if not prop.get("nullable"):
                self.depart(f"{path}: null, but {component}.{key} is not nullable", value, prop)
            return
        self.filled.add((component, key))
        if ref:
            self.check(value, ref, path)
        elif not TYPES[prop["type"]](value):
            self.problems.append(f"{path}: {value!r} is not of type {prop['type']}")
        elif prop["type"] == "array":
            for index, item in enumerate(value):
                self.check_value(item, prop["items"], component, key, f"{path}[{index}]")
        elif "default" in prop and prop.get("readOnly") and value != prop["default"]:
            self.problems.append(f"{path}: {value!r} is not {component}'s {prop['default']!r}")
        else:
            for problem in bounds(value, prop):
                self.depart(f"{path}: {value!r} {problem}", value, prop)

    def depart(self, problem, value, prop):
        """A problem, unless LL2's own pages depart from the schema so (`DEPARTURES`, counted)."""
        departure = next((name for name, allows in DEPARTURES.items() if allows(value, prop)), None)
        if departure:
            self.departures[departure] += 1
        else:
            self.problems.append(problem)

    def unfilled(self, component):
        """The properties reachable from `component` that no checked value ever filled."""
        missing, seen, stack = set(), set(), [component]
        while stack:
            name = stack.pop()
            if name in seen:
                continue
            seen.add(name)
            for key, prop in COMPONENTS[name]["properties"].items():
                if (name, key) not in self.filled:
                    missing.add(f"{name}.{key}")
                nested = reference(prop) or reference(prop.get("items", {}))
                if nested and (name, key) in self.filled:
                    stack.append(nested)
        return sorted(missing)


def operation(url):
    return published_schema()["paths"][url]["get"]


def modes(resource):
    """A registered resource's modes, or [None] for one without, as `schema_components` keys them."""
    return list(resource.modes) or [None]


def schema_components(url):
    """The component of each mode of a 2.3.0 list path, as the published schema names them."""
    page = published_schema()["components"]["schemas"][reference(operation(url)["responses"]["200"]["content"][
        "application/json"]["schema"])]
    item = published_schema()["components"]["schemas"][reference(page["properties"]["results"]["items"])]
    if "discriminator" in item:
        return {mode: ref.rsplit("/", 1)[-1] for mode, ref in item["discriminator"]["mapping"].items()}
    return {None: reference(page["properties"]["results"]["items"])}
