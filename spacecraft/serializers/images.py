from lldapi.api.serializers import ModelSerializer, id_and_name
from spacecraft import models


class ImageLicense(ModelSerializer):
    class Meta:
        model = models.ImageLicense
        fields = ["id", "name", "priority", "link"]


ImageVariantType = id_and_name(models.ImageVariantType)


class ImageVariant(ModelSerializer):
    type = ImageVariantType()

    class Meta:
        model = models.ImageVariant
        fields = ["id", "type", "image_url"]


class Image(ModelSerializer):
    license = ImageLicense()
    variants = ImageVariant(many=True)

    class Meta:
        model = models.Image
        fields = ["id", "name", "image_url", "thumbnail_url", "credit", "license", "single_use", "variants"]
