"""Safe HTML from the interview's Markdown feedback.

markdown-it-py renders with raw HTML disabled, then nh3 keeps only the tags the feedback uses:
no links, images, scripts or attributes can reach the page whatever the text contains.
"""

from __future__ import annotations

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_MARKDOWN = MarkdownIt("commonmark", {"html": False})
ALLOWED_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "blockquote", "code", "pre", "br", "hr"}


def render_markdown(text: str | None) -> Markup:
    """Sanitised HTML for ``text`` (Markdown); empty markup for None."""
    html = _MARKDOWN.render(text or "")
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes={"ol": {"start"}}, link_rel=None))
