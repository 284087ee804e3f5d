from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from library_portal.greetings import greeting as greeting_text
from library_portal.money import format_money
from library_portal.typography import inner_quotes as nested_quotes
from services.models import Weekday

register = template.Library()


@register.filter
def plain_text(value: str) -> str:
    """Render staff-written plain text: blank lines separate paragraphs, "## " starts a heading.

    Everything is escaped first, so content edited in the admin can never inject markup.
    """
    blocks = [block.strip() for block in (value or "").replace("\r\n", "\n").split("\n\n") if block.strip()]
    html = []
    for block in blocks:
        if block.startswith("## "):
            heading, _sep, rest = block[3:].partition("\n")
            html.append(f"<h2>{escape(heading.strip())}</h2>")
            if rest.strip():
                html.append(f"<p>{escape(rest.strip()).replace(chr(10), '<br>')}</p>")
        else:
            html.append(f"<p>{escape(block).replace(chr(10), '<br>')}</p>")
    return mark_safe("\n".join(html))  # noqa: S308 - every piece above is escaped


@register.filter
def weekday_name(value: int) -> str:
    return Weekday(value).label


@register.filter
def money(value) -> str:
    """{{ amount|money }}: a Decimal euro amount in the current language's style."""
    return format_money(value)


@register.simple_tag
def greeting(name: str = "") -> str:
    """{% greeting patron.first_name %}: the e-mail's opening line in the active language ("Sveiki," in Lithuanian,
    which would need the vocative of the name; "Здравейте, Петър," in Bulgarian)."""
    return greeting_text(name)


@register.filter
def inner_quotes(value) -> str:
    """{% blocktranslate with title=event.title|inner_quotes %}…“{{ title }}”…: a title's own quotation marks
    become the nested ones, so that no „„…“ appears."""
    return nested_quotes(value)
