"""What the Starship dashboard shows: the rows of LL2's Starship programme that each of its lists
selects, at the time of the request (upcoming and previous as `/launches/upcoming/` and
`/launches/previous/` tell them apart)."""

from dataclasses import dataclass

from launches.models import Event, Launch, Launcher, LauncherConfig, LiveStream, Notice, Program, RoadClosure, Update
from launches.resources import PREVIOUS, UPCOMING, When
from lldapi.collation import Collated
from spacecraft.models import Spacecraft, SpacecraftFlight

PROGRAM = "Starship"
# The updates it shows, newest first.
UPDATES = 10


@dataclass(frozen=True)
class Starship:
    """The programme a dashboard shows, None where the database holds none."""

    program: Program | None

    @classmethod
    def now(cls):
        return cls(Program.objects.filter(name=PROGRAM).order_by("id").first())

    def of(self, rows, **lookups):
        return rows.filter(**lookups) if self.program is not None else rows.none()

    @property
    def upcoming(self):
        return Period(self, UPCOMING)

    @property
    def previous(self):
        return Period(self, PREVIOUS)

    def updates(self):
        """Its own updates and those of its launches and events."""
        launches, events = self.of(Launch.objects, program=self.program), self.of(Event.objects, program=self.program)
        return (self.of(Update.objects, program=self.program)
                | Update.objects.filter(launch__in=launches.values("pk"))
                | Update.objects.filter(event__in=events.values("pk")))[:UPDATES]

    def live_streams(self):
        return self.of(LiveStream.objects, program=self.program)

    def road_closures(self):
        return self.of(RoadClosure.objects, program=self.program).order_by("window_start", "id")

    def notices(self):
        return self.of(Notice.objects, program=self.program).order_by("date", "id")

    def vehicles(self):
        """The launchers of its configurations, by serial number."""
        configurations = self.of(LauncherConfig.objects, program=self.program)
        launchers = Launcher.objects.filter(launcher_config__in=configurations.values("pk"))
        return launchers.order_by(Collated("serial_number"), "id")

    def orbiters(self):
        """The spacecraft that flew, or are to fly, on its launches."""
        flights = SpacecraftFlight.objects.filter(launch__in=self.of(Launch.objects, program=self.program).values("pk"))
        return Spacecraft.objects.filter(pk__in=flights.values("spacecraft")).order_by(Collated("serial_number"), "id")


@dataclass(frozen=True)
class Period:
    """The programme's launches and events upcoming, or previous (`when`: `launches.resources.UPCOMING`
    or `PREVIOUS`), as `/launches/upcoming/` and `/launches/previous/` select and order them."""

    starship: Starship
    when: When

    def launches(self):
        rows = self.starship.of(Launch.objects, program=self.starship.program).filter(self.when.condition("net"))
        return rows.order_by(*self.when.order("net"), "id")

    def events(self):
        # Oldest first either way, as a real 2.2.0 dashboard lists its previous events.
        rows = self.starship.of(Event.objects, program=self.starship.program).filter(self.when.condition("date"))
        return rows.order_by(*UPCOMING.order("date"), "id")
