from rest_framework import filters
from rest_framework.exceptions import ValidationError

MAX_SEARCH_TERMS = 20


class BoundedSearchFilter(filters.SearchFilter):
    """DRF's search (every word, case-insensitive, in any search field), bounded and naming its parameter.

    Each word adds a condition over every search field: past some hundreds of words SQLite refuses the
    expression, so more than `MAX_SEARCH_TERMS` words answer 400, as does a term DRF refuses (a NUL).
    """

    def get_search_terms(self, request):
        try:
            terms = super().get_search_terms(request)
        except ValidationError as error:
            raise ValidationError({self.search_param: error.detail}) from None
        if len(terms) > MAX_SEARCH_TERMS:
            raise ValidationError({self.search_param: [f"At most {MAX_SEARCH_TERMS} words."]})
        return terms
