from django.db import migrations, models


def forget_fragments(apps, schema_editor):
    # Fragments of the previous layout name no other fragments: the store fills again as it is read
    # (or with build_representations).
    apps.get_model("lldapi", "Representation").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("lldapi", "0003_representation_store"),
    ]

    operations = [
        migrations.RunPython(forget_fragments, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="representation",
            name="key",
            field=models.TextField(primary_key=True, serialize=False),
        ),
        migrations.AddField(
            model_name="representation",
            name="refs",
            field=models.JSONField(default=list),
        ),
    ]
