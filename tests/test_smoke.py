import pytest

from tests.factories import make_item, make_township


@pytest.mark.django_db
def test_item_page_renders_for_published_item(client):
    township = make_township()
    item = make_item(township=township, published=True)
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert item.index_no in response.content.decode()
