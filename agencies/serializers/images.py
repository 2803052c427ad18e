from agencies import models
from lldapi.api.serializers import RecordSerializer, id_and_name


class ImageLicense(RecordSerializer):
    class Meta:
        model = models.ImageLicense
        fields = ["id", "name", "priority", "link"]


ImageVariantType = id_and_name(models.ImageVariantType)


class ImageVariant(RecordSerializer):
    type = ImageVariantType()

    class Meta:
        model = models.ImageVariant
        fields = ["id", "type", "image_url"]


class Image(RecordSerializer):
    license = ImageLicense()
    variants = ImageVariant(many=True)

    class Meta:
        model = models.Image
        fields = ["id", "name", "image_url", "thumbnail_url", "credit", "license", "single_use", "variants"]
