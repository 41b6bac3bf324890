"""The sign-off chain's models now live in the `signoff` app (its 0001 renamed the tables).

Only the migration state changes here; no table is touched.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("disclosure", "0003_chain"),
        ("signoff", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="PendingReview"),
                migrations.RemoveField(model_name="chainstep", name="template"),
                migrations.RemoveField(model_name="signoff", name="review"),
                migrations.DeleteModel(name="ChainStep"),
                migrations.DeleteModel(name="ChainTemplate"),
                migrations.DeleteModel(name="Review"),
                migrations.DeleteModel(name="SignOff"),
            ],
            database_operations=[],
        ),
    ]
