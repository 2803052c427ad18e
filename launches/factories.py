"""The synthetic data set's launches, places, programs, launchers, astronauts, events and landings."""

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

from agencies.factories import image, optional_image, social_links
from launches import models
from lldapi.synthetic import INT32_MAX, LOOKUP_ROWS, MEDIA, NAMES, NOW, step

# Whether a launch succeeded, by its status; a launch of another status is still to come.
LAUNCH_OUTCOMES = {"Launch Successful": True, "Launch Failure": False, "Partial Failure": False}
LAUNCHER_STATUSES = ["Active", "Retired", "Expended", "Lost", "Unknown"]
# A launch's counts of the attempts before it, drawn rather than counted from the launches.
ATTEMPT_COUNTS = [
    "orbital_launch_attempt_count",
    "location_launch_attempt_count",
    "pad_launch_attempt_count",
    "agency_launch_attempt_count",
    "orbital_launch_attempt_count_year",
    "location_launch_attempt_count_year",
    "pad_launch_attempt_count_year",
    "agency_launch_attempt_count_year",
]


@step(after=("agencies.reference",), draws_after="agencies.reference")
def reference(data):
    """The launch world's lookups and the first celestial bodies."""
    data.body_types = data.named(models.CelestialBodyType, ["Planet", "Moon", "Star"])
    data.bodies = [
        data.new(
            models.CelestialBody,
            name=name,
            type=data.body_types[kind],
            diameter=diameter,
            mass=mass,
            gravity=gravity,
            length_of_day=timedelta(hours=hours),
            atmosphere=atmosphere,
            image=image(data, name),
            description=data.sentence(),
            wiki_url=data.url("wiki", name),
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
    data.earth = data.bodies[0]
    data.launch_statuses = [
        data.new(models.LaunchStatus, name=name, abbrev=abbrev, description=data.sentence())
        for name, abbrev in [
            ("Go for Launch", "Go"),
            ("To Be Determined", "TBD"),
            ("Launch Successful", "Success"),
            ("Launch Failure", "Failure"),
            ("On Hold", "Hold"),
            ("Partial Failure", "Partial"),
        ]
    ]
    data.precisions = [
        data.new(models.NetPrecision, name=name, abbrev=abbrev, description=data.sentence())
        for name, abbrev in [("Second", "SEC"), ("Minute", "MIN"), ("Hour", "HR"), ("Day", "DAY"), ("Month", "M")]
    ]
    data.orbits = [
        data.new(models.Orbit, name=name, abbrev=abbrev, celestial_body=data.earth)
        for name, abbrev in [
            ("Low Earth Orbit", "LEO"),
            ("Geostationary Transfer Orbit", "GTO"),
            ("Sun-Synchronous Orbit", "SSO"),
            ("Medium Earth Orbit", "MEO"),
        ]
    ]
    data.info_types = data.named(models.InfoURLType, ["Official", "Press kit", "Wiki"])
    data.vid_types = data.named(models.VidURLType, ["Official Webcast", "Replay", "Interview"])
    data.languages = [
        data.new(models.Language, name=name, code=code)
        for name, code in [("English", "en"), ("Russian", "ru"), ("Chinese", "zh")]
    ]
    data.program_types = data.named(models.ProgramType, ["Human spaceflight", "Robotic", "Commercial"])
    data.landing_types = [
        data.new(models.LandingType, name=name, abbrev=abbrev, description=data.sentence())
        for name, abbrev in [
            ("Parachute Landing", "PCL"),
            ("Runway Landing", "RL"),
            ("Ocean Splashdown", "OS"),
            ("Destructive Reentry", "DR"),
        ]
    ]
    data.astronaut_statuses = data.named(models.AstronautStatus, ["Active", "Retired", "In-Training", "Deceased"])
    data.astronaut_types = data.named(models.AstronautType, ["Government", "Commercial", "Private"])
    data.roles = [
        data.new(models.AstronautRole, role=role, priority=priority)
        for priority, role in enumerate(
            ["Commander", "Pilot", "Flight Engineer", "Mission Specialist", "Spaceflight Participant"]
        )
    ]


def location(data, index):
    """The `index`-th launch location, on the Earth."""
    name = f"{data.pick(NAMES)} Spaceport {index}"
    latitude, longitude = data.coordinates([6, 6, 5, 3, 2, 1])
    return data.new(
        models.Location,
        name=name,
        celestial_body=data.earth,
        active=data.chance(0.8),
        country=data.maybe(data.pick(data.countries)),
        description=data.maybe(data.sentence()),
        image=optional_image(data, name),
        map_image=data.maybe(f"{MEDIA}/map_location_{index}.jpg"),
        longitude=data.maybe(longitude),
        latitude=data.maybe(latitude),
        timezone_name=data.pick(["America/New_York", "Asia/Almaty", "Asia/Shanghai", "UTC"]),
        total_launch_count=data.rng.randrange(1000),
        total_landing_count=data.rng.randrange(100),
    )


@step(after=("agencies.reference", "agencies.agencies", "launches.reference"), draws_after="agencies.agencies")
def places(data):
    """Launch locations, pads (each of an agency or two) and landing locations."""
    data.locations = [location(data, index + 1) for index in range(data.scaled(10))]
    data.pads = []
    for index in range(data.scaled(20)):
        name = f"Launch Complex {index + 1}"
        latitude, longitude = data.coordinates([8, 8, 6, 6, 3, 2])
        pad = data.new(
            models.Pad,
            active=data.chance(0.8),
            name=name,
            image=optional_image(data, name),
            description=data.maybe(data.sentence(), empty_share=0.3),
            info_url=data.maybe(data.url("pad", name), empty_share=0.3),
            wiki_url=data.maybe(data.url("wiki", name), empty_share=0.3),
            map_url=f"https://www.google.com/maps?q={latitude},{longitude}",
            latitude=latitude,
            longitude=longitude,
            country=data.maybe(data.pick(data.countries)),
            map_image=data.maybe(f"{MEDIA}/map_pad_{index}.jpg"),
            total_launch_count=data.rng.randrange(400),
            orbital_launch_attempt_count=data.rng.randrange(400),
            fastest_turnaround=data.maybe(timedelta(days=data.rng.randrange(2, 30), seconds=data.rng.randrange(86400))),
            location=data.pick(data.locations),
        )
        data.link(pad, "agencies", data.some(data.agency_list, 1, 2))
        data.pads.append(pad)
    data.landing_locations = []
    for index in range(data.scaled(10)):
        name = data.pick(["Atlantic Ocean", "Pacific Ocean", "Kazakh Steppe", "Runway 33", "Gulf of Mexico"])
        attempted = data.rng.randrange(1, 60)
        data.landing_locations.append(
            data.new(
                models.LandingLocation,
                name=f"{name} {index + 1}",
                active=data.chance(0.8),
                abbrev=name[:3].upper(),
                description=data.maybe(name),
                location=data.maybe(data.pick(data.locations)),
                longitude=data.maybe(round(data.rng.uniform(-180, 180), 4)),
                latitude=data.maybe(round(data.rng.uniform(-60, 60), 4)),
                image=optional_image(data, name),
                successful_landings=attempted - attempted // 10,
                attempted_landings=attempted,
                failed_landings=attempted // 10,
                celestial_body=data.earth,
            )
        )


def patch(data, index):
    """The `index`-th mission patch, of an agency for most."""
    return data.new(
        models.MissionPatch,
        name=f"{data.pick(NAMES)} patch {index + 1}",
        priority=data.rng.randrange(10),
        image_url=f"{MEDIA}/patch_{index + 1}.png",
        agency=data.maybe(data.pick(data.agency_list)),
    )


def program(data, index):
    """The `index`-th program, with its agencies and mission patches."""
    name = f"{data.pick(NAMES)} Program {index + 1}"
    start = data.moment(datetime(1990, 1, 1, tzinfo=UTC), datetime(2020, 1, 1, tzinfo=UTC))
    program = data.new(
        models.Program,
        name=name,
        description=data.maybe(data.sentence(20, 40)),
        image=optional_image(data, name),
        info_url=data.maybe(data.url("program", name), empty_share=0.25),
        wiki_url=data.maybe(data.url("wiki", name), empty_share=0.1),
        start_date=data.maybe(start),
        end_date=data.maybe(start + timedelta(days=4000), 0.7),
        type=data.pick(data.program_types),
    )
    data.link(program, "agencies", data.some(data.agency_list, 1, 4))
    data.link(program, "mission_patches", data.some(data.patches, 0, 2))
    return program


@step(after=("agencies.reference", "agencies.agencies", "launches.reference"), draws_after="launches.places")
def programs(data):
    """Mission patches and programs."""
    data.patches = [patch(data, index) for index in range(data.scaled(20))]
    data.program_list = []
    for index in range(data.scaled(10)):
        data.program_list.append(program(data, index))


@step(draws_after="launches.programs")
def launchers(data):
    """Launcher configuration families and configurations, by name (`launcher_details` fills them in)."""
    families = [
        data.new(models.LauncherConfigFamily, name=f"{data.pick(NAMES)} rockets {i + 1}")
        for i in range(data.scaled(10))
    ]
    data.launcher_configs = []
    for index in range(data.scaled(30)):
        family = data.pick(families)
        variant = data.pick(["Block 5", "v1.2", "", "Heavy"])
        name = f"{family.name.split()[0]} {index + 1}"
        config = data.new(models.LauncherConfig, name=name, full_name=f"{name} {variant}".strip(), variant=variant)
        data.link(config, "families", [family])
        data.launcher_configs.append(config)


@step(after=("agencies.reference", "agencies.agencies", "launches.reference"), draws_after="spacecraft.configurations")
def astronauts(data):
    """Astronauts, with their nationalities and social media links; the flights they crew fill in the rest."""
    data.astronaut_list = []
    for index in range(data.scaled(600)):
        name = f"{data.pick(NAMES)} {data.pick(NAMES)}son {index + 1}"
        born = date(1930, 1, 1) + timedelta(days=data.rng.randrange(25000))
        died = data.maybe(born + timedelta(days=data.rng.randrange(20000, 30000)), 0.85)
        astronaut = data.new(
            models.Astronaut,
            name=name,
            status=data.pick(data.astronaut_statuses),
            agency=data.maybe(data.pick(data.agency_list)),
            image=optional_image(data, name),
            type=data.pick(data.astronaut_types),
            in_space=False,
            time_in_space=timedelta(0),
            eva_time=timedelta(hours=data.rng.randrange(40), minutes=data.rng.randrange(60)),
            age=(min(died or NOW.date(), NOW.date()) - born).days // 365,
            date_of_birth=born,
            date_of_death=died,
            bio=data.sentence(15, 40),
            wiki=data.maybe(data.url("wiki", name)),
            last_flight=None,
            first_flight=None,
        )
        data.link(astronaut, "nationality", data.some(data.countries, 1, 2))
        social_links(data, astronaut, "social_media_links")
        data.astronaut_list.append(astronaut)


def new_launch(data, craft, net):
    """A launch of `craft` at `net`, with its mission, rocket and programs."""
    name = f"{data.pick(data.launcher_configs).name} | {craft.name}"
    mission = new_mission(data, craft, net)
    rocket = data.new(models.Rocket, configuration=data.pick(data.launcher_configs))
    launch = data.new(
        models.Launch,
        name=name,
        slug=name.lower().replace(" | ", "-").replace(" ", "-"),
        launch_designator=data.maybe(f"{net.year}-{data.rng.randrange(1, 200):03d}A", 0.3),
        status=data.pick(data.launch_statuses),
        last_updated=data.moment(net, net + timedelta(days=30)),
        net=net,
        net_precision=data.maybe(data.pick(data.precisions)),
        window_end=net + timedelta(minutes=5),
        window_start=net,
        inhold=False,
        tbdtime=False,
        tbddate=False,
        image=optional_image(data, name),
        infographic=data.maybe(f"{MEDIA}/infographic_{data.rng.randrange(10**6)}.png", 0.5),
        probability=data.maybe(data.rng.randrange(40, 100), 0.4),
        weather_concerns=data.maybe("Cumulus clouds", 0.6),
        holdreason="",
        failreason=data.pick(["", "Engine shutdown", None]),
        hashtag=data.maybe("#launch", 0.5),
        launch_service_provider=data.pick(data.agency_list),
        rocket=rocket,
        mission=mission,
        pad=data.pick(data.pads),
        webcast_live=data.chance(0.1),
        **attempt_counts(data),
    )
    data.link(launch, "program", data.some(data.program_list, 0, 2))
    return launch


def attempt_counts(data):
    """A launch's drawn counts of the attempts before it (ATTEMPT_COUNTS)."""
    return {key: data.rng.randrange(1, 7000) for key in ATTEMPT_COUNTS}


def new_mission(data, craft, net):
    """The mission of a launch of `craft` at `net`, with its agencies, links and videos."""
    mission = data.new(
        models.Mission,
        name=craft.name,
        type=data.pick(["Human Exploration", "Resupply", "Test Flight"]),
        description=data.sentence(10, 25),
        image=optional_image(data, f"{craft.name} mission", 0.5),
        orbit=data.pick(data.orbits),
    )
    data.link(mission, "agencies", data.some(data.agency_list, 1, 2))
    info_urls(data, data.rng.randint(1, 2), mission.name, f"{craft.name} press kit", mission=mission)
    for priority in range(data.rng.randint(1, 2)):
        start = data.maybe(net - timedelta(minutes=30))
        data.new(
            models.VidURL,
            mission=mission,
            priority=priority,
            source=data.maybe("youtube.com"),
            publisher=data.maybe(data.pick(NAMES)),
            title=data.maybe(f"{craft.name} launch"),
            description=data.maybe(data.sentence()),
            feature_image=data.maybe(f"{MEDIA}/video_{priority}.jpg"),
            url=data.url("video", mission.name),
            type=data.maybe(data.pick(data.vid_types)),
            language=data.maybe(data.pick(data.languages)),
            start_time=start,
            end_time=start and start + timedelta(hours=2),
            live=data.chance(0.1),
        )
    return mission


def info_urls(data, count, name, title, **owner):
    """`count` links to more on `owner`, a mission or an event named `name`, titled `title`."""
    for priority in range(count):
        data.new(
            models.InfoURL,
            **owner,
            priority=priority,
            source=data.maybe("example.org"),
            title=data.maybe(title),
            description=data.maybe(data.sentence()),
            feature_image=data.maybe(f"{MEDIA}/feature_{priority}.jpg"),
            url=data.url("info", name),
            type=data.maybe(data.pick(data.info_types)),
            language=data.maybe(data.pick(data.languages)),
        )


def landing(data):
    """The landing of a spacecraft or payload flight, attempted for most."""
    attempt = data.chance(0.95)
    return data.new(
        models.Landing,
        attempt=attempt,
        success=data.maybe(data.chance(0.9)) if attempt else None,
        description=data.sentence(),
        downrange_distance=data.maybe(round(data.rng.uniform(10, 900), 1), 0.5),
        landing_location=data.pick(data.landing_locations),
        type=data.pick(data.landing_types),
    )


@step(
    after=(
        "agencies.reference",
        "agencies.agencies",
        "agencies.agency_parents",
        "launches.programs",
        "launches.launchers",
        "spacecraft.spacecraft",
    ),
    draws_after="agencies.agency_parents",
)
def launcher_details(data):
    """What LL2 shows of launcher configurations and families beyond their names.

    Launch counts are those of the synthetic launches flown on each configuration (or on any
    configuration of a family); landing counts have no rows behind them and are drawn.
    """
    flown = defaultdict(list)
    for launch in sorted(data.rows[models.Launch], key=lambda launch: launch.net):
        flown[launch.rocket.configuration.pk].append(launch)
    configs_of = defaultdict(list)
    for link in data.links[models.LauncherConfig.families.through]:
        configs_of[link.launcherconfigfamily_id].append(link.launcherconfig_id)
    families = data.rows[models.LauncherConfigFamily]
    subsidiaries = [agency for agency in data.agency_list if agency.parent_agency]
    for index, family in enumerate(families):
        family.parent = families[index - 1] if index % 3 else None  # chains of three
        # The head of a chain made by a subsidiary too, so that a family's parent shows an agency's `parent`.
        makers = data.some(data.agency_list, 1, 2)
        if index % 3 == 0 and subsidiaries:
            makers.append(data.pick(subsidiaries))
        family.description = data.maybe(data.sentence(), 0, empty_share=0.3)
        family.active = data.chance(0.7)
        family.maiden_flight = data.maybe(date(1957, 10, 4) + timedelta(days=data.rng.randrange(24000)))
        family_launches = sorted(
            (launch for pk in configs_of[family.pk] for launch in flown[pk]), key=lambda launch: launch.net
        )
        set_launch_counts(data, family, family_launches)
        data.link(family, "manufacturer", makers)
    for config in data.launcher_configs:
        configuration_details(data, config, flown[config.pk])


def configuration_details(data, config, launch_list):
    """What LL2 shows of the launcher configuration `config` beyond its name; it flew `launch_list`."""
    name = config.name
    min_stage = data.rng.randint(1, 3)
    config.manufacturer = data.maybe(data.pick(data.agency_list), 0.1)
    config.active = data.chance(0.6)
    config.is_placeholder = data.chance(0.05)
    config.reusable = data.chance(0.3)
    config.image = optional_image(data, name)
    config.info_url = data.maybe(data.url("launcher", name), empty_share=0.3)
    config.wiki_url = data.maybe(data.url("wiki", name), empty_share=0.1)
    config.description = data.sentence()
    config.alias = data.pick(["", f"{name} rocket"])
    config.min_stage = data.maybe(min_stage)
    config.max_stage = data.maybe(min_stage + data.rng.randint(0, 2))
    config.length = data.maybe(data.measure(20, 120, (0, 1)))
    config.diameter = data.maybe(data.measure(1, 10))
    config.maiden_flight = data.maybe(date(1957, 10, 4) + timedelta(days=data.rng.randrange(24000)))
    config.launch_cost = data.maybe(data.rng.randrange(10**6, INT32_MAX + 1), 0.4)
    config.launch_mass = data.maybe(float(data.rng.randrange(10, 3000)))
    for orbit in ("leo", "gto", "geo", "sso"):
        setattr(config, f"{orbit}_capacity", data.maybe(float(data.rng.randrange(100, 100000)), 0.3))
    config.to_thrust = data.maybe(float(data.rng.randrange(100, 40000)))
    config.apogee = data.maybe(float(data.rng.randrange(100, 1000)), 0.7)
    config.fastest_turnaround = data.maybe(
        timedelta(days=data.rng.randrange(20, 400), seconds=data.rng.randrange(86400)), 0.6
    )
    set_launch_counts(data, config, launch_list)
    data.link(config, "program", data.some(data.program_list, 0, 2))


def set_launch_counts(data, row, launch_list):
    """LL2's launch counts of `launch_list` (in time order), and drawn landing counts, onto `row`."""
    outcomes = [LAUNCH_OUTCOMES.get(launch.status.name) for launch in launch_list]
    done = [outcome for outcome in outcomes if outcome is not None]
    streak = len(done) - max((i + 1 for i, outcome in enumerate(done) if not outcome), default=0)
    attempted = data.rng.randrange(40)
    row.total_launch_count = len(done)
    row.successful_launches = sum(done)
    row.failed_launches = len(done) - sum(done)
    row.consecutive_successful_launches = streak
    row.pending_launches = len(outcomes) - len(done)
    row.attempted_landings = attempted
    row.successful_landings = attempted - attempted // 8
    row.failed_landings = attempted // 8
    row.consecutive_successful_landings = data.rng.randrange(attempted - attempted // 8 + 1)


@step(after=("agencies.reference", "launches.reference", "launches.places"), draws_after="launches.launcher_details")
def celestial_bodies(data):
    """More of the solar system, with a few sites on bodies other than the Earth."""
    types = {type.name: type for type in data.body_types}
    for name in ["Dwarf Planet", "Asteroid", "Comet"]:
        types[name] = data.new(models.CelestialBodyType, name=name)
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
        data.bodies.append(
            data.new(
                models.CelestialBody,
                name=name,
                type=types[kind],
                diameter=diameter,
                mass=mass,
                gravity=gravity,
                length_of_day=timedelta(hours=hours),
                atmosphere=atmosphere,
                image=optional_image(data, name),
                description=data.maybe(data.sentence()),
                wiki_url=data.maybe(data.url("wiki", name)),
                total_attempted_launches=0,
                successful_launches=0,
                failed_launches=0,
                total_attempted_landings=0,
                successful_landings=0,
                failed_landings=0,
            )
        )
    for body in data.bodies[1:3]:  # the Moon and Mars
        for _ in range(2):
            location(data, len(data.rows[models.Location]) + 1).celestial_body = body


@step(
    after=(
        "agencies.reference",
        "agencies.agencies",
        "launches.reference",
        "launches.programs",
        "launches.astronauts",
        "spacecraft.spacecraft",
        "docking.stations",
        "docking.expeditions",
    ),
    draws_after="spacecraft.more_families",
)
def events(data):
    """Events from 2000 to 2040: at any date of the next years, some have passed and some are to come."""
    data.event_types = data.named(
        models.EventType, ["Docking", "Spacewalk", "Press Event", "Static Fire", "Flyby", "Landing"]
    )
    data.event_list = []
    count = data.scaled(60)
    for index in range(count):
        start = datetime(2000, 1, 1, tzinfo=UTC) if index < count // 2 else NOW
        end = NOW if index < count // 2 else datetime(2040, 1, 1, tzinfo=UTC)
        data.event_list.append(new_event(data, index, data.moment(start, end)))


def new_event(data, index, day):
    """The `index`-th event, on `day`, with its links, videos and what it concerns."""
    event_type = data.pick(data.event_types)
    name = f"{data.pick(NAMES)} {event_type.name} {index + 1}"
    event = data.new(
        models.Event,
        name=name,
        slug=name.lower().replace(" ", "-"),
        type=event_type,
        description=data.sentence(),
        webcast_live=data.chance(0.1),
        location=data.maybe(data.pick(["International Space Station", "Starbase, Texas", "Lunar orbit"])),
        image=optional_image(data, name),
        date=day,
        date_precision=data.maybe(data.pick(data.precisions)),
        duration=data.maybe(timedelta(hours=data.rng.randrange(1, 12)), 0.3),
        last_updated=min(day, NOW) - timedelta(days=data.rng.uniform(1, 60)),
    )
    info_urls(data, data.rng.randint(0, 2), name, f"{name} news", event=event)
    for priority in range(data.rng.randint(0, 2)):
        data.new(
            models.VidURL,
            event=event,
            priority=priority,
            source=data.maybe("youtube.com"),
            publisher=data.maybe(data.pick(NAMES)),
            title=data.maybe(f"{name} live"),
            description=data.maybe(data.sentence()),
            feature_image=data.maybe(f"{MEDIA}/video_{priority}.jpg"),
            url=data.url("video", name),
            type=data.maybe(data.pick(data.vid_types)),
            language=data.maybe(data.pick(data.languages)),
            start_time=data.maybe(day),
            end_time=data.maybe(day + timedelta(hours=2)),
            live=data.chance(0.1),
        )
    data.link(event, "agencies", data.some(data.agency_list, 0, 2))
    data.link(event, "launches", data.some(data.rows[models.Launch], 0, 2))
    data.link(event, "expeditions", data.some(data.expedition_list, 0, 1))
    data.link(event, "spacestations", data.some(data.station_list, 0, 1))
    data.link(event, "program", data.some(data.program_list, 0, 2))
    data.link(event, "astronauts", data.some(data.astronaut_list, 0, 2))
    return event


@step(after=("launches.reference", "launches.astronauts"), draws_after="launches.events")
def people_lookups(data):
    """The astronaut and program lookups past a page of 20; some astronauts are LL2's animals."""
    non_human = data.new(models.AstronautType, name="Non-Human")
    for astronaut in data.rng.sample(data.astronaut_list, data.scaled(12)):
        astronaut.type = non_human
    data.pad(models.AstronautType, "Astronaut type")
    data.pad(models.AstronautStatus, "Astronaut status")
    data.pad(models.ProgramType, "Program type")
    for number in range(len(data.roles) + 1, LOOKUP_ROWS + 1):
        data.new(models.AstronautRole, role=f"Role {number}", priority=number)


@step(after=("agencies.agencies", "launches.programs"), draws_after="launches.people_lookups")
def more_patches(data):
    """Mission patches past a page of 20, whose pages carry no `url` of their own to name their endpoint."""
    for index in range(len(data.patches), LOOKUP_ROWS):
        data.patches.append(patch(data, index))


@step(
    after=(
        "agencies.reference",
        "agencies.agencies",
        "launches.reference",
        "launches.programs",
        "launches.more_patches",
    ),
    draws_after="launches.more_patches",
)
def more_programs(data):
    """Programs past a page of 10, with no launches of their own."""
    for index in range(len(data.program_list), data.scaled(16)):
        data.program_list.append(program(data, index))


@step(
    after=(
        "agencies.reference",
        "agencies.agencies",
        "launches.reference",
        "launches.places",
        "launches.programs",
        "launches.launchers",
        "spacecraft.spacecraft",
    ),
    draws_after="docking.spacewalks",
)
def future_launches(data):
    """Launches from NOW to 2045, about ten a year: at any date of the coming years, more than ten
    are still to come (the launches of the spacecraft flights all took place before 2020)."""
    data.suborbital = data.new(models.Orbit, name="Suborbital", abbrev="Sub", celestial_body=data.earth)
    data.upcoming = []
    for _ in range(data.scaled(200)):
        net = data.moment(NOW - timedelta(days=20), datetime(2045, 1, 1, tzinfo=UTC))
        launch = new_launch(data, data.pick(data.spacecraft_list), net)
        launch.status = data.pick(data.launch_statuses[:2])
        launch.last_updated = NOW - timedelta(days=data.rng.uniform(0, 60))
        if data.chance(0.1):
            launch.mission.orbit = data.suborbital
        data.upcoming.append(launch)
    data.upcoming.sort(key=lambda launch: launch.net)


@step(
    after=("launches.reference", "launches.celestial_bodies", "launches.events", "launches.future_launches"),
    draws_after="launches.future_launches",
)
def launch_lookups(data):
    """The launch world's lookups, padded past a page of 20."""
    # The types a mission names (`new_launch`), and more.
    data.named(models.MissionType, ["Human Exploration", "Resupply", "Test Flight", "Communications"])
    data.timeline_types = [
        data.new(models.TimelineEventType, abbrev=abbrev, description=data.sentence())
        for abbrev in ["Liftoff", "MECO", "Stage sep", "SECO", "Payload sep", "Fairing sep", "Max-Q"]
    ]
    data.pad(models.InfoURLType, "Info type")
    data.pad(models.VidURLType, "Video type")
    data.pad(models.MissionType, "Mission type")
    data.pad(models.EventType, "Event type")
    data.pad(models.CelestialBodyType, "Body type")
    for model, label in [(models.LaunchStatus, "Status"), (models.NetPrecision, "Precision")]:
        for number in range(len(data.rows[model]) + 1, LOOKUP_ROWS + 1):
            data.new(model, name=f"{label} {number}", abbrev=f"S{number}", description=data.sentence())
    for number in range(len(data.rows[models.Orbit]) + 1, LOOKUP_ROWS + 1):
        data.new(models.Orbit, name=f"Orbit {number}", abbrev=f"O{number}", celestial_body=data.earth)
    for number in range(len(data.rows[models.Language]) + 1, LOOKUP_ROWS + 1):
        data.new(models.Language, name=f"Language {number}", code=f"l{number}")
    for number in range(len(data.timeline_types) + 1, LOOKUP_ROWS + 1):
        data.new(models.TimelineEventType, abbrev=f"Step {number}", description=data.sentence())


@step(
    after=(
        "agencies.reference",
        "agencies.agencies",
        "launches.reference",
        "launches.places",
        "launches.launchers",
        "launches.launcher_details",
        "launches.future_launches",
    ),
    draws_after="docking.planned_dockings",
)
def launcher_lookups(data):
    """The launcher and first-stage lookups, booster landings' types, and landing locations and
    launcher families enough for a page of 20 to link to the next (their shapes hold no `url`)."""
    data.launcher_statuses = {name: data.new(models.LauncherStatus, name=name) for name in LAUNCHER_STATUSES}
    data.stage_types = {name: data.new(models.FirstStageType, name=name) for name in ["Core", "Booster"]}
    data.stage_landing_types = [
        data.new(models.LandingType, name=name, abbrev=abbrev, description=data.sentence())
        for name, abbrev in [("Autonomous Spaceport Drone Ship", "ASDS"), ("Return to Launch Site", "RTLS")]
    ]
    data.pad(models.LauncherStatus, "Launcher status")
    data.pad(models.FirstStageType, "Stage type")
    for number in range(len(data.rows[models.LandingType]) + 1, LOOKUP_ROWS + 1):
        name = f"Landing type {number}"
        data.new(models.LandingType, name=name, abbrev=f"LT{number}", description=data.sentence())
    for number in range(len(data.landing_locations) + 1, LOOKUP_ROWS + 1):
        name = f"{data.pick(NAMES)} drone ship {number}"
        data.landing_locations.append(
            data.new(
                models.LandingLocation,
                name=name,
                active=data.chance(0.8),
                abbrev=f"DS{number}",
                description=data.maybe(data.sentence()),
                location=data.maybe(data.pick(data.locations)),
                longitude=data.maybe(round(data.rng.uniform(-180, 180), 4)),
                latitude=data.maybe(round(data.rng.uniform(-60, 60), 4)),
                image=optional_image(data, name),
                celestial_body=data.earth,
            )
        )
    flown = defaultdict(list)
    for launch in sorted(data.rows[models.Launch], key=lambda launch: launch.net):
        flown[launch.rocket.configuration.pk].append(launch)
    for number in range(len(data.rows[models.LauncherConfigFamily]) + 1, LOOKUP_ROWS + 1):
        family = data.new(
            models.LauncherConfigFamily,
            name=f"{data.pick(NAMES)} rockets {number}",
            parent=data.maybe(data.pick(data.rows[models.LauncherConfigFamily]), 0.5),
            description=data.sentence(),
            active=data.chance(0.7),
            maiden_flight=data.maybe(date(1957, 10, 4) + timedelta(days=data.rng.randrange(24000))),
        )
        configs = data.some(data.launcher_configs, 1, 2)
        for config in configs:
            data.link(config, "families", [family])
        set_launch_counts(data, family, sorted((x for c in configs for x in flown[c.pk]), key=lambda x: x.net))
        data.link(family, "manufacturer", data.some(data.agency_list, 1, 2))


@step(
    after=(
        "agencies.reference",
        "launches.reference",
        "launches.places",
        "launches.future_launches",
        "launches.launcher_lookups",
    ),
    draws_after="launches.launcher_lookups",
)
def first_stages(data):
    """The first stages of most launches, flown by launchers of the rocket's configuration that
    landed before and fly again, with the flight, landing and turn-around figures LL2 keeps."""
    reusable, stages_of = defaultdict(list), defaultdict(list)
    landing_types = [*data.landing_types, *data.stage_landing_types]
    data.launch_of = {launch.rocket.pk: launch for launch in data.rows[models.Launch]}
    for launch in sorted(data.rows[models.Launch], key=lambda launch: launch.net):
        if not data.chance(0.7):
            continue
        config, landed = launch.rocket.configuration, []
        for number in range(data.pick([1, 1, 1, 3])):  # a core, or a core and two boosters
            ready = reusable[config.pk]
            if ready and data.chance(0.7):
                launcher = ready.pop(data.rng.randrange(len(ready)))
            else:
                launcher = data.new(
                    models.Launcher,
                    serial_number=f"B{1000 + len(data.rows[models.Launcher])}",
                    is_placeholder=data.chance(0.05),
                    image=optional_image(data, f"{config.name} booster"),
                    details=data.sentence(),
                    launcher_config=config,
                )
            landing = stage_landing(data, landing_types)
            first_stage(data, launch, launcher, "Core" if number == 0 else "Booster", stages_of, landing)
            if landing is not None and landing.success:
                landed.append(launcher)
        reusable[config.pk].extend(landed)
    for launcher in data.rows[models.Launcher]:
        launcher_figures(data, launcher, stages_of[launcher.pk])


def first_stage(data, launch, launcher, stage_type, stages_of, landing):
    """The first stage `launcher` flies on `launch`, after its flights in `stages_of` (added to them)."""
    previous = stages_of[launcher.pk][-1] if stages_of[launcher.pk] else None
    previous_launch = previous and data.launch_of[previous.rocket.pk]
    stage = data.new(
        models.FirstStage,
        type=data.stage_types[stage_type],
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
    return stage


def stage_landing(data, landing_types):
    """The landing of a first stage, attempted for most; none for some."""
    attempt = data.chance(0.85)
    if data.chance(0.1):
        return None
    return data.new(
        models.Landing,
        attempt=attempt,
        success=data.maybe(data.chance(0.85)) if attempt else None,
        description=data.sentence(),
        downrange_distance=data.maybe(round(data.rng.uniform(0.5, 700), 1), 0.3),
        landing_location=data.pick(data.landing_locations),
        type=data.pick(landing_types),
    )


def launcher_figures(data, launcher, stages):
    """A launcher's flights, landings, turn-around and status, from its first stages in time order."""
    nets = [data.launch_of[stage.rocket.pk].net for stage in stages]
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
        status = data.pick(["Active", "Active", "Retired", "Unknown"])
    launcher.status = data.launcher_statuses[status]


@step(after=("launches.launchers", "launches.launcher_lookups", "launches.first_stages"))
def launcher_landing_counts(data):
    """The landings of launcher configurations and families, from their first stages', and the fastest turnaround
    of each configuration."""
    booster_landings = defaultdict(list)
    for stage in data.rows[models.FirstStage]:
        if stage.landing is not None and stage.landing.attempt:
            net = data.launch_of[stage.rocket.pk].net
            booster_landings[stage.launcher.launcher_config.pk].append((net, stage.landing.success))
    configs_of = defaultdict(list)
    for link in data.links[models.LauncherConfig.families.through]:
        configs_of[link.launcherconfigfamily_id].append(link.launcherconfig_id)
    rows = [(config, [config.pk]) for config in data.launcher_configs]
    rows += [(family, configs_of[family.pk]) for family in data.rows[models.LauncherConfigFamily]]
    for row, config_ids in rows:
        landings = sorted((x for pk in config_ids for x in booster_landings[pk]), key=lambda landing: landing[0])
        set_landing_counts(row, [success for _, success in landings])
    fastest = defaultdict(list)
    for launcher in data.rows[models.Launcher]:
        if launcher.fastest_turnaround is not None:
            fastest[launcher.launcher_config.pk].append(launcher.fastest_turnaround)
    for config in data.launcher_configs:
        config.fastest_turnaround = min(fastest[config.pk], default=None)


def set_landing_counts(row, outcomes):
    """LL2's landing counts of the `outcomes` of attempted landings (in time order) onto `row`."""
    row.attempted_landings = len(outcomes)
    row.successful_landings = outcomes.count(True)
    row.failed_landings = outcomes.count(False)
    row.consecutive_successful_landings = len(outcomes) - max(
        (i + 1 for i, success in enumerate(outcomes) if success is not True), default=0
    )


@step(after=("launches.places", "launches.first_stages", "spacecraft.planned_flights", "docking.mix_landings"))
def place_counts(data):
    """The landings at each landing location, the launches and fastest turnaround of each pad, and their sums
    for each location."""
    at_location = defaultdict(int)
    for place in data.landing_locations:
        place.attempted_landings = place.successful_landings = place.failed_landings = 0
    for landing in data.rows[models.Landing]:
        place = landing.landing_location
        if place is None or not landing.attempt:
            continue
        place.attempted_landings += 1
        place.successful_landings += landing.success is True
        place.failed_landings += landing.success is False
        if place.location is not None:
            at_location[place.location.pk] += 1
    launches_at = defaultdict(list)
    for launch in sorted(data.rows[models.Launch], key=lambda launch: launch.net):
        if LAUNCH_OUTCOMES.get(launch.status.name) is not None:
            launches_at[launch.pad.pk].append(launch.net)
    launched_from = defaultdict(int)
    for pad in data.pads:
        nets = launches_at[pad.pk]
        pad.total_launch_count = len(nets)
        pad.orbital_launch_attempt_count = len(nets) - len(nets) // 10
        pad.fastest_turnaround = min((b - a for a, b in pairwise(nets)), default=None)
        if pad.location is not None:
            launched_from[pad.location.pk] += len(nets)
    for location in data.rows[models.Location]:
        location.total_launch_count = launched_from[location.pk]
        location.total_landing_count = at_location[location.pk]


@step(
    after=(
        "launches.reference",
        "launches.programs",
        "launches.events",
        "launches.more_patches",
        "launches.future_launches",
        "launches.launch_lookups",
    ),
    draws_after="launches.first_stages",
)
def launch_details(data):
    """What only a detailed launch shows: its updates, links, timeline, patches and the time since
    the previous launch from its pad."""
    all_launches = data.rows[models.Launch]
    by_pad = defaultdict(list)
    for launch in all_launches:
        by_pad[launch.pad_id].append(launch)
    for pad_launches in by_pad.values():
        pad_launches.sort(key=lambda launch: launch.net)
        for before, launch in pairwise(pad_launches):
            launch.pad_turnaround = launch.net - before.net
    for launch in all_launches:
        launch.flightclub_url = data.maybe(f"https://flightclub.io/result?llId={launch.id}", 0.5)
        data.link(launch, "mission_patches", data.some(data.patches, 0, 2))
        if data.chance(0.3):
            data.new(
                models.InfoURL,
                launch=launch,
                priority=0,
                source=data.maybe("example.org"),
                title=data.maybe(f"{launch.name} press kit"),
                description=data.maybe(data.sentence()),
                feature_image=data.maybe(f"{MEDIA}/feature_launch.jpg"),
                url=data.url("launch-info", launch.name),
                type=data.maybe(data.pick(data.info_types)),
                language=data.maybe(data.pick(data.languages)),
            )
        if data.chance(0.3):
            data.new(
                models.VidURL,
                launch=launch,
                priority=0,
                source=data.maybe("youtube.com"),
                publisher=data.maybe(data.pick(NAMES)),
                title=data.maybe(f"{launch.name} webcast"),
                description=data.maybe(data.sentence()),
                feature_image=data.maybe(f"{MEDIA}/video_launch.jpg"),
                url=data.url("launch-video", launch.name),
                type=data.maybe(data.pick(data.vid_types)),
                language=data.maybe(data.pick(data.languages)),
                start_time=launch.net - timedelta(minutes=30),
                end_time=launch.net + timedelta(hours=1),
                live=data.chance(0.1),
            )
        steps = sorted(data.rng.sample(range(-7200, 3600, 60), data.rng.randint(0, 4)))
        for seconds, step_type in zip(steps, data.some(data.timeline_types, 4, 4), strict=False):
            data.new(models.TimelineEvent, launch=launch, type=step_type, relative_time=timedelta(seconds=seconds))
        updates(data, launch=launch, moment=launch.last_updated)
    for event in data.event_list:
        updates(data, event=event, moment=event.last_updated)


def updates(data, moment, **owner):
    """Up to two updates of a launch, an event or a program (`owner`), before `moment`."""
    for number in range(data.rng.randint(0, 2)):
        author = data.pick(NAMES)
        data.new(
            models.Update,
            **owner,
            profile_image=data.maybe(f"{MEDIA}/profile_{author.lower()}.png"),
            comment=data.maybe(data.sentence()),
            info_url=data.maybe(data.url("update", author)),
            created_by=author,
            created_on=moment - timedelta(days=number, hours=data.rng.randrange(24)),
        )


@step(after=("launches.programs", "launches.more_programs"), draws_after="launches.launch_details")
def starbase(data):
    """The programs' updates, and the kinds of Starbase's notices and statuses of its road closures."""
    for program in data.program_list:
        updates(data, program=program, moment=NOW)
    data.named(models.NoticeType, ["TFR", "NOTMAR", "Overpressure Notice"])
    data.pad(models.NoticeType, "Notice type")
    data.named(models.RoadClosureStatus, ["Scheduled", "Possible", "Canceled"])
    data.pad(models.RoadClosureStatus, "Closure status")
