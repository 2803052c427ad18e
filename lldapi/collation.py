"""LL2's order of text, the same on both databases: its PostgreSQL sorts names in a glibc `en_US.UTF-8`
collation, which compares letters and digits first, ignoring case, accents, spaces and punctuation
(`Zenit-2`, `Zenit 2M`, `Zéphyr`, `ZERO`; corpus 025).

PostgreSQL gets ICU's equivalent (`CREATE COLLATION`, in lldapi's migration 0008); SQLite gets
`sort_key`'s order, registered on each connection under the same name."""

import sys
import unicodedata
from functools import lru_cache

from django.db.models import F
from django.db.models.functions import Collate

NAME = "ll2_text"
# ICU's root order with spaces, punctuation, symbols and currency signs ignorable ("shifted") up to
# the third level, as glibc ignores them: equal to glibc's order on the corpus' 1,894 names.
ICU_LOCALE = "und-u-ka-shifted-kv-currency"
# The marks in the order of their weight at the second level (others after them, by code point).
MARKS = "\u0301\u0300\u0306\u0302\u030c\u030a\u0308\u030b\u0303\u0307\u0338\u0335\u0337\u0327\u0328\u0304"
# Second-level weights heavier than any mark's, of the letters below.
D_STROKE, ETH, LIGATURE = (sys.maxunicode + n for n in (1, 2, 3))
# The third level: lower case, upper case, other forms (`²`); a variant (`ß`, `Æ`) one above its case.
LOWER, UPPER, COMPATIBLE = 0, 2, 4


def mark_weight(mark):
    position = MARKS.find(mark)
    return position if position >= 0 else len(MARKS) + ord(mark)


# Letters that Unicode does not decompose, as ICU weighs them: {lower case: (letters, each one's
# second-level weights, whether it is a variant at the third level)}. A ligature is its letters; a
# letter with a stroke its base letter with a mark (`Andøya` between `Andes` and `Andrea`); `ı` and
# `þ` are letters of their own, after every word of `i` and of `z`.
LETTERS = {
    "ß": ("ss", [(LIGATURE,), ()], True),
    "æ": ("ae", [(LIGATURE,), ()], True),
    "œ": ("oe", [(LIGATURE,), ()], True),
    "ð": ("d", [(ETH,)], False),
    "đ": ("d", [(D_STROKE,)], False),
    "ø": ("o", [(mark_weight("\u0338"),)], False),
    "ħ": ("h", [(mark_weight("\u0335"),)], False),
    "ł": ("l", [(mark_weight("\u0337"),)], False),
    "ŧ": ("t", [(mark_weight("\u0335"),)], False),
    "ı": ("i" + chr(sys.maxunicode), [(), ()], False),
    "þ": ("z" + chr(sys.maxunicode), [(), ()], False),
}


class Collated(Collate):
    """The text column at `lookup` (`name`, `agency__name`) in LL2's order, for `order_by` and
    `Meta.ordering`."""

    def __init__(self, lookup):
        self.lookup = lookup
        super().__init__(F(lookup), NAME)

    def through(self, relation):
        """The same order of the rows related by `relation` (`agency` → `agency__name`)."""
        return Collated(f"{relation}__{self.lookup}")


@lru_cache(maxsize=65536)
def sort_key(text):
    """The three levels ICU compares (letters and digits, their marks, their case), then the text's code
    points, which PostgreSQL compares when ICU finds two texts equal."""
    letters, marks, cases = [], [], []
    for character in text:
        decomposed = unicodedata.normalize("NFKD", character)
        compatible = decomposed != unicodedata.normalize("NFD", character)
        for part in decomposed:
            if unicodedata.combining(part):
                if marks:
                    marks[-1] += (mark_weight(part),)
                continue
            if not part.isalnum():
                continue
            lower = part.lower()
            spelled, weights, variant = LETTERS.get(lower, (lower, [()], False))
            upper = part != lower
            case = COMPATIBLE if compatible else (UPPER if upper else LOWER) + variant
            for letter, weight in zip(spelled, weights, strict=True):
                letters.append(letter)
                marks.append(weight)
                cases.append(case)
    return "".join(letters), tuple(marks), tuple(cases), text


def compare(first, second):
    """SQLite's collation function: negative, zero or positive as `first` sorts before, with or after."""
    first, second = sort_key(first), sort_key(second)
    return (first > second) - (first < second)


def register(sender, connection, **kwargs):
    """`connection_created` receiver: SQLite connections learn the collation (PostgreSQL has it stored)."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(NAME, compare)
