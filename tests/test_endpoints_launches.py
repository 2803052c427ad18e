"""Launches and events (all, upcoming and previous) and the launch lookups, over the synthetic data.

Expectations come from the JSON of the records (every record fetched, then filtered or sorted in
Python), not from the ORM. What is upcoming or previous is taken at the time of the request, from the
real clock, whatever the data set's own `NOW`.
"""

from datetime import UTC, datetime, timedelta

import isodate
import pytest
from django.test import Client

from .expectations import COMPARED, every, sorted_ids
from .fidelity import get_json, ids

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("generated")]

LAUNCHES = "/2.3.0/launches/"
UPCOMING = "/2.3.0/launches/upcoming/"
PREVIOUS = "/2.3.0/launches/previous/"
EVENTS = "/2.3.0/events/"
UPCOMING_EVENTS = "/2.3.0/events/upcoming/"
PREVIOUS_EVENTS = "/2.3.0/events/previous/"
DAY = timedelta(hours=24)
# Requests that straddle a boundary of the upcoming or previous lists may see a record move: records
# this close to a boundary are left out of comparisons.
MARGIN = timedelta(minutes=5)


@pytest.fixture(scope="module")
def launches(fetched):
    """Every launch, in the normal shape (provider, rocket, mission, pad, programs)."""
    return fetched(f"{LAUNCHES}?mode=normal")


@pytest.fixture(scope="module")
def upcoming(fetched):
    """The upcoming launches in the detailed shape (flights, stages, video links, updates)."""
    return fetched(f"{UPCOMING}?mode=detailed")


@pytest.fixture(scope="module")
def events(fetched):
    return fetched(f"{EVENTS}?mode=detailed")


def moment(value):
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def far_from(value, *boundaries):
    return all(abs(moment(value) - boundary) > MARGIN for boundary in boundaries)


def matching(client, url):
    return sorted(ids(client, url))


# Upcoming and previous


def test_upcoming_holds_the_launches_from_24_hours_ago_on_by_net(client, launches):
    now = datetime.now(UTC)
    listed = ids(client, f"{UPCOMING}?limit=100")
    shown = [launch for launch in listed if far_from(launches[launch]["net"], now - DAY)]
    wanted = [
        key for key, record in launches.items()
        if moment(record["net"]) >= now - DAY and far_from(record["net"], now - DAY)
    ]
    assert len(listed) == len(set(listed)) > 10
    assert set(shown) == set(wanted)
    nets = [launches[launch]["net"] for launch in listed]
    assert nets == sorted(nets)


def test_hide_recent_previous_leaves_out_the_last_day(client, launches):
    now = datetime.now(UTC)
    listed = ids(client, f"{UPCOMING}?hide_recent_previous=true&limit=100")
    assert listed and all(moment(launches[launch]["net"]) >= now - MARGIN for launch in listed)
    recent = [key for key, record in launches.items() if now - DAY + MARGIN < moment(record["net"]) < now - MARGIN]
    everything = set(ids(client, f"{UPCOMING}?limit=100"))
    assert set(recent) <= everything and not set(recent) & set(listed)
    assert set(ids(client, f"{UPCOMING}?hide_recent_previous=false&limit=100")) == everything


def test_previous_holds_the_launches_before_now_latest_first(client, launches):
    now = datetime.now(UTC)
    listed = ids(client, f"{PREVIOUS}?limit=100")
    nets = [launches[launch]["net"] for launch in listed]
    assert len(listed) > 10 and nets == sorted(nets, reverse=True)
    wanted = sorted(
        (record["net"], key) for key, record in launches.items() if moment(record["net"]) < now - MARGIN
    )
    assert [key for _, key in reversed(wanted)][:50] == [
        launch for launch in listed if far_from(launches[launch]["net"], now)
    ][:50]


def test_all_launches_are_listed_by_net(client, launches):
    first = get_json(client, f"{LAUNCHES}?limit=100")["results"]
    nets = sorted(record["net"] for record in launches.values())
    assert [record["net"] for record in first] == nets[:100]


def test_both_lists_hold_more_than_ten_launches_for_years():
    """The synthetic nets keep both lists populated at any date of the coming decade."""
    from launches.models import Launch

    for year in range(2026, 2036):
        when = datetime(year, 12, 31, tzinfo=UTC)
        assert Launch.objects.filter(net__gte=when - DAY).count() > 10
        assert Launch.objects.filter(net__lt=when).count() > 10


def test_sub_paths_are_not_launch_ids_and_links_name_the_launch(client, launches, upcoming):
    launch = next(iter(upcoming.values()))
    assert launch["url"].endswith(f"{LAUNCHES}{launch['id']}/")
    assert get_json(client, f"{UPCOMING}{launch['id']}/")["id"] == launch["id"]
    assert get_json(client, f"{LAUNCHES}{launch['id']}/")["response_mode"] == "detailed"
    past = next(key for key, record in launches.items() if moment(record["net"]) < datetime.now(UTC) - DAY * 2)
    assert get_json(client, f"{PREVIOUS}{past}/")["id"] == past
    get_json(client, f"{UPCOMING}{past}/", status=404)
    get_json(client, f"{LAUNCHES}upcoming/nonsense/", status=404)


def test_events_upcoming_and_previous_by_date(client, events):
    now = datetime.now(UTC)
    upcoming = ids(client, f"{UPCOMING_EVENTS}?limit=100")
    previous = ids(client, f"{PREVIOUS_EVENTS}?limit=100")
    dates = [events[event]["date"] for event in upcoming]
    assert len(upcoming) > 10 and dates == sorted(dates)
    dates = [events[event]["date"] for event in previous]
    assert len(previous) > 10 and dates == sorted(dates, reverse=True)
    assert {e for e in upcoming if far_from(events[e]["date"], now - DAY)} == {
        key
        for key, record in events.items()
        if moment(record["date"]) >= now - DAY and far_from(record["date"], now - DAY)
    }
    assert {e for e in previous if far_from(events[e]["date"], now)} == {
        key for key, record in events.items() if moment(record["date"]) < now and far_from(record["date"], now)
    }
    hidden = ids(client, f"{UPCOMING_EVENTS}?hide_recent_previous=true&limit=100")
    assert all(moment(events[event]["date"]) >= now - MARGIN for event in hidden)


# Launch filters, against the normal shape of every launch


COUNT = "orbital_launch_attempt_count"


@pytest.mark.parametrize(("suffix", "compare"), COMPARED)
def test_count_comparisons(client, launches, suffix, compare):
    bound = sorted(record[COUNT] for record in launches.values())[len(launches) // 2]
    assert matching(client, f"{LAUNCHES}?{COUNT}{suffix}={bound}&limit=100") == sorted_ids(
        launches, lambda record: compare(record[COUNT], bound)
    )


@pytest.mark.parametrize("field", ["net", "window_start", "window_end", "last_updated"])
@pytest.mark.parametrize(("suffix", "compare"), COMPARED[1:])
def test_date_comparisons(client, launches, field, suffix, compare):
    if field == "last_updated" and suffix in ("__gt", "__lt"):
        return  # LL2 documents only last_updated__gte and __lte
    bound = sorted(record[field] for record in launches.values())[len(launches) // 3]
    assert matching(client, f"{LAUNCHES}?{field}{suffix}={bound}&limit=100") == sorted_ids(
        launches, lambda record: compare(moment(record[field]), moment(bound))
    )


def test_day_month_year_lists(client, launches):
    assert matching(client, f"{LAUNCHES}?year=2027,2030&limit=100") == sorted_ids(
        launches, lambda record: moment(record["net"]).year in (2027, 2030)
    )
    assert matching(client, f"{LAUNCHES}?month=2&day=1,2,3&limit=100") == sorted_ids(
        launches, lambda record: moment(record["net"]).month == 2 and moment(record["net"]).day in (1, 2, 3)
    )


def test_related_object_filters(client, launches):
    some = sorted(launches.values(), key=lambda record: record["id"])[7]
    lsp, pad, status = some["launch_service_provider"], some["pad"], some["status"]
    config, orbit = some["rocket"]["configuration"], some["mission"]["orbit"]
    cases = {
        f"lsp__id={lsp['id']},999999": lambda r: r["launch_service_provider"]["id"] == lsp["id"],
        f"lsp__name={lsp['name']}": lambda r: r["launch_service_provider"]["name"] == lsp["name"],
        f"status={status['id']}": lambda r: r["status"]["id"] == status["id"],
        f"status__ids={status['id']},1": lambda r: r["status"]["id"] in (status["id"], 1),
        f"pad={pad['id']}": lambda r: r["pad"]["id"] == pad["id"],
        f"pad__location={pad['location']['id']}": lambda r: r["pad"]["location"]["id"] == pad["location"]["id"],
        f"location__ids={pad['location']['id']}": lambda r: r["pad"]["location"]["id"] == pad["location"]["id"],
        "pad__location__celestial_body__id=1": lambda r: r["pad"]["location"]["celestial_body"]["id"] == 1,
        f"rocket__configuration__id={config['id']}": lambda r: r["rocket"]["configuration"]["id"] == config["id"],
        f"launcher_config__id={config['id']},999": lambda r: r["rocket"]["configuration"]["id"] == config["id"],
        f"rocket__configuration__name={config['name']}": lambda r: r["rocket"]["configuration"]["name"]
        == config["name"],
        f"rocket__configuration__full_name={config['full_name']}": lambda r: r["rocket"]["configuration"][
            "full_name"
        ]
        == config["full_name"],
        "rocket__configuration__full_name__icontains=" + config["full_name"][-6:].upper(): lambda r: config[
            "full_name"
        ][-6:].lower()
        in (r["rocket"]["configuration"]["full_name"] or "").lower(),
        f"mission__orbit__name={orbit['name']}": lambda r: r["mission"]["orbit"]["name"] == orbit["name"],
        "mission__orbit__name__icontains=ORBIT": lambda r: "orbit" in r["mission"]["orbit"]["name"].lower(),
        "mission__orbit__celestial_body__id=1": lambda r: r["mission"]["orbit"]["celestial_body"]["id"] == 1,
        f"name={some['name']}": lambda r: r["name"] == some["name"],
        f"slug={some['slug']}": lambda r: r["slug"] == some["slug"],
    }
    for query, keep in cases.items():
        assert matching(client, f"{LAUNCHES}?{query}&limit=100") == sorted_ids(launches, keep), query
    unknown = client.get(f"{LAUNCHES}?pad=999999")
    assert unknown.status_code == 400


def test_id_and_designator_lists(client, launches):
    chosen = sorted(launches)[:3]
    assert matching(client, f"{LAUNCHES}?id={','.join(chosen)}") == chosen
    designators = sorted({r["launch_designator"] for r in launches.values() if r["launch_designator"]})[:2]
    assert matching(client, f"{LAUNCHES}?launch_designator={','.join(designators)}&limit=100") == sorted_ids(
        launches, lambda r: r["launch_designator"] in designators
    )


def test_program_accepts_repeated_ids(client, launches):
    programs = sorted({p["id"] for r in launches.values() for p in r["program"]})[:2]
    query = "&".join(f"program={program}" for program in programs)
    assert matching(client, f"{LAUNCHES}?{query}&limit=100") == sorted_ids(
        launches, lambda r: any(p["id"] in programs for p in r["program"])
    )


def test_include_suborbital(client, launches):
    suborbital = sorted_ids(launches, lambda r: r["mission"]["orbit"]["abbrev"] == "Sub")
    assert suborbital
    assert matching(client, f"{LAUNCHES}?include_suborbital=true&limit=100") == sorted(launches)
    assert matching(client, f"{LAUNCHES}?include_suborbital=false&limit=100") == sorted(
        set(launches) - set(suborbital)
    )


def test_related_lsp_takes_the_provider_or_its_parent(client, launches, fetched):
    agencies = fetched("/2.3.0/agencies/?mode=detailed")
    by_name = {record["name"]: record for record in agencies.values()}
    parent_of = {
        record["id"]: by_name[record["parent"]]["id"] if record["parent"] in by_name else None
        for record in agencies.values()
    }
    parent = next(
        p for p in parent_of.values()
        if p and any(parent_of[r["launch_service_provider"]["id"]] == p for r in launches.values())
    )
    keep = lambda r: parent in (r["launch_service_provider"]["id"], parent_of[r["launch_service_provider"]["id"]])  # noqa: E731
    wanted = sorted_ids(launches, keep)
    assert wanted != sorted_ids(launches, lambda r: r["launch_service_provider"]["id"] == parent)
    assert matching(client, f"{LAUNCHES}?related_lsp__id={parent}&limit=100") == wanted
    name = agencies[parent]["name"]
    assert matching(client, f"{LAUNCHES}?related_lsp__name={name}&limit=100") == wanted


# Filters and search on what only the detailed shape shows, over the upcoming launches


def flights(record):
    return record["rocket"]["spacecraft_stage"]


def test_spacecraft_filters(client, upcoming):
    crewed = sorted_ids(upcoming, lambda r: any(f["launch_crew"] for f in flights(r)))
    assert crewed and len(crewed) < len(upcoming)
    assert matching(client, f"{UPCOMING}?is_crewed=true&limit=100") == crewed
    assert matching(client, f"{UPCOMING}?is_crewed=false&limit=100") == sorted(set(upcoming) - set(crewed))
    craft = flights(upcoming[crewed[0]])[0]["spacecraft"]
    config = craft["spacecraft_config"]["id"]
    cases = {
        f"rocket__spacecraftflight__spacecraft__id={craft['id']}": lambda r: any(
            f["spacecraft"]["id"] == craft["id"] for f in flights(r)
        ),
        f"rocket__spacecraftflight__spacecraft__name={craft['name']}": lambda r: any(
            f["spacecraft"]["name"] == craft["name"] for f in flights(r)
        ),
        f"rocket__spacecraftflight__spacecraft__name__icontains={craft['name'].upper()}": lambda r: any(
            craft["name"].lower() in f["spacecraft"]["name"].lower() for f in flights(r)
        ),
        f"spacecraft_config__ids={config},99999": lambda r: any(
            f["spacecraft"]["spacecraft_config"]["id"] == config for f in flights(r)
        ),
    }
    for query, keep in cases.items():
        assert matching(client, f"{UPCOMING}?{query}&limit=100") == sorted_ids(upcoming, keep), query


def test_serial_number_and_video_url(client, upcoming):
    serials = sorted({s["launcher"]["serial_number"] for r in upcoming.values() for s in r["rocket"]["launcher_stage"]})
    chosen = serials[:2]
    assert matching(client, f"{UPCOMING}?serial_number={','.join(chosen)}&limit=100") == sorted_ids(
        upcoming, lambda r: any(s["launcher"]["serial_number"] in chosen for s in r["rocket"]["launcher_stage"])
    )
    video = next(v["url"] for r in upcoming.values() for v in r["vid_urls"])
    assert matching(client, f"{UPCOMING}?video_url={video}&limit=100") == sorted_ids(
        upcoming, lambda r: any(v["url"] == video for v in r["vid_urls"])
    )


SEARCHED = [
    lambda r: r["name"],
    lambda r: r["launch_service_provider"]["name"],
    lambda r: r["mission"]["name"],
    lambda r: r["pad"]["location"]["name"],
    lambda r: r["pad"]["name"],
    lambda r: (r["rocket"]["configuration"]["manufacturer"] or {}).get("abbrev"),
    lambda r: (r["rocket"]["configuration"]["manufacturer"] or {}).get("name"),
    lambda r: r["rocket"]["configuration"]["name"],
    lambda r: " ".join(f["spacecraft"]["name"] for f in flights(r)),
]


@pytest.mark.parametrize("field", range(len(SEARCHED)))
def test_upcoming_search(client, upcoming, field):
    """A word of each searched field, in another case: every word in any of the fields."""
    value = next(SEARCHED[field](r) for r in sorted(upcoming.values(), key=lambda r: r["id"]) if SEARCHED[field](r))
    term = value.split()[-1].swapcase()
    keep = lambda r: any(term.lower() in (searched(r) or "").lower() for searched in SEARCHED)  # noqa: E731
    found = matching(client, f"{UPCOMING}?search={term}&limit=100")
    assert found and found == sorted_ids(upcoming, keep)


def test_only_all_and_previous_launches_are_searched_by_designator(client, launches):
    designator = next(r["launch_designator"] for r in launches.values() if r["launch_designator"])
    found = ids(client, f"{LAUNCHES}?search={designator}&limit=100")
    assert set(found) >= set(sorted_ids(launches, lambda r: r["launch_designator"] == designator))
    upcoming_designator = next(
        r["launch_designator"] for r in get_json(Client(), f"{UPCOMING}?limit=100")["results"] if r["launch_designator"]
    )
    assert not ids(Client(), f"{UPCOMING}?search={upcoming_designator}&limit=100")


def test_ordering_by_last_updated_for_incremental_refreshes(client, launches):
    listed = ids(client, f"{LAUNCHES}?ordering=-last_updated&limit=100")
    times = sorted(((r["last_updated"], r["id"]) for r in launches.values()), key=lambda pair: pair[0], reverse=True)
    assert len(listed) == len(launches)
    assert [launches[i]["last_updated"] for i in listed] == [t for t, _ in times]
    since = times[40][0]
    assert matching(client, f"{LAUNCHES}?last_updated__gte={since}&limit=100") == sorted_ids(
        launches, lambda r: r["last_updated"] >= since
    )


# What a detailed launch derives


def test_pad_turnaround_is_the_time_since_the_pad_s_previous_launch(client, launches, upcoming):
    by_pad = {}
    for record in launches.values():
        by_pad.setdefault(record["pad"]["id"], []).append(moment(record["net"]))
    for record in upcoming.values():
        before = [net for net in by_pad[record["pad"]["id"]] if net < moment(record["net"])]
        shown = record["pad_turnaround"]
        assert (shown and isodate.parse_duration(shown)) == (
            (moment(record["net"]) - max(before)) if before else None
        )


def test_timeline_steps_are_in_order_and_updates_newest_first(upcoming):
    timelines = [r["timeline"] for r in upcoming.values() if len(r["timeline"]) > 1]
    assert timelines
    for steps in timelines:
        times = [isodate.parse_duration(step["relative_time"]) for step in steps]
        assert times == sorted(times)
    for record in upcoming.values():
        created = [update["created_on"] for update in record["updates"]]
        assert created == sorted(created, reverse=True)


# Events


def test_event_filters(client, events):
    some = sorted(events.values(), key=lambda record: record["id"])[5]
    agency = next(a["id"] for r in events.values() for a in r["agencies"])
    program = next(p["id"] for r in events.values() for p in r["program"])
    video = next(v["url"] for r in events.values() for v in r["vid_urls"])
    bound = sorted(record["date"] for record in events.values())[len(events) // 2]
    cases = {
        f"agency__ids={agency}": lambda r: any(a["id"] == agency for a in r["agencies"]),
        f"date__gt={bound}": lambda r: r["date"] > bound,
        f"date__gte={bound}": lambda r: r["date"] >= bound,
        f"date__lte={bound}": lambda r: r["date"] <= bound,
        # LL2's `date__gt__lt` is "date is less than".
        f"date__gt__lt={bound}": lambda r: r["date"] < bound,
        f"year={moment(bound).year}": lambda r: moment(r["date"]).year == moment(bound).year,
        f"month={moment(bound).month}": lambda r: moment(r["date"]).month == moment(bound).month,
        f"day={moment(bound).day},1": lambda r: moment(r["date"]).day in (moment(bound).day, 1),
        f"id={some['id']},{some['id'] + 1}": lambda r: r["id"] in (some["id"], some["id"] + 1),
        f"last_updated__gte={some['last_updated']}": lambda r: r["last_updated"] >= some["last_updated"],
        f"last_updated__lte={some['last_updated']}": lambda r: r["last_updated"] <= some["last_updated"],
        f"program={program}": lambda r: any(p["id"] == program for p in r["program"]),
        f"slug={some['slug']}": lambda r: r["slug"] == some["slug"],
        f"type={some['type']['id']}": lambda r: r["type"]["id"] == some["type"]["id"],
        f"type__ids={some['type']['id']},2": lambda r: r["type"]["id"] in (some["type"]["id"], 2),
        f"video_url={video}": lambda r: any(v["url"] == video for v in r["vid_urls"]),
        "search=spacewalk": lambda r: "spacewalk" in r["name"].lower(),
    }
    for query, keep in cases.items():
        assert matching(client, f"{EVENTS}?{query}&limit=100") == sorted_ids(events, keep), query


def test_events_order_by_date_and_last_updated(client, events):
    for field in ("date", "last_updated"):
        listed = ids(client, f"{EVENTS}?ordering=-{field}&limit=100")
        assert [events[e][field] for e in listed] == sorted((r[field] for r in events.values()), reverse=True)


# Lookups


@pytest.mark.parametrize(
    ("path", "keys"),
    [
        ("launch_statuses", ["id", "name", "abbrev", "description"]),
        ("net_precisions", ["id", "name", "abbrev", "description"]),
        ("orbits", ["id", "name", "abbrev", "celestial_body"]),
        ("mission_types", ["id", "name"]),
        ("infourl_types", ["id", "name"]),
        ("vidurl_types", ["id", "name"]),
        ("languages", ["id", "name", "code"]),
        ("timeline_event_types", ["id", "abbrev", "description"]),
        ("event_types", ["id", "name"]),
    ],
)
def test_lookups(client, path, keys):
    page = get_json(client, f"/2.3.0/config/{path}/?mode=detailed")
    assert page["count"] > 10 and list(page["results"][0]) == keys
    first = page["results"][0]
    assert get_json(client, f"/2.3.0/config/{path}/{first['id']}/") == first


def test_updates_newest_first_by_launch_and_by_program(client, upcoming, events):
    listed = every(client, "/2.3.0/updates/")
    order = ids(client, "/2.3.0/updates/?limit=100")
    assert order == sorted(listed, key=lambda i: (listed[i]["created_on"], i), reverse=True)
    launch = next(record for record in upcoming.values() if record["updates"])
    assert sorted(ids(client, f"/2.3.0/updates/?launch={launch['id']}")) == sorted(
        update["id"] for update in launch["updates"])
    # A program's own updates: none of them nested in a launch or an event.
    nested = {update["id"] for record in [*upcoming.values(), *events.values()] for update in record["updates"]}
    own = {i for p in ids(client, "/2.3.0/programs/?limit=100") for i in ids(client, f"/2.3.0/updates/?program={p}")}
    assert own and not own & nested and own <= set(listed)
