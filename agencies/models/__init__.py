from .agencies import Agency, AgencyType, Country, SocialMedia, SocialMediaLink
from .images import Image, ImageLicense, ImageVariant, ImageVariantType

__all__ = [
    "Agency", "AgencyType", "Country", "Image", "ImageLicense", "ImageVariant", "ImageVariantType", "SocialMedia",
    "SocialMediaLink",
]
