"""The representation store: the JSON of every record in every shape that a served endpoint shows, made by
the serializers that define the shapes, kept in the database and served without them.

- `components`: a *component* is a serializer class under one API version; its digest, from the serializer's
  definition, prefixes its fragments' keys, so that a deploy that changes a shape misses the old ones.
- `fragments`: a record is stored once per component as the JSON its serializer writes, with every nested
  object and list left as a hole naming the ids it holds; self links carry a mark for the request's origin.
- `assembly`: the fragments of a response, however deep, are read in one recursive query and joined;
  what the store misses is made on the spot and written back (a fill).
- `memory`: what this process has assembled, at one data version.
- `versions`: every write moves the data version on in its own transaction; an answer that saw it move
  while it was read is read again.
- `invalidation`: every write forgets, in the same transaction, the fragments it changes.
- `build`: fragments made ahead of reads (`build_representations`, an import's pages).
- `answers`: what a view asks (`answer`), and every record of a list or an endpoint (`export`, `export_at`).
"""

from . import components
from .answers import answer, export, export_at
from .build import Built, build, prepare, purge_other_versions
from .components import all_components, components_of_resources
from .invalidation import connect_signals, forget_everything, forget_saved, moving_rows, rebuilt_together
from .versions import send_version_check

__all__ = [
    "Built", "all_components", "answer", "build", "components_of_resources", "connect", "export", "export_at",
    "forget_everything", "forget_saved", "moving_rows", "prepare", "purge_other_versions", "rebuilt_together",
    "send_version_check",
]


def connect(resources, models_of_records):
    """Store the answers of `resources`, and forget what each write of `models_of_records` changes."""
    components.stored_resources[:] = resources
    connect_signals(models_of_records)
