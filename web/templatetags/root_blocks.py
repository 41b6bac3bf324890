"""`{% extends %}` as Django's, except that the root template's blocks are listed once.

Django's ExtendsNode walks the whole node tree of the root template (base.html) on every
render to collect its `{% block %}` nodes: about 230 nodes, some 0.1 ms of every page and
the largest single cost of a page kept whole (pagecache fragments). A compiled template
never changes (the cached loader keeps it), so the map is kept on it. Registered as a
template builtin (settings.TEMPLATES), so every `{% extends %}` is this one.
"""

from django import template
from django.template.base import TextNode
from django.template.loader_tags import (
    BLOCK_CONTEXT_KEY,
    BlockContext,
    BlockNode,
    ExtendsNode,
    do_extends,
)

register = template.Library()

_NOT_ROOT: dict = {}


def root_blocks(compiled) -> dict:
    """The block nodes of `compiled` by name if it is a root template (its first tag is
    not `{% extends %}`), else an empty map; worked out once per compiled template."""
    blocks = compiled.__dict__.get("_root_blocks")
    if blocks is None:
        blocks = _NOT_ROOT
        for node in compiled.nodelist:
            if not isinstance(node, TextNode):
                if not isinstance(node, ExtendsNode):
                    blocks = {n.name: n for n in compiled.nodelist.get_nodes_by_type(BlockNode)}
                break
        compiled._root_blocks = blocks
    return blocks


class KeptRootExtendsNode(ExtendsNode):
    def render(self, context):
        compiled_parent = self.get_parent(context)
        if BLOCK_CONTEXT_KEY not in context.render_context:
            context.render_context[BLOCK_CONTEXT_KEY] = BlockContext()
        block_context = context.render_context[BLOCK_CONTEXT_KEY]
        block_context.add_blocks(self.blocks)
        blocks = root_blocks(compiled_parent)
        if blocks:
            block_context.add_blocks(blocks)
        with context.render_context.push_state(compiled_parent, isolated_context=False):
            return compiled_parent._render(context)


@register.tag("extends")
def extends(parser, token):
    node = do_extends(parser, token)
    node.__class__ = KeptRootExtendsNode
    return node
