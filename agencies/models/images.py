from django.db import models

from lldapi.records import NamedType, Record


class ImageLicense(Record):
    name = models.CharField(max_length=255, null=True)
    priority = models.IntegerField(null=True)
    link = models.URLField(max_length=200, null=True)


class ImageVariantType(NamedType):
    pass


class Image(Record):
    name = models.CharField(max_length=255, null=True)
    image_url = models.URLField(max_length=1024, null=True)
    thumbnail_url = models.URLField(max_length=1024, null=True)
    credit = models.CharField(max_length=255, null=True)
    license = models.ForeignKey(ImageLicense, models.SET_NULL, null=True, related_name="+")
    single_use = models.BooleanField(null=True)


class ImageVariant(Record):
    image = models.ForeignKey(Image, models.CASCADE, null=True, related_name="variants")
    type = models.ForeignKey(ImageVariantType, models.SET_NULL, null=True, related_name="+")
    image_url = models.URLField(max_length=1024, null=True)
