from django import forms
from django.utils.translation import gettext_lazy as _

from services.selectors import SEARCH_MAX_LENGTH


class ServiceSearchForm(forms.Form):
    q = forms.CharField(label=_("Search services"), required=False, strip=True)

    def clean_q(self) -> str:
        # An over-long or odd query is cut, never refused: a search box should always answer.
        return " ".join(self.cleaned_data["q"].replace("\x00", " ").split())[:SEARCH_MAX_LENGTH]
