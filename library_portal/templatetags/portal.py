from django import template
from django.forms import BaseFormSet
from django.forms.forms import NON_FIELD_ERRORS
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

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


def error_target_id(bound_field) -> str:
    """The id a summary link points to: the input itself, or a group's first radio or checkbox (the group's
    fieldset cannot take focus)."""
    if bound_field.is_hidden or not bound_field.auto_id:
        return ""
    if bound_field.use_fieldset:
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label


def error_summary_items(*forms) -> list[dict]:
    """Every error of the given forms and formsets, in page order: {"id": the field's id or "", "message"}."""
    items: list[dict] = []
    for form in forms:
        if not form or not getattr(form, "is_bound", False):
            continue
        if isinstance(form, BaseFormSet):
            items += [{"id": "", "message": error} for error in form.non_form_errors()]
            items += error_summary_items(*form.forms)
            continue
        items += [{"id": "", "message": error} for error in form.errors.get(NON_FIELD_ERRORS, [])]
        for name in form.fields:
            for error in form.errors.get(name, []):
                items.append({"id": error_target_id(form[name]), "message": error})
    return items


@register.inclusion_tag("includes/error_summary.html")
def error_summary(*forms) -> dict:
    """{% error_summary form formset %}: the "There is a problem" box that starts a form with errors."""
    return {"error_items": error_summary_items(*forms)}


@register.simple_tag
def error_title(*forms) -> str:
    """{% error_title form %} at the start of the page title: "Error: " while any of the forms has an error, so
    that a screen reader hears it first."""
    if any(error_summary_items(*forms)):
        return gettext("Error: ")
    return ""
