from django import forms
from django.utils.translation import gettext_lazy as _

from library_portal.control_characters import PortalForm
from pricing.calculation import MAX_LINES
from pricing.models import PatronCategory, PriceItem, Section

DEFAULT_LINES = 3


def item_choices(items: list[PriceItem]) -> list:
    """Items grouped by section for the select box: [(section title, [(code, name), ...]), ...]."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for item in items:
        groups.setdefault(item.section, []).append((item.code, item.name))
    return [("", _("— choose a service —"))] + [(Section(code).label, choices) for code, choices in groups.items()]


class QuoteForm(PortalForm):
    category = forms.ChoiceField(label=_("Patron category"))

    def __init__(self, *args, categories: list[PatronCategory], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [(c.code, c.name) for c in categories]


class QuoteLineForm(PortalForm):
    item = forms.ChoiceField(label=_("Service"), required=False)
    quantity = forms.DecimalField(
        label=_("Quantity"),
        required=False,
        min_value=0.01,
        max_digits=8,
        decimal_places=2,
        help_text=_("Copies, pages, images or hours."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
    )
    pages = forms.IntegerField(
        label=_("Sheets"),
        required=False,
        min_value=1,
        help_text=_("For binding: sheets per document."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 5}),
    )

    def __init__(self, *args, items: list[PriceItem], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = item_choices(items)

    def clean(self):
        data = super().clean()
        if data.get("item") and data.get("quantity") is None and "quantity" not in self.errors:
            self.add_error("quantity", _("Enter how many."))
        if not data.get("item") and (data.get("quantity") is not None or data.get("pages") is not None):
            self.add_error("item", _("Choose a service for this line."))
        return data


QuoteLineFormSet = forms.formset_factory(QuoteLineForm, extra=0, max_num=MAX_LINES, absolute_max=MAX_LINES)
