import io
import re

import pytest
from django.core.management import call_command

from tests.factories import make_item, make_township
from visits.models import VisitCounter


@pytest.mark.django_db
def test_bench_reports_both_rates_and_leaves_no_counts(settings):
    settings.VISITS_REDIS_URL = ""
    township = make_township()
    make_item(township=township, published=True)
    out = io.StringIO()
    call_command("bench_item_page", requests=6, rounds=2, stdout=out)
    text = out.getvalue()
    assert re.search(r"counting off: +\d+\.\d page views/s", text)
    assert re.search(r"ratio on/off: \d\.\d{3}", text)
    assert not VisitCounter.objects.exists()
