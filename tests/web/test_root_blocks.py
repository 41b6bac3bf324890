"""`{% extends %}` (web/templatetags/root_blocks.py) renders exactly as Django's own, with
the root template's block map worked out once per compiled template."""

from django.template import Context, Engine
from django.template.loader import get_template
from django.template.loader_tags import ExtendsNode

from web.templatetags.root_blocks import KeptRootExtendsNode, root_blocks

TEMPLATES = {
    "root.html": "<{% block a %}A{% endblock %}|{% block b %}B{% block c %}C{% endblock %}"
                 "{% endblock %}|{% if x %}{% block d %}D{% endblock %}{% endif %}>",
    "middle.html": "{% extends 'root.html' %}{% block b %}m[{{ block.super }}]"
                   "{% endblock %}",
    "leaf.html": "{% extends 'middle.html' %}{% block c %}l{{ x }}{% endblock %}"
                 "{% block d %}d{{ block.super }}{% endblock %}",
    "direct.html": "  {% extends 'root.html' %}{% block a %}a{% endblock %}",
}


def engines():
    loaders = [("django.template.loaders.cached.Loader",  # as the site's engine
                [("django.template.loaders.locmem.Loader", TEMPLATES)])]
    stock = Engine(loaders=loaders)
    kept = Engine(loaders=loaders, builtins=["web.templatetags.root_blocks"])
    return stock, kept


def test_the_same_output_as_django_extends():
    stock, kept = engines()
    for name in ("middle.html", "leaf.html", "direct.html"):
        for x in (0, 1):
            expected = stock.get_template(name).render(Context({"x": x}))
            for _twice in range(2):  # the second render uses the kept map
                assert kept.get_template(name).render(Context({"x": x})) == expected


def test_the_map_is_kept_on_the_root_and_empty_for_a_template_that_extends():
    _stock, kept = engines()
    kept.get_template("leaf.html").render(Context({"x": 1}))
    root, middle = kept.get_template("root.html"), kept.get_template("middle.html")
    assert sorted(root._root_blocks) == ["a", "b", "c", "d"]
    assert root_blocks(root) is root._root_blocks
    assert root_blocks(middle) == {}


def test_the_site_templates_use_it():
    node = get_template("disclosure/item_detail.html").template.nodelist[0]
    assert isinstance(node, KeptRootExtendsNode)
    assert isinstance(node, ExtendsNode)  # Django's checks (one extends per template) hold
