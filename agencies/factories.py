"""The synthetic data set's agencies, countries, images and social media."""

from django.utils.text import slugify

from agencies import models
from lldapi.synthetic import LOOKUP_ROWS, MEDIA, NAMES, step

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
# An agency's launch and landing counts, drawn rather than counted from the rows.
AGENCY_COUNTS = [
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
        models.Image,
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
                models.ImageVariant,
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
        data.new(models.SocialMediaLink, social_media=media, url=f"{media.url}/{owner.pk}")
        for media in data.some(data.social_media, 0, 2)
    ]
    data.link(owner, field_name, links)


@step()
def reference(data):
    """Images' licenses and variants, agency types, countries and social media."""
    data.licenses = [
        data.new(models.ImageLicense, name=name, priority=priority, link=link)
        for name, priority, link in [
            ("Unknown", 9, None),
            ("NASA Image and Media Guidelines", 0, "https://www.nasa.gov/images"),
            ("CC BY 2.0", 2, "https://creativecommons.org/licenses/by/2.0/"),
            ("CC BY-SA 4.0", 3, "https://creativecommons.org/licenses/by-sa/4.0/"),
        ]
    ]
    data.variant_types = data.named(models.ImageVariantType, ["Small", "Medium", "Large"])
    data.agency_types = data.named(models.AgencyType, AGENCY_TYPES)
    data.countries = [country(data, *row) for row in COUNTRIES]
    data.social_media = [
        data.new(models.SocialMedia, name=name, url=f"https://{name.lower()}.com", logo=image(data, f"{name} logo"))
        for name in ["X", "YouTube", "Instagram", "LinkedIn"]
    ]


@step(after=("agencies.reference",), draws_after="launches.reference")
def agencies(data):
    """Agencies, each of its countries (several for a multinational), with their social media links."""
    data.agency_list = []
    for index in range(data.scaled(50)):
        name = f"{data.pick(NAMES)} {data.pick(['Space Agency', 'Aerospace', 'Orbital', 'Space Systems'])} {index + 1}"
        counts = {key: data.rng.randrange(200) for key in AGENCY_COUNTS}
        agency = data.new(
            models.Agency,
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


@step(after=("agencies.agencies",), draws_after="docking.one_vehicle_per_port")
def agency_parents(data):
    """Some agencies belong to another; LL2 shows the parent by its name."""
    for agency in data.agency_list:
        parent = data.pick(data.agency_list) if data.chance(0.3) else None
        agency.parent_agency = None if parent is agency else parent
        agency.parent = agency.parent_agency and agency.parent_agency.name


@step(after=("agencies.reference",), draws_after="launches.celestial_bodies")
def lookups(data):
    """Agency types, image variant types, licenses and countries past a page of 20."""
    data.pad(models.AgencyType, "Agency type")
    data.pad(models.ImageVariantType, "Variant")
    for number in range(len(data.licenses) + 1, LOOKUP_ROWS + 1):
        data.new(
            models.ImageLicense,
            name=f"License {number}",
            priority=number,
            link=data.maybe(f"https://example.org/licenses/{number}"),
        )
    for row in MORE_COUNTRIES:
        country(data, *row)


def country(data, name, alpha_2_code, alpha_3_code, nationality):
    return data.new(
        models.Country,
        name=name,
        alpha_2_code=alpha_2_code,
        alpha_3_code=alpha_3_code,
        nationality_name=nationality,
        nationality_name_composed=f"{nationality} citizen",
    )
