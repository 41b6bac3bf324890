from django.db import migrations


def seed(apps, schema_editor):
    from applications.letters import default_templates

    LetterTemplate = apps.get_model("applications", "LetterTemplate")
    for outcome, (title, body) in default_templates().items():
        LetterTemplate.objects.get_or_create(outcome=outcome,
                                             defaults={"title": title, "body": body})


class Migration(migrations.Migration):
    dependencies = [("applications", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
