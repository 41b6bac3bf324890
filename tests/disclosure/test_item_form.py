"""The item form as a clerk meets it: the catalogue as a tree, the chain the importance
takes, one honest message after editing a published item."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from signoff import chain
from tests.disclosure.chain_factories import make_draft, make_staff, sign_all
from tests.factories import make_township
from townships.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    township = make_township()
    staff = make_staff(township=township, email=False)
    return township, staff


def test_category_choice_lists_the_tree_with_parents_as_groups(world, client):
    _township, staff = world
    client.force_login(staff[Role.AUTHOR])
    form = client.get(reverse("admin:disclosure_disclosureitem_add")).context["adminform"].form
    groups = {label: [text for _pk, text in options]
              for label, options in form.fields["category"].choices if isinstance(options, list)}
    assert groups["政策文件"][:3] == ["政策文件（本级）", "行政规范性文件", "本级文件"]
    labels = list(groups)
    assert labels.index("机构职能") < labels.index("政策文件") < labels.index("农业农村")
    html = client.get(reverse("admin:disclosure_disclosureitem_add")).content.decode()
    assert '<optgroup label="政策文件">' in html


def test_importance_shows_the_chain_each_choice_takes(world, client):
    _township, staff = world
    client.force_login(staff[Role.AUTHOR])
    html = client.get(reverse("admin:disclosure_disclosureitem_add")).content.decode()
    assert ('<li data-importance="critical">特别重要：科室负责人审核 → 分管领导把关 → '
            "信息分管领导签发 → 主要领导签发 → 党政办发布</li>") in html
    assert "js/admin-chain-preview.js" in html


def test_editing_a_published_item_says_once_that_the_public_text_is_unchanged(world, client):
    township, staff = world
    item = make_draft(township=township, author=staff[Role.AUTHOR], title="关于秋季防火的通知")
    chain.publish(sign_all(chain.submit(item, staff[Role.AUTHOR]), staff), staff[Role.PUBLISHER])
    item.refresh_from_db()
    client.force_login(staff[Role.AUTHOR])
    url = reverse("admin:disclosure_disclosureitem_change", args=[item.pk])
    form = client.get(url).context["adminform"].form
    data = {name: (value if value is not None else "") for name, value in form.initial.items()
            if name in form.fields}
    data.update({"title": "关于秋季防火工作的补充通知", "category": item.category_id,
                 "written_on": "2024-03-01", "published_on": item.published_on.isoformat(),
                 "attachments-TOTAL_FORMS": "0", "attachments-INITIAL_FORMS": "0"})
    response = client.post(url, data)
    assert response.status_code == 302
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert texts == ["已保存为修订稿第2版，公开内容在重新发布前不变。提交审核、经审签并由党政办"
                     "发布后才替换公开内容。"]
