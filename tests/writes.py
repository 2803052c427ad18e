"""What the tests write: rows as the importer writes them, and pages for `import_ll2` to read."""

import json
from contextlib import contextmanager

from django.db import transaction

from lldapi import tables


def save(queryset, **values):
    """Set `values` on each row of `queryset` and save it, as the importer writes: through the models'
    `save`, which tells the representation store what changed (a queryset's `update` tells nobody)."""
    for row in queryset:
        for name, value in values.items():
            setattr(row, name, value)
        row.save(update_fields=list(values))


def write_page(tmp_path, name, page, preamble=""):
    """`page` as UTF-8 JSON in `tmp_path / name`, after `preamble` (the text of a browsable-API dump before
    its body, as in fixtures/ll2/*.txt); returns the path."""
    path = tmp_path / name
    path.write_text(preamble + json.dumps(page, ensure_ascii=False), encoding="utf-8")
    return path


@contextmanager
def emptied():
    """The database emptied for the block, and as it was again after it (rolled back)."""
    with transaction.atomic():
        tables.flush()
        yield
        transaction.set_rollback(True)
