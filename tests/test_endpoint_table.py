"""`manage.py endpoint_table`: how the README's table of endpoints names their filters."""

from types import SimpleNamespace

from lldapi.management.commands.endpoint_table import filter_names


def filters(*names):
    return SimpleNamespace(base_filters=dict.fromkeys(names))


def test_a_filter_is_folded_only_with_the_comparisons_that_exist():
    assert filter_names(filters("count__lte", "count", "count__gt", "count__lt", "count__gte")) == (
        "`count` (`__gt`, `__gte`, `__lt`, `__lte`)"
    )
    assert filter_names(filters("year", "year__lt", "name")) == "`name`, `year` (`__lt`)"
    # LL2's events take `date__gt__lt` beside `date__gt`, and no `date__gt__gt`, `date__lt` or `date`.
    assert filter_names(filters("date__gt", "date__gt__lt", "date__gte", "date__lte")) == (
        "`date__gt` (`__lt`), `date__gte`, `date__lte`"
    )
    # Comparisons without their bare name stand alone, as does one folded into a name itself folded.
    assert filter_names(filters("net__gt", "net__lte")) == "`net__gt`, `net__lte`"
    assert filter_names(filters("day", "day__gt", "day__gt__lt")) == "`day` (`__gt`), `day__gt__lt`"
    assert filter_names(None) == "—"
