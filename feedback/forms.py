from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from feedback.models import Channel, FeedbackStatus, ReplyTemplate, Topic
from library_portal.control_characters import PortalForm
from services.models import Branch

CONSENT_TEXT = _(
    "I agree that the library keeps my feedback and contact details to handle it. Staff are bound by "
    "confidentiality; contact details are deleted after the feedback is closed."
)


def branch_field(required: bool = False) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Branch"),
        queryset=Branch.objects.all(),
        required=required,
        empty_label=_("— any branch —"),
        error_messages={"invalid_choice": _("Choose a branch from the list.")},
    )


class FeedbackForm(PortalForm):
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    branch = branch_field()
    message = forms.CharField(label=_("Your feedback"), max_length=5000, widget=forms.Textarea(attrs={"rows": 7}))
    name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        required=False,
        help_text=_("Leave it empty to send your feedback anonymously."),
    )
    wants_reply = forms.BooleanField(label=_("I want a reply"), required=False)
    consent = forms.BooleanField(
        label=CONSENT_TEXT, error_messages={"required": _("Agree to the processing of your feedback to send it.")}
    )
    # The honeypot: hidden from people by CSS (class "hp"), filled in by spam robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("wants_reply") and not data.get("email") and "email" not in self.errors:
            self.add_error("email", _("Enter an e-mail address to get a reply."))
        return data

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != "website"]


class StaffFeedbackForm(PortalForm):
    """Feedback given orally, by phone or by letter, entered by staff."""

    channel = forms.ChoiceField(label=_("Channel"), choices=[c for c in Channel.choices if c[0] != Channel.WEB])
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    branch = branch_field()
    message = forms.CharField(label=_("Feedback"), widget=forms.Textarea(attrs={"rows": 6}))
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    wants_reply = forms.BooleanField(label=_("Wants a reply"), required=False)
    language = forms.ChoiceField(label=_("Language of the author"), choices=settings.LANGUAGES)


class ReplyForm(PortalForm):
    template = forms.ModelChoiceField(
        label=_("Start from a template"), queryset=ReplyTemplate.objects.all(), required=False
    )
    body = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 10, "cols": 80}), required=False)


class StatusForm(PortalForm):
    status = forms.ChoiceField(label=_("New status"), choices=FeedbackStatus.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class NoteForm(PortalForm):
    body = forms.CharField(label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 4, "cols": 80}))


def translated_text_fields(prefix: str, label, *, rows: int = 4) -> dict[str, forms.CharField]:
    """One text field per language; the default language is required, the others fall back to it."""
    return {
        f"{prefix}_{code}": forms.CharField(
            label=f"{label} ({name})",
            required=code == settings.LANGUAGE_CODE,
            widget=forms.Textarea(attrs={"rows": rows, "cols": 80}),
        )
        for code, name in settings.LANGUAGES
    }


class PublishAnswerForm(PortalForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(translated_text_fields("summary", _("Summary of the feedback, without personal data")))
        self.fields.update(translated_text_fields("answer", _("What the library did")))

    def texts(self, prefix: str) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"{prefix}_{code}", "") for code, _name in settings.LANGUAGES}


class PublishResultsForm(PortalForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(translated_text_fields("summary", _("Summary of the results"), rows=6))

    def texts(self) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"summary_{code}", "") for code, _name in settings.LANGUAGES}


class ResultsFilterForm(PortalForm):
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    branch = branch_field()

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end of the period cannot be before its start."))
        return data
