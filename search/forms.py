from django import forms
from django.utils.translation import gettext_lazy as _

from library_portal.control_characters import PortalForm
from search.selectors import GROUP_KEYS, GROUPS, Group, search_query_clean


class SearchQueryField(forms.CharField):
    """A search box's text. It is cleaned, never refused: control characters (NUL included) become spaces before
    the portal's control-character check sees the value, and an over-long query is cut (search_query_clean)."""

    def to_python(self, value):
        return search_query_clean(super().to_python(value))


class SearchForm(PortalForm):
    q = SearchQueryField(label=_("What are you looking for?"), required=False)
    # One group's results alone ("Show all ..."); a value that is not a group is ignored, never refused.
    group = forms.ChoiceField(required=False, choices=[("", "")] + [(group.key, group.label) for group in GROUPS])

    def search(self) -> tuple[str, Group | None]:
        """The query to search for (empty: none) and the group asked for alone."""
        self.is_valid()  # cleaned_data keeps only the valid values
        return self.cleaned_data.get("q", ""), GROUP_KEYS.get(self.cleaned_data.get("group", ""))
