from django.contrib.postgres.operations import CreateCollation
from django.db import migrations

from lldapi.collation import ICU_LOCALE, NAME


class Migration(migrations.Migration):
    """LL2's order of text on PostgreSQL (SQLite's is registered on each connection)."""

    dependencies = [("lldapi", "0007_sync_state_host")]

    operations = [CreateCollation(NAME, locale=ICU_LOCALE, provider="icu")]
