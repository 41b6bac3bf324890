"""The 政策解读 form's picker as a clerk sees it: the date and 文号 that tell alike-titled
documents apart come first, and the label stays before the two boxes (SelectFilter2.js puts
the boxes at the start of the widget's parent, so the widget needs a parent of its own)."""

import re

import pytest
from django.urls import reverse

from disclosure.models import DisclosureItem
from tests.disclosure.chain_factories import make_staff
from tests.factories import leaf_category, make_item, make_township
from townships.models import Role

pytestmark = pytest.mark.django_db


def test_options_start_with_date_and_number_and_the_widget_has_its_own_wrapper(client):
    township = make_township()
    staff = make_staff(township=township, email=False)
    make_item(township=township, published=True, title="关于印发《秸秆禁烧管理办法》的通知",
              category=leaf_category(township, "zcwj-gfxwj"),
              doc_type=DisclosureItem.DocType.NORMATIVE, doc_number="青政发〔2024〕3号",
              validity=DisclosureItem.Validity.VALID)
    client.force_login(staff[Role.AUTHOR])
    page = client.get(reverse("admin:disclosure_disclosureitem_add")).content.decode()
    option = re.search(r'<option value="\d+">([^<]*秸秆禁烧[^<]*)</option>', page).group(1)
    assert re.fullmatch(r"\d{4}-\d\d-\d\d 青政发〔2024〕3号 关于印发《秸秆禁烧管理办法》的通知 · "
                        + re.escape(township.name), option)
    assert re.search(r'<div class="related-widget-wrapper">\s*<select name="interpreted_documents"',
                     page)
