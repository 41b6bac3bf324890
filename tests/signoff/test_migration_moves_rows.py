"""Moving the chain tables from `disclosure` to `signoff` keeps every row and every link.

The database is migrated back to the layout before the move (disclosure 0003), filled
through the historical models, then migrated forward to the current layout. Row counts,
the rows themselves and the content types (permissions, admin log) must come through.
"""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("disclosure", "0003_chain"), ("signoff", None)]
TABLES = {"ChainTemplate": 3, "ChainStep": 9, "Review": 12, "SignOff": 36}


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    nodes = [target for target in targets if target[1] is not None]
    return executor.loader.project_state(nodes).apps


def _people():
    """A township and a user, made with today's models before migrating back: the townships
    tables are not part of the move and keep today's columns."""
    from townships.models import County, Township, User

    county = County.objects.create(name="迁移县", full_name="迁移县人民政府",
                                   division_code="990100", site_name="迁移县门户",
                                   sponsor="迁移县人民政府办公室")
    township = Township.objects.create(
        county=county, name="迁移镇", full_name="迁移县迁移镇人民政府", slug="qianyi",
        division_code="990100001000", org_code="11990100000000001X")
    return township.pk, User.objects.create(username="mover").pk


def _fill(old_apps, township_id: int, user_id: int) -> dict:
    """Rows through the historical models, as the old code wrote them."""
    township = old_apps.get_model("townships", "Township").objects.get(pk=township_id)
    user = old_apps.get_model("townships", "User").objects.get(pk=user_id)
    content_type = old_apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="disclosure", model="disclosureitem")[0]
    template_model = old_apps.get_model("disclosure", "ChainTemplate")
    step_model = old_apps.get_model("disclosure", "ChainStep")
    review_model = old_apps.get_model("disclosure", "Review")
    signoff_model = old_apps.get_model("disclosure", "SignOff")
    for n, importance in enumerate(("normal", "important", "critical")):
        template = template_model.objects.create(township=township, importance=importance)
        for order in range(2 + n):
            step_model.objects.create(template=template, order=order + 1, role="office_head",
                                      label=f"环节{order + 1}")
    for n in range(TABLES["Review"]):
        review = review_model.objects.create(
            township=township, content_type=content_type, object_id=1000 + n,
            title=f"迁移测试{n}", importance="normal", steps=[{"role": "office_head"}],
            state="published" if n % 2 else "in_review", author=user)
        for action in ("submit", "approve", "publish"):
            signoff_model.objects.create(review=review, content_type=content_type,
                                         object_id=review.object_id, township=township,
                                         actor=user, action=action, comment=f"{action}-{n}")
    contenttypes = old_apps.get_model("contenttypes", "ContentType")
    for model in ("chaintemplate", "chainstep", "review", "signoff", "pendingreview"):
        contenttypes.objects.get_or_create(app_label="disclosure", model=model)
    return {"comments": sorted(signoff_model.objects.values_list("comment", flat=True)),
            "content_type_ids": dict(contenttypes.objects.filter(app_label="disclosure").filter(
                model__in=["review", "signoff"]).values_list("model", "pk"))}


@pytest.mark.django_db(transaction=True)
def test_every_chain_row_survives_the_move_to_the_signoff_app():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    township_id, user_id = _people()
    old_apps = _migrate(BEFORE)
    try:
        before = _fill(old_apps, township_id, user_id)
        counts_before = {name: old_apps.get_model("disclosure", name).objects.count()
                         for name in TABLES}
        assert counts_before == TABLES
    finally:
        new_apps = _migrate(latest)
    counts_after = {name: new_apps.get_model("signoff", name).objects.count() for name in TABLES}
    assert counts_after == counts_before
    signoff_model = new_apps.get_model("signoff", "SignOff")
    assert sorted(signoff_model.objects.values_list("comment", flat=True)) == before["comments"]
    assert signoff_model.objects.filter(review__isnull=True).count() == 0
    contenttypes = new_apps.get_model("contenttypes", "ContentType")
    moved = dict(contenttypes.objects.filter(app_label="signoff", model__in=["review", "signoff"])
                 .values_list("model", "pk"))
    assert moved == before["content_type_ids"]  # same rows: permissions and logs follow
    assert not contenttypes.objects.filter(app_label="disclosure", model="review").exists()
    review = new_apps.get_model("signoff", "Review").objects.order_by("pk").last()
    added = signoff_model.objects.create(review=review, content_type_id=review.content_type_id,
                                         object_id=review.object_id, township_id=review.township_id,
                                         actor_id=review.author_id, action="cancel")
    assert added.pk > max(signoff_model.objects.exclude(pk=added.pk).values_list("pk", flat=True))
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert "signoff_review" in tables
    assert "disclosure_review" not in tables
