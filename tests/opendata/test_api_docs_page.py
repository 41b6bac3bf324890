"""开放数据接口说明 (issue 26): a page rendered on the server from the API's OpenAPI
description, linked from every footer as 开放数据, with nothing from another origin and
nothing inline (the CSP)."""

import re

import pytest
from django.urls import reverse

from opendata.api import api
from tests.factories import make_township

pytestmark = pytest.mark.django_db
DOCS = "/api/v1/docs/"


@pytest.fixture
def html(client):
    make_township(name="青石镇")
    response = client.get(DOCS)
    assert response.status_code == 200
    return response.content.decode()


def test_every_operation_and_schema_of_the_spec_is_on_the_page(html):
    spec = api.get_openapi_schema()
    operations = [(m.upper(), path, op) for path, ops in spec["paths"].items()
                  for m, op in ops.items()]
    assert len(operations) == 6
    for method, path, op in operations:
        assert f'<span class="api-method">{method}</span> <code lang="en">{path}</code>' in html
        assert f'<h3 id="{op["operationId"]}">{op["summary"]}</h3>' in html
        for parameter in op.get("parameters", []):
            assert f'<th scope="row"><code lang="en">{parameter["name"]}</code></th>' in html
    for name, schema in spec["components"]["schemas"].items():
        assert f'<h3 id="schema-{name}"><code lang="en">{name}</code></h3>' in html
        for field in schema.get("properties", {}):
            assert f'<code lang="en">{field}</code>' in html
    # Every in-page link to a schema lands on its heading.
    targets = set(re.findall(r'href="#(schema-\w+)"', html))
    assert targets
    assert all(f'id="{target}"' in html for target in targets)


def test_types_limits_and_descriptions_are_readable(html):
    assert "整数（最小 1，最大 100，默认 50）" in html
    assert "时间（ISO 8601） 或 null" in html
    assert "上一页返回的 next_cursor；首页不传" in html
    assert '<a href="#schema-ItemPage">ItemPage</a>' in html
    assert "429" in html
    assert f'href="{reverse("opendata:openapi-json")}"' in html


def test_page_loads_nothing_from_elsewhere_and_nothing_inline(html):
    assert "<script>" not in html.replace('<script type="module" src="/static/', "")
    assert " style=" not in html
    assert not re.search(r'(?:src|href)="(?:https?:)?//(?!testserver)', html.split(
        '<footer class="site-footer">')[0])
    for table in re.findall(r"<table.*?</table>", html, re.S):
        assert "<caption" in table


def test_footer_links_the_page_as_open_data(client):
    make_township(name="青石镇")
    html = client.get(reverse("disclosure:county_home")).content.decode()
    assert f'<li><a href="{DOCS}">开放数据</a></li>' in html
