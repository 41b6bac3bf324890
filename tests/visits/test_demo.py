import datetime
import io

import pytest

from demo import visits as demo
from demo.context import DemoContext
from tests.factories import make_county, make_item, make_township
from visits.models import VisitCounter


@pytest.mark.django_db
def test_demo_seed_is_idempotent_and_sets_site_total():
    township = make_township()
    item = make_item(township=township, published=True)
    ctx = DemoContext(county=make_county(), townships=[township], users={}, stdout=io.StringIO(),
                      today=datetime.date(2024, 5, 1))
    demo.seed(ctx)
    first = dict(VisitCounter.objects.values_list("key", "count"))
    demo.seed(ctx)
    assert dict(VisitCounter.objects.values_list("key", "count")) == first
    assert first["site"] > first[f"item:{item.pk}"] + first[f"township:{township.slug}"]
