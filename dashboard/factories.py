"""A Starship programme, so that the Starship dashboard has something in every list at every scale and for
years: SpaceX, the programme and its rocket, Starbase, its launches, boosters and ships, road closures,
notices and live streams."""

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

from agencies import models as agencies
from agencies.factories import AGENCY_COUNTS, image, optional_image, social_links
from launches import models as launches
from launches.factories import (
    LAUNCH_OUTCOMES,
    attempt_counts,
    first_stage,
    info_urls,
    launcher_figures,
    place_counts,
    set_landing_counts,
    set_launch_counts,
    updates,
)
from lldapi.synthetic import MEDIA, NAMES, NOW, step
from spacecraft import models as spacecraft


@step(after=("agencies.reference", "agencies.agencies"), draws_after="launches.starbase")
def spacex(data):
    """SpaceX, the agency of the Starship programme (`starship`): it flies and builds Starship."""
    name = "SpaceX"
    data.spacex = data.new(
        agencies.Agency,
        name=name,
        abbrev="SpX",
        type=next(agency_type for agency_type in data.agency_types if agency_type.name == "Commercial"),
        featured=True,
        description="An American company that builds and launches rockets and spacecraft, Starship among them.",
        administrator="CEO: Elon Musk",
        founding_year=2002,
        launchers="Falcon | Starship",
        spacecraft="Dragon | Starship",
        parent=None,
        parent_agency=None,
        image=image(data, name),
        logo=image(data, f"{name} logo"),
        social_logo=image(data, f"{name} social"),
        info_url="https://www.spacex.com/",
        wiki_url="https://en.wikipedia.org/wiki/SpaceX",
        **{key: data.rng.randrange(200) for key in AGENCY_COUNTS},
    )
    data.link(data.spacex, "country", [data.countries[0]])  # the United States of America
    social_links(data, data.spacex, "social_media_links")
    data.agency_list.append(data.spacex)

# The programme of the Starship dashboard; its launches fill the time from its first flight (LL2's date) to the
# end of `future_launches`'s, one in each equal span, so that for years some are still to come.
STARSHIP = "Starship"
STARSHIP_FIRST_FLIGHT = datetime(2023, 4, 20, 13, 33, tzinfo=UTC)
STARSHIP_HORIZON = datetime(2045, 1, 1, tzinfo=UTC)
# Why a flown Starship launch failed, by its status.
STARSHIP_FAILURES = {"Launch Failure": "Vehicle lost during ascent", "Partial Failure": "Ship lost before splashdown"}


@step(
    after=(
        "agencies.reference",
        "dashboard.spacex",
        "launches.reference",
        "launches.places",
        "launches.programs",
        "launches.more_programs",
        "launches.launchers",
        "launches.launcher_lookups",
        "launches.starbase",
    ),
    draws_after="dashboard.spacex",
)
def starship(data):
    """The Starship programme, its rocket, and Starbase with its pads and where boosters and ships come down."""
    data.starship = starship_program(data)
    data.starship_config, data.starship_family = starship_rocket(data)
    starbase_places(data)


def starship_program(data):
    """The program named Starship, or a new one of SpaceX with updates of its own (`starbase` gave the
    others theirs)."""
    program = next((program for program in data.program_list if program.name == STARSHIP), None)
    if program is not None:
        return program
    program = data.new(
        launches.Program,
        name=STARSHIP,
        description="SpaceX's fully reusable super heavy-lift launch system, a Super Heavy booster and a Starship "
        "upper stage, built and flown at Starbase, Texas.",
        image=image(data, STARSHIP),
        info_url="https://www.spacex.com/vehicles/starship/",
        wiki_url="https://en.wikipedia.org/wiki/SpaceX_Starship",
        start_date=datetime(2019, 3, 1, 5, tzinfo=UTC),
        end_date=None,
        type=next(kind for kind in data.program_types if kind.name == "Commercial"),
    )
    data.link(program, "agencies", [data.spacex])
    data.program_list.append(program)
    updates(data, program=program, moment=NOW)
    return program


def starship_rocket(data):
    """Starship's launcher configuration, in a family of its own; its launches give its counts."""
    family = data.new(
        launches.LauncherConfigFamily,
        name=STARSHIP,
        parent=None,
        description="SpaceX's two-stage rockets of a Super Heavy booster and a Starship upper stage.",
        active=True,
    )
    data.link(family, "manufacturer", [data.spacex])
    config = data.new(
        launches.LauncherConfig,
        name=STARSHIP,
        full_name=STARSHIP,
        variant="",
        manufacturer=data.spacex,
        active=True,
        is_placeholder=False,
        reusable=True,
        image=image(data, f"{STARSHIP} rocket"),
        info_url="https://www.spacex.com/vehicles/starship/",
        wiki_url="https://en.wikipedia.org/wiki/SpaceX_Starship",
        description="A fully reusable two-stage rocket: a Super Heavy booster, which its pad's tower catches, "
        "and a Starship upper stage.",
        alias="",
        min_stage=2,
        max_stage=2,
        length=123.1,
        diameter=9.0,
        launch_cost=None,
        launch_mass=5000.0,
        leo_capacity=100000.0,
        gto_capacity=None,
        geo_capacity=None,
        sso_capacity=None,
        to_thrust=74400.0,
        apogee=None,
        fastest_turnaround=None,
    )
    data.link(config, "families", [family])
    data.link(config, "program", [data.starship])
    data.launcher_configs.append(config)
    return config, family


def starbase_places(data):
    """Starbase, its two orbital launch pads, the towers that catch boosters on them, and the seas where
    boosters and ships splash down; `starship_counts` counts their launches and landings."""
    usa = data.countries[0]
    name = "SpaceX Starbase, TX, USA"
    starbase = data.new(
        launches.Location,
        name=name,
        celestial_body=data.earth,
        active=True,
        country=usa,
        description="SpaceX's factory and spaceport for Starship, near Brownsville, Texas, on the Gulf of Mexico.",
        image=image(data, name),
        map_image=f"{MEDIA}/map_location_starbase.jpg",
        longitude=-97.157,
        latitude=25.997,
        timezone_name="America/Chicago",
    )
    data.starbase_pads = []
    for number, latitude, longitude in [(1, 25.996944, -97.154722), (2, 25.99175, -97.157528)]:
        name = f"Orbital Launch Pad {number}"
        pad = data.new(
            launches.Pad,
            active=True,
            name=name,
            image=optional_image(data, name),
            description=f"Starbase's orbital launch pad {number}, whose tower stacks Starship and catches boosters.",
            info_url="",
            wiki_url="https://en.wikipedia.org/wiki/SpaceX_Starbase",
            map_url=f"https://www.google.com/maps?q={latitude},{longitude}",
            latitude=latitude,
            longitude=longitude,
            country=usa,
            map_image=f"{MEDIA}/map_pad_orbital_launch_pad_{number}.jpg",
            location=starbase,
        )
        data.link(pad, "agencies", [data.spacex])
        data.pads.append(pad)
        data.starbase_pads.append(pad)
    landing_types = {landing_type.abbrev: landing_type for landing_type in data.rows[launches.LandingType]}
    towers = landing_place(data, "Starbase catch towers", "OLP", 25.9965, -97.1561, starbase)
    gulf = landing_place(data, "Gulf of Mexico, off Starbase", "GOM", 26.0, -96.9)
    data.booster_landings = [(towers, landing_types["RTLS"]), (gulf, landing_types["OS"])]
    data.ship_landing = landing_place(data, "Indian Ocean", "IO", -20.0, 80.0), landing_types["OS"]


def landing_place(data, name, abbrev, latitude, longitude, location=None):
    """A place where Starship's boosters or ships come down, on the Earth."""
    place = data.new(
        launches.LandingLocation,
        name=name,
        active=True,
        abbrev=abbrev,
        description=f"Where Starship's vehicles come down: {name}.",
        location=location,
        longitude=longitude,
        latitude=latitude,
        image=optional_image(data, name),
        celestial_body=data.earth,
    )
    data.landing_locations.append(place)
    return place


@step(
    after=(
        "launches.reference",
        "launches.events",
        "launches.future_launches",
        "launches.launcher_lookups",
        "launches.first_stages",
        "docking.mix_landings",
        "dashboard.starship",
    ),
    draws_after="dashboard.starship",
)
def starship_launches(data):
    """Starship's flights: flown ones from its first to a week before NOW, each with its booster's first stage,
    and upcoming ones to STARSHIP_HORIZON; each with a static fire before it, and updates.

    After `docking.mix_landings`, which numbers the landings made before."""
    flown = spread(data, STARSHIP_FIRST_FLIGHT, NOW - timedelta(days=7), data.scaled(12))
    to_come = spread(data, NOW, STARSHIP_HORIZON, data.scaled(12))
    launch_list = [starship_launch(data, number, net) for number, net in enumerate(flown + to_come, 1)]
    data.starship_launches = launch_list
    data.starship_flown = launch_list[: len(flown)]
    data.launch_of.update((launch.rocket.pk, launch) for launch in launch_list)
    stages = super_heavy_stages(data, data.starship_flown)
    outcomes = [stage.landing.success for stage in stages if stage.landing.attempt]
    for row in (data.starship_config, data.starship_family):
        set_launch_counts(data, row, launch_list)
        set_landing_counts(row, outcomes)
        row.maiden_flight = launch_list[0].net.date()
    for pad in data.starbase_pads:
        for before, launch in pairwise(launch for launch in launch_list if launch.pad is pad):
            launch.pad_turnaround = launch.net - before.net
    event_types = {event_type.name: event_type for event_type in data.event_types}
    for number, launch in enumerate(launch_list, 1):
        event = static_fire(data, number, launch, event_types["Static Fire"])
        updates(data, launch=launch, moment=launch.last_updated)
        updates(data, event=event, moment=event.last_updated)
    for launch in data.starship_flown:
        outcome_update(data, launch)


def spread(data, start, end, count):
    """`count` moments from `start` to `end`, in time order, one in each of `count` equal spans."""
    span = (end - start) / count
    return [data.moment(start + span * index, start + span * (index + 1)) for index in range(count)]


def starship_launch(data, number, net):
    """Starship's `number`-th flight, at `net`, from a Starbase pad; flown if before NOW, to come if not."""
    name = f"{STARSHIP} | Flight {number}"
    statuses = {status.name: status for status in data.launch_statuses}
    flown = net < NOW
    if flown:
        status = statuses[data.pick(["Launch Successful"] * 3 + ["Launch Failure", "Partial Failure"])]
        last_updated = min(data.moment(net, net + timedelta(days=30)), NOW)
    else:
        status = data.pick(data.launch_statuses[:2])
        last_updated = NOW - timedelta(days=data.rng.uniform(0, 60))
    launch = data.new(
        launches.Launch,
        name=name,
        slug=f"starship-flight-{number}",
        launch_designator=None,
        status=status,
        last_updated=last_updated,
        net=net,
        net_precision=data.maybe(data.pick(data.precisions)),
        window_end=net + timedelta(hours=data.rng.randint(1, 2)),
        window_start=net,
        inhold=False,
        tbdtime=False,
        tbddate=False,
        image=optional_image(data, name),
        infographic=data.maybe(f"{MEDIA}/infographic_{data.rng.randrange(10**6)}.png", 0.5),
        probability=data.maybe(data.rng.randrange(40, 100), 0.4),
        weather_concerns=data.maybe("Upper-level winds", 0.6),
        holdreason="",
        failreason=STARSHIP_FAILURES.get(status.name, ""),
        hashtag="#Starship",
        launch_service_provider=data.spacex,
        rocket=data.new(launches.Rocket, configuration=data.starship_config),
        mission=starship_mission(data, number, net),
        pad=data.pick(data.starbase_pads),
        webcast_live=data.chance(0.1),
        **attempt_counts(data),
    )
    launch.flightclub_url = data.maybe(f"https://flightclub.io/result?llId={launch.id}", 0.5)
    data.link(launch, "program", [data.starship])
    return launch


def starship_mission(data, number, net):
    """The mission of Starship's `number`-th flight, at `net`: a suborbital test flight, with its links and webcast."""
    name = f"Flight {number}"
    mission = data.new(
        launches.Mission,
        name=name,
        type="Test Flight",
        description="A suborbital test flight of Starship from Starbase: the Super Heavy booster returns to the "
        "launch site or splashes down in the Gulf of Mexico, the ship splashes down in the Indian Ocean.",
        image=optional_image(data, f"{STARSHIP} {name} mission", 0.5),
        orbit=data.suborbital,
    )
    data.link(mission, "agencies", [data.spacex])
    info_urls(data, 1, f"{STARSHIP} {name}", f"{STARSHIP} {name} press kit", mission=mission)
    data.new(
        launches.VidURL,
        mission=mission,
        priority=0,
        source="spacex.com",
        publisher="SpaceX",
        title=f"{STARSHIP} {name} webcast",
        description=data.sentence(),
        feature_image=f"{MEDIA}/video_0.jpg",
        url=data.url("video", f"{STARSHIP} {name}"),
        type=data.vid_types[0],
        language=data.languages[0],
        start_time=net - timedelta(minutes=30),
        end_time=net + timedelta(hours=2),
        live=False,
    )
    return mission


def super_heavy_stages(data, launch_list):
    """The first stages of the flown launches of `launch_list` (in time order), one a launch: the Super Heavy
    booster is a new one, numbered from B7, the first flown, or one that a tower caught before; with the figures
    `first_stages` and `launcher_landing_counts` keep of boosters and of the configuration."""
    caught, stages_of, boosters, stages = [], defaultdict(list), [], []
    for launch in launch_list:
        if caught and data.chance(0.6):
            booster = caught.pop(data.rng.randrange(len(caught)))
        else:
            serial = f"B{7 + len(boosters)}"
            booster = data.new(
                launches.Launcher,
                serial_number=serial,
                is_placeholder=False,
                image=optional_image(data, f"Super Heavy {serial}"),
                details=f"Super Heavy booster {serial}, built at Starbase.",
                launcher_config=data.starship_config,
            )
            boosters.append(booster)
        landing = booster_landing(data, launch)
        stage = first_stage(data, launch, booster, "Core", stages_of, landing)
        stages.append(stage)
        if landing.success and landing.landing_location is data.booster_landings[0][0]:
            caught.append(booster)
    for booster in boosters:
        launcher_figures(data, booster, stages_of[booster.pk])
        last = stages_of[booster.pk][-1].landing
        if last.success and last.landing_location is not data.booster_landings[0][0]:
            booster.status = data.launcher_statuses["Expended"]  # a booster that splashed down flies no more
    turnarounds = [booster.fastest_turnaround for booster in boosters if booster.fastest_turnaround is not None]
    data.starship_config.fastest_turnaround = min(turnarounds, default=None)
    return stages


def booster_landing(data, launch):
    """The return of a flown launch's booster, to a tower or to the sea; not attempted when the launch fails."""
    place, landing_type = data.pick(data.booster_landings)
    attempt = launch.status.name != "Launch Failure"
    return data.new(
        launches.Landing,
        attempt=attempt,
        success=data.chance(0.8) if attempt else None,
        description=f"{landing_type.name} of the Super Heavy booster: {place.name}.",
        downrange_distance=data.maybe(round(data.rng.uniform(0.5, 10), 1), 0.3),
        landing_location=place,
        type=landing_type,
    )


def static_fire(data, number, launch, event_type):
    """The static fire of the vehicle of Starship's `number`-th flight, days before its `launch`."""
    day = launch.net - timedelta(days=data.rng.uniform(3, 20))
    name = f"{STARSHIP} Flight {number} Static Fire"
    event = data.new(
        launches.Event,
        name=name,
        slug=name.lower().replace(" ", "-"),
        type=event_type,
        description=f"A firing of the engines of the vehicle of {launch.name}, held down on its pad.",
        webcast_live=data.chance(0.1),
        location="Starbase, Texas",
        image=optional_image(data, name),
        date=day,
        date_precision=data.maybe(data.pick(data.precisions)),
        duration=data.maybe(timedelta(seconds=data.rng.randrange(5, 60)), 0.3),
        last_updated=min(day, NOW) - timedelta(days=data.rng.uniform(1, 60)),
    )
    data.link(event, "agencies", [data.spacex])
    data.link(event, "launches", [launch])
    data.link(event, "program", [data.starship])
    data.event_list.append(event)
    return event


def outcome_update(data, launch):
    """The update that tells how a flown launch went, minutes after it."""
    author = data.pick(NAMES)
    data.new(
        launches.Update,
        launch=launch,
        profile_image=f"{MEDIA}/profile_{author.lower()}.png",
        comment=f"{launch.name} lifted off from {launch.pad.name}: {launch.status.name}.",
        info_url=data.url("update", launch.name),
        created_by=author,
        created_on=launch.net + timedelta(minutes=data.rng.randrange(10, 120)),
    )


# The characters of a YouTube video's id, 11 of them.
YOUTUBE_ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


@step(after=("launches.starbase", "dashboard.starship_launches"), draws_after="dashboard.starship_launches")
def starship_notices(data):
    """The live streams that watch Starbase, and the road closures and notices of each Starship launch."""
    for camera in data.rng.sample(NAMES, data.rng.randint(2, 5)):
        video = "".join(data.pick(YOUTUBE_ID_CHARACTERS) for _ in range(11))
        data.new(
            launches.LiveStream,
            program=data.starship,
            title=f"{camera} Cam - Starship Live At Starbase",
            description=data.sentence(),
            image=f"https://i.ytimg.com/vi/{video}/maxresdefault_live.jpg",
            url=f"https://www.youtube.com/watch?v={video}",
        )
    statuses = {status.name: status for status in data.rows[launches.RoadClosureStatus]}
    notice_types = {notice_type.name: notice_type for notice_type in data.rows[launches.NoticeType]}
    for launch in data.starship_launches:
        road_closures(data, launch, statuses)
        for name, share in [("TFR", 1), ("NOTMAR", 0.7), ("Overpressure Notice", 0.3)]:
            if data.chance(share):
                data.new(
                    launches.Notice,
                    program=data.starship,
                    type=notice_types[name],
                    date=launch.net - timedelta(days=data.rng.uniform(2, 10)),
                    url=data.url("notice", f"{name} {launch.name}"),
                )


def road_closures(data, launch, statuses):
    """The closures of the road to Starbase for `launch`, on its day and for some on a later one: scheduled
    for most, else canceled once it flew or only possible while it is to come (`statuses` by name)."""
    usual, other = "Scheduled", "Canceled" if launch.net < NOW else "Possible"
    start = launch.net.replace(minute=0, second=0, microsecond=0) - timedelta(hours=data.rng.randint(1, 4))
    for title in ["Primary Date", "Secondary Date"][: data.rng.randint(1, 2)]:
        data.new(
            launches.RoadClosure,
            program=data.starship,
            title=title,
            status=statuses[usual if data.chance(0.8) else other],
            window_start=start,
            window_end=start + timedelta(hours=data.rng.randint(3, 8)),
        )
        start += timedelta(days=data.rng.randint(1, 3))


@step(after=("launches.place_counts", "dashboard.starship_launches", "dashboard.starship_ships"))
def starship_counts(data):
    """The launches and landings of Starbase, its pads and its landing places, by `place_counts` again: it
    counts the same for the places made before, which saw no Starship launch or landing."""
    place_counts(data)

# Starship's upper stages by generation, as LL2 lists them: name, first flight, height (m), payload (kg).
STARSHIP_GENERATIONS = [
    ("Starship V1", date(2023, 4, 20), 50.3, None),
    ("Starship V2", date(2025, 1, 16), 52.1, 35000),
    ("Starship V3", date(2026, 5, 22), 52.1, None),
]


@step(
    after=("dashboard.spacex", "spacecraft.lookups", "spacecraft.spacecraft", "dashboard.starship_launches"),
    draws_after="dashboard.starship_notices",
)
def starship_ships(data):
    """The ship of each flown Starship launch: a new one, numbered from Ship 24, the first flown, of the
    generation flying at its date; with the counts of each generation and of their family."""
    # LL2's spelling of the type.
    ship_type = data.new(spacecraft.SpacecraftConfigType, name="Reuseable Upper Stage")
    family = data.new(
        spacecraft.SpacecraftConfigFamily,
        name="Starship",
        description="The upper stages of SpaceX's Starship rockets.",
        manufacturer=data.spacex,
        parent=None,
    )
    generations = []
    for name, since, height, payload in STARSHIP_GENERATIONS:
        config = data.new(
            spacecraft.SpacecraftConfig,
            name=name,
            type=ship_type,
            agency=data.spacex,
            in_use=since == STARSHIP_GENERATIONS[-1][1],
            image=optional_image(data, name),
            capability="More than 100 tons to Earth orbit.",
            history=f"The Starship upper stage of the flights from {since:%B %Y}.",
            details="The second stage of the two-stage Starship super heavy-lift launch vehicle.",
            height=height,
            diameter=9.0,
            human_rated=False,
            crew_capacity=0,
            payload_capacity=payload,
            payload_return_capacity=None,
            flight_life="Suborbital test flights so far.",
            wiki_link="",
            info_link="https://www.spacex.com/vehicles/starship/",
            fastest_turnaround=None,
        )
        data.link(config, "family", [family])
        data.configs.append(config)
        generations.append((since, config))
    statuses = {status.name: status for status in data.spacecraft_statuses}
    flights_of = {config.pk: [] for _, config in generations}
    for number, launch in enumerate(data.starship_flown, 24):
        config = [config for since, config in generations if since <= launch.net.date()][-1]
        flight = ship_flight(data, number, launch, config)
        flight.spacecraft.status = statuses["Single Use" if flight.landing.success else "Destroyed"]
        flights_of[config.pk].append(flight)
    for _, config in generations:
        ship_counts(config, flights_of[config.pk])
    ship_counts(family, [flight for flights in flights_of.values() for flight in flights])
    family.maiden_flight = min(filter(None, (config.maiden_flight for _, config in generations)), default=None)


def ship_flight(data, number, launch, config):
    """The flight of Ship `number`, of `config`, on `launch`: up and down in about an hour, to a splashdown in
    the Indian Ocean; lost minutes after liftoff when the launch fails."""
    name = f"Ship {number}"
    ship = data.new(
        spacecraft.Spacecraft,
        name=name,
        serial_number=f"S{number}",
        is_placeholder=False,
        image=optional_image(data, name),
        description=f"A {config.name} upper stage, built at Starbase.",
        spacecraft_config=config,
    )
    failed = LAUNCH_OUTCOMES[launch.status.name] is False
    end = launch.net + timedelta(minutes=data.rng.uniform(3, 10) if failed else data.rng.uniform(60, 70))
    place, landing_type = data.ship_landing
    attempt = launch.status.name != "Launch Failure"
    landing = data.new(
        launches.Landing,
        attempt=attempt,
        success=(launch.status.name == "Launch Successful" and data.chance(0.85)) if attempt else None,
        description=f"{landing_type.name} of the ship: {place.name}.",
        downrange_distance=None,
        landing_location=place,
        type=landing_type,
    )
    flight = data.new(
        spacecraft.SpacecraftFlight,
        destination="Suborbital",
        mission_end=end,
        spacecraft=ship,
        launch=launch,
        carrier_rocket=launch.rocket,
        landing=landing,
        duration=end - launch.net,
        turn_around_time=None,
    )
    ship.flights_count = ship.mission_ends_count = 1
    ship.in_space = False
    ship.time_in_space = flight.duration
    ship.time_docked = timedelta(0)
    ship.fastest_turnaround = None
    data.spacecraft_list.append(ship)
    data.flights.append(flight)
    if config.maiden_flight is None:
        config.maiden_flight = launch.net.date()
    return flight


def ship_counts(row, flights):
    """The counts LL2 keeps of a spacecraft configuration or family `row`, over its ships' `flights`."""
    outcomes = [LAUNCH_OUTCOMES[flight.launch.status.name] for flight in flights]
    landings = [flight.landing for flight in flights if flight.landing.attempt]
    row.spacecraft_flown = len({flight.spacecraft.pk for flight in flights})
    row.total_launch_count = len(flights)
    row.successful_launches = outcomes.count(True)
    row.failed_launches = outcomes.count(False)
    row.attempted_landings = len(landings)
    row.successful_landings = sum(landing.success is True for landing in landings)
    row.failed_landings = sum(landing.success is False for landing in landings)
