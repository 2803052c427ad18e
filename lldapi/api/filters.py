import django_filters
from django import forms


class StrictBooleanField(forms.Field):
    """`true`/`false` (any case) or `1`/`0`; anything else is an error, not a silently ignored filter."""

    widget = forms.Select(choices=[("", "---------"), ("true", "Yes"), ("false", "No")])
    default_error_messages = {"invalid": "'%(value)s' is not a boolean; use true or false."}

    def to_python(self, value):
        if value in (None, ""):
            return None
        word = str(value).strip().lower()
        if word in {"true", "1"}:
            return True
        if word in {"false", "0"}:
            return False
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid", params={"value": value})


class BooleanFilter(django_filters.Filter):
    field_class = StrictBooleanField
