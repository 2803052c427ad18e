"""`generate_data`: deterministic, sized by scale, and consistent in the values LL2 derives."""

import hashlib
import io
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, models
from django.db.models import Count, Q

from docking.models import DockingEvent
from launches.models import Astronaut
from lldapi import synthetic, tables
from spacecraft.models import Spacecraft, SpacecraftFlight

from .schema import COMPONENTS, FORMATS

pytestmark = pytest.mark.django_db


def generate(seed=1, scale=1, representations=True):
    out = io.StringIO()
    call_command(
        "generate_data", scale=scale, seed=seed, flush=True, no_representations=not representations, stdout=out
    )
    return out.getvalue()


def digest():
    rows = hashlib.sha256()
    for model in tables.app_models(include_auto_created=True):
        for row in model.objects.order_by(*[f.attname for f in model._meta.concrete_fields]).values_list():
            rows.update(repr(row).encode())
    return rows.hexdigest()


def test_scale_one_is_shaped_like_ll2():
    output = generate()
    assert "generated" in output and "spacecraft: 600" in output
    assert Spacecraft.objects.count() == 600
    # The flights and dockings that took place, and those planned on the first upcoming launches.
    assert SpacecraftFlight.objects.count() == 900 + 12
    assert DockingEvent.objects.count() == 700 + 14
    assert Astronaut.objects.count() == 600


def test_same_seed_same_rows_other_seed_other_rows():
    # The rows alone: the stored representations are made from them (tests/test_store_generated.py).
    generate(seed=7, representations=False)
    first = digest()
    generate(seed=7, representations=False)
    assert digest() == first
    generate(seed=8, representations=False)
    assert digest() != first


def test_derived_values_agree_with_the_rows_they_summarise():
    generate(representations=False)
    crafts = Spacecraft.objects.annotate(
        flights_total=Count("flights"), ended=Count("flights", filter=Q(flights__mission_end__isnull=False))
    )
    for craft in crafts:
        assert craft.flights_count == craft.flights_total
        assert craft.mission_ends_count == craft.ended
        assert craft.in_space == (craft.ended < craft.flights_total)
        flights = list(craft.flights.order_by("launch__net"))
        assert craft.time_in_space == sum((f.duration for f in flights), timedelta(0))
        for flight in flights:
            assert flight.duration == (flight.mission_end or synthetic.NOW) - flight.launch.net
    assert Spacecraft.objects.filter(in_space=True).exists() and Spacecraft.objects.filter(in_space=False).exists()


def test_every_url_is_a_valid_uri():
    """Links and image file names are made from names such as "Borealis 28 | U", whose characters a URI
    may not hold; the schema declares them `format: uri`."""
    generate(representations=False)
    for model in tables.app_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.URLField) or field.name.endswith("_url"):
                values = model.objects.exclude(**{field.name: None}).values_list(field.name, flat=True)
                invalid = [value for value in values if not FORMATS["uri"].match(value)]
                assert invalid[:5] == [], (model.__name__, field.name)


def test_every_integer_is_within_the_schema_s_range():
    """LL2's schema bounds every integer it declares to one range (32 bits): the columns hold no more,
    whatever their type (a payload's `cost` is a 64-bit column)."""
    [(low, high)] = {
        (prop["minimum"], prop["maximum"])
        for component in COMPONENTS.values()
        for prop in component.get("properties", {}).values()
        if "maximum" in prop
    }
    generate(representations=False)
    for model in tables.app_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if isinstance(field, models.IntegerField) and not field.is_relation:
                extremes = model.objects.aggregate(low=models.Min(field.attname), high=models.Max(field.attname))
                assert extremes["low"] is None or low <= extremes["low"] <= extremes["high"] <= high, (model, field)


def test_refuses_to_mix_with_existing_data():
    with pytest.raises(CommandError, match="--flush"):
        call_command("generate_data", scale=1, stdout=io.StringIO())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's foreign keys are what a flush out of order trips")
def test_flush_replaces_the_bundled_data_in_a_fresh_database(new_sqlite, seed_paths):
    """As an operator runs it: `generate_data --flush` over a database that holds the imported pages."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{new_sqlite('db.sqlite3')}"}
    manage = [sys.executable, str(Path(__file__).resolve().parent.parent / "manage.py")]
    for command in (["import_ll2", *seed_paths], ["generate_data", "--scale", "1", "--flush"]):
        result = subprocess.run(manage + command, env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr[-2000:]
    assert "generated" in result.stdout
