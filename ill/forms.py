import uuid

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.utils.translation import gettext_lazy as _

from ill.models import (
    BOOK_FIELDS,
    COMMON_FIELDS,
    COPY_FIELDS,
    KIND_FIELDS,
    REQUEST_FIELDS,
    Channel,
    IllRequest,
    Kind,
    PartnerLibrary,
    Reason,
    Scope,
)
from ill.rules import check_request
from library_portal.control_characters import PortalForm
from library_portal.selectors import patrons_to_pick
from services.models import Branch


class DateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else value


LABELS = {
    "title": _("Title of the book or journal"),
    "max_cost": _("The most I accept to pay (€)"),
    "copyright_declared": _(
        "I declare that I need the copy for study or research only and will not copy it further "
        "(Copyright law: copies for personal use)."
    ),
}
HELP_TEXTS = {
    "isbn": _("10 or 13 digits, hyphens allowed."),
    "issn": _("For journal articles, e.g. 0317-8471. Journals themselves are not lent, only copies."),
    "pages": _("For copies: which pages, e.g. 15-27."),
    "not_needed_after": _("We stop looking after this date."),
    "max_cost": _("Postage is paid by you; libraries abroad also invoice their own charges."),
}
# The model's fields as a plain form: the rules are ill.rules', not the model's full_clean.
RequestFields = type(
    "RequestFields",
    (PortalForm,),
    forms.fields_for_model(
        IllRequest,
        fields=(*BOOK_FIELDS, *COPY_FIELDS, *COMMON_FIELDS),
        labels=LABELS,
        help_texts=HELP_TEXTS,
        widgets={"not_needed_after": DateInput, "note": forms.Textarea(attrs={"rows": 3})},
    ),
)


KIND_REQUIRED = _("Choose what you need: a loan of a book, or a copy of an article or chapter.")


class KindForm(PortalForm):
    """The request form's first step: the service, which decides what the second step asks."""

    kind = forms.ChoiceField(
        label=_("Service"), choices=Kind.choices, widget=forms.RadioSelect, error_messages={"required": KIND_REQUIRED}
    )


class RequestForm(RequestFields):
    """The patron's request form. The same rules as the API (ill.rules), errors next to the field.

    The patron chooses the service first and is then asked only that service's fields (ill.models.KIND_FIELDS):
    the other service's fields are neither shown nor validated. `one_page` forms (the staff's) ask everything at
    once."""

    one_page = False
    kind = forms.ChoiceField(
        label=_("Service"), choices=Kind.choices, widget=forms.RadioSelect, error_messages={"required": KIND_REQUIRED}
    )
    scope = forms.ChoiceField(
        label=_("Where from"), choices=Scope.choices, widget=forms.RadioSelect, initial=Scope.DOMESTIC
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=80)
    field_order = ("kind", *BOOK_FIELDS, *COPY_FIELDS, *COMMON_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pickup_branch"].queryset = Branch.objects.filter(library__is_portal_library=True).order_by(
            "order", "name"
        )
        self.fields["pickup_branch"].empty_label = None
        self.fields["year"].widget.attrs.update({"min": 1450, "inputmode": "numeric"})
        self.fields["max_cost"].widget.attrs.update({"min": 0, "step": "0.01", "inputmode": "decimal"})
        if not self.is_bound and not self.initial.get("idempotency_key"):
            self.initial["idempotency_key"] = uuid.uuid4().hex
        for name in ("title", "pages", "article_title"):
            self.fields[name].required = False  # which are needed depends on the service: ill.rules

    @property
    def chosen_kind(self) -> str | None:
        """The service the form is filled in for: the one sent, else the initial one; None before a choice."""
        kind = self.data.get("kind") if self.is_bound else self.initial.get("kind", self.fields["kind"].initial)
        return kind if kind in Kind.values else None

    def asked_fields(self) -> tuple[str, ...]:
        """The request's fields this form asks for."""
        if self.one_page or self.chosen_kind is None:
            return (*BOOK_FIELDS, *COPY_FIELDS, *COMMON_FIELDS)
        return KIND_FIELDS[self.chosen_kind]

    def full_clean(self):
        # The other service's fields are left out while the form is cleaned, so that nothing of them is validated
        # or kept, and put back after, in their order, for the page that switches services in place.
        order = list(self.fields)
        skipped = {
            name: self.fields.pop(name)
            for name in order
            if name in REQUEST_FIELDS and name != "kind" and name not in self.asked_fields()
        }
        try:
            super().full_clean()
        finally:
            self.fields = {name: self.fields.get(name) or skipped[name] for name in order}

    def clean(self):
        data = super().clean()
        cleaned, errors = check_request(data)
        for field, messages in errors.items():
            for message in messages:
                if field in self.fields and field not in self.errors:
                    self.add_error(field, message)
        return {**data, **{key: value for key, value in cleaned.items() if key not in errors}}

    def kind_groups(self) -> list[dict]:
        """The patron's form in groups, each with the services it belongs to ("kinds"), for a page that shows only
        the chosen service's groups; a legend that differs by service is given for each."""
        common = tuple(name for name in COMMON_FIELDS if name != "copyright_declared")
        return [
            {
                "id": "book",
                "kinds": (Kind.LOAN, Kind.COPY),
                "legends": {Kind.LOAN: _("The book"), Kind.COPY: _("The book or journal the copy is from")},
                "fields": [self[name] for name in BOOK_FIELDS],
            },
            {
                "id": "copy",
                "kinds": (Kind.COPY,),
                "legends": {Kind.COPY: _("The article or chapter")},
                "fields": [self[name] for name in COPY_FIELDS],
            },
            {"id": "common", "kinds": (Kind.LOAN, Kind.COPY), "legends": {}, "fields": [self[name] for name in common]},
            {
                "id": "copyright",
                "kinds": (Kind.COPY,),
                "legends": {Kind.COPY: _("Copyright")},
                "fields": [self["copyright_declared"]],
            },
        ]

    def request_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in REQUEST_FIELDS}


# The patron fields of a record made at the desk (library_portal.services.patron_record_create), by the service's
# names for them.
NEW_PATRON_FIELDS = ("card_number", "first_name", "last_name", "email", "phone")


class StaffRequestForm(RequestForm):
    """Staff enter a request on a patron's behalf, with the channel it came by. The patron is picked by a search
    (name, e-mail or library card: the admin's autocomplete, served by the user admin's search), or, for someone with
    no portal account, recorded here: card, name, and an e-mail address or a phone number."""

    patron = forms.ModelChoiceField(
        label=_("Patron"),
        queryset=patrons_to_pick(),
        widget=AutocompleteSelect(IllRequest._meta.get_field("patron"), admin.site),
        help_text=_("Type a name, an e-mail address or a library card number."),
        required=False,
    )
    new_card_number = forms.CharField(label=_("Library card number"), max_length=20, required=False)
    new_first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    new_last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    new_email = forms.EmailField(label=_("E-mail address"), required=False)
    new_phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    channel = forms.ChoiceField(label=_("Received via"), choices=Channel.choices, initial=Channel.PHONE)
    field_order = ("patron", *(f"new_{name}" for name in NEW_PATRON_FIELDS), "channel", *RequestForm.field_order)

    one_page = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = Kind.LOAN  # most requests staff take down are loans
        self.fields["new_email"].widget.attrs["autocomplete"] = "off"  # the patron's, not the librarian's
        self.fields["new_phone"].widget.input_type = "tel"

    def clean(self):
        data = super().clean()
        new_record = any(data.get(f"new_{name}") for name in NEW_PATRON_FIELDS)
        if data.get("patron") and new_record:
            self.add_error("patron", _("Pick a patron or make a new record below, not both: empty one of them."))
        elif not data.get("patron") and not new_record and "patron" not in self.errors:
            self.add_error(
                "patron", _("Pick the patron, or make a record below for someone with no account on the portal.")
            )
        return data

    def new_patron(self) -> dict | None:
        """The record to make at the desk (patron_record_create's arguments), or None when a patron was picked."""
        if self.cleaned_data.get("patron"):
            return None
        return {name: self.cleaned_data.get(f"new_{name}") or "" for name in NEW_PATRON_FIELDS}

    def field_groups(self) -> list[tuple[str, list]]:
        """The staff's one-page form in fieldsets: (legend, bound fields); an empty legend means no fieldset."""
        return [
            ("", [self["patron"]]),
            (
                _("Or a new patron record, for someone with no account on the portal"),
                [self[f"new_{name}"] for name in NEW_PATRON_FIELDS],
            ),
            ("", [self["channel"], self["kind"]]),
            (_("The book, or the book or journal the copy is from"), [self[name] for name in BOOK_FIELDS]),
            (_("For copies: the article or chapter"), [self[name] for name in COPY_FIELDS]),
            ("", [self[name] for name in COMMON_FIELDS]),
        ]


class MoveForm(PortalForm):
    """A librarian's move in the back office, beside the move buttons on the request's own page (prefix "move",
    inside the admin's form): the target comes from the button pressed, the rest from here. `seen_status` is the
    status the page showed, so that a move somebody else made meanwhile is not overridden."""

    note = forms.CharField(label=_("Note with the move"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    note_is_public = forms.BooleanField(label=_("The patron sees the note"), required=False, initial=True)
    reason = forms.ChoiceField(
        label=_("Reason (for rejected or unfilled)"), required=False, choices=[("", "—"), *Reason.choices]
    )
    partner = forms.ModelChoiceField(
        label=_("Lending library"), required=False, queryset=PartnerLibrary.objects.select_related("library")
    )
    due_date = forms.DateField(
        label=_("Due back (set by the lender)"),
        required=False,
        widget=DateInput,
        help_text=_("For “Ready in the reading room”: 30 days from today unless the lender says otherwise."),
    )
    seen_status = forms.CharField(required=False, widget=forms.HiddenInput, max_length=32)


class MessageForm(PortalForm):
    body = forms.CharField(label=_("Message to the staff"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class CancellationRequestForm(PortalForm):
    note = forms.CharField(
        label=_("Why (optional)"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
