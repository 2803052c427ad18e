"""The synthetic data set's space stations, payloads, expeditions, spacewalks and docking events."""

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise, zip_longest

from agencies.factories import optional_image
from docking import models
from launches import models as launches
from launches.factories import landing
from lldapi.synthetic import INT32_MAX, NAMES, NOW, step
from spacecraft import models as spacecraft

# Planned ends and departures of what is under way at NOW: years after it, so that what is "active"
# at the real date of a request stays what the stored counts summarise.
PLANNED = (datetime(2032, 1, 1, tzinfo=UTC), datetime(2040, 1, 1, tzinfo=UTC))
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


def midnight(day):
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


@step()
def lookups(data):
    """Space station statuses and types and payload types, the served ones padded past a page of 20."""
    data.station_statuses = data.named(models.SpaceStationStatus, ["Active", "De-orbited", "Planned"])
    data.station_types = data.named(models.SpaceStationType, ["Government", "Multinational", "Commercial"])
    data.payload_types = data.named(
        models.PayloadType, ["Technology Demonstrator", "Communications", "Science", "Cargo", "Earth Observation"]
    )
    data.pad(models.SpaceStationStatus, "Station status")
    data.pad(models.PayloadType, "Payload type")


@step(
    after=(
        "agencies.reference",
        "agencies.agencies",
        "launches.reference",
        "launches.places",
        "launches.programs",
        "spacecraft.configurations",
        "spacecraft.spacecraft",
        "docking.lookups",
    ),
    draws_after="spacecraft.spacecraft",
)
def stations(data):
    """Space stations, payloads, payload flights on the launches of flights, and docking locations."""
    data.station_list = []
    for index in range(data.scaled(15)):
        name = f"{data.pick(NAMES)} Station {index + 1}"
        founded = date(1971, 4, 19) + timedelta(days=data.rng.randrange(18000))
        data.station_list.append(
            data.new(
                models.SpaceStation,
                name=name,
                image=optional_image(data, name, 0.1),
                status=data.pick(data.station_statuses),
                founded=founded,
                deorbited=data.maybe(founded + timedelta(days=data.rng.randrange(300, 9000)), 0.6),
                description=data.sentence(),
                orbit="Low Earth Orbit",
                type=data.pick(data.station_types),
            )
        )
    data.payloads = [payload(data, index) for index in range(data.scaled(50))]
    data.payload_flights = []
    for _ in range(data.scaled(100)):
        flight = data.new(
            models.PayloadFlight,
            destination=data.maybe("Low Earth Orbit"),
            amount=data.rng.randint(1, 4),
            payload=data.pick(data.payloads),
            launch=data.pick(data.flights).launch,
            landing=landing(data),
        )
        flight.carrier_rocket = flight.launch.rocket
        data.payload_flights.append(flight)
    data.docking_locations = []
    for index in range(data.scaled(40)):
        host = index % 4
        data.docking_locations.append(
            data.new(
                models.DockingLocation,
                name=f"{data.pick(['Harmony', 'Zvezda', 'Tianhe', 'Unity'])} port {index + 1}",
                spacestation=data.pick(data.station_list) if host < 2 else None,
                spacecraft=data.pick(data.configs) if host == 2 else None,
                payload=data.pick(data.payloads) if host == 3 else None,
            )
        )


def payload(data, index):
    """The `index`-th payload, of some programs."""
    name = f"{data.pick(NAMES)}Sat-{index + 1}"
    payload = data.new(
        models.Payload,
        name=name,
        type=data.pick(data.payload_types),
        manufacturer=data.pick(data.agency_list),
        operator=data.pick(data.agency_list),
        image=optional_image(data, name),
        wiki_link=data.maybe(data.url("wiki", name), 0, empty_share=0.2),
        info_link=data.maybe(data.url("payload", name), 0, empty_share=0.5),
        cost=data.maybe(data.rng.randrange(10**6, INT32_MAX + 1)),
        mass=data.maybe(round(data.rng.uniform(5, 9000), 1)),
        description=data.sentence(),
    )
    data.link(payload, "program", data.some(data.program_list, 0, 2))
    return payload


@step(
    after=("agencies.agencies", "launches.reference", "docking.lookups", "docking.stations"),
    draws_after="docking.stations",
)
def station_details(data):
    """Owners, size and orbit of each station; its status follows its deorbiting."""
    orbits = [orbit.name for orbit in data.orbits]
    for station in data.station_list:
        data.link(station, "owners", data.some(data.agency_list, 1, 4))
        station.status = data.station_statuses[0 if station.deorbited is None else 1]
        station.orbit = data.pick([orbits[0], orbits[0], *orbits])
        station.height = data.maybe(round(data.rng.uniform(10, 110), 1))
        station.width = data.maybe(round(data.rng.uniform(10, 110), 1))
        station.mass = data.maybe(round(data.rng.uniform(8, 450), 1))
        station.volume = data.maybe(data.rng.randrange(90, 1000))


@step(
    after=(
        "launches.reference",
        "launches.programs",
        "launches.astronauts",
        "spacecraft.spacecraft",
        "docking.stations",
    ),
    draws_after="docking.station_details",
)
def expeditions(data):
    """Each station's expeditions, one after the other; the last one of a station in orbit under way.

    The crew of an expedition under way are astronauts in space; a station's `onboard_crew` counts them.
    """
    in_space = [astronaut for astronaut in data.astronaut_list if astronaut.in_space] or data.astronaut_list
    data.expedition_list = data.rows[models.Expedition]
    for station in data.station_list:
        station.onboard_crew = 0
        for number, (start, end) in enumerate(expedition_spans(data, station), 1):
            current = end is None
            if current:
                end = data.maybe(data.moment(*PLANNED), 0.5)
            expedition = data.new(
                models.Expedition,
                name=f"{station.name} Expedition {number}",
                start=start,
                end=end,
                spacestation=station,
            )
            data.link(expedition, "mission_patches", data.some(data.patches, 0, 2))
            crew = data.some(in_space if current else data.astronaut_list, 1, 4)
            seats = [
                data.new(launches.AstronautFlight, role=data.roles[i], astronaut=astronaut)
                for i, astronaut in enumerate(crew)  # at most 4, one role each
            ]
            data.link(expedition, "crew", seats)
            if current:
                station.onboard_crew += len(seats)
            for walk in range(data.rng.randint(0, 2)):
                walk_start = data.moment(start, min(end or NOW, NOW) - timedelta(hours=9))
                duration = timedelta(hours=data.rng.uniform(4, 9), microseconds=data.micro())
                data.new(
                    models.Spacewalk,
                    name=f"{expedition.name} EVA {walk + 1}",
                    start=walk_start,
                    end=walk_start + duration,
                    duration=duration,
                    location=data.maybe(f"{station.name} {data.pick(['truss', 'airlock', 'exterior'])}"),
                    expedition=expedition,
                    spacestation=station,
                )


def expedition_spans(data, station):
    """The start and end of each expedition of `station`, in turn; the last of a station in orbit has no end yet."""
    founded = midnight(station.founded)
    if station.deorbited is None:
        end = None
        start = NOW - timedelta(days=data.rng.uniform(10, 150))
    else:
        end = min(midnight(station.deorbited), NOW)
        start = end - timedelta(days=data.rng.uniform(60, 200))
    spans, count = [], data.rng.randint(2, 6)
    while start > founded and len(spans) < count:
        spans.insert(0, (start, end))
        end = start - timedelta(days=data.rng.uniform(1, 30), seconds=data.rng.randrange(86400))
        start = end - timedelta(days=data.rng.uniform(60, 200))
    return spans


@step(after=("spacecraft.spacecraft", "docking.stations"), draws_after="docking.expeditions")
def station_visits(data):
    """What is docked at each station in orbit at NOW, at ports of its own: a module's, a visiting
    vehicle's and a berthing port, so that docking events of every kind are under way; and the
    last visit of a payload to each deorbited station, at a vehicle left there."""
    # Payload flights chase in turn, so that the first ones of a page have docking events of every kind.
    payload_chasers = iter(data.payload_flights)
    ongoing = [flight for flight in data.flights if flight.mission_end is None]
    data.rng.shuffle(ongoing)
    # Taken from the end: first the flights of spacecraft that flew before.
    ongoing.sort(key=lambda flight: flight.spacecraft.fastest_turnaround is not None)
    ended = [flight for flight in data.flights if flight.mission_end is not None]
    in_orbit = [station for station in data.station_list if station.deorbited is None]
    for index, station in enumerate(in_orbit):
        visits_under_way(data, station, index, ongoing, ended, payload_chasers)
    for station in data.station_list:
        if station.deorbited is not None:
            last_visit(data, station, ended, payload_chasers)


def visits_under_way(data, station, index, ongoing, ended, payload_chasers):
    """What docks at the ports of `station`, the `index`-th in orbit, from flights `ongoing` or `ended`."""
    module = data.pick(data.payload_flights)
    # A vehicle in flight, or one whose flight ended with it left at the station as a module.
    vehicle = ongoing.pop() if index % 2 else data.pick(ended)
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
        location = data.new(models.DockingLocation, name=f"{station.name} {name}", spacestation=station, **host)
        if kind == "flight":
            chaser = {"flight_vehicle_chaser": ongoing.pop()}
            launched = chaser["flight_vehicle_chaser"].launch.net
        elif kind == "payload":
            chaser = {"payload_flight_chaser": next(payload_chasers)}
            launched = chaser["payload_flight_chaser"].launch.net
        else:
            chaser = {"space_station_chaser": data.pick([s for s in data.station_list if s is not station])}
            launched = midnight(chaser["space_station_chaser"].founded)
        data.new(
            models.DockingEvent,
            docking=data.moment(max(launched, NOW - timedelta(days=200)), NOW - timedelta(hours=1)),
            departure=data.maybe(data.moment(*PLANNED), 0.5),
            docking_location=location,
            space_station_target=station,
            **chaser,
            **target,
        )


def last_visit(data, station, ended, payload_chasers):
    """The last visit of a payload to the deorbited `station`, at the port of a vehicle left there."""
    last = min(midnight(station.deorbited), NOW)
    docked = data.moment(last - timedelta(days=200), last - timedelta(days=20))
    vehicle = data.pick(ended)
    location = data.new(
        models.DockingLocation,
        name=f"{station.name} payload port",
        spacestation=station,
        spacecraft=vehicle.spacecraft.spacecraft_config,
    )
    data.new(
        models.DockingEvent,
        docking=docked,
        departure=docked + timedelta(days=data.rng.uniform(1, 19)),
        docking_location=location,
        space_station_target=station,
        flight_vehicle_target=vehicle,
        payload_flight_chaser=next(payload_chasers),
    )


@step(
    after=("spacecraft.spacecraft", "docking.stations", "docking.station_visits"), draws_after="docking.station_visits"
)
def docking_events(data):
    """Docking events past those under way at stations, of the kinds of DOCKING_KINDS in turn."""
    locations = defaultdict(list)
    for location in data.docking_locations:
        host = "station" if location.spacestation else "flight" if location.spacecraft else "payload"
        locations[host].append(location)
    # 700 events per scale, the visits under way at stations (`station_visits`) included.
    for index in range(data.scaled(700) - len(data.rows[models.DockingEvent])):
        kind = DOCKING_KINDS[index % len(DOCKING_KINDS)]
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
            docked = data.moment(datetime(1998, 1, 1, tzinfo=UTC), NOW)
            departure = data.maybe(docked + timedelta(days=data.rng.uniform(1, 300)), 0.3)
            if kind == "payloads":
                location = data.pick(locations["payload"])
                event["payload_flight_chaser"] = data.pick(data.payload_flights)
                event["payload_flight_target"] = data.pick(data.payload_flights)
            else:
                location = data.pick(locations["station"])
                event["space_station_chaser"] = data.pick(data.station_list)
                event["space_station_target"] = location.spacestation
        else:
            # Chasers taken in turn, so that the first flights of every page have docking events too.
            chaser = event["flight_vehicle_chaser"] = data.flights[index % len(data.flights)]
            end = chaser.mission_end or NOW
            docked = data.moment(chaser.launch.net, chaser.launch.net + (end - chaser.launch.net) / 4)
            departure = None if chaser.mission_end is None and data.chance(0.5) else data.moment(docked, end)
            location = data.pick(locations[kind])
            if kind == "station":
                event["space_station_target"] = location.spacestation
            elif kind == "flight":
                event["flight_vehicle_target"] = data.pick(data.flights)
            else:
                event["payload_flight_target"] = data.pick(data.payload_flights)
            if departure:
                chaser.spacecraft.time_docked += departure - docked
        data.new(models.DockingEvent, docking=docked, departure=departure, docking_location=location, **event)


@step(
    after=("docking.stations", "docking.station_visits", "docking.docking_events"), draws_after="docking.docking_events"
)
def one_vehicle_per_port(data):
    """At most one vehicle docked at a location at NOW: of the events not departed at a location,
    each but the last to dock departs when the next one docks, and the last one too if the station
    was deorbited by NOW. A station's `docked_vehicles` counts the events not departed that target it."""

    def depart(event, moment):
        event.departure = max(moment, event.docking + timedelta(minutes=1))
        if event.flight_vehicle_chaser:
            event.flight_vehicle_chaser.spacecraft.time_docked += event.departure - event.docking

    docked = defaultdict(list)
    for event in data.rows[models.DockingEvent]:
        if event.departure is None or event.departure > NOW:
            docked[event.docking_location.pk].append(event)
    counts = defaultdict(int)
    for events in docked.values():
        events.sort(key=lambda event: (event.docking, event.pk))
        for event, following in pairwise(events):
            depart(event, following.docking)
        last, station = events[-1], events[-1].docking_location.spacestation
        if station and station.deorbited and midnight(station.deorbited) <= NOW:
            depart(last, min(last.docking + timedelta(days=data.rng.uniform(1, 30)), NOW))
        elif last.space_station_target:
            counts[last.space_station_target.pk] += 1
    for station in data.station_list:
        station.docked_vehicles = counts[station.pk]


@step(
    after=(
        "launches.reference",
        "launches.programs",
        "launches.astronauts",
        "launches.events",
        "launches.more_programs",
        "spacecraft.spacecraft",
        "docking.expeditions",
        "docking.station_visits",
        "docking.docking_events",
    ),
    draws_after="launches.more_programs",
)
def spacewalks(data):
    """Spacewalks made from spacecraft flights beside the expeditions' ones; their crews and programs.

    A spacewalk's crew are members of its expedition's crew or of its flight's launch crew; a
    flight's spacewalk is in the programs of its launch. A spacewalk event that has taken place is
    the event of a spacewalk.
    """
    seats = {seat.pk: seat for seat in data.rows[launches.AstronautFlight]}
    launch_crews = {
        flight: [seats[pk].astronaut for pk in crew]
        for flight, crew in data.linked(spacecraft.SpacecraftFlight, "launch_crew").items()
    }
    walked, leaders = walking_flights(data, launch_crews)
    station_walks = list(data.rows[models.Spacewalk])
    flight_walks = [flight_walk(data, flight) for flight in walked]
    walks = spread(station_walks, flight_walks)
    data.rows[models.Spacewalk] = walks
    expedition_crews = data.linked(models.Expedition, "crew")
    for walk in station_walks:
        crew = [seats[pk].astronaut for pk in expedition_crews[walk.expedition.pk]]
        spacewalk_crew(data, walk, crew, data.some(data.program_list, 0, 1))
    launch_programs = data.linked(launches.Launch, "program")
    programs = {program.pk: program for program in data.program_list}
    for walk in flight_walks:
        flight = walk.spacecraft_flight
        programs_of_launch = [programs[pk] for pk in launch_programs[flight.launch.pk]]
        spacewalk_crew(data, walk, launch_crews[flight.pk], programs_of_launch, leaders.get(flight.pk))
    # Spread over the ids as well.
    events = [event for event in data.event_list if event.type.name == "Spacewalk" and event.date <= NOW]
    for index, event in enumerate(events):
        walks[index * len(walks) // len(events)].event = event


def walking_flights(data, launch_crews):
    """The crewed flights that spacewalks are made from, and the astronaut who leads the walk of some (by id)."""
    targets = docked_kinds(data)
    crewed = [flight for flight in data.flights if flight.pk in launch_crews]
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
    for astronaut in data.astronaut_list:
        flight = next((f for f in crewed if astronaut in launch_crews[f.pk]), None)
        if flight and flight.pk not in leaders:
            leaders[flight.pk] = astronaut
        if len(leaders) == 5:
            break
    walked = [flight for flight in crewed if flight.pk not in leaders][: data.scaled(30) - len(leaders)]
    walked += [flight for flight in data.flights if flight.pk in leaders]
    return walked, leaders


def docked_kinds(data):
    """What each flight (by id) docks to: a station, a flight (after a turnaround), a payload flight (of a program)."""
    payload_programs = data.linked(models.Payload, "program")
    targets = defaultdict(set)
    for event in data.rows[models.DockingEvent]:
        if event.flight_vehicle_chaser:
            targets[event.flight_vehicle_chaser.pk].update(
                name
                for name, docked_to in [
                    ("station", event.space_station_target),
                    ("flight", event.flight_vehicle_target),
                    ("turnaround", event.flight_vehicle_target and event.flight_vehicle_target.turn_around_time),
                    ("landed flight", event.flight_vehicle_target and event.flight_vehicle_target.landing),
                    ("payload", event.payload_flight_target),
                    (
                        "program",
                        event.payload_flight_target and payload_programs.get(event.payload_flight_target.payload.pk),
                    ),
                ]
                if docked_to
            )
    return targets


def flight_walk(data, flight):
    """A spacewalk from `flight`, during its mission."""
    end = flight.mission_end or NOW
    start = data.moment(flight.launch.net, end - timedelta(hours=9))
    duration = timedelta(hours=data.rng.uniform(3, 8), microseconds=data.micro())
    return data.new(
        models.Spacewalk,
        name=f"{flight.spacecraft.name} EVA",
        start=start,
        end=start + duration,
        duration=duration,
        location=data.maybe(f"{flight.spacecraft.name} {data.pick(['payload bay', 'hatch', 'exterior'])}"),
        spacecraft_flight=flight,
    )


def spread(station_walks, flight_walks):
    """The walks numbered anew, those of flights spread among those of stations so that every page holds both."""
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
    return walks


def spacewalk_crew(data, walk, crew, programs, leader=None):
    """One or two of `crew` walk, `leader` among them."""
    walkers = data.some(crew, 1, 2)
    if leader and leader not in walkers:
        walkers = [leader, *walkers[:1]]
    seats = [
        data.new(launches.AstronautFlight, role=data.pick(data.roles), astronaut=astronaut) for astronaut in walkers
    ]
    data.link(walk, "crew", seats)
    data.link(walk, "program", programs)


@step(
    after=(
        "launches.reference",
        "launches.places",
        "launches.future_launches",
        "spacecraft.spacecraft",
        "spacecraft.planned_flights",
        "docking.stations",
        "docking.one_vehicle_per_port",
    ),
    draws_after="spacecraft.planned_flights",
)
def planned_dockings(data):
    """The payloads and docking events planned on upcoming launches (11 dockings of planned flights per
    scale past the 700 events that took place), and rendezvous that the first page of launches shows."""
    # A payload on every upcoming launch and on the last launches that took place, so that the first
    # page of either list shows payloads; and on the first launches, the first page of all launches.
    took_place = sorted((flight.launch for flight in data.flights), key=lambda launch: launch.net)
    planned_payloads = payloads_on(data, [*data.upcoming, *took_place[:10], *took_place[-20:]])
    # Planned rendezvous with another planned flight or payload, at a spacecraft's or a payload's port
    # (not at a station: a station counts the dockings that have not departed as docked vehicles).
    for index, (chaser, target) in enumerate(pairwise(data.planned)):
        docked = data.moment(chaser.launch.net, chaser.launch.net + chaser.duration / 4)
        with_payload = index % 2 == 1
        host = "payload" if with_payload else "spacecraft"
        data.new(
            models.DockingEvent,
            docking=docked,
            departure=data.moment(docked, chaser.mission_end),
            docking_location=data.pick([place for place in data.docking_locations if getattr(place, host)]),
            flight_vehicle_chaser=chaser,
            flight_vehicle_target=None if with_payload else target,
            payload_flight_target=planned_payloads[index + 1] if with_payload else None,
        )
    # A rendezvous with a payload on the first launch, so that the first page of all launches shows one.
    chaser = next(flight for flight in data.flights if flight.launch is took_place[0])
    rendezvous(data, chaser, "payload", payload_flight_target=planned_payloads[len(data.upcoming) + 1])
    # And one with a flight that ended, launched for a program, so that the first page of all launches
    # shows a target flight with its launch, its landing and the program's agencies and patches, whatever
    # the scale (the events taken in turn above do not always target a flight on that page).
    programs = data.linked(launches.Launch, "program")
    target = next(
        flight for flight in data.flights if flight is not chaser and flight.landing and programs[flight.launch.pk]
    )
    rendezvous(data, chaser, "spacecraft", flight_vehicle_target=target)
    # And the last planned flight's docking at a station: not docked yet, so the station lists it among
    # its active docking events but does not count it among its docked vehicles (see `one_vehicle_per_port`).
    chaser = data.planned[-1]
    ports = [place for place in data.docking_locations if place.spacestation and place.spacestation.image]
    # Of a station deorbited by then if there is one, so that the upcoming launches show a `deorbited`.
    port = data.pick([place for place in ports if place.spacestation.deorbited] or ports)
    data.new(
        models.DockingEvent,
        docking=data.moment(chaser.launch.net, chaser.launch.net + chaser.duration / 4),
        docking_location=port,
        flight_vehicle_chaser=chaser,
        space_station_target=port.spacestation,
    )


def payloads_on(data, launch_list):
    """Payload flights on `launch_list`, of payloads that flew already (so that those that never flew stay so)."""
    flown = list({flight.payload.pk: flight.payload for flight in data.payload_flights}.values())
    return [
        data.new(
            models.PayloadFlight,
            destination=data.maybe("Low Earth Orbit"),
            amount=data.rng.randint(1, 4),
            payload=data.pick(flown),
            launch=launch,
            carrier_rocket=launch.rocket,
            landing=landing(data),
        )
        for launch in launch_list
    ]


def rendezvous(data, chaser, host, **target):
    """A docking of the flight `chaser` during its mission (so far, for a flight still under way), at a
    docking location of a `host` (spacecraft, payload), counted in its spacecraft's time docked."""
    end = chaser.mission_end or NOW
    docked = data.moment(chaser.launch.net, chaser.launch.net + (end - chaser.launch.net) / 4)
    departure = data.moment(docked, end)
    chaser.spacecraft.time_docked += departure - docked
    data.new(
        models.DockingEvent,
        docking=docked,
        departure=departure,
        docking_location=data.pick([place for place in data.docking_locations if getattr(place, host)]),
        flight_vehicle_chaser=chaser,
        **target,
    )


@step(after=("launches.astronauts", "spacecraft.spacecraft", "docking.spacewalks"))
def astronaut_records(data):
    """What LL2 lists and counts of each astronaut, from the crews: the launches of the flights they
    launched with, the flights they landed with (those that ended), their spacewalks and the time
    spent on them."""
    seats = {seat.pk: seat for seat in data.rows[launches.AstronautFlight]}
    flights = {flight.pk: flight for flight in data.flights}
    walks = {walk.pk: walk for walk in data.rows[models.Spacewalk]}
    records = {astronaut.pk: defaultdict(list) for astronaut in data.astronaut_list}
    for model, field_name, kind in [
        (spacecraft.SpacecraftFlight, "launch_crew", "flights"),
        (spacecraft.SpacecraftFlight, "landing_crew", "landings"),
        (models.Spacewalk, "crew", "spacewalks"),
    ]:
        for owner, crew in data.linked(model, field_name).items():
            for seat in crew:
                records[seats[seat].astronaut.pk][kind].append(owner)
    for astronaut in data.astronaut_list:
        record = records[astronaut.pk]
        launched = [flights[pk].launch for pk in record["flights"]]
        landed = [flights[pk] for pk in record["landings"] if flights[pk].mission_end is not None]
        spacewalks = [walks[pk] for pk in record["spacewalks"]]
        data.link(astronaut, "flights", launched)
        data.link(astronaut, "landings", landed)
        data.link(astronaut, "spacewalks", spacewalks)
        astronaut.flights_count = len(set(launched))
        astronaut.landings_count = len(set(landed))
        astronaut.spacewalks_count = len(set(spacewalks))
        astronaut.eva_time = sum((walk.duration for walk in set(spacewalks)), timedelta(0))


@step(after=("launches.first_stages", "launches.launch_details", "launches.launcher_landing_counts",
             "spacecraft.planned_flights", "docking.planned_dockings"))
def mix_landings(data):
    """Landings numbered in turn by what they ended (spacecraft flight, payload flight, first stage),
    so that every page of landings shows each kind. The first stages start at a reused one: a
    page of 10 then loads previous flights as one of 100 does."""
    owners = [
        [row for row in data.rows[model] if row.landing is not None]
        for model in (spacecraft.SpacecraftFlight, models.PayloadFlight, launches.FirstStage)
    ]
    stages = owners[2]
    reused = next(index for index, stage in enumerate(stages) if stage.previous_flight is not None)
    owners[2] = stages[reused:] + stages[:reused]
    ordered = [row for group in zip_longest(*owners) for row in group if row is not None]
    owned = {id(row.landing) for row in ordered}
    landings = [row.landing for row in ordered]
    landings += [row for row in data.rows[launches.Landing] if id(row) not in owned]
    for number, row in enumerate(landings, 1):
        row.id = number
    for row in ordered:
        row.landing_id = row.landing.id
    data.rows[launches.Landing] = landings
