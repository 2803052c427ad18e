"""Launches, as far as spacecraft and payload flights embed them."""

from django.db import models

from agencies.models import Agency, Image
from lldapi.collation import Collated
from lldapi.records import NamedType, Record

from .places import CelestialBody, Pad


class LaunchStatus(Record):
    name = models.CharField(max_length=255, null=True)
    abbrev = models.CharField(max_length=255, null=True)
    description = models.CharField(max_length=2048, null=True)

    class Meta(Record.Meta):
        verbose_name_plural = "launch statuses"


class NetPrecision(Record):
    name = models.CharField(max_length=255, null=True)
    abbrev = models.CharField(max_length=255, null=True)
    description = models.CharField(max_length=2048, null=True)


# The counts that LL2 orders launcher families and configurations by, with their name.
ORDERED_COUNTS = [
    "name", "total_launch_count", "consecutive_successful_launches", "successful_launches", "failed_launches",
    "pending_launches", "attempted_landings", "successful_landings", "failed_landings",
    "consecutive_successful_landings",
]


class LaunchCounts(Record):
    """The launch and landing counts that LL2 publishes for launcher families and configurations."""

    total_launch_count = models.IntegerField(null=True)
    consecutive_successful_launches = models.IntegerField(null=True)
    successful_launches = models.IntegerField(null=True)
    failed_launches = models.IntegerField(null=True)
    pending_launches = models.IntegerField(null=True)
    attempted_landings = models.IntegerField(null=True)
    successful_landings = models.IntegerField(null=True)
    failed_landings = models.IntegerField(null=True)
    consecutive_successful_landings = models.IntegerField(null=True)

    class Meta(Record.Meta):
        abstract = True


class LauncherConfigFamily(LaunchCounts):
    name = models.CharField(max_length=200, null=True)
    manufacturer = models.ManyToManyField(Agency, related_name="+")
    parent = models.ForeignKey("self", models.SET_NULL, null=True, related_name="+")
    description = models.CharField(max_length=2048, null=True)
    active = models.BooleanField(null=True)
    maiden_flight = models.DateField(null=True)

    class Meta(LaunchCounts.Meta):
        verbose_name_plural = "launcher config families"
        indexes = [models.Index(fields=[column, "id"]) for column in ORDERED_COUNTS]


class LauncherConfig(LaunchCounts):
    launch_library_id = models.IntegerField(null=True)
    name = models.CharField(max_length=200, null=True)
    families = models.ManyToManyField(LauncherConfigFamily, related_name="+")
    # LL2 2.0.0 names the family as a bare string, without the id of a LauncherConfigFamily.
    legacy_family = models.CharField(max_length=200, null=True)
    full_name = models.CharField(max_length=200, null=True)
    variant = models.CharField(max_length=200, null=True)
    # An agency's `launcher_list`: the configurations it manufactures.
    manufacturer = models.ForeignKey(Agency, models.SET_NULL, null=True, related_name="launcher_list")
    active = models.BooleanField(null=True)
    is_placeholder = models.BooleanField(null=True)
    program = models.ManyToManyField("Program", related_name="+")
    reusable = models.BooleanField(null=True)
    image = models.ForeignKey(Image, models.SET_NULL, null=True, related_name="+")
    info_url = models.CharField(max_length=200, null=True)
    wiki_url = models.CharField(max_length=200, null=True)
    description = models.CharField(max_length=2048, null=True)
    alias = models.CharField(max_length=200, null=True)
    min_stage = models.IntegerField(null=True)
    max_stage = models.IntegerField(null=True)
    length = models.FloatField(null=True)
    diameter = models.FloatField(null=True)
    maiden_flight = models.DateField(null=True)
    launch_cost = models.IntegerField(null=True)
    launch_mass = models.FloatField(null=True)
    leo_capacity = models.FloatField(null=True)
    gto_capacity = models.FloatField(null=True)
    geo_capacity = models.FloatField(null=True)
    sso_capacity = models.FloatField(null=True)
    to_thrust = models.FloatField(null=True)
    apogee = models.FloatField(null=True)
    fastest_turnaround = models.DurationField(null=True)

    class Meta(LaunchCounts.Meta):
        # LL2 lists an agency's launcher configurations by name.
        ordering = [Collated("name"), "id"]
        indexes = [
            models.Index(fields=[column, "id"])
            for column in [
                *ORDERED_COUNTS, "gto_capacity", "launch_cost", "launch_mass", "leo_capacity", "maiden_flight",
            ]
        ]


class Rocket(Record):
    configuration = models.ForeignKey(LauncherConfig, models.SET_NULL, null=True, related_name="+")


class Orbit(Record):
    name = models.CharField(max_length=50, null=True)
    abbrev = models.CharField(max_length=30, null=True)
    celestial_body = models.ForeignKey(CelestialBody, models.SET_NULL, null=True, related_name="+")


class Mission(Record):
    launch_library_id = models.IntegerField(null=True)
    name = models.CharField(max_length=255, null=True)
    type = models.CharField(max_length=255, null=True)
    description = models.TextField(null=True)
    launch_designator = models.CharField(max_length=255, null=True)
    image = models.ForeignKey(Image, models.SET_NULL, null=True, related_name="+")
    orbit = models.ForeignKey(Orbit, models.SET_NULL, null=True, related_name="+")
    agencies = models.ManyToManyField(Agency, related_name="+")


class InfoURLType(NamedType):
    pass


class VidURLType(NamedType):
    pass


class Language(Record):
    name = models.CharField(max_length=255, null=True)
    code = models.CharField(max_length=255, null=True)


class InfoURL(Record):
    """A mission's, a launch's or an event's information link.

    LL2 publishes these without ids: a page's list replaces the stored one.
    """

    mission = models.ForeignKey(Mission, models.CASCADE, null=True, related_name="info_urls")
    launch = models.ForeignKey("Launch", models.CASCADE, null=True, related_name="info_urls")
    event = models.ForeignKey("Event", models.CASCADE, null=True, related_name="info_urls")
    priority = models.IntegerField(null=True)
    source = models.CharField(max_length=200, null=True)
    title = models.CharField(max_length=200, null=True)
    description = models.CharField(max_length=350, null=True)
    feature_image = models.URLField(max_length=200, null=True)
    url = models.URLField(max_length=1024, null=True)
    type = models.ForeignKey(InfoURLType, models.SET_NULL, null=True, related_name="+")
    language = models.ForeignKey(Language, models.SET_NULL, null=True, related_name="+")

    class Meta(Record.Meta):
        ordering = ["priority", "id"]


class VidURL(Record):
    """A mission's, a launch's or an event's video link.

    LL2 publishes these without ids: a page's list replaces the stored one.
    """

    mission = models.ForeignKey(Mission, models.CASCADE, null=True, related_name="vid_urls")
    launch = models.ForeignKey("Launch", models.CASCADE, null=True, related_name="vid_urls")
    event = models.ForeignKey("Event", models.CASCADE, null=True, related_name="vid_urls")
    priority = models.IntegerField(null=True)
    source = models.CharField(max_length=200, null=True)
    publisher = models.CharField(max_length=255, null=True)
    title = models.CharField(max_length=200, null=True)
    description = models.CharField(max_length=350, null=True)
    feature_image = models.URLField(max_length=200, null=True)
    url = models.URLField(max_length=1024, null=True)
    type = models.ForeignKey(VidURLType, models.SET_NULL, null=True, related_name="+")
    language = models.ForeignKey(Language, models.SET_NULL, null=True, related_name="+")
    start_time = models.DateTimeField(null=True)
    end_time = models.DateTimeField(null=True)
    live = models.BooleanField(null=True)

    class Meta(Record.Meta):
        ordering = ["priority", "id"]


class ProgramType(NamedType):
    pass


class MissionPatch(Record):
    name = models.CharField(max_length=200, null=True)
    priority = models.IntegerField(null=True)
    image_url = models.URLField(max_length=1024, null=True)
    agency = models.ForeignKey(Agency, models.SET_NULL, null=True, related_name="+")

    class Meta(Record.Meta):
        verbose_name_plural = "mission patches"
        indexes = [models.Index(fields=["name", "id"]), models.Index(fields=["priority", "id"])]


class Program(Record):
    name = models.CharField(max_length=255, null=True)
    description = models.CharField(max_length=40000, null=True)
    image = models.ForeignKey(Image, models.SET_NULL, null=True, related_name="+")
    # LL2 2.0.0 gives the image as a bare URL, without the id of an Image.
    legacy_image_url = models.URLField(max_length=1024, null=True)
    info_url = models.URLField(max_length=200, null=True)
    wiki_url = models.URLField(max_length=200, null=True)
    agencies = models.ManyToManyField(Agency, related_name="+")
    start_date = models.DateTimeField(null=True)
    end_date = models.DateTimeField(null=True)
    # A mission patch's programs (MissionPatchDetailed.program).
    mission_patches = models.ManyToManyField(MissionPatch, related_name="program")
    type = models.ForeignKey(ProgramType, models.SET_NULL, null=True, related_name="+")


class Launch(Record):
    id = models.UUIDField(primary_key=True)
    launch_library_id = models.IntegerField(null=True)
    name = models.CharField(max_length=2048, null=True)
    slug = models.SlugField(max_length=2048, null=True)
    launch_designator = models.CharField(max_length=255, null=True)
    status = models.ForeignKey(LaunchStatus, models.SET_NULL, null=True, related_name="+")
    last_updated = models.DateTimeField(null=True)
    net = models.DateTimeField(null=True)
    net_precision = models.ForeignKey(NetPrecision, models.SET_NULL, null=True, related_name="+")
    window_end = models.DateTimeField(null=True)
    window_start = models.DateTimeField(null=True)
    inhold = models.BooleanField(null=True)
    tbdtime = models.BooleanField(null=True)
    tbddate = models.BooleanField(null=True)
    image = models.ForeignKey(Image, models.SET_NULL, null=True, related_name="+")
    # LL2 2.0.0 gives the image as a bare URL, without the id of an Image.
    legacy_image_url = models.URLField(max_length=1024, null=True)
    infographic = models.URLField(max_length=1024, null=True)
    probability = models.IntegerField(null=True)
    weather_concerns = models.CharField(max_length=255, null=True)
    holdreason = models.CharField(max_length=2048, null=True)
    failreason = models.CharField(max_length=2048, null=True)
    hashtag = models.CharField(max_length=2048, null=True)
    launch_service_provider = models.ForeignKey(Agency, models.SET_NULL, null=True, related_name="+")
    rocket = models.OneToOneField(Rocket, models.SET_NULL, null=True, related_name="launch")
    mission = models.ForeignKey(Mission, models.SET_NULL, null=True, related_name="+")
    pad = models.ForeignKey(Pad, models.SET_NULL, null=True, related_name="+")
    webcast_live = models.BooleanField(null=True)
    program = models.ManyToManyField(Program, related_name="+")
    orbital_launch_attempt_count = models.IntegerField(null=True)
    location_launch_attempt_count = models.IntegerField(null=True)
    pad_launch_attempt_count = models.IntegerField(null=True)
    agency_launch_attempt_count = models.IntegerField(null=True)
    orbital_launch_attempt_count_year = models.IntegerField(null=True)
    location_launch_attempt_count_year = models.IntegerField(null=True)
    pad_launch_attempt_count_year = models.IntegerField(null=True)
    agency_launch_attempt_count_year = models.IntegerField(null=True)
    flightclub_url = models.URLField(max_length=200, null=True)
    # The time since the previous launch from the same pad, as LL2 publishes it.
    pad_turnaround = models.DurationField(null=True)
    # A mission patch's launches (MissionPatchDetailed.launches).
    mission_patches = models.ManyToManyField(MissionPatch, related_name="launches")

    class Meta(Record.Meta):
        verbose_name_plural = "launches"
        indexes = [
            models.Index(fields=["net", "id"]),
            models.Index(fields=["last_updated", "id"]),
            models.Index(fields=["name", "id"]),
            models.Index(fields=["window_start", "id"]),
            models.Index(fields=["window_end", "id"]),
        ]


class MissionType(NamedType):
    """LL2's mission types (`/config/mission_types/`); a mission shows its type by name alone."""


class Update(Record):
    """A news update of a launch, an event or a program."""

    launch = models.ForeignKey(Launch, models.CASCADE, null=True, related_name="updates")
    event = models.ForeignKey("Event", models.CASCADE, null=True, related_name="updates")
    program = models.ForeignKey(Program, models.CASCADE, null=True, related_name="updates")
    profile_image = models.URLField(max_length=1024, null=True)
    comment = models.CharField(max_length=40000, null=True)
    info_url = models.URLField(max_length=200, null=True)
    created_by = models.CharField(max_length=255, null=True)
    created_on = models.DateTimeField(null=True)

    class Meta(Record.Meta):
        # Newest first, as LL2 lists them.
        ordering = ["-created_on", "-id"]


class TimelineEventType(Record):
    abbrev = models.CharField(max_length=255, null=True)
    description = models.CharField(max_length=2048, null=True)


class TimelineEvent(Record):
    """A step of a launch's timeline. LL2 publishes these without ids: a page's list replaces the stored one."""

    launch = models.ForeignKey(Launch, models.CASCADE, related_name="timeline")
    type = models.ForeignKey(TimelineEventType, models.SET_NULL, null=True, related_name="+")
    relative_time = models.DurationField(null=True)

    class Meta(Record.Meta):
        ordering = ["relative_time", "id"]
