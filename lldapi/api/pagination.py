from rest_framework import pagination


class LL2Pagination(pagination.LimitOffsetPagination):
    """LL2's pages: `limit` (10 by default, at most 100) and `offset`.

    Like LL2, a `limit` or `offset` that is not a number falls back to the default.
    """

    default_limit = 10
    max_limit = 100
