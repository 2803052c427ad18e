def save(queryset, **values):
    """Set `values` on each row of `queryset` and save it, as the importer writes: through the models'
    `save`, which tells the representation store what changed (a queryset's `update` tells nobody)."""
    for row in queryset:
        for name, value in values.items():
            setattr(row, name, value)
        row.save(update_fields=list(values))
