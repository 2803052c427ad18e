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
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise, zip_longest

from django.db import transaction
from django.utils.text import slugify

from agencies import models as agencies
from docking import models as docking
from launches import models as launches
from lldapi.tables import reset_sequences
from spacecraft import models as spacecraft

# "Now" of the data set: flights still in space have been up since their launch until then.
NOW = datetime(2026, 11, 1, tzinfo=UTC)
MEDIA = "https://thespacedevs-prod.nyc3.digitaloceanspaces.com/media/images"
# LL2's schema bounds every integer it declares to 32 bits (`maximum: 2147483647`), costs in USD too.
INT32_MAX = 2**31 - 1

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
# Planned ends and departures of what is under way at NOW: years after it, so that what is "active"
# at the real date of a request stays what the stored counts summarise.
PLANNED = (datetime(2032, 1, 1, tzinfo=UTC), datetime(2040, 1, 1, tzinfo=UTC))
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


def midnight(day):
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


class Generator:
    def __init__(self, scale, seed):
        self.scale = scale
        self.rng = random.Random(seed)
        self.rows = defaultdict(list)
        self.links = defaultdict(list)
        self.next_id = defaultdict(int)

    # Building blocks

    def new(self, model, **fields):
        if model is launches.Launch:
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

    def image(self, name):
        slug = slugify(name).replace("-", "_")[:15]
        image = self.new(
            agencies.Image,
            name=name,
            image_url=f"{MEDIA}/{slug}_image_{self.rng.randrange(10**8):08d}.jpeg",
            thumbnail_url=f"{MEDIA}/{slug}_image_thumbnail_{self.rng.randrange(10**8):08d}.jpeg",
            credit=self.maybe(self.pick(["NASA", "ESA", "Roscosmos", "CNSA", "SpaceX", "JAXA"])),
            license=self.pick(self.licenses),
            single_use=self.chance(0.5),
        )
        if self.chance(0.2):
            for variant_type in self.some(self.variant_types, 1, 2):
                self.new(
                    agencies.ImageVariant,
                    image=image,
                    type=variant_type,
                    image_url=f"{MEDIA}/{slug}_{variant_type.name.lower()}.webp",
                )
        return image

    def optional_image(self, name, null_share=0.1):
        return None if self.chance(null_share) else self.image(name)

    def named(self, model, names):
        return [self.new(model, name=name) for name in names]

    # Reference data

    def agencies_reference(self):
        """Images' licenses and variants, agency types, countries and social media."""
        self.licenses = [
            self.new(agencies.ImageLicense, name=name, priority=priority, link=link)
            for name, priority, link in [
                ("Unknown", 9, None),
                ("NASA Image and Media Guidelines", 0, "https://www.nasa.gov/images"),
                ("CC BY 2.0", 2, "https://creativecommons.org/licenses/by/2.0/"),
                ("CC BY-SA 4.0", 3, "https://creativecommons.org/licenses/by-sa/4.0/"),
            ]
        ]
        self.variant_types = self.named(agencies.ImageVariantType, ["Small", "Medium", "Large"])
        self.agency_types = self.named(agencies.AgencyType, AGENCY_TYPES)
        self.countries = [
            self.new(
                agencies.Country,
                name=name,
                alpha_2_code=a2,
                alpha_3_code=a3,
                nationality_name=nationality,
                nationality_name_composed=f"{nationality} citizen",
            )
            for name, a2, a3, nationality in COUNTRIES
        ]
        self.social_media = [
            self.new(
                agencies.SocialMedia, name=name, url=f"https://{name.lower()}.com", logo=self.image(f"{name} logo")
            )
            for name in ["X", "YouTube", "Instagram", "LinkedIn"]
        ]

    def launches_reference(self):
        """The launch world's lookups and the first celestial bodies."""
        self.body_types = self.named(launches.CelestialBodyType, ["Planet", "Moon", "Star"])
        self.bodies = [
            self.new(
                launches.CelestialBody,
                name=name,
                type=self.body_types[kind],
                diameter=diameter,
                mass=mass,
                gravity=gravity,
                length_of_day=timedelta(hours=hours),
                atmosphere=atmosphere,
                image=self.image(name),
                description=self.sentence(),
                wiki_url=self.url("wiki", name),
                total_attempted_launches=0,
                successful_launches=0,
                failed_launches=0,
                total_attempted_landings=0,
                successful_landings=0,
                failed_landings=0,
            )
            for name, kind, diameter, mass, gravity, hours, atmosphere in [
                ("Earth", 0, 12742000.0, 5.972168e24, 9.80665, 24, True),
                ("Moon", 1, 3474800.0, 7.346e22, 1.62, 708.7, False),
                ("Mars", 0, 6779000.0, 6.4171e23, 3.72076, 24.6597, True),
                ("Sun", 2, 1392700000.0, 1.9885e30, 274.0, 609.12, True),
            ]
        ]
        self.earth = self.bodies[0]
        self.launch_statuses = [
            self.new(launches.LaunchStatus, name=name, abbrev=abbrev, description=self.sentence())
            for name, abbrev in [
                ("Go for Launch", "Go"),
                ("To Be Determined", "TBD"),
                ("Launch Successful", "Success"),
                ("Launch Failure", "Failure"),
                ("On Hold", "Hold"),
                ("Partial Failure", "Partial"),
            ]
        ]
        self.precisions = [
            self.new(launches.NetPrecision, name=name, abbrev=abbrev, description=self.sentence())
            for name, abbrev in [("Second", "SEC"), ("Minute", "MIN"), ("Hour", "HR"), ("Day", "DAY"), ("Month", "M")]
        ]
        self.orbits = [
            self.new(launches.Orbit, name=name, abbrev=abbrev, celestial_body=self.earth)
            for name, abbrev in [
                ("Low Earth Orbit", "LEO"),
                ("Geostationary Transfer Orbit", "GTO"),
                ("Sun-Synchronous Orbit", "SSO"),
                ("Medium Earth Orbit", "MEO"),
            ]
        ]
        self.info_types = self.named(launches.InfoURLType, ["Official", "Press kit", "Wiki"])
        self.vid_types = self.named(launches.VidURLType, ["Official Webcast", "Replay", "Interview"])
        self.languages = [
            self.new(launches.Language, name=name, code=code)
            for name, code in [("English", "en"), ("Russian", "ru"), ("Chinese", "zh")]
        ]
        self.program_types = self.named(launches.ProgramType, ["Human spaceflight", "Robotic", "Commercial"])
        self.landing_types = [
            self.new(launches.LandingType, name=name, abbrev=abbrev, description=self.sentence())
            for name, abbrev in [
                ("Parachute Landing", "PCL"),
                ("Runway Landing", "RL"),
                ("Ocean Splashdown", "OS"),
                ("Destructive Reentry", "DR"),
            ]
        ]
        self.astronaut_statuses = self.named(launches.AstronautStatus, ["Active", "Retired", "In-Training", "Deceased"])
        self.astronaut_types = self.named(launches.AstronautType, ["Government", "Commercial", "Private"])
        self.roles = [
            self.new(launches.AstronautRole, role=role, priority=priority)
            for priority, role in enumerate(
                ["Commander", "Pilot", "Flight Engineer", "Mission Specialist", "Spaceflight Participant"]
            )
        ]

    def spacecraft_lookups(self):
        """Spacecraft configuration types and spacecraft statuses, padded past a page of 20."""
        self.config_types = self.named(
            spacecraft.SpacecraftConfigType, ["Capsule", "Cargo Resupply", "Spaceplane", "Crew Vehicle", "Tug"]
        )
        self.spacecraft_statuses = self.named(
            spacecraft.SpacecraftStatus, ["Active", "Retired", "Destroyed", "Single Use", "Unknown"]
        )
        for model, label in [
            (spacecraft.SpacecraftStatus, "Spacecraft status"),
            (spacecraft.SpacecraftConfigType, "Spacecraft type"),
        ]:
            for number in range(len(self.rows[model]) + 1, self.LOOKUP_ROWS + 1):
                self.new(model, name=f"{label} {number}")

    def docking_lookups(self):
        """Space station statuses and types and payload types, the served ones padded past a page of 20."""
        self.station_statuses = self.named(docking.SpaceStationStatus, ["Active", "De-orbited", "Planned"])
        self.station_types = self.named(docking.SpaceStationType, ["Government", "Multinational", "Commercial"])
        self.payload_types = self.named(
            docking.PayloadType, ["Technology Demonstrator", "Communications", "Science", "Cargo", "Earth Observation"]
        )
        for model, label in [(docking.SpaceStationStatus, "Station status"), (docking.PayloadType, "Payload type")]:
            for number in range(len(self.rows[model]) + 1, self.LOOKUP_ROWS + 1):
                self.new(model, name=f"{label} {number}")

    # Organisations and places

    def social_links(self, owner, field_name):
        links = [
            self.new(agencies.SocialMediaLink, social_media=media, url=f"{media.url}/{owner.pk}")
            for media in self.some(self.social_media, 0, 2)
        ]
        self.link(owner, field_name, links)

    def agencies(self):
        self.agency_list = []
        for index in range(self.scaled(50)):
            name = (
                f"{self.pick(NAMES)} {self.pick(['Space Agency', 'Aerospace', 'Orbital', 'Space Systems'])} {index + 1}"
            )
            counts = {
                key: self.rng.randrange(200)
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
            agency = self.new(
                agencies.Agency,
                name=name,
                abbrev="".join(word[0] for word in name.split()) + str(index + 1),
                type=self.pick(self.agency_types),
                featured=self.chance(0.3),
                description=self.maybe(self.sentence(12, 30)),
                administrator=self.maybe(f"Director {self.pick(NAMES)}"),
                founding_year=self.maybe(self.rng.randint(1950, 2020)),
                launchers=self.pick(["Falcon", "Soyuz", ""]),
                spacecraft=self.pick(["Dragon", "Progress", ""]),
                parent=self.maybe(self.pick(NAMES), 0.7),
                image=self.optional_image(name),
                logo=self.optional_image(f"{name} logo"),
                social_logo=self.optional_image(f"{name} social"),
                info_url=self.maybe(self.url("agency", name), empty_share=0.2),
                wiki_url=self.maybe(self.url("wiki", name), empty_share=0.1),
                **counts,
            )
            # Multinational ones of several countries, as ESA's (listed in LL2's order, not by id).
            several = agency.type.name == "Multinational"
            self.link(agency, "country", self.some(self.countries, 3 if several else 1, 8 if several else 2))
            self.social_links(agency, "social_media_links")
            self.agency_list.append(agency)

    def location(self, index):
        name = f"{self.pick(NAMES)} Spaceport {index}"
        latitude, longitude = self.coordinates([6, 6, 5, 3, 2, 1])
        return self.new(
            launches.Location,
            name=name,
            celestial_body=self.earth,
            active=self.chance(0.8),
            country=self.maybe(self.pick(self.countries)),
            description=self.maybe(self.sentence()),
            image=self.optional_image(name),
            map_image=self.maybe(f"{MEDIA}/map_location_{index}.jpg"),
            longitude=self.maybe(longitude),
            latitude=self.maybe(latitude),
            timezone_name=self.pick(["America/New_York", "Asia/Almaty", "Asia/Shanghai", "UTC"]),
            total_launch_count=self.rng.randrange(1000),
            total_landing_count=self.rng.randrange(100),
        )

    def places(self):
        self.locations = [self.location(index + 1) for index in range(self.scaled(10))]
        self.pads = []
        for index in range(self.scaled(20)):
            name = f"Launch Complex {index + 1}"
            latitude, longitude = self.coordinates([8, 8, 6, 6, 3, 2])
            pad = self.new(
                launches.Pad,
                active=self.chance(0.8),
                name=name,
                image=self.optional_image(name),
                description=self.maybe(self.sentence(), empty_share=0.3),
                info_url=self.maybe(self.url("pad", name), empty_share=0.3),
                wiki_url=self.maybe(self.url("wiki", name), empty_share=0.3),
                map_url=f"https://www.google.com/maps?q={latitude},{longitude}",
                latitude=latitude,
                longitude=longitude,
                country=self.maybe(self.pick(self.countries)),
                map_image=self.maybe(f"{MEDIA}/map_pad_{index}.jpg"),
                total_launch_count=self.rng.randrange(400),
                orbital_launch_attempt_count=self.rng.randrange(400),
                fastest_turnaround=self.maybe(
                    timedelta(days=self.rng.randrange(2, 30), seconds=self.rng.randrange(86400))
                ),
                location=self.pick(self.locations),
            )
            self.link(pad, "agencies", self.some(self.agency_list, 1, 2))
            self.pads.append(pad)
        self.landing_locations = []
        for index in range(self.scaled(10)):
            name = self.pick(["Atlantic Ocean", "Pacific Ocean", "Kazakh Steppe", "Runway 33", "Gulf of Mexico"])
            attempted = self.rng.randrange(1, 60)
            self.landing_locations.append(
                self.new(
                    launches.LandingLocation,
                    name=f"{name} {index + 1}",
                    active=self.chance(0.8),
                    abbrev=name[:3].upper(),
                    description=self.maybe(name),
                    location=self.maybe(self.pick(self.locations)),
                    longitude=self.maybe(round(self.rng.uniform(-180, 180), 4)),
                    latitude=self.maybe(round(self.rng.uniform(-60, 60), 4)),
                    image=self.optional_image(name),
                    successful_landings=attempted - attempted // 10,
                    attempted_landings=attempted,
                    failed_landings=attempted // 10,
                    celestial_body=self.earth,
                )
            )

    def programs(self):
        self.patches = [self.patch(index) for index in range(self.scaled(20))]
        self.program_list = []
        for index in range(self.scaled(10)):
            self.program_list.append(self.program(index))

    def patch(self, index):
        return self.new(
            launches.MissionPatch,
            name=f"{self.pick(NAMES)} patch {index + 1}",
            priority=self.rng.randrange(10),
            image_url=f"{MEDIA}/patch_{index + 1}.png",
            agency=self.maybe(self.pick(self.agency_list)),
        )

    def program(self, index):
        name = f"{self.pick(NAMES)} Program {index + 1}"
        start = self.moment(datetime(1990, 1, 1, tzinfo=UTC), datetime(2020, 1, 1, tzinfo=UTC))
        program = self.new(
            launches.Program,
            name=name,
            description=self.maybe(self.sentence(20, 40)),
            image=self.optional_image(name),
            info_url=self.maybe(self.url("program", name), empty_share=0.25),
            wiki_url=self.maybe(self.url("wiki", name), empty_share=0.1),
            start_date=self.maybe(start),
            end_date=self.maybe(start + timedelta(days=4000), 0.7),
            type=self.pick(self.program_types),
        )
        self.link(program, "agencies", self.some(self.agency_list, 1, 4))
        self.link(program, "mission_patches", self.some(self.patches, 0, 2))
        return program

    def launchers(self):
        families = [
            self.new(launches.LauncherConfigFamily, name=f"{self.pick(NAMES)} rockets {i + 1}")
            for i in range(self.scaled(10))
        ]
        self.launcher_configs = []
        for index in range(self.scaled(30)):
            family = self.pick(families)
            variant = self.pick(["Block 5", "v1.2", "", "Heavy"])
            name = f"{family.name.split()[0]} {index + 1}"
            config = self.new(
                launches.LauncherConfig, name=name, full_name=f"{name} {variant}".strip(), variant=variant
            )
            self.link(config, "families", [family])
            self.launcher_configs.append(config)

    def agency_parents(self):
        """Some agencies belong to another; LL2 shows the parent by its name."""
        for agency in self.agency_list:
            parent = self.pick(self.agency_list) if self.chance(0.3) else None
            agency.parent_agency = None if parent is agency else parent
            agency.parent = agency.parent_agency and agency.parent_agency.name

    def launcher_details(self):
        """What LL2 shows of launcher configurations and families beyond their names.

        Launch counts are those of the synthetic launches flown on each configuration (or on any
        configuration of a family); landing counts have no rows behind them and are drawn.
        """
        flown = defaultdict(list)
        for launch in sorted(self.rows[launches.Launch], key=lambda launch: launch.net):
            flown[launch.rocket.configuration.pk].append(launch)
        configs_of = defaultdict(list)
        for link in self.links[launches.LauncherConfig.families.through]:
            configs_of[link.launcherconfigfamily_id].append(link.launcherconfig_id)
        families = self.rows[launches.LauncherConfigFamily]
        subsidiaries = [agency for agency in self.agency_list if agency.parent_agency]
        for index, family in enumerate(families):
            family.parent = families[index - 1] if index % 3 else None  # chains of three
            # The head of a chain made by a subsidiary too, so that a family's parent shows an agency's `parent`.
            makers = self.some(self.agency_list, 1, 2)
            if index % 3 == 0 and subsidiaries:
                makers.append(self.pick(subsidiaries))
            family.description = self.maybe(self.sentence(), 0, empty_share=0.3)
            family.active = self.chance(0.7)
            family.maiden_flight = self.maybe(date(1957, 10, 4) + timedelta(days=self.rng.randrange(24000)))
            family_launches = sorted(
                (launch for pk in configs_of[family.pk] for launch in flown[pk]), key=lambda launch: launch.net
            )
            self.set_launch_counts(family, family_launches)
            self.link(family, "manufacturer", makers)
        for config in self.launcher_configs:
            name = config.name
            min_stage = self.rng.randint(1, 3)
            config.manufacturer = self.maybe(self.pick(self.agency_list), 0.1)
            config.active = self.chance(0.6)
            config.is_placeholder = self.chance(0.05)
            config.reusable = self.chance(0.3)
            config.image = self.optional_image(name)
            config.info_url = self.maybe(self.url("launcher", name), empty_share=0.3)
            config.wiki_url = self.maybe(self.url("wiki", name), empty_share=0.1)
            config.description = self.sentence()
            config.alias = self.pick(["", f"{name} rocket"])
            config.min_stage = self.maybe(min_stage)
            config.max_stage = self.maybe(min_stage + self.rng.randint(0, 2))
            config.length = self.maybe(self.measure(20, 120, (0, 1)))
            config.diameter = self.maybe(self.measure(1, 10))
            config.maiden_flight = self.maybe(date(1957, 10, 4) + timedelta(days=self.rng.randrange(24000)))
            config.launch_cost = self.maybe(self.rng.randrange(10**6, INT32_MAX + 1), 0.4)
            config.launch_mass = self.maybe(float(self.rng.randrange(10, 3000)))
            for orbit in ("leo", "gto", "geo", "sso"):
                setattr(config, f"{orbit}_capacity", self.maybe(float(self.rng.randrange(100, 100000)), 0.3))
            config.to_thrust = self.maybe(float(self.rng.randrange(100, 40000)))
            config.apogee = self.maybe(float(self.rng.randrange(100, 1000)), 0.7)
            config.fastest_turnaround = self.maybe(
                timedelta(days=self.rng.randrange(20, 400), seconds=self.rng.randrange(86400)), 0.6
            )
            self.set_launch_counts(config, flown[config.pk])
            self.link(config, "program", self.some(self.program_list, 0, 2))

    LAUNCH_OUTCOMES = {"Launch Successful": True, "Launch Failure": False, "Partial Failure": False}

    def set_launch_counts(self, row, launch_list):
        """LL2's launch counts of `launch_list` (in time order), and drawn landing counts, onto `row`."""
        outcomes = [self.LAUNCH_OUTCOMES.get(launch.status.name) for launch in launch_list]
        done = [outcome for outcome in outcomes if outcome is not None]
        streak = len(done) - max((i + 1 for i, outcome in enumerate(done) if not outcome), default=0)
        attempted = self.rng.randrange(40)
        row.total_launch_count = len(done)
        row.successful_launches = sum(done)
        row.failed_launches = len(done) - sum(done)
        row.consecutive_successful_launches = streak
        row.pending_launches = len(outcomes) - len(done)
        row.attempted_landings = attempted
        row.successful_landings = attempted - attempted // 8
        row.failed_landings = attempted // 8
        row.consecutive_successful_landings = self.rng.randrange(attempted - attempted // 8 + 1)

    def celestial_bodies(self):
        """More of the solar system, with a few sites on bodies other than the Earth."""
        types = {type.name: type for type in self.body_types}
        for name in ["Dwarf Planet", "Asteroid", "Comet"]:
            types[name] = self.new(launches.CelestialBodyType, name=name)
        for name, kind, diameter, mass, gravity, hours, atmosphere in [
            ("Mercury", "Planet", 4879400.0, 3.3011e23, 3.7, 4222.6, False),
            ("Venus", "Planet", 12104000.0, 4.8675e24, 8.87, 2802.0, True),
            ("Jupiter", "Planet", 139820000.0, 1.8982e27, 24.79, 9.925, True),
            ("Saturn", "Planet", 116460000.0, 5.6834e26, 10.44, 10.656, True),
            ("Uranus", "Planet", 50724000.0, 8.681e25, 8.69, 17.24, True),
            ("Neptune", "Planet", 49244000.0, 1.02413e26, 11.15, 16.11, True),
            ("Pluto", "Dwarf Planet", 2376600.0, 1.303e22, 0.62, 153.3, True),
            ("Ceres", "Dwarf Planet", 939400.0, 9.3835e20, 0.28, 9.074, False),
            ("Phobos", "Moon", 22533.0, 1.0659e16, 0.0057, 7.65, False),
            ("Deimos", "Moon", 12400.0, 1.4762e15, 0.003, 30.3, False),
            ("Io", "Moon", 3643200.0, 8.931938e22, 1.796, 42.46, True),
            ("Europa", "Moon", 3121600.0, 4.799844e22, 1.314, 85.23, True),
            ("Ganymede", "Moon", 5268200.0, 1.4819e23, 1.428, 171.7, True),
            ("Callisto", "Moon", 4820600.0, 1.075938e23, 1.235, 400.5, True),
            ("Titan", "Moon", 5149460.0, 1.3452e23, 1.352, 382.7, True),
            ("Enceladus", "Moon", 504200.0, 1.08022e20, 0.113, 32.9, True),
            ("Vesta", "Asteroid", 525400.0, 2.59076e20, 0.25, 5.342, False),
            ("Bennu", "Asteroid", 490.0, 7.329e10, 0.0000058, 4.296, False),
            ("Ryugu", "Asteroid", 900.0, 4.5e11, 0.00011, 7.63, False),
            ("Churyumov-Gerasimenko", "Comet", 4100.0, 1.0e13, 0.0002, 12.4, True),
            ("Halley", "Comet", 11000.0, 2.2e14, 0.0004, 52.8, True),
        ]:
            self.bodies.append(
                self.new(
                    launches.CelestialBody,
                    name=name,
                    type=types[kind],
                    diameter=diameter,
                    mass=mass,
                    gravity=gravity,
                    length_of_day=timedelta(hours=hours),
                    atmosphere=atmosphere,
                    image=self.optional_image(name),
                    description=self.maybe(self.sentence()),
                    wiki_url=self.maybe(self.url("wiki", name)),
                    total_attempted_launches=0,
                    successful_launches=0,
                    failed_launches=0,
                    total_attempted_landings=0,
                    successful_landings=0,
                    failed_landings=0,
                )
            )
        for body in self.bodies[1:3]:  # the Moon and Mars
            for _ in range(2):
                self.location(len(self.rows[launches.Location]) + 1).celestial_body = body

    # More rows than a page of 20 for each lookup that is served on its own, so that such a page
    # always carries a link to the next one (pages of lookups hold no `url` of their own).
    LOOKUP_ROWS = 24

    def agency_lookups(self):
        """Agency types, image variant types, licenses and countries past a page of 20."""
        for model, label in [(agencies.AgencyType, "Agency type"), (agencies.ImageVariantType, "Variant")]:
            for number in range(len(self.rows[model]) + 1, self.LOOKUP_ROWS + 1):
                self.new(model, name=f"{label} {number}")
        for number in range(len(self.licenses) + 1, self.LOOKUP_ROWS + 1):
            self.new(
                agencies.ImageLicense,
                name=f"License {number}",
                priority=number,
                link=self.maybe(f"https://example.org/licenses/{number}"),
            )
        for name, a2, a3, nationality in MORE_COUNTRIES:
            self.new(
                agencies.Country,
                name=name,
                alpha_2_code=a2,
                alpha_3_code=a3,
                nationality_name=nationality,
                nationality_name_composed=f"{nationality} citizen",
            )

    def more_families(self):
        """Families enough for a page of 20 to link to the next, each with a configuration or two."""
        for index in range(len(self.families), max(self.LOOKUP_ROWS, len(self.families))):
            name = f"{self.pick(NAMES)} family {index + 1}"
            family = self.new(
                spacecraft.SpacecraftConfigFamily,
                name=name,
                description=self.sentence(),
                manufacturer=self.maybe(self.pick(self.agency_list), 0.1),
                parent=self.maybe(self.pick(self.families), 0.6),
                maiden_flight=self.maybe(date(1960, 1, 1) + timedelta(days=self.rng.randrange(23000))),
                **self.flight_counts(),
            )
            for config in self.some(self.configs, 1, 2):
                self.link(config, "family", [family])
            self.families.append(family)

    # Spacecraft

    def configurations(self):
        self.families = []
        for index in range(self.scaled(15)):
            name = f"{self.pick(NAMES)} family {index + 1}"
            self.families.append(
                self.new(
                    spacecraft.SpacecraftConfigFamily,
                    name=name,
                    description=self.sentence(),
                    manufacturer=self.maybe(self.pick(self.agency_list), 0.1),
                    parent=self.maybe(self.pick(self.families), 0.6) if self.families else None,
                    maiden_flight=self.maybe(date(1960, 1, 1) + timedelta(days=self.rng.randrange(23000))),
                    **self.flight_counts(),
                )
            )
        self.configs = []
        for index in range(self.scaled(40)):
            name = f"{self.pick(NAMES)} {self.pick(['Capsule', 'Cargo', 'Shuttle', 'Tug'])} {index + 1}"
            crewed = self.chance(0.4)
            config = self.new(
                spacecraft.SpacecraftConfig,
                name=name,
                type=self.pick(self.config_types),
                agency=self.pick(self.agency_list),
                in_use=self.chance(0.6),
                image=self.optional_image(name),
                capability=self.sentence(),
                history=self.sentence(),
                details=self.sentence(),
                maiden_flight=self.maybe(date(1961, 4, 12)),
                height=self.maybe(self.measure(2, 40)),
                diameter=self.maybe(self.measure(1, 6)),
                human_rated=crewed,
                crew_capacity=self.maybe(self.rng.randint(2, 7) if crewed else 0),
                payload_capacity=self.maybe(self.rng.randrange(500, 9000)),
                payload_return_capacity=self.maybe(self.rng.randrange(0, 3000)),
                flight_life=self.maybe(f"up to {self.rng.randint(3, 210)} days"),
                wiki_link=self.maybe(self.url("wiki", name), 0, empty_share=0.2),
                info_link=self.maybe(self.url("spacecraft", name), 0, empty_share=0.5),
                fastest_turnaround=None,
                **self.flight_counts(),
            )
            self.link(config, "family", self.some(self.families, 1, 2))
            self.configs.append(config)

    def flight_counts(self):
        launches, landings = self.rng.randrange(100), self.rng.randrange(80)
        return {
            "spacecraft_flown": self.rng.randrange(30),
            "total_launch_count": launches,
            "successful_launches": launches - launches // 10,
            "failed_launches": launches // 10,
            "attempted_landings": landings,
            "successful_landings": landings - landings // 8,
            "failed_landings": landings // 8,
        }

    def astronauts(self):
        self.astronaut_list = []
        for index in range(self.scaled(600)):
            name = f"{self.pick(NAMES)} {self.pick(NAMES)}son {index + 1}"
            born = date(1930, 1, 1) + timedelta(days=self.rng.randrange(25000))
            died = self.maybe(born + timedelta(days=self.rng.randrange(20000, 30000)), 0.85)
            astronaut = self.new(
                launches.Astronaut,
                name=name,
                status=self.pick(self.astronaut_statuses),
                agency=self.maybe(self.pick(self.agency_list)),
                image=self.optional_image(name),
                type=self.pick(self.astronaut_types),
                in_space=False,
                time_in_space=timedelta(0),
                eva_time=timedelta(hours=self.rng.randrange(40), minutes=self.rng.randrange(60)),
                age=(min(died or NOW.date(), NOW.date()) - born).days // 365,
                date_of_birth=born,
                date_of_death=died,
                bio=self.sentence(15, 40),
                wiki=self.maybe(self.url("wiki", name)),
                last_flight=None,
                first_flight=None,
            )
            self.link(astronaut, "nationality", self.some(self.countries, 1, 2))
            self.social_links(astronaut, "social_media_links")
            self.astronaut_list.append(astronaut)

    def spacecraft(self):
        """Spacecraft and their flights, one after the other in time, with the sums LL2 keeps."""
        self.flights = []
        self.spacecraft_list = []
        total_flights = self.scaled(900)
        count = self.scaled(600)
        # One spacecraft in eight is reusable and takes the remaining flights, up to LL2's ~30 for the
        # most flown capsules and orbiters.
        reusable = self.rng.sample(range(count), max(1, count // 8))
        extra = [0] * count
        for _ in range(total_flights - count):
            craft = self.pick(reusable)
            if extra[craft] < 29:
                extra[craft] += 1
        for index in range(count):
            config = self.pick(self.configs)
            name = f"{config.name.rsplit(' ', 1)[0]} {index + 1}"
            craft = self.new(
                spacecraft.Spacecraft,
                name=name,
                serial_number=self.maybe(f"SN-{index + 1:04d}"),
                is_placeholder=self.chance(0.05),
                image=self.optional_image(name),
                status=self.pick(self.spacecraft_statuses),
                description=self.sentence(),
                spacecraft_config=config,
            )
            self.spacecraft_list.append(craft)
            self.fly(craft, 1 + extra[index])

    def fly(self, craft, count):
        moment = self.moment(datetime(1965, 1, 1, tzinfo=UTC), datetime(2020, 1, 1, tzinfo=UTC))
        flights, previous_end = [], None
        for number in range(count):
            launch = self.launch(craft, moment)
            ongoing = number == count - 1 and self.chance(0.1)
            end = None if ongoing else min(launch.net + timedelta(days=self.rng.uniform(2, 200)), NOW)
            flight = self.new(
                spacecraft.SpacecraftFlight,
                destination=self.maybe(
                    self.pick(["International Space Station", "Tiangong", "Low Earth Orbit", "Lunar orbit"])
                ),
                mission_end=end,
                spacecraft=craft,
                launch=launch,
                carrier_rocket=launch.rocket,
                landing=None if ongoing else self.landing(),
                duration=(end or NOW) - launch.net,
                turn_around_time=launch.net - previous_end if previous_end else None,
            )
            self.crew(flight, launch.net, end)
            flights.append(flight)
            previous_end = end
            if end is None:
                break
            moment = end + timedelta(days=self.rng.uniform(30, 400), seconds=self.rng.randrange(86400))
            if moment >= NOW:
                break
        self.flights.extend(flights)
        turnarounds = [f.turn_around_time for f in flights if f.turn_around_time is not None]
        craft.flights_count = len(flights)
        craft.mission_ends_count = sum(f.mission_end is not None for f in flights)
        craft.in_space = flights[-1].mission_end is None
        craft.time_in_space = sum((f.duration for f in flights), timedelta(0))
        craft.time_docked = timedelta(0)
        craft.fastest_turnaround = min(turnarounds, default=None)
        config = craft.spacecraft_config
        if craft.fastest_turnaround and (
            config.fastest_turnaround is None or craft.fastest_turnaround < config.fastest_turnaround
        ):
            config.fastest_turnaround = craft.fastest_turnaround

    def launch(self, craft, net):
        name = f"{self.pick(self.launcher_configs).name} | {craft.name}"
        mission = self.new(
            launches.Mission,
            name=craft.name,
            type=self.pick(["Human Exploration", "Resupply", "Test Flight"]),
            description=self.sentence(10, 25),
            image=self.optional_image(f"{craft.name} mission", 0.5),
            orbit=self.pick(self.orbits),
        )
        self.link(mission, "agencies", self.some(self.agency_list, 1, 2))
        for priority in range(self.rng.randint(1, 2)):
            self.new(
                launches.InfoURL,
                mission=mission,
                priority=priority,
                source=self.maybe("example.org"),
                title=self.maybe(f"{craft.name} press kit"),
                description=self.maybe(self.sentence()),
                feature_image=self.maybe(f"{MEDIA}/feature_{priority}.jpg"),
                url=self.url("info", mission.name),
                type=self.maybe(self.pick(self.info_types)),
                language=self.maybe(self.pick(self.languages)),
            )
        for priority in range(self.rng.randint(1, 2)):
            start = self.maybe(net - timedelta(minutes=30))
            self.new(
                launches.VidURL,
                mission=mission,
                priority=priority,
                source=self.maybe("youtube.com"),
                publisher=self.maybe(self.pick(NAMES)),
                title=self.maybe(f"{craft.name} launch"),
                description=self.maybe(self.sentence()),
                feature_image=self.maybe(f"{MEDIA}/video_{priority}.jpg"),
                url=self.url("video", mission.name),
                type=self.maybe(self.pick(self.vid_types)),
                language=self.maybe(self.pick(self.languages)),
                start_time=start,
                end_time=start and start + timedelta(hours=2),
                live=self.chance(0.1),
            )
        rocket = self.new(launches.Rocket, configuration=self.pick(self.launcher_configs))
        launch = self.new(
            launches.Launch,
            name=name,
            slug=name.lower().replace(" | ", "-").replace(" ", "-"),
            launch_designator=self.maybe(f"{net.year}-{self.rng.randrange(1, 200):03d}A", 0.3),
            status=self.pick(self.launch_statuses),
            last_updated=self.moment(net, net + timedelta(days=30)),
            net=net,
            net_precision=self.maybe(self.pick(self.precisions)),
            window_end=net + timedelta(minutes=5),
            window_start=net,
            inhold=False,
            tbdtime=False,
            tbddate=False,
            image=self.optional_image(name),
            infographic=self.maybe(f"{MEDIA}/infographic_{self.rng.randrange(10**6)}.png", 0.5),
            probability=self.maybe(self.rng.randrange(40, 100), 0.4),
            weather_concerns=self.maybe("Cumulus clouds", 0.6),
            holdreason="",
            failreason=self.pick(["", "Engine shutdown", None]),
            hashtag=self.maybe("#launch", 0.5),
            launch_service_provider=self.pick(self.agency_list),
            rocket=rocket,
            mission=mission,
            pad=self.pick(self.pads),
            webcast_live=self.chance(0.1),
            **{
                key: self.rng.randrange(1, 7000)
                for key in [
                    "orbital_launch_attempt_count",
                    "location_launch_attempt_count",
                    "pad_launch_attempt_count",
                    "agency_launch_attempt_count",
                    "orbital_launch_attempt_count_year",
                    "location_launch_attempt_count_year",
                    "pad_launch_attempt_count_year",
                    "agency_launch_attempt_count_year",
                ]
            },
        )
        self.link(launch, "program", self.some(self.program_list, 0, 2))
        return launch

    def landing(self):
        attempt = self.chance(0.95)
        return self.new(
            launches.Landing,
            attempt=attempt,
            success=self.maybe(self.chance(0.9)) if attempt else None,
            description=self.sentence(),
            downrange_distance=self.maybe(round(self.rng.uniform(10, 900), 1), 0.5),
            landing_location=self.pick(self.landing_locations),
            type=self.pick(self.landing_types),
        )

    def crew(self, flight, start, end):
        config = flight.spacecraft.spacecraft_config
        if not config.human_rated:
            return
        crew = self.some(self.astronaut_list, 1, 4)
        seats = {
            leg: [
                self.new(launches.AstronautFlight, role=self.roles[min(i, len(self.roles) - 1)], astronaut=astronaut)
                for i, astronaut in enumerate(crew)
            ]
            for leg in ("launch_crew", "onboard_crew", "landing_crew")
        }
        for leg, legs_seats in seats.items():
            self.link(flight, leg, legs_seats)
        for astronaut in crew:
            astronaut.first_flight = min(filter(None, [astronaut.first_flight, start]))
            astronaut.last_flight = max(filter(None, [astronaut.last_flight, start]))
            astronaut.time_in_space += (end or NOW) - start
            astronaut.in_space = astronaut.in_space or end is None

    # Stations, payloads, docking

    def stations(self):
        self.station_list = []
        for index in range(self.scaled(15)):
            name = f"{self.pick(NAMES)} Station {index + 1}"
            founded = date(1971, 4, 19) + timedelta(days=self.rng.randrange(18000))
            self.station_list.append(
                self.new(
                    docking.SpaceStation,
                    name=name,
                    image=self.optional_image(name, 0.1),
                    status=self.pick(self.station_statuses),
                    founded=founded,
                    deorbited=self.maybe(founded + timedelta(days=self.rng.randrange(300, 9000)), 0.6),
                    description=self.sentence(),
                    orbit="Low Earth Orbit",
                    type=self.pick(self.station_types),
                )
            )
        self.payloads = []
        for index in range(self.scaled(50)):
            name = f"{self.pick(NAMES)}Sat-{index + 1}"
            payload = self.new(
                docking.Payload,
                name=name,
                type=self.pick(self.payload_types),
                manufacturer=self.pick(self.agency_list),
                operator=self.pick(self.agency_list),
                image=self.optional_image(name),
                wiki_link=self.maybe(self.url("wiki", name), 0, empty_share=0.2),
                info_link=self.maybe(self.url("payload", name), 0, empty_share=0.5),
                cost=self.maybe(self.rng.randrange(10**6, INT32_MAX + 1)),
                mass=self.maybe(round(self.rng.uniform(5, 9000), 1)),
                description=self.sentence(),
            )
            self.link(payload, "program", self.some(self.program_list, 0, 2))
            self.payloads.append(payload)
        self.payload_flights = []
        for _ in range(self.scaled(100)):
            flight = self.new(
                docking.PayloadFlight,
                destination=self.maybe("Low Earth Orbit"),
                amount=self.rng.randint(1, 4),
                payload=self.pick(self.payloads),
                launch=self.pick(self.flights).launch,
                landing=self.landing(),
            )
            flight.carrier_rocket = flight.launch.rocket
            self.payload_flights.append(flight)
        self.docking_locations = []
        for index in range(self.scaled(40)):
            host = index % 4
            self.docking_locations.append(
                self.new(
                    docking.DockingLocation,
                    name=f"{self.pick(['Harmony', 'Zvezda', 'Tianhe', 'Unity'])} port {index + 1}",
                    spacestation=self.pick(self.station_list) if host < 2 else None,
                    spacecraft=self.pick(self.configs) if host == 2 else None,
                    payload=self.pick(self.payloads) if host == 3 else None,
                )
            )

    # Who docks to what, in a fixed cycle so that every run of ten consecutive events holds every kind:
    # mostly flights docking to stations, sometimes to another flight or to a payload, payloads to
    # payloads (SpaDEx-like), and a station's module to a station.
    DOCKING_KINDS = [
        "station",
        "station",
        "flight",
        "station",
        "payloads",
        "station",
        "module",
        "station",
        "payload",
        "station",
    ]

    def docking_events(self):
        locations = defaultdict(list)
        for location in self.docking_locations:
            host = "station" if location.spacestation else "flight" if location.spacecraft else "payload"
            locations[host].append(location)
        # 700 events per scale, the visits under way at stations (`station_visits`) included.
        for index in range(self.scaled(700) - len(self.rows[docking.DockingEvent])):
            kind = self.DOCKING_KINDS[index % len(self.DOCKING_KINDS)]
            event = dict.fromkeys(
                [
                    "space_station_target",
                    "flight_vehicle_target",
                    "payload_flight_target",
                    "flight_vehicle_chaser",
                    "space_station_chaser",
                    "payload_flight_chaser",
                ]
            )
            if kind in ("payloads", "module"):
                docked = self.moment(datetime(1998, 1, 1, tzinfo=UTC), NOW)
                departure = self.maybe(docked + timedelta(days=self.rng.uniform(1, 300)), 0.3)
                if kind == "payloads":
                    location = self.pick(locations["payload"])
                    event["payload_flight_chaser"] = self.pick(self.payload_flights)
                    event["payload_flight_target"] = self.pick(self.payload_flights)
                else:
                    location = self.pick(locations["station"])
                    event["space_station_chaser"] = self.pick(self.station_list)
                    event["space_station_target"] = location.spacestation
            else:
                # Chasers taken in turn, so that the first flights of every page have docking events too.
                chaser = event["flight_vehicle_chaser"] = self.flights[index % len(self.flights)]
                end = chaser.mission_end or NOW
                docked = self.moment(chaser.launch.net, chaser.launch.net + (end - chaser.launch.net) / 4)
                departure = None if chaser.mission_end is None and self.chance(0.5) else self.moment(docked, end)
                location = self.pick(locations[kind])
                if kind == "station":
                    event["space_station_target"] = location.spacestation
                elif kind == "flight":
                    event["flight_vehicle_target"] = self.pick(self.flights)
                else:
                    event["payload_flight_target"] = self.pick(self.payload_flights)
                if departure:
                    chaser.spacecraft.time_docked += departure - docked
            self.new(docking.DockingEvent, docking=docked, departure=departure, docking_location=location, **event)

    def station_details(self):
        """Owners, size and orbit of each station; its status follows its deorbiting."""
        orbits = [orbit.name for orbit in self.orbits]
        for station in self.station_list:
            self.link(station, "owners", self.some(self.agency_list, 1, 4))
            station.status = self.station_statuses[0 if station.deorbited is None else 1]
            station.orbit = self.pick([orbits[0], orbits[0], *orbits])
            station.height = self.maybe(round(self.rng.uniform(10, 110), 1))
            station.width = self.maybe(round(self.rng.uniform(10, 110), 1))
            station.mass = self.maybe(round(self.rng.uniform(8, 450), 1))
            station.volume = self.maybe(self.rng.randrange(90, 1000))

    def expeditions(self):
        """Each station's expeditions, one after the other; the last one of a station in orbit under way.

        The crew of an expedition under way are astronauts in space; a station's `onboard_crew` counts them.
        """
        in_space = [astronaut for astronaut in self.astronaut_list if astronaut.in_space] or self.astronaut_list
        for station in self.station_list:
            founded = midnight(station.founded)
            under_way = station.deorbited is None
            if under_way:
                end = None
                start = NOW - timedelta(days=self.rng.uniform(10, 150))
            else:
                end = min(midnight(station.deorbited), NOW)
                start = end - timedelta(days=self.rng.uniform(60, 200))
            spans, count = [], self.rng.randint(2, 6)
            while start > founded and len(spans) < count:
                spans.insert(0, (start, end))
                end = start - timedelta(days=self.rng.uniform(1, 30), seconds=self.rng.randrange(86400))
                start = end - timedelta(days=self.rng.uniform(60, 200))
            station.onboard_crew = 0
            for number, (start, end) in enumerate(spans, 1):
                current = end is None
                if current:
                    end = self.maybe(self.moment(*PLANNED), 0.5)
                expedition = self.new(
                    docking.Expedition,
                    name=f"{station.name} Expedition {number}",
                    start=start,
                    end=end,
                    spacestation=station,
                )
                self.link(expedition, "mission_patches", self.some(self.patches, 0, 2))
                crew = self.some(in_space if current else self.astronaut_list, 1, 4)
                seats = [
                    self.new(launches.AstronautFlight, role=self.roles[i], astronaut=astronaut)
                    for i, astronaut in enumerate(crew)  # at most 4, one role each
                ]
                self.link(expedition, "crew", seats)
                if current:
                    station.onboard_crew += len(seats)
                for walk in range(self.rng.randint(0, 2)):
                    walk_start = self.moment(start, min(end or NOW, NOW) - timedelta(hours=9))
                    duration = timedelta(hours=self.rng.uniform(4, 9), microseconds=self.micro())
                    self.new(
                        docking.Spacewalk,
                        name=f"{expedition.name} EVA {walk + 1}",
                        start=walk_start,
                        end=walk_start + duration,
                        duration=duration,
                        location=self.maybe(f"{station.name} {self.pick(['truss', 'airlock', 'exterior'])}"),
                        expedition=expedition,
                        spacestation=station,
                    )

    def station_visits(self):
        """What is docked at each station in orbit at NOW, at ports of its own: a module's, a visiting
        vehicle's and a berthing port, so that docking events of every kind are under way; and the
        last visit of a payload to each deorbited station, at a vehicle left there."""
        # Payload flights chase in turn, so that the first ones of a page have docking events of every kind.
        payload_chasers = iter(self.payload_flights)
        ongoing = [flight for flight in self.flights if flight.mission_end is None]
        self.rng.shuffle(ongoing)
        # Taken from the end: first the flights of spacecraft that flew before.
        ongoing.sort(key=lambda flight: flight.spacecraft.fastest_turnaround is not None)
        ended = [flight for flight in self.flights if flight.mission_end is not None]
        in_orbit = [station for station in self.station_list if station.deorbited is None]
        for index, station in enumerate(in_orbit):
            module = self.pick(self.payload_flights)
            # A vehicle in flight, or one whose flight ended with it left at the station as a module.
            vehicle = ongoing.pop() if index % 2 else self.pick(ended)
            # Who docks at each port: payloads, flights and other stations in turn.
            ports = [
                (
                    "module port",
                    {"payload": module.payload},
                    {"payload_flight_target": module},
                    "flight" if index % 2 else "payload",
                ),
                (
                    "vehicle port",
                    {"spacecraft": vehicle.spacecraft.spacecraft_config},
                    {"flight_vehicle_target": vehicle},
                    "payload",
                ),
                ("berthing port", {}, {}, "flight" if index % 2 else "station"),
            ]
            for name, host, target, kind in ports:
                location = self.new(
                    docking.DockingLocation, name=f"{station.name} {name}", spacestation=station, **host
                )
                if kind == "flight":
                    chaser = {"flight_vehicle_chaser": ongoing.pop()}
                    launched = chaser["flight_vehicle_chaser"].launch.net
                elif kind == "payload":
                    chaser = {"payload_flight_chaser": next(payload_chasers)}
                    launched = chaser["payload_flight_chaser"].launch.net
                else:
                    chaser = {"space_station_chaser": self.pick([s for s in self.station_list if s is not station])}
                    launched = midnight(chaser["space_station_chaser"].founded)
                self.new(
                    docking.DockingEvent,
                    docking=self.moment(max(launched, NOW - timedelta(days=200)), NOW - timedelta(hours=1)),
                    departure=self.maybe(self.moment(*PLANNED), 0.5),
                    docking_location=location,
                    space_station_target=station,
                    **chaser,
                    **target,
                )
        for station in self.station_list:
            if station.deorbited is None:
                continue
            last = min(midnight(station.deorbited), NOW)
            docked = self.moment(last - timedelta(days=200), last - timedelta(days=20))
            # At the port of a vehicle left at the station.
            vehicle = self.pick(ended)
            location = self.new(
                docking.DockingLocation,
                name=f"{station.name} payload port",
                spacestation=station,
                spacecraft=vehicle.spacecraft.spacecraft_config,
            )
            self.new(
                docking.DockingEvent,
                docking=docked,
                departure=docked + timedelta(days=self.rng.uniform(1, 19)),
                docking_location=location,
                space_station_target=station,
                flight_vehicle_target=vehicle,
                payload_flight_chaser=next(payload_chasers),
            )

    def one_vehicle_per_port(self):
        """At most one vehicle docked at a location at NOW: of the events not departed at a location,
        each but the last to dock departs when the next one docks, and the last one too if the station
        was deorbited by NOW. A station's `docked_vehicles` counts the events not departed that target it."""

        def depart(event, moment):
            event.departure = max(moment, event.docking + timedelta(minutes=1))
            if event.flight_vehicle_chaser:
                event.flight_vehicle_chaser.spacecraft.time_docked += event.departure - event.docking

        docked = defaultdict(list)
        for event in self.rows[docking.DockingEvent]:
            if event.departure is None or event.departure > NOW:
                docked[event.docking_location.pk].append(event)
        counts = defaultdict(int)
        for events in docked.values():
            events.sort(key=lambda event: (event.docking, event.pk))
            for event, following in pairwise(events):
                depart(event, following.docking)
            last, station = events[-1], events[-1].docking_location.spacestation
            if station and station.deorbited and midnight(station.deorbited) <= NOW:
                depart(last, min(last.docking + timedelta(days=self.rng.uniform(1, 30)), NOW))
            elif last.space_station_target:
                counts[last.space_station_target.pk] += 1
        for station in self.station_list:
            station.docked_vehicles = counts[station.pk]

    # People: astronauts' lookups and records, programs, spacewalks

    def linked(self, model, field_name):
        """The many-to-many links made so far through `model.field_name`: owner id -> target ids."""
        field = model._meta.get_field(field_name)
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        targets = defaultdict(list)
        for row in self.links[field.remote_field.through]:
            targets[getattr(row, source)].append(getattr(row, target))
        return targets

    def people_lookups(self):
        """The astronaut and program lookups past a page of 20; some astronauts are LL2's animals."""
        non_human = self.new(launches.AstronautType, name="Non-Human")
        for astronaut in self.rng.sample(self.astronaut_list, self.scaled(12)):
            astronaut.type = non_human
        for model, label in [
            (launches.AstronautType, "Astronaut type"),
            (launches.AstronautStatus, "Astronaut status"),
            (launches.ProgramType, "Program type"),
        ]:
            for number in range(len(self.rows[model]) + 1, self.LOOKUP_ROWS + 1):
                self.new(model, name=f"{label} {number}")
        for number in range(len(self.roles) + 1, self.LOOKUP_ROWS + 1):
            self.new(launches.AstronautRole, role=f"Role {number}", priority=number)

    def more_patches(self):
        """Mission patches past a page of 20, whose pages carry no `url` of their own to name their endpoint."""
        for index in range(len(self.patches), self.LOOKUP_ROWS):
            self.patches.append(self.patch(index))

    def more_programs(self):
        """Programs past a page of 10, with no launches of their own."""
        for index in range(len(self.program_list), self.scaled(16)):
            self.program_list.append(self.program(index))

    def spacewalks(self):
        """Spacewalks made from spacecraft flights beside the expeditions' ones; their crews and programs.

        A spacewalk's crew are members of its expedition's crew or of its flight's launch crew; a
        flight's spacewalk is in the programs of its launch. A spacewalk event that has taken place is
        the event of a spacewalk.
        """
        seats = {seat.pk: seat for seat in self.rows[launches.AstronautFlight]}
        flight_crews = self.linked(spacecraft.SpacecraftFlight, "launch_crew")
        # What each flight docks to: a station, a flight (after a turnaround), a payload flight (of a program).
        payload_programs = self.linked(docking.Payload, "program")
        targets = defaultdict(set)
        for event in self.rows[docking.DockingEvent]:
            if event.flight_vehicle_chaser:
                targets[event.flight_vehicle_chaser.pk].update(
                    name
                    for name, docked_to in [
                        ("station", event.space_station_target),
                        ("flight", event.flight_vehicle_target),
                        ("turnaround", event.flight_vehicle_target and event.flight_vehicle_target.turn_around_time),
                        ("landed flight", event.flight_vehicle_target and event.flight_vehicle_target.landing),
                        ("payload", event.payload_flight_target),
                        ("program", event.payload_flight_target
                         and payload_programs.get(event.payload_flight_target.payload.pk)),
                    ]
                    if docked_to
                )
        crewed = [flight for flight in self.flights if flight.pk in flight_crews]
        for flight in crewed:
            if flight.landing:
                targets[flight.pk].add("own landing")
        # Flights that dock to the most kinds of target first, so that the spacewalks show docking events
        # of every kind; and before them, one after the other, the flights that add the most kinds the
        # ones before them lack, so that the first page of spacewalks shows every kind at any scale.
        crewed.sort(key=lambda flight: -len(targets[flight.pk]))
        covering, covered = [], set()
        while crewed and (best := max(crewed, key=lambda flight: len(targets[flight.pk] - covered))):
            if not targets[best.pk] - covered:
                break
            covering.append(best)
            covered |= targets[best.pk]
            crewed.remove(best)
        crewed = covering + crewed
        # And a walk from a flight of each of the first astronauts who flew, so that a first page of
        # astronauts lists spacewalks.
        leaders = {}
        for astronaut in self.astronaut_list:
            flight = next((f for f in crewed if astronaut in self.crew_of(f, flight_crews, seats)), None)
            if flight and flight.pk not in leaders:
                leaders[flight.pk] = astronaut
            if len(leaders) == 5:
                break
        walked = [flight for flight in crewed if flight.pk not in leaders][: self.scaled(30) - len(leaders)]
        walked += [flight for flight in self.flights if flight.pk in leaders]
        station_walks = list(self.rows[docking.Spacewalk])
        flight_walks = []
        for flight in walked:
            end = flight.mission_end or NOW
            start = self.moment(flight.launch.net, end - timedelta(hours=9))
            duration = timedelta(hours=self.rng.uniform(3, 8), microseconds=self.micro())
            flight_walks.append(
                self.new(
                    docking.Spacewalk,
                    name=f"{flight.spacecraft.name} EVA",
                    start=start,
                    end=start + duration,
                    duration=duration,
                    location=self.maybe(
                        f"{flight.spacecraft.name} {self.pick(['payload bay', 'hatch', 'exterior'])}"
                    ),
                    spacecraft_flight=flight,
                )
            )
        # Ids spread the walks of flights among those of stations, so that every page holds both kinds.
        walks = [
            walk
            for _, _, walk in sorted(
                [(index / len(station_walks), 1, walk) for index, walk in enumerate(station_walks)]
                + [(index / len(flight_walks), 0, walk) for index, walk in enumerate(flight_walks)],
                key=lambda item: item[:2],
            )
        ]
        for number, walk in enumerate(walks, 1):
            walk.id = number
        self.rows[docking.Spacewalk] = walks
        expedition_crews = self.linked(docking.Expedition, "crew")
        for walk in station_walks:
            crew = [seats[pk].astronaut for pk in expedition_crews[walk.expedition.pk]]
            self.spacewalk_crew(walk, crew, self.some(self.program_list, 0, 1))
        launch_programs = self.linked(launches.Launch, "program")
        programs = {program.pk: program for program in self.program_list}
        for walk in flight_walks:
            flight = walk.spacecraft_flight
            programs_of_launch = [programs[pk] for pk in launch_programs[flight.launch.pk]]
            leader = leaders.get(flight.pk)
            self.spacewalk_crew(walk, self.crew_of(flight, flight_crews, seats), programs_of_launch, leader)
        # Spread over the ids as well.
        events = [event for event in self.event_list if event.type.name == "Spacewalk" and event.date <= NOW]
        for index, event in enumerate(events):
            walks[index * len(walks) // len(events)].event = event

    def crew_of(self, flight, flight_crews, seats):
        return [seats[pk].astronaut for pk in flight_crews[flight.pk]]

    def spacewalk_crew(self, walk, crew, programs, leader=None):
        """One or two of `crew` walk, `leader` among them."""
        walkers = self.some(crew, 1, 2)
        if leader and leader not in walkers:
            walkers = [leader, *walkers[:1]]
        seats = [
            self.new(launches.AstronautFlight, role=self.pick(self.roles), astronaut=astronaut)
            for astronaut in walkers
        ]
        self.link(walk, "crew", seats)
        self.link(walk, "program", programs)

    def astronaut_records(self):
        """What LL2 lists and counts of each astronaut, from the crews: the launches of the flights they
        launched with, the flights they landed with (those that ended), their spacewalks and the time
        spent on them."""
        seats = {seat.pk: seat for seat in self.rows[launches.AstronautFlight]}
        flights = {flight.pk: flight for flight in self.flights}
        walks = {walk.pk: walk for walk in self.rows[docking.Spacewalk]}
        records = {astronaut.pk: defaultdict(list) for astronaut in self.astronaut_list}
        for model, field_name, kind in [
            (spacecraft.SpacecraftFlight, "launch_crew", "flights"),
            (spacecraft.SpacecraftFlight, "landing_crew", "landings"),
            (docking.Spacewalk, "crew", "spacewalks"),
        ]:
            for owner, crew in self.linked(model, field_name).items():
                for seat in crew:
                    records[seats[seat].astronaut.pk][kind].append(owner)
        for astronaut in self.astronaut_list:
            record = records[astronaut.pk]
            launched = [flights[pk].launch for pk in record["flights"]]
            landed = [flights[pk] for pk in record["landings"] if flights[pk].mission_end is not None]
            spacewalks = [walks[pk] for pk in record["spacewalks"]]
            self.link(astronaut, "flights", launched)
            self.link(astronaut, "landings", landed)
            self.link(astronaut, "spacewalks", spacewalks)
            astronaut.flights_count = len(set(launched))
            astronaut.landings_count = len(set(landed))
            astronaut.spacewalks_count = len(set(spacewalks))
            astronaut.eva_time = sum((walk.duration for walk in set(spacewalks)), timedelta(0))
    # Launchers, first stages and the places they count

    LAUNCHER_STATUSES = ["Active", "Retired", "Expended", "Lost", "Unknown"]

    def launcher_lookups(self):
        """The launcher and first-stage lookups, booster landings' types, and landing locations and
        launcher families enough for a page of 20 to link to the next (their shapes hold no `url`)."""
        self.launcher_statuses = {name: self.new(launches.LauncherStatus, name=name) for name in self.LAUNCHER_STATUSES}
        self.stage_types = {name: self.new(launches.FirstStageType, name=name) for name in ["Core", "Booster"]}
        self.stage_landing_types = [
            self.new(launches.LandingType, name=name, abbrev=abbrev, description=self.sentence())
            for name, abbrev in [("Autonomous Spaceport Drone Ship", "ASDS"), ("Return to Launch Site", "RTLS")]
        ]
        for model, label in [(launches.LauncherStatus, "Launcher status"), (launches.FirstStageType, "Stage type")]:
            for number in range(len(self.rows[model]) + 1, self.LOOKUP_ROWS + 1):
                self.new(model, name=f"{label} {number}")
        for number in range(len(self.rows[launches.LandingType]) + 1, self.LOOKUP_ROWS + 1):
            name = f"Landing type {number}"
            self.new(launches.LandingType, name=name, abbrev=f"LT{number}", description=self.sentence())
        for number in range(len(self.landing_locations) + 1, self.LOOKUP_ROWS + 1):
            name = f"{self.pick(NAMES)} drone ship {number}"
            self.landing_locations.append(
                self.new(
                    launches.LandingLocation,
                    name=name,
                    active=self.chance(0.8),
                    abbrev=f"DS{number}",
                    description=self.maybe(self.sentence()),
                    location=self.maybe(self.pick(self.locations)),
                    longitude=self.maybe(round(self.rng.uniform(-180, 180), 4)),
                    latitude=self.maybe(round(self.rng.uniform(-60, 60), 4)),
                    image=self.optional_image(name),
                    celestial_body=self.earth,
                )
            )
        flown = defaultdict(list)
        for launch in sorted(self.rows[launches.Launch], key=lambda launch: launch.net):
            flown[launch.rocket.configuration.pk].append(launch)
        for number in range(len(self.rows[launches.LauncherConfigFamily]) + 1, self.LOOKUP_ROWS + 1):
            family = self.new(
                launches.LauncherConfigFamily,
                name=f"{self.pick(NAMES)} rockets {number}",
                parent=self.maybe(self.pick(self.rows[launches.LauncherConfigFamily]), 0.5),
                description=self.sentence(),
                active=self.chance(0.7),
                maiden_flight=self.maybe(date(1957, 10, 4) + timedelta(days=self.rng.randrange(24000))),
            )
            configs = self.some(self.launcher_configs, 1, 2)
            for config in configs:
                self.link(config, "families", [family])
            self.set_launch_counts(family, sorted((x for c in configs for x in flown[c.pk]), key=lambda x: x.net))
            self.link(family, "manufacturer", self.some(self.agency_list, 1, 2))

    def first_stages(self):
        """The first stages of most launches, flown by launchers of the rocket's configuration that
        landed before and fly again, with the flight, landing and turn-around figures LL2 keeps."""
        reusable, stages_of = defaultdict(list), defaultdict(list)
        landing_types = [*self.landing_types, *self.stage_landing_types]
        self.launch_of = {launch.rocket.pk: launch for launch in self.rows[launches.Launch]}
        for launch in sorted(self.rows[launches.Launch], key=lambda launch: launch.net):
            if not self.chance(0.7):
                continue
            config, landed = launch.rocket.configuration, []
            for number in range(self.pick([1, 1, 1, 3])):  # a core, or a core and two boosters
                ready = reusable[config.pk]
                if ready and self.chance(0.7):
                    launcher = ready.pop(self.rng.randrange(len(ready)))
                else:
                    launcher = self.new(
                        launches.Launcher,
                        serial_number=f"B{1000 + len(self.rows[launches.Launcher])}",
                        is_placeholder=self.chance(0.05),
                        image=self.optional_image(f"{config.name} booster"),
                        details=self.sentence(),
                        launcher_config=config,
                    )
                previous = stages_of[launcher.pk][-1] if stages_of[launcher.pk] else None
                previous_launch = previous and self.launch_of[previous.rocket.pk]
                attempt = self.chance(0.85)
                landing = None if self.chance(0.1) else self.new(
                    launches.Landing,
                    attempt=attempt,
                    success=self.maybe(self.chance(0.85)) if attempt else None,
                    description=self.sentence(),
                    downrange_distance=self.maybe(round(self.rng.uniform(0.5, 700), 1), 0.3),
                    landing_location=self.pick(self.landing_locations),
                    type=self.pick(landing_types),
                )
                stage = self.new(
                    launches.FirstStage,
                    type=self.stage_types["Core" if number == 0 else "Booster"],
                    reused=previous is not None,
                    launcher_flight_number=len(stages_of[launcher.pk]) + 1,
                    launcher=launcher,
                    previous_flight_date=previous_launch and previous_launch.net,
                    turn_around_time=previous_launch and launch.net - previous_launch.net,
                    landing=landing,
                    previous_flight=previous_launch,
                    rocket=launch.rocket,
                )
                stages_of[launcher.pk].append(stage)
                if landing is not None and landing.success:
                    landed.append(launcher)
            reusable[config.pk].extend(landed)
        for launcher in self.rows[launches.Launcher]:
            self.launcher_figures(launcher, stages_of[launcher.pk])

    def launcher_figures(self, launcher, stages):
        """A launcher's flights, landings, turn-around and status, from its first stages in time order."""
        nets = [self.launch_of[stage.rocket.pk].net for stage in stages]
        landings = [stage.landing for stage in stages if stage.landing is not None]
        turnarounds = [stage.turn_around_time for stage in stages if stage.turn_around_time is not None]
        last = stages[-1].landing
        launcher.flights = len(stages)
        launcher.flight_proven = len(stages) > 1
        launcher.first_launch_date = nets[0]
        launcher.last_launch_date = nets[-1]
        launcher.attempted_landings = sum(bool(landing.attempt) for landing in landings)
        launcher.successful_landings = sum(landing.success is True for landing in landings)
        launcher.fastest_turnaround = min(turnarounds, default=None)
        if last is None or not last.attempt:
            status = "Expended"
        elif last.success is False:
            status = "Lost"
        else:
            status = self.pick(["Active", "Active", "Retired", "Unknown"])
        launcher.status = self.launcher_statuses[status]

    def landing_and_launch_counts(self):
        """The counts LL2 keeps of the rows now held: landings of configurations, families and landing
        locations (by their first stages' landings and the landings at each location), launches and
        fastest turn-around of pads, and the sums of their locations."""
        booster_landings = defaultdict(list)
        for stage in self.rows[launches.FirstStage]:
            if stage.landing is not None and stage.landing.attempt:
                net = self.launch_of[stage.rocket.pk].net
                booster_landings[stage.launcher.launcher_config.pk].append((net, stage.landing.success))
        configs_of = defaultdict(list)
        for link in self.links[launches.LauncherConfig.families.through]:
            configs_of[link.launcherconfigfamily_id].append(link.launcherconfig_id)
        rows = [(config, [config.pk]) for config in self.launcher_configs]
        rows += [(family, configs_of[family.pk]) for family in self.rows[launches.LauncherConfigFamily]]
        for row, config_ids in rows:
            landings = sorted((x for pk in config_ids for x in booster_landings[pk]), key=lambda landing: landing[0])
            outcomes = [success for _, success in landings]
            row.attempted_landings = len(outcomes)
            row.successful_landings = outcomes.count(True)
            row.failed_landings = outcomes.count(False)
            row.consecutive_successful_landings = len(outcomes) - max(
                (i + 1 for i, success in enumerate(outcomes) if success is not True), default=0
            )
        fastest = defaultdict(list)
        for launcher in self.rows[launches.Launcher]:
            if launcher.fastest_turnaround is not None:
                fastest[launcher.launcher_config.pk].append(launcher.fastest_turnaround)
        for config in self.launcher_configs:
            config.fastest_turnaround = min(fastest[config.pk], default=None)
        at_location = defaultdict(int)
        for place in self.landing_locations:
            place.attempted_landings = place.successful_landings = place.failed_landings = 0
        for landing in self.rows[launches.Landing]:
            place = landing.landing_location
            if place is None or not landing.attempt:
                continue
            place.attempted_landings += 1
            place.successful_landings += landing.success is True
            place.failed_landings += landing.success is False
            if place.location is not None:
                at_location[place.location.pk] += 1
        launches_at = defaultdict(list)
        for launch in sorted(self.rows[launches.Launch], key=lambda launch: launch.net):
            if self.LAUNCH_OUTCOMES.get(launch.status.name) is not None:
                launches_at[launch.pad.pk].append(launch.net)
        launched_from = defaultdict(int)
        for pad in self.pads:
            nets = launches_at[pad.pk]
            pad.total_launch_count = len(nets)
            pad.orbital_launch_attempt_count = len(nets) - len(nets) // 10
            pad.fastest_turnaround = min((b - a for a, b in pairwise(nets)), default=None)
            if pad.location is not None:
                launched_from[pad.location.pk] += len(nets)
        for location in self.rows[launches.Location]:
            location.total_launch_count = launched_from[location.pk]
            location.total_landing_count = at_location[location.pk]

    def mix_landings(self):
        """Landings numbered in turn by what they ended (spacecraft flight, payload flight, first stage),
        so that every page of landings shows each kind. The first stages start at a reused one: a
        page of 10 then loads previous flights as one of 100 does."""
        owners = [
            [row for row in self.rows[model] if row.landing is not None]
            for model in (spacecraft.SpacecraftFlight, docking.PayloadFlight, launches.FirstStage)
        ]
        stages = owners[2]
        reused = next(index for index, stage in enumerate(stages) if stage.previous_flight is not None)
        owners[2] = stages[reused:] + stages[:reused]
        ordered = [row for group in zip_longest(*owners) for row in group if row is not None]
        owned = {id(row.landing) for row in ordered}
        landings = [row.landing for row in ordered]
        landings += [landing for landing in self.rows[launches.Landing] if id(landing) not in owned]
        for number, landing in enumerate(landings, 1):
            landing.id = number
        for row in ordered:
            row.landing_id = row.landing.id
        self.rows[launches.Landing] = landings

    # Writing

    def events(self):
        """Events from 2000 to 2040: at any date of the next years, some have passed and some are to come."""
        self.event_types = self.named(
            launches.EventType, ["Docking", "Spacewalk", "Press Event", "Static Fire", "Flyby", "Landing"]
        )
        self.event_list = []
        count = self.scaled(60)
        for index in range(count):
            start = datetime(2000, 1, 1, tzinfo=UTC) if index < count // 2 else NOW
            end = NOW if index < count // 2 else datetime(2040, 1, 1, tzinfo=UTC)
            day = self.moment(start, end)
            event_type = self.pick(self.event_types)
            name = f"{self.pick(NAMES)} {event_type.name} {index + 1}"
            event = self.new(
                launches.Event,
                name=name,
                slug=name.lower().replace(" ", "-"),
                type=event_type,
                description=self.sentence(),
                webcast_live=self.chance(0.1),
                location=self.maybe(self.pick(["International Space Station", "Starbase, Texas", "Lunar orbit"])),
                image=self.optional_image(name),
                date=day,
                date_precision=self.maybe(self.pick(self.precisions)),
                duration=self.maybe(timedelta(hours=self.rng.randrange(1, 12)), 0.3),
                last_updated=min(day, NOW) - timedelta(days=self.rng.uniform(1, 60)),
            )
            for priority in range(self.rng.randint(0, 2)):
                self.new(
                    launches.InfoURL,
                    event=event,
                    priority=priority,
                    source=self.maybe("example.org"),
                    title=self.maybe(f"{name} news"),
                    description=self.maybe(self.sentence()),
                    feature_image=self.maybe(f"{MEDIA}/feature_{priority}.jpg"),
                    url=self.url("info", name),
                    type=self.maybe(self.pick(self.info_types)),
                    language=self.maybe(self.pick(self.languages)),
                )
            for priority in range(self.rng.randint(0, 2)):
                self.new(
                    launches.VidURL,
                    event=event,
                    priority=priority,
                    source=self.maybe("youtube.com"),
                    publisher=self.maybe(self.pick(NAMES)),
                    title=self.maybe(f"{name} live"),
                    description=self.maybe(self.sentence()),
                    feature_image=self.maybe(f"{MEDIA}/video_{priority}.jpg"),
                    url=self.url("video", name),
                    type=self.maybe(self.pick(self.vid_types)),
                    language=self.maybe(self.pick(self.languages)),
                    start_time=self.maybe(day),
                    end_time=self.maybe(day + timedelta(hours=2)),
                    live=self.chance(0.1),
                )
            self.link(event, "agencies", self.some(self.agency_list, 0, 2))
            self.link(event, "launches", self.some(self.rows[launches.Launch], 0, 2))
            self.link(event, "expeditions", self.some(self.rows[docking.Expedition], 0, 1))
            self.link(event, "spacestations", self.some(self.station_list, 0, 1))
            self.link(event, "program", self.some(self.program_list, 0, 2))
            self.link(event, "astronauts", self.some(self.astronaut_list, 0, 2))
            self.event_list.append(event)

    def launch_lookups(self):
        """The launch world's lookups, padded past a page of 20."""
        # The types a mission names (`launch`), and more.
        self.named(launches.MissionType, ["Human Exploration", "Resupply", "Test Flight", "Communications"])
        self.timeline_types = [
            self.new(launches.TimelineEventType, abbrev=abbrev, description=self.sentence())
            for abbrev in ["Liftoff", "MECO", "Stage sep", "SECO", "Payload sep", "Fairing sep", "Max-Q"]
        ]
        for model, label in [
            (launches.InfoURLType, "Info type"),
            (launches.VidURLType, "Video type"),
            (launches.MissionType, "Mission type"),
            (launches.EventType, "Event type"),
            (launches.CelestialBodyType, "Body type"),
        ]:
            for number in range(len(self.rows[model]) + 1, self.LOOKUP_ROWS + 1):
                self.new(model, name=f"{label} {number}")
        for model, label in [(launches.LaunchStatus, "Status"), (launches.NetPrecision, "Precision")]:
            for number in range(len(self.rows[model]) + 1, self.LOOKUP_ROWS + 1):
                self.new(model, name=f"{label} {number}", abbrev=f"S{number}", description=self.sentence())
        for number in range(len(self.rows[launches.Orbit]) + 1, self.LOOKUP_ROWS + 1):
            self.new(launches.Orbit, name=f"Orbit {number}", abbrev=f"O{number}", celestial_body=self.earth)
        for number in range(len(self.rows[launches.Language]) + 1, self.LOOKUP_ROWS + 1):
            self.new(launches.Language, name=f"Language {number}", code=f"l{number}")
        for number in range(len(self.timeline_types) + 1, self.LOOKUP_ROWS + 1):
            self.new(launches.TimelineEventType, abbrev=f"Step {number}", description=self.sentence())

    def future_launches(self):
        """Launches from NOW to 2045, about ten a year: at any date of the coming years, more than ten
        are still to come (the launches of the flights above all took place before 2020)."""
        self.suborbital = self.new(launches.Orbit, name="Suborbital", abbrev="Sub", celestial_body=self.earth)
        self.upcoming = []
        for _ in range(self.scaled(200)):
            net = self.moment(NOW - timedelta(days=20), datetime(2045, 1, 1, tzinfo=UTC))
            launch = self.launch(self.pick(self.spacecraft_list), net)
            launch.status = self.pick(self.launch_statuses[:2])
            launch.last_updated = NOW - timedelta(days=self.rng.uniform(0, 60))
            if self.chance(0.1):
                launch.mission.orbit = self.suborbital
            self.upcoming.append(launch)
        self.upcoming.sort(key=lambda launch: launch.net)

    def planned_flights(self):
        """The flights and crews planned for the first upcoming launches, as LL2 lists them on its upcoming
        launches: 12 per scale past the 900 that took place. A spacecraft's counts take its planned flight
        in; an astronaut's (`astronaut_records`, before this step) count the flights that took place only."""
        grounded = [
            craft for craft in self.spacecraft_list if not craft.in_space and craft.spacecraft_config.human_rated
        ]
        last_end = {flight.spacecraft.pk: flight.mission_end for flight in self.flights}
        self.planned = []
        for launch in self.upcoming[: self.scaled(12)]:
            craft = grounded.pop(self.rng.randrange(len(grounded)))
            end = launch.net + timedelta(days=self.rng.uniform(2, 200))
            flight = self.new(
                spacecraft.SpacecraftFlight,
                destination=self.maybe(self.pick(["International Space Station", "Tiangong", "Lunar orbit"])),
                mission_end=end,
                spacecraft=craft,
                launch=launch,
                carrier_rocket=launch.rocket,
                landing=self.landing(),
                duration=end - launch.net,
                turn_around_time=launch.net - last_end[craft.pk],
            )
            crew = self.some(self.astronaut_list, 1, 4)
            for leg in ("launch_crew", "onboard_crew", "landing_crew"):
                seats = [
                    self.new(launches.AstronautFlight, role=self.roles[min(i, len(self.roles) - 1)], astronaut=person)
                    for i, person in enumerate(crew)
                ]
                self.link(flight, leg, seats)
            craft.flights_count += 1
            craft.mission_ends_count += 1
            craft.time_in_space += flight.duration
            craft.fastest_turnaround = min(filter(None, [craft.fastest_turnaround, flight.turn_around_time]))
            self.planned.append(flight)

    def planned_dockings(self):
        """The payloads and docking events planned on upcoming launches (11 dockings of planned flights per
        scale past the 700 events that took place), and rendezvous that the first page of launches shows."""
        # A payload on every upcoming launch and on the last launches that took place, so that the first
        # page of either list shows payloads; and on the first launches, the first page of all launches.
        took_place = sorted((flight.launch for flight in self.flights), key=lambda launch: launch.net)
        first_and_last = took_place[:10] + took_place[-20:]
        # Payloads that flew already, so that those that never flew stay so.
        flown = list({flight.payload.pk: flight.payload for flight in self.payload_flights}.values())
        planned_payloads = [
            self.new(
                docking.PayloadFlight,
                destination=self.maybe("Low Earth Orbit"),
                amount=self.rng.randint(1, 4),
                payload=self.pick(flown),
                launch=launch,
                carrier_rocket=launch.rocket,
                landing=self.landing(),
            )
            for launch in [*self.upcoming, *first_and_last]
        ]
        # Planned rendezvous with another planned flight or payload, at a spacecraft's or a payload's port
        # (not at a station: a station counts the dockings that have not departed as docked vehicles).
        for index, (chaser, target) in enumerate(pairwise(self.planned)):
            docked = self.moment(chaser.launch.net, chaser.launch.net + chaser.duration / 4)
            with_payload = index % 2 == 1
            host = "payload" if with_payload else "spacecraft"
            self.new(
                docking.DockingEvent,
                docking=docked,
                departure=self.moment(docked, chaser.mission_end),
                docking_location=self.pick([place for place in self.docking_locations if getattr(place, host)]),
                flight_vehicle_chaser=chaser,
                flight_vehicle_target=None if with_payload else target,
                payload_flight_target=planned_payloads[index + 1] if with_payload else None,
            )
        # A rendezvous with a payload on the first launch, so that the first page of all launches shows one.
        chaser = next(flight for flight in self.flights if flight.launch is took_place[0])
        self.rendezvous(chaser, "payload", payload_flight_target=planned_payloads[len(self.upcoming) + 1])
        # And one with a flight that ended, launched for a program, so that the first page of all launches
        # shows a target flight with its launch, its landing and the program's agencies and patches, whatever
        # the scale (the events taken in turn above do not always target a flight on that page).
        programs = self.linked(launches.Launch, "program")
        target = next(
            flight
            for flight in self.flights
            if flight is not chaser and flight.landing and programs[flight.launch.pk]
        )
        self.rendezvous(chaser, "spacecraft", flight_vehicle_target=target)
        # And the last planned flight's docking at a station: not docked yet, so the station lists it among
        # its active docking events but does not count it among its docked vehicles (see `one_vehicle_per_port`).
        chaser = self.planned[-1]
        ports = [place for place in self.docking_locations if place.spacestation and place.spacestation.image]
        # Of a station deorbited by then if there is one, so that the upcoming launches show a `deorbited`.
        port = self.pick([place for place in ports if place.spacestation.deorbited] or ports)
        self.new(
            docking.DockingEvent,
            docking=self.moment(chaser.launch.net, chaser.launch.net + chaser.duration / 4),
            docking_location=port,
            flight_vehicle_chaser=chaser,
            space_station_target=port.spacestation,
        )

    def rendezvous(self, chaser, host, **target):
        """A docking of the flight `chaser` during its mission, at a docking location of a `host`
        (spacecraft, payload), counted in its spacecraft's time docked."""
        docked = self.moment(chaser.launch.net, chaser.launch.net + (chaser.mission_end - chaser.launch.net) / 4)
        departure = self.moment(docked, chaser.mission_end)
        chaser.spacecraft.time_docked += departure - docked
        self.new(
            docking.DockingEvent,
            docking=docked,
            departure=departure,
            docking_location=self.pick([place for place in self.docking_locations if getattr(place, host)]),
            flight_vehicle_chaser=chaser,
            **target,
        )

    def launch_details(self):
        """What only a detailed launch shows: its updates, links, timeline, patches and the time since
        the previous launch from its pad."""
        all_launches = self.rows[launches.Launch]
        by_pad = defaultdict(list)
        for launch in all_launches:
            by_pad[launch.pad_id].append(launch)
        for pad_launches in by_pad.values():
            pad_launches.sort(key=lambda launch: launch.net)
            for before, launch in pairwise(pad_launches):
                launch.pad_turnaround = launch.net - before.net
        for launch in all_launches:
            launch.flightclub_url = self.maybe(f"https://flightclub.io/result?llId={launch.id}", 0.5)
            self.link(launch, "mission_patches", self.some(self.patches, 0, 2))
            if self.chance(0.3):
                self.new(
                    launches.InfoURL,
                    launch=launch,
                    priority=0,
                    source=self.maybe("example.org"),
                    title=self.maybe(f"{launch.name} press kit"),
                    description=self.maybe(self.sentence()),
                    feature_image=self.maybe(f"{MEDIA}/feature_launch.jpg"),
                    url=self.url("launch-info", launch.name),
                    type=self.maybe(self.pick(self.info_types)),
                    language=self.maybe(self.pick(self.languages)),
                )
            if self.chance(0.3):
                self.new(
                    launches.VidURL,
                    launch=launch,
                    priority=0,
                    source=self.maybe("youtube.com"),
                    publisher=self.maybe(self.pick(NAMES)),
                    title=self.maybe(f"{launch.name} webcast"),
                    description=self.maybe(self.sentence()),
                    feature_image=self.maybe(f"{MEDIA}/video_launch.jpg"),
                    url=self.url("launch-video", launch.name),
                    type=self.maybe(self.pick(self.vid_types)),
                    language=self.maybe(self.pick(self.languages)),
                    start_time=launch.net - timedelta(minutes=30),
                    end_time=launch.net + timedelta(hours=1),
                    live=self.chance(0.1),
                )
            steps = sorted(self.rng.sample(range(-7200, 3600, 60), self.rng.randint(0, 4)))
            for seconds, step_type in zip(steps, self.some(self.timeline_types, 4, 4), strict=False):
                self.new(
                    launches.TimelineEvent, launch=launch, type=step_type, relative_time=timedelta(seconds=seconds)
                )
            self.updates(launch=launch, moment=launch.last_updated)
        for event in self.event_list:
            self.updates(event=event, moment=event.last_updated)

    def updates(self, moment, **owner):
        for number in range(self.rng.randint(0, 2)):
            author = self.pick(NAMES)
            self.new(
                launches.Update,
                **owner,
                profile_image=self.maybe(f"{MEDIA}/profile_{author.lower()}.png"),
                comment=self.maybe(self.sentence()),
                info_url=self.maybe(self.url("update", author)),
                created_by=author,
                created_on=moment - timedelta(days=number, hours=self.rng.randrange(24)),
            )

    def build(self):
        for step in (
            self.agencies_reference,
            self.launches_reference,
            self.spacecraft_lookups,
            self.docking_lookups,
            self.agencies,
            self.places,
            self.programs,
            self.launchers,
            self.configurations,
            self.astronauts,
            self.spacecraft,
            self.stations,
            self.station_details,
            self.expeditions,
            self.station_visits,
            self.docking_events,
            self.one_vehicle_per_port,
            self.agency_parents,
            self.launcher_details,
            self.celestial_bodies,
            self.agency_lookups,
            self.more_families,
            self.events,
            self.people_lookups,
            self.more_patches,
            self.more_programs,
            self.spacewalks,
            self.astronaut_records,
            self.future_launches,
            self.launch_lookups,
            self.planned_flights,
            self.planned_dockings,
            self.launcher_lookups,
            self.first_stages,
            self.landing_and_launch_counts,
            self.mix_landings,
            self.launch_details,
        ):
            step()

    def write(self, report):
        for model, rows in [*self.rows.items(), *self.links.items()]:
            model.objects.bulk_create(rows, batch_size=2000)
            report(f"  {model._meta.verbose_name_plural}: {len(rows)}")


def generate(scale, seed=1, report=lambda line: None):
    """Fill the (empty) mirror tables with the data set of this scale and seed; returns the row count."""
    started = time.monotonic()
    generator = Generator(scale, seed)
    generator.build()
    with transaction.atomic():
        generator.write(report)
        reset_sequences()
    rows = sum(map(len, generator.rows.values())) + sum(map(len, generator.links.values()))
    report(f"generated {rows} rows at scale {scale}, seed {seed}, in {time.monotonic() - started:.1f} s")
    return rows
