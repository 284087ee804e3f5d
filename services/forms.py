from django import forms
from django.utils.translation import gettext_lazy as _

from library_portal.control_characters import PortalForm
from services.models import Branch, EService, EServiceArea, Partner

# Partner e-services ------------------------------------------------------------------------------


class EServiceFilterForm(PortalForm):
    """Filters of the e-service and event lists; a value that is not a choice is ignored, never refused."""

    area = forms.ChoiceField(label=_("Area"), required=False)
    branch = forms.ModelChoiceField(
        label=_("Branch"),
        queryset=Branch.objects.all(),
        required=False,
        empty_label=_("All branches"),
        to_field_name="slug",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("All areas")), *EServiceArea.choices]

    def filters(self) -> dict:
        self.is_valid()  # cleaned_data keeps only the valid values
        return {"area": self.cleaned_data.get("area", ""), "branch": self.cleaned_data.get("branch")}


class RegistrationForm(PortalForm):
    """The public form: the e-mail address is required, as the link that confirms the place goes there."""

    name = forms.CharField(label=_("Name and surname"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail address"), help_text=_("We send the link that confirms your place, and a reminder, here.")
    )
    phone = forms.RegexField(
        label=_("Phone"),
        regex=r"^\+?[0-9 ()-]{6,20}$",
        required=False,
        help_text=_("Optional."),
        error_messages={"invalid": _("Enter a phone number of 6 to 20 digits.")},
    )
    consent = forms.BooleanField(
        label=_("I agree that the library keeps my name and contact details until the event, to manage registration.")
    )

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("email") and not data.get("phone"):
            self.add_error("email", _("Give an e-mail address or a phone number."))
        return data


class StaffRegistrationForm(RegistrationForm):
    """Staff register someone who called or came to the desk: a phone number alone is enough."""

    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.RegexField(
        label=_("Phone"),
        regex=r"^\+?[0-9 ()-]{6,20}$",
        required=False,
        error_messages={"invalid": _("Enter a phone number of 6 to 20 digits.")},
    )
    consent = forms.BooleanField(
        label=_("The person agrees that the library keeps their name and contact details until the event.")
    )


class ConsultationForm(PortalForm):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    branch = forms.ModelChoiceField(label=_("Branch"), queryset=Branch.objects.all())
    eservice = forms.ModelChoiceField(label=_("E-service"), queryset=EService.objects.all())
    people = forms.IntegerField(label=_("Number of people"), min_value=1, max_value=500, initial=1)
    minutes = forms.IntegerField(label=_("Minutes"), min_value=1, max_value=1440, initial=15)


class StatisticsForm(PortalForm):
    date_from = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))
    branch = forms.ModelChoiceField(
        label=_("Branch"), queryset=Branch.objects.all(), required=False, empty_label=_("All branches")
    )
    eservice = forms.ModelChoiceField(
        label=_("E-service"), queryset=EService.objects.all(), required=False, empty_label=_("All e-services")
    )
    partner = forms.ModelChoiceField(
        label=_("Partner"), queryset=Partner.objects.all(), required=False, empty_label=_("All partners")
    )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return data


class RegistrantsMessageForm(PortalForm):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)
