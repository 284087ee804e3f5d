"""The forms of the room page: the choice in the week grid (GET, for the price) and the request (POST).

They check only the shape of what was typed; the booking rules are `rooms.rules`', applied by the service, whose
errors the view puts next to the field they name.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from library_portal.control_characters import PortalForm
from rooms.models import Room
from rooms.rules import duration_text

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    """The browser's date and time picker; the value is the library's wall-clock time."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=LOCAL_FORMAT)


def duration_choices(room: Room) -> list[tuple[int, str]]:
    """Every length on the room's grid from its shortest to its longest booking."""
    step = room.slot_minutes
    first = -(-room.min_minutes // step) * step
    return [(minutes, duration_text(minutes)) for minutes in range(first, room.max_minutes + 1, step)]


class SlotForm(PortalForm):
    """What the grid sends: a start (a free step of the grid), a length and the equipment."""

    start = forms.DateTimeField(
        label=_("Start"),
        input_formats=[LOCAL_FORMAT],
        error_messages={"required": _("Choose a free start time in the grid.")},
    )
    duration = forms.TypedChoiceField(label=_("Length"), coerce=int)
    equipment = forms.BooleanField(label=_("With presentation equipment"), required=False)

    def __init__(self, *args, room: Room, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duration"].choices = duration_choices(room)
        self.fields["duration"].initial = 120 if 120 in dict(duration_choices(room)) else room.min_minutes
        if not room.has_equipment:
            del self.fields["equipment"]


class BookingForm(PortalForm):
    """The request: the time, what for, how many, a phone and, for an organisation, its invoice details."""

    start = forms.DateTimeField(label=_("Start"), input_formats=[LOCAL_FORMAT], widget=LocalDateTimeInput)
    end = forms.DateTimeField(label=_("End"), input_formats=[LOCAL_FORMAT], widget=LocalDateTimeInput)
    with_equipment = forms.BooleanField(label=_("With presentation equipment"), required=False)
    purpose = forms.CharField(
        label=_("Purpose"), max_length=300, help_text=_("E.g. a book presentation, a meeting, a training.")
    )
    people = forms.IntegerField(label=_("Expected number of people"), min_value=1, max_value=32767)
    phone = forms.CharField(
        label=_("Contact phone"), max_length=32, widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})
    )
    as_organisation = forms.BooleanField(label=_("I am booking for an organisation"), required=False)
    organisation_name = forms.CharField(
        label=_("Organisation's name"), max_length=200, required=False, help_text=_("For the invoice.")
    )
    organisation_code = forms.CharField(
        label=_("Organisation's registration code"), max_length=40, required=False, help_text=_("For the invoice.")
    )

    def __init__(self, *args, room: Room, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].help_text = _("At most %(capacity)d.") % {"capacity": room.capacity}
        if not room.has_equipment:
            del self.fields["with_equipment"]
        if not room.organisations_may_book:
            for name in ("as_organisation", "organisation_name", "organisation_code"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if not data.get("as_organisation"):
            # Details typed and then unticked are not sent: the booking is the patron's own.
            data["organisation_name"] = data["organisation_code"] = ""
        elif "as_organisation" in self.fields:
            if not data.get("organisation_name"):
                self.add_error("organisation_name", _("Give the organisation's name for the invoice."))
            if not data.get("organisation_code"):
                self.add_error("organisation_code", _("Give the organisation's registration code for the invoice."))
        return data
