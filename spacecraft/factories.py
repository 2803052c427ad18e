"""The synthetic data set's spacecraft, their configurations and families, and their flights and crews."""

from datetime import UTC, date, datetime, timedelta

from agencies.factories import optional_image
from launches import models as launches
from launches.factories import landing, new_launch
from lldapi.synthetic import LOOKUP_ROWS, NAMES, NOW, step
from spacecraft import models


@step()
def lookups(data):
    """Spacecraft configuration types and spacecraft statuses, padded past a page of 20."""
    data.config_types = data.named(
        models.SpacecraftConfigType, ["Capsule", "Cargo Resupply", "Spaceplane", "Crew Vehicle", "Tug"]
    )
    data.spacecraft_statuses = data.named(
        models.SpacecraftStatus, ["Active", "Retired", "Destroyed", "Single Use", "Unknown"]
    )
    data.pad(models.SpacecraftStatus, "Spacecraft status")
    data.pad(models.SpacecraftConfigType, "Spacecraft type")


@step(after=("agencies.reference", "agencies.agencies", "spacecraft.lookups"), draws_after="launches.launchers")
def configurations(data):
    """Spacecraft configuration families and configurations, each of one family or two."""
    data.families = []
    for index in range(data.scaled(15)):
        name = f"{data.pick(NAMES)} family {index + 1}"
        data.families.append(
            data.new(
                models.SpacecraftConfigFamily,
                name=name,
                description=data.sentence(),
                manufacturer=data.maybe(data.pick(data.agency_list), 0.1),
                parent=data.maybe(data.pick(data.families), 0.6) if data.families else None,
                maiden_flight=data.maybe(date(1960, 1, 1) + timedelta(days=data.rng.randrange(23000))),
                **flight_counts(data),
            )
        )
    data.configs = []
    for index in range(data.scaled(40)):
        name = f"{data.pick(NAMES)} {data.pick(['Capsule', 'Cargo', 'Shuttle', 'Tug'])} {index + 1}"
        crewed = data.chance(0.4)
        config = data.new(
            models.SpacecraftConfig,
            name=name,
            type=data.pick(data.config_types),
            agency=data.pick(data.agency_list),
            in_use=data.chance(0.6),
            image=optional_image(data, name),
            capability=data.sentence(),
            history=data.sentence(),
            details=data.sentence(),
            maiden_flight=data.maybe(date(1961, 4, 12)),
            height=data.maybe(data.measure(2, 40)),
            diameter=data.maybe(data.measure(1, 6)),
            human_rated=crewed,
            crew_capacity=data.maybe(data.rng.randint(2, 7) if crewed else 0),
            payload_capacity=data.maybe(data.rng.randrange(500, 9000)),
            payload_return_capacity=data.maybe(data.rng.randrange(0, 3000)),
            flight_life=data.maybe(f"up to {data.rng.randint(3, 210)} days"),
            wiki_link=data.maybe(data.url("wiki", name), 0, empty_share=0.2),
            info_link=data.maybe(data.url("spacecraft", name), 0, empty_share=0.5),
            fastest_turnaround=None,
            **flight_counts(data),
        )
        data.link(config, "family", data.some(data.families, 1, 2))
        data.configs.append(config)


def flight_counts(data):
    """Drawn launch and landing counts of a spacecraft configuration or family."""
    launched, landed = data.rng.randrange(100), data.rng.randrange(80)
    return {
        "spacecraft_flown": data.rng.randrange(30),
        "total_launch_count": launched,
        "successful_launches": launched - launched // 10,
        "failed_launches": launched // 10,
        "attempted_landings": landed,
        "successful_landings": landed - landed // 8,
        "failed_landings": landed // 8,
    }


@step(
    after=(
        "agencies.reference",
        "agencies.agencies",
        "launches.reference",
        "launches.places",
        "launches.programs",
        "launches.launchers",
        "launches.astronauts",
        "spacecraft.lookups",
        "spacecraft.configurations",
    ),
    draws_after="launches.astronauts",
)
def spacecraft(data):
    """Spacecraft and their flights, one after the other in time, with the sums LL2 keeps."""
    data.flights = []
    data.spacecraft_list = []
    total_flights = data.scaled(900)
    count = data.scaled(600)
    # One spacecraft in eight is reusable and takes the remaining flights, up to LL2's ~30 for the
    # most flown capsules and orbiters.
    reusable = data.rng.sample(range(count), max(1, count // 8))
    extra = [0] * count
    for _ in range(total_flights - count):
        craft = data.pick(reusable)
        if extra[craft] < 29:
            extra[craft] += 1
    for index in range(count):
        config = data.pick(data.configs)
        name = f"{config.name.rsplit(' ', 1)[0]} {index + 1}"
        craft = data.new(
            models.Spacecraft,
            name=name,
            serial_number=data.maybe(f"SN-{index + 1:04d}"),
            is_placeholder=data.chance(0.05),
            image=optional_image(data, name),
            status=data.pick(data.spacecraft_statuses),
            description=data.sentence(),
            spacecraft_config=config,
        )
        data.spacecraft_list.append(craft)
        fly(data, craft, 1 + extra[index])


def fly(data, craft, count):
    """`count` flights of `craft`, one after the other until NOW, and the counts it keeps of them."""
    moment = data.moment(datetime(1965, 1, 1, tzinfo=UTC), datetime(2020, 1, 1, tzinfo=UTC))
    flights, previous_end = [], None
    for number in range(count):
        launch = new_launch(data, craft, moment)
        ongoing = number == count - 1 and data.chance(0.1)
        end = None if ongoing else min(launch.net + timedelta(days=data.rng.uniform(2, 200)), NOW)
        flight = data.new(
            models.SpacecraftFlight,
            destination=data.maybe(
                data.pick(["International Space Station", "Tiangong", "Low Earth Orbit", "Lunar orbit"])
            ),
            mission_end=end,
            spacecraft=craft,
            launch=launch,
            carrier_rocket=launch.rocket,
            landing=None if ongoing else landing(data),
            duration=(end or NOW) - launch.net,
            turn_around_time=launch.net - previous_end if previous_end else None,
        )
        crew(data, flight, launch.net, end)
        flights.append(flight)
        previous_end = end
        if end is None:
            break
        moment = end + timedelta(days=data.rng.uniform(30, 400), seconds=data.rng.randrange(86400))
        if moment >= NOW:
            break
    data.flights.extend(flights)
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


def crew(data, flight, start, end):
    """The crew of a flight of a human-rated spacecraft, the same at launch, on board and at landing."""
    config = flight.spacecraft.spacecraft_config
    if not config.human_rated:
        return
    crew = data.some(data.astronaut_list, 1, 4)
    seats = {
        leg: [
            data.new(launches.AstronautFlight, role=data.roles[min(i, len(data.roles) - 1)], astronaut=astronaut)
            for i, astronaut in enumerate(crew)
        ]
        for leg in ("launch_crew", "onboard_crew", "landing_crew")
    }
    for leg, legs_seats in seats.items():
        data.link(flight, leg, legs_seats)
    for astronaut in crew:
        astronaut.first_flight = min(filter(None, [astronaut.first_flight, start]))
        astronaut.last_flight = max(filter(None, [astronaut.last_flight, start]))
        astronaut.time_in_space += (end or NOW) - start
        astronaut.in_space = astronaut.in_space or end is None


@step(after=("agencies.agencies", "spacecraft.configurations"), draws_after="agencies.lookups")
def more_families(data):
    """Families enough for a page of 20 to link to the next, each with a configuration or two."""
    for index in range(len(data.families), max(LOOKUP_ROWS, len(data.families))):
        name = f"{data.pick(NAMES)} family {index + 1}"
        family = data.new(
            models.SpacecraftConfigFamily,
            name=name,
            description=data.sentence(),
            manufacturer=data.maybe(data.pick(data.agency_list), 0.1),
            parent=data.maybe(data.pick(data.families), 0.6),
            maiden_flight=data.maybe(date(1960, 1, 1) + timedelta(days=data.rng.randrange(23000))),
            **flight_counts(data),
        )
        for config in data.some(data.configs, 1, 2):
            data.link(config, "family", [family])
        data.families.append(family)


@step(
    after=(
        "launches.reference",
        "launches.places",
        "launches.astronauts",
        "docking.astronaut_records",
        "launches.future_launches",
        "spacecraft.spacecraft",
    ),
    draws_after="launches.launch_lookups",
)
def planned_flights(data):
    """The flights and crews planned for the first upcoming launches, as LL2 lists them on its upcoming
    launches: 12 per scale past the 900 that took place. A spacecraft's counts take its planned flight
    in; an astronaut's (`docking.astronaut_records`, before) count the flights that took place only."""
    grounded = [craft for craft in data.spacecraft_list if not craft.in_space and craft.spacecraft_config.human_rated]
    last_end = {flight.spacecraft.pk: flight.mission_end for flight in data.flights}
    data.planned = []
    for launch in data.upcoming[: data.scaled(12)]:
        craft = grounded.pop(data.rng.randrange(len(grounded)))
        end = launch.net + timedelta(days=data.rng.uniform(2, 200))
        flight = data.new(
            models.SpacecraftFlight,
            destination=data.maybe(data.pick(["International Space Station", "Tiangong", "Lunar orbit"])),
            mission_end=end,
            spacecraft=craft,
            launch=launch,
            carrier_rocket=launch.rocket,
            landing=landing(data),
            duration=end - launch.net,
            turn_around_time=launch.net - last_end[craft.pk],
        )
        crew = data.some(data.astronaut_list, 1, 4)
        for leg in ("launch_crew", "onboard_crew", "landing_crew"):
            seats = [
                data.new(launches.AstronautFlight, role=data.roles[min(i, len(data.roles) - 1)], astronaut=person)
                for i, person in enumerate(crew)
            ]
            data.link(flight, leg, seats)
        craft.flights_count += 1
        craft.mission_ends_count += 1
        craft.time_in_space += flight.duration
        craft.fastest_turnaround = min(filter(None, [craft.fastest_turnaround, flight.turn_around_time]))
        data.planned.append(flight)
