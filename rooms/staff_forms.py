"""The staff's forms of room booking: a booking entered for someone (once or every week), the handling of a request
on its page in the back office (the reason of a decline or cancellation, the price set by staff), and the calendar's
and the statistics' filters."""

import datetime as dt

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.utils.translation import gettext_lazy as _

from library_portal.control_characters import PortalForm
from library_portal.errors import DomainError
from library_portal.selectors import patrons_to_pick
from rooms.models import Booking, Kind, Room
from services.models import Branch

ISO_DATE = "%Y-%m-%d"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=ISO_DATE)  # what an <input type="date"> reads and sends


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


WHOM = [
    (Kind.BOOKING, _("A patron, or an organisation a patron books for")),
    (Kind.INTERNAL, _("The library's own use")),
]


class StaffBookingForm(PortalForm):
    """A booking staff enter for someone (a phone call, the desk) or for the library's own use; with "repeat until"
    it is a weekly series. Approved at once: the person entering it is the one who would approve it."""

    room = forms.ModelChoiceField(label=_("Room"), queryset=Room.objects.select_related("branch"))
    kind = forms.ChoiceField(label=_("For"), choices=WHOM, initial=Kind.BOOKING, widget=forms.RadioSelect)
    user = forms.ModelChoiceField(
        label=_("Patron"),
        queryset=patrons_to_pick(),
        widget=AutocompleteSelect(Booking._meta.get_field("user"), admin.site),
        help_text=_("Type a name, an e-mail address or a library card number."),
        required=False,
    )
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    organisation_code = forms.CharField(label=_("Organisation's registration code"), max_length=40, required=False)
    date = forms.DateField(label=_("Date"), widget=DateInput)
    start_time = forms.TimeField(label=_("From"), widget=TimeInput)
    end_time = forms.TimeField(label=_("To"), widget=TimeInput)
    with_equipment = forms.BooleanField(label=_("With presentation equipment"), required=False)
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    people = forms.IntegerField(label=_("Number of people"), min_value=1, max_value=10000, required=False)
    phone = forms.CharField(label=_("Contact phone"), max_length=32, required=False)
    repeat_until = forms.DateField(
        label=_("Repeat every week until"),
        required=False,
        widget=DateInput,
        help_text=_("Empty: this date only. The dates that are taken or closed are skipped and listed."),
    )
    every_weeks = forms.IntegerField(label=_("Every … weeks"), min_value=1, max_value=8, initial=1, required=False)

    # The services name the fields of their arguments; this form calls some of them otherwise.
    FIELD_OF = {"start": "start_time", "end": "end_time", "last_date": "repeat_until", "first_date": "date"}
    # Refusals about the day rather than the time of day.
    DAY_CODES = {"closed_day", "in_past", "too_far"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.input_type = "tel"
        self.fields["phone"].widget.attrs["autocomplete"] = "off"  # the patron's, not the librarian's

    def clean(self):
        data = super().clean()
        if data.get("kind") == Kind.BOOKING and not data.get("user") and "user" not in self.errors:
            self.add_error("user", _("Choose the patron the booking is for."))
        until = data.get("repeat_until")
        if until and data.get("date") and until < data["date"]:
            self.add_error("repeat_until", _("The last date cannot be before the first."))
        return data

    def add_refusal(self, error: DomainError) -> None:
        """The service's refusal next to the field it names, in this form's names."""
        field = self.FIELD_OF.get(error.field or "", error.field)
        if error.code in self.DAY_CODES:
            field = "date"
        self.add_error(field if field in self.fields else None, str(error.message))

    def field_groups(self) -> list[tuple[str, list]]:
        return [
            ("", [self["room"], self["kind"]]),
            (
                _("Who books"),
                [self["user"], self["organisation_name"], self["organisation_code"], self["phone"]],
            ),
            (_("When"), [self["date"], self["start_time"], self["end_time"]]),
            ("", [self["purpose"], self["people"], self["with_equipment"]]),
            (_("Every week"), [self["repeat_until"], self["every_weeks"]]),
        ]


class HandleForm(PortalForm):
    """The reason beside the Decline and Cancel buttons on a booking's page (inside the admin's own form, prefix
    "handle")."""

    reason = forms.CharField(
        label=_("Reason the patron reads (to decline or cancel)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
    )


class PriceForm(PortalForm):
    """The price set by staff instead of the quoted one (prefix "price")."""

    amount = forms.DecimalField(
        label=_("Price to pay (€)"), min_value=0, max_digits=8, decimal_places=2, localize=True, required=False
    )
    reason = forms.CharField(
        label=_("Why the price is changed"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text=_("Shown on the receipt, e.g. free of charge for a partner's training."),
    )


class CalendarForm(PortalForm):
    """The calendar's date, view and room (GET)."""

    date = forms.DateField(label=_("Date"), widget=DateInput, required=False)
    view = forms.ChoiceField(
        label=_("Show"), choices=[("day", _("Day")), ("week", _("Week"))], initial="week", required=False
    )

    def chosen(self, today: dt.date) -> tuple[dt.date, str]:
        if not self.is_valid():
            return today, "week"
        return self.cleaned_data.get("date") or today, self.cleaned_data.get("view") or "week"


class RoomStatisticsForm(PortalForm):
    date_from = forms.DateField(label=_("From"), widget=DateInput)
    date_to = forms.DateField(label=_("To"), widget=DateInput)
    branch = forms.ModelChoiceField(label=_("Branch"), queryset=Branch.objects.all(), required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date cannot be before the start date."))
        if start and end and (end - start).days > 366 * 3:
            self.add_error("date_to", _("Choose at most three years."))
        return data
