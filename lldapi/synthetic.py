"""A synthetic data set shaped like LL2's, for tests and benchmarks (`manage.py generate_data`).

At scale 1 it holds about 600 spacecraft over 40 configurations, 900 flights with their launches and
landings (and 12 planned on upcoming launches), 700 docking events (and 13 more, on upcoming launches
and the first one) and 600 astronauts, and a Starship programme whose dashboard lists something in each
of its lists for years (12 launches flown and 12 to come up to 2045); everything scales linearly. The
same scale and seed always give the same rows. Every field that any mode shows is filled for most rows,
and the values LL2 derives (`flights_count`, `in_space`, `time_in_space`, `turn_around_time`...) agree
with the rows they summarise. Rows are written with bulk inserts in one transaction.

Each app makes its own rows in the steps of its `factories` module: functions of one `DataSet`, which
holds the rows, the building blocks that draw them from one random stream, and what steps set for later
ones (`data.agency_list`). A step names the steps it builds on and the one whose draws come before its
own (`@step`); `build` finds the modules and runs the steps in that order.
"""

import random
import time
import uuid
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.utils.module_loading import autodiscover_modules
from django.utils.text import slugify

from lldapi.tables import reset_sequences

# "Now" of the data set: flights still in space have been up since their launch until then.
NOW = datetime(2026, 11, 1, tzinfo=UTC)
MEDIA = "https://thespacedevs-prod.nyc3.digitaloceanspaces.com/media/images"
# LL2's schema bounds every integer it declares to 32 bits (`maximum: 2147483647`), costs in USD too.
INT32_MAX = 2**31 - 1

NAMES = [
    "Aurora",
    "Borealis",
    "Cygnus",
    "Draco",
    "Electra",
    "Falcon",
    "Gemini",
    "Helios",
    "Ion",
    "Juno",
    "Kestrel",
    "Lyra",
    "Meridian",
    "Nova",
    "Orion",
    "Pegasus",
    "Quasar",
    "Rigel",
    "Sirius",
    "Tethys",
    "Ursa",
    "Vega",
    "Wayfarer",
    "Xenon",
    "Yamato",
    "Zenith",
]
WORDS = [
    "orbital",
    "crew",
    "cargo",
    "station",
    "module",
    "resupply",
    "demonstration",
    "science",
    "rendezvous",
    "docking",
    "capsule",
    "service",
    "lunar",
    "survey",
    "test",
    "long-duration",
    "transfer",
    "return",
]


# More rows than a page of 20 for each lookup that is served on its own, so that such a page
# always carries a link to the next one (pages of lookups hold no `url` of their own).
LOOKUP_ROWS = 24


class DataSet:
    """The rows made so far, the random stream they are drawn from, and what steps set for later ones."""

    def __init__(self, scale, seed):
        self.scale = scale
        self.rng = random.Random(seed)
        self.rows = defaultdict(list)
        self.links = defaultdict(list)
        self.next_id = defaultdict(int)

    def new(self, model, **fields):
        """A row of `model` with the next id (a random UUID where the primary key is one), to be written."""
        if isinstance(model._meta.pk, models.UUIDField):
            fields["id"] = uuid.UUID(int=self.rng.getrandbits(128), version=4)
        else:
            self.next_id[model] += 1
            fields["id"] = self.next_id[model]
        row = model(**fields)
        self.rows[model].append(row)
        return row

    def link(self, owner, field_name, targets):
        """Many-to-many links, written as rows of the relation's own table in the order of `targets`, the
        order the list shows them in: LL2's own, not by id (`some` draws them shuffled)."""
        field = type(owner)._meta.get_field(field_name)
        through = field.remote_field.through
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        for item in dict.fromkeys(targets):
            self.links[through].append(through(**{source: owner.pk, target: item.pk}))

    def linked(self, model, field_name):
        """The many-to-many links made so far through `model.field_name`: owner id -> target ids."""
        field = model._meta.get_field(field_name)
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        targets = defaultdict(list)
        for row in self.links[field.remote_field.through]:
            targets[getattr(row, source)].append(getattr(row, target))
        return targets

    def scaled(self, count):
        return max(1, count * self.scale)

    def pick(self, items):
        return items[self.rng.randrange(len(items))]

    def some(self, items, low, high):
        """From `low` to `high` of `items`, in a shuffled order."""
        return self.rng.sample(items, min(len(items), self.rng.randint(low, high)))

    def maybe(self, value, null_share=0.15, empty_share=0):
        """`value`, or null for a share of rows and, where LL2 writes them, `""` for another share."""
        draw = self.rng.random()
        return None if draw < null_share else "" if draw < null_share + empty_share else value

    def chance(self, share):
        return self.rng.random() < share

    def sentence(self, low=6, high=16):
        words = [self.pick(WORDS) for _ in range(self.rng.randint(low, high))]
        return " ".join(words).capitalize() + "."

    def moment(self, start, end):
        span = int((end - start).total_seconds())
        return start + timedelta(seconds=self.rng.randrange(max(span, 1)), microseconds=self.micro())

    def micro(self):
        return self.rng.randrange(1_000_000) if self.chance(0.2) else 0

    def measure(self, low, high, digits=(0, 1, 2)):
        """A size or mass as LL2 writes them: to one of `digits` decimals, so some whole (`3.0`, `111.0`)."""
        return round(self.rng.uniform(low, high), self.pick(digits))

    def coordinates(self, digits):
        """A latitude and a longitude to one of LL2's precisions, `digits` (`28.56194122`, `45.965`, `30.4`)."""
        places = self.pick(digits)
        return round(self.rng.uniform(-60, 60), places), round(self.rng.uniform(-180, 180), places)

    def url(self, kind, name):
        return f"https://example.org/{kind}/{slugify(name)}"

    def named(self, model, names):
        return [self.new(model, name=name) for name in names]

    def pad(self, model, label):
        """Rows of `model` named "`label` n" past those it has, up to LOOKUP_ROWS."""
        for number in range(len(self.rows[model]) + 1, LOOKUP_ROWS + 1):
            self.new(model, name=f"{label} {number}")

    def write(self, report):
        """Bulk-insert the rows, then the many-to-many links, reporting the count of each table."""
        for model, rows in [*self.rows.items(), *self.links.items()]:
            model.objects.bulk_create(rows, batch_size=2000)
            report(f"  {model._meta.verbose_name_plural}: {len(rows)}")


# The registered steps by name: each one's function and the names of the steps it runs after.
steps = {}


def step(after=(), draws_after=None):
    """Register a step, a function of the DataSet named "app.function", to run after the steps named in `after`,
    whose rows it reads, and after `draws_after`, whose draws from the random stream come just before its own."""

    def register(function):
        name = f"{function.__module__.partition('.')[0]}.{function.__name__}"
        steps[name] = function, {*after, *filter(None, [draws_after])}
        return function

    return register


def ordered():
    """The steps' functions, each after those it names; of the steps ready together, the first by name."""
    order, done, waiting = [], set(), dict(sorted(steps.items()))
    while waiting:
        ready = next((name for name, (_, after) in waiting.items() if after <= done), None)
        if ready is None:
            raise ImproperlyConfigured(f"Synthetic data steps waiting for steps that never run: {', '.join(waiting)}")
        order.append(waiting.pop(ready)[0])
        done.add(ready)
    return order


def build(scale, seed):
    """The data set of this scale and seed, made by the steps of the apps' `factories` modules."""
    autodiscover_modules("factories")
    data = DataSet(scale, seed)
    for function in ordered():
        function(data)
    return data


def generate(scale, seed=1, report=lambda line: None):
    """Fill the (empty) mirror tables with the data set of this scale and seed; returns the row count."""
    started = time.monotonic()
    data = build(scale, seed)
    with transaction.atomic():
        data.write(report)
        reset_sequences()
    rows = sum(map(len, data.rows.values())) + sum(map(len, data.links.values()))
    report(f"generated {rows} rows at scale {scale}, seed {seed}, in {time.monotonic() - started:.1f} s")
    return rows
