from django import forms
from django.utils.translation import gettext_lazy as _

from library_portal.control_characters import PortalForm
from services.models import Branch


class NewsFilterForm(PortalForm):
    """The news list's branch filter: a value that is not a branch is ignored (the whole list), never refused, as
    on the other lists' filters."""

    branch = forms.ModelChoiceField(
        label=_("Branch"),
        queryset=Branch.objects.all(),
        required=False,
        empty_label=_("All branches"),
        to_field_name="slug",
    )

    def chosen_branch(self) -> Branch | None:
        return self.cleaned_data.get("branch") if self.is_valid() else None
