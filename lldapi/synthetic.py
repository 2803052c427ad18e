"""A synthetic data set shaped like LL2's, for tests and benchmarks (`manage.py generate_data`).

At scale 1 it holds about 600 spacecraft over 40 configurations, 900 flights with their launches and
landings (and 12 planned on upcoming launches), 700 docking events (and 13 more, on upcoming launches
and the first one) and 600 astronauts; everything scales linearly. The same scale and seed always
give the same rows. Every field that any mode shows is filled for most rows, and the values LL2
derives (`flights_count`, `in_space`, `time_in_space`, `turn_around_time`...) agree with the rows
they summarise. Rows are written with bulk inserts in one transaction.
"""

import random
import time
import uuid
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from django.db import models, transaction
from django.utils.text import slugify

from agencies import models as agencies
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


def midnight(day):
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


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


# Agencies

AGENCY_TYPES = ["Government", "Multinational", "Commercial", "Educational", "Private"]
COUNTRIES = [
    ("United States of America", "US", "USA", "American"),
    ("Russia", "RU", "RUS", "Russian"),
    ("China", "CN", "CHN", "Chinese"),
    ("Japan", "JP", "JPN", "Japanese"),
    ("India", "IN", "IND", "Indian"),
    ("France", "FR", "FRA", "French"),
    ("Germany", "DE", "DEU", "German"),
    ("Canada", "CA", "CAN", "Canadian"),
    ("Italy", "IT", "ITA", "Italian"),
    ("Kazakhstan", "KZ", "KAZ", "Kazakh"),
]
# Countries that only the countries lookup lists, so that it fills more than a page of 20.
MORE_COUNTRIES = [
    ("United Kingdom", "GB", "GBR", "British"),
    ("Brazil", "BR", "BRA", "Brazilian"),
    ("Australia", "AU", "AUS", "Australian"),
    ("South Korea", "KR", "KOR", "South Korean"),
    ("Ukraine", "UA", "UKR", "Ukrainian"),
    ("Israel", "IL", "ISR", "Israeli"),
    ("Iran", "IR", "IRN", "Iranian"),
    ("Spain", "ES", "ESP", "Spanish"),
    ("Sweden", "SE", "SWE", "Swedish"),
    ("Netherlands", "NL", "NLD", "Dutch"),
    ("New Zealand", "NZ", "NZL", "New Zealander"),
    ("Argentina", "AR", "ARG", "Argentine"),
    ("Norway", "NO", "NOR", "Norwegian"),
    ("Belgium", "BE", "BEL", "Belgian"),
]


def image(data, name):
    """An image of `name` under one of the licenses, and for some its variants."""
    slug = slugify(name).replace("-", "_")[:15]
    image = data.new(
        agencies.Image,
        name=name,
        image_url=f"{MEDIA}/{slug}_image_{data.rng.randrange(10**8):08d}.jpeg",
        thumbnail_url=f"{MEDIA}/{slug}_image_thumbnail_{data.rng.randrange(10**8):08d}.jpeg",
        credit=data.maybe(data.pick(["NASA", "ESA", "Roscosmos", "CNSA", "SpaceX", "JAXA"])),
        license=data.pick(data.licenses),
        single_use=data.chance(0.5),
    )
    if data.chance(0.2):
        for variant_type in data.some(data.variant_types, 1, 2):
            data.new(
                agencies.ImageVariant,
                image=image,
                type=variant_type,
                image_url=f"{MEDIA}/{slug}_{variant_type.name.lower()}.webp",
            )
    return image


def optional_image(data, name, null_share=0.1):
    """An image of `name`, or none for a share `null_share` of rows."""
    return None if data.chance(null_share) else image(data, name)


def social_links(data, owner, field_name):
    """Links of `owner`, through its `field_name`, to some of the social media."""
    links = [
        data.new(agencies.SocialMediaLink, social_media=media, url=f"{media.url}/{owner.pk}")
        for media in data.some(data.social_media, 0, 2)
    ]
    data.link(owner, field_name, links)


def agencies_reference(data):
    """Images' licenses and variants, agency types, countries and social media."""
    data.licenses = [
        data.new(agencies.ImageLicense, name=name, priority=priority, link=link)
        for name, priority, link in [
            ("Unknown", 9, None),
            ("NASA Image and Media Guidelines", 0, "https://www.nasa.gov/images"),
            ("CC BY 2.0", 2, "https://creativecommons.org/licenses/by/2.0/"),
            ("CC BY-SA 4.0", 3, "https://creativecommons.org/licenses/by-sa/4.0/"),
        ]
    ]
    data.variant_types = data.named(agencies.ImageVariantType, ["Small", "Medium", "Large"])
    data.agency_types = data.named(agencies.AgencyType, AGENCY_TYPES)
    data.countries = [
        data.new(
            agencies.Country,
            name=name,
            alpha_2_code=a2,
            alpha_3_code=a3,
            nationality_name=nationality,
            nationality_name_composed=f"{nationality} citizen",
        )
        for name, a2, a3, nationality in COUNTRIES
    ]
    data.social_media = [
        data.new(agencies.SocialMedia, name=name, url=f"https://{name.lower()}.com", logo=image(data, f"{name} logo"))
        for name in ["X", "YouTube", "Instagram", "LinkedIn"]
    ]


def agency_rows(data):
    """Agencies, each of its countries (several for a multinational), with their social media links."""
    data.agency_list = []
    for index in range(data.scaled(50)):
        name = f"{data.pick(NAMES)} {data.pick(['Space Agency', 'Aerospace', 'Orbital', 'Space Systems'])} {index + 1}"
        counts = {
            key: data.rng.randrange(200)
            for key in [
                "total_launch_count",
                "consecutive_successful_launches",
                "successful_launches",
                "failed_launches",
                "pending_launches",
                "consecutive_successful_landings",
                "successful_landings",
                "failed_landings",
                "attempted_landings",
                "successful_landings_spacecraft",
                "failed_landings_spacecraft",
                "attempted_landings_spacecraft",
                "successful_landings_payload",
                "failed_landings_payload",
                "attempted_landings_payload",
            ]
        }
        agency = data.new(
            agencies.Agency,
            name=name,
            abbrev="".join(word[0] for word in name.split()) + str(index + 1),
            type=data.pick(data.agency_types),
            featured=data.chance(0.3),
            description=data.maybe(data.sentence(12, 30)),
            administrator=data.maybe(f"Director {data.pick(NAMES)}"),
            founding_year=data.maybe(data.rng.randint(1950, 2020)),
            launchers=data.pick(["Falcon", "Soyuz", ""]),
            spacecraft=data.pick(["Dragon", "Progress", ""]),
            parent=data.maybe(data.pick(NAMES), 0.7),
            image=optional_image(data, name),
            logo=optional_image(data, f"{name} logo"),
            social_logo=optional_image(data, f"{name} social"),
            info_url=data.maybe(data.url("agency", name), empty_share=0.2),
            wiki_url=data.maybe(data.url("wiki", name), empty_share=0.1),
            **counts,
        )
        # Multinational ones of several countries, as ESA's (listed in LL2's order, not by id).
        several = agency.type.name == "Multinational"
        data.link(agency, "country", data.some(data.countries, 3 if several else 1, 8 if several else 2))
        social_links(data, agency, "social_media_links")
        data.agency_list.append(agency)


def agency_parents(data):
    """Some agencies belong to another; LL2 shows the parent by its name."""
    for agency in data.agency_list:
        parent = data.pick(data.agency_list) if data.chance(0.3) else None
        agency.parent_agency = None if parent is agency else parent
        agency.parent = agency.parent_agency and agency.parent_agency.name


def agency_lookups(data):
    """Agency types, image variant types, licenses and countries past a page of 20."""
    data.pad(agencies.AgencyType, "Agency type")
    data.pad(agencies.ImageVariantType, "Variant")
    for number in range(len(data.licenses) + 1, LOOKUP_ROWS + 1):
        data.new(
            agencies.ImageLicense,
            name=f"License {number}",
            priority=number,
            link=data.maybe(f"https://example.org/licenses/{number}"),
        )
    for name, a2, a3, nationality in MORE_COUNTRIES:
        data.new(
            agencies.Country,
            name=name,
            alpha_2_code=a2,
            alpha_3_code=a3,
            nationality_name=nationality,
            nationality_name_composed=f"{nationality} citizen",
        )


def build(scale, seed):
    """The data set of this scale and seed."""
    from docking import factories as docking_steps
    from launches import factories as launches_steps
    from spacecraft import factories as spacecraft_steps

    data = DataSet(scale, seed)
    for step in (
        agencies_reference,
        launches_steps.reference,
        spacecraft_steps.lookups,
        docking_steps.lookups,
        agency_rows,
        launches_steps.places,
        launches_steps.programs,
        launches_steps.launchers,
        spacecraft_steps.configurations,
        launches_steps.astronauts,
        spacecraft_steps.spacecraft,
        docking_steps.stations,
        docking_steps.station_details,
        docking_steps.expeditions,
        docking_steps.station_visits,
        docking_steps.docking_events,
        docking_steps.one_vehicle_per_port,
        agency_parents,
        launches_steps.launcher_details,
        launches_steps.celestial_bodies,
        agency_lookups,
        spacecraft_steps.more_families,
        launches_steps.events,
        launches_steps.people_lookups,
        launches_steps.more_patches,
        launches_steps.more_programs,
        docking_steps.spacewalks,
        launches_steps.astronaut_records,
        launches_steps.future_launches,
        launches_steps.launch_lookups,
        spacecraft_steps.planned_flights,
        docking_steps.planned_dockings,
        launches_steps.launcher_lookups,
        launches_steps.first_stages,
        launches_steps.landing_and_launch_counts,
        launches_steps.mix_landings,
        launches_steps.launch_details,
    ):
        step(data)
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
