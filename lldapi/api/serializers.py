from django.db import models
from rest_framework import serializers

from .fields import ISODurationField


class ModelSerializer(serializers.ModelSerializer):
    """The base of every LL2 representation: durations are ISO 8601 unless a field says otherwise."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DurationField: ISODurationField,
    }
