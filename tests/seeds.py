"""The objects of the seed pages, merged by id across pages and shapes: test expectations come
from LL2's own pages, never from our database."""

from .fidelity import seed_records

SPACECRAFT_PAGES = ["000_507bf079f7021729.txt", "001_ebc334ed3d95f5b7.txt", "002_bbbeb383994fa821.txt"]
DOCKING_PAGE = "004_d87d66eee62c9c95.txt"
LEGACY_FLIGHT_PAGE = "003_6b9f4802707ad897.txt"


def merge(objects):
    merged = {}
    for item in objects:
        merged.setdefault(item["id"], {}).update(item)
    return merged


def docking_events():
    return merge(seed_records(DOCKING_PAGE))


def spacecraft_flights():
    nested = [
        event[key] for event in seed_records(DOCKING_PAGE)
        for key in ("flight_vehicle_chaser", "flight_vehicle_target") if event[key]
    ]
    return merge(nested + seed_records(LEGACY_FLIGHT_PAGE))


def spacecraft():
    top_level = [record for page in SPACECRAFT_PAGES for record in seed_records(page)]
    return merge(top_level + [flight["spacecraft"] for flight in spacecraft_flights().values()])
