from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from feedback.models import Channel, FeedbackStatus, Question, ReplyTemplate, Topic
from feedback.selectors import SurveyStructure
from feedback.surveys import question_visible, survey_answers_clean
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


# Surveys -----------------------------------------------------------------------------------------


class SurveyAnswerField(forms.Field):
    """The values posted for one question (several for a multiple choice), kept raw: they are checked by the
    service's survey_answers_clean, the same check as the API's."""

    widget = forms.MultipleHiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)


class SurveyPageForm(PortalForm):
    """One page of a survey, answered with ordinary form posts: no JavaScript needed.

    Built from the survey's questions: those of the page are shown, and the answers of the other pages travel
    as hidden inputs, since the show-if rules (evaluated on each post, so a page shows only the questions that
    apply) and the final record need them all. Required questions are checked on their own page only; the
    service checks everything again when the last page records the response.
    """

    def __init__(self, data=None, *, structure: SurveyStructure):
        super().__init__(data)
        self.structure = structure
        self.fields["branch"] = branch_field()
        for question in structure.questions:
            self.fields[question.field_name] = SurveyAnswerField()
        self.raw = {
            q.field_name: self.data.getlist(q.field_name) for q in structure.questions if q.field_name in self.data
        }
        self.answers, _errors = survey_answers_clean(questions=structure.questions, raw=self.raw, only=set())
        self.index = self._requested_page()
        self.checked = False  # errors are shown only after a check (going back checks nothing)

    def _requested_page(self) -> int:
        try:
            index = int(self.data.get("page", "0"))
        except ValueError:
            index = 0
        return min(max(index, 0), max(len(self.structure.pages) - 1, 0))

    def _questions_of(self, index: int) -> list[Question]:
        return self.structure.page_questions(self.structure.pages[index]) if self.structure.pages else []

    def _page_of(self, field_name: str) -> int:
        for index, page in enumerate(self.structure.pages):
            if any(q.field_name == field_name for q in self.structure.page_questions(page)):
                return index
        return self.index

    @property
    def visible_pages(self) -> list[int]:
        """Indexes of the pages that have at least one question shown, given the answers so far."""
        by_id = {q.pk: q for q in self.structure.questions}
        return [
            index
            for index in range(len(self.structure.pages))
            if any(question_visible(q, self.answers, by_id) for q in self._questions_of(index))
        ]

    def clean(self):
        data = super().clean()
        self.checked = True
        on_page = {q.pk for q in self._questions_of(self.index)}
        self.answers, errors = survey_answers_clean(questions=self.structure.questions, raw=self.raw, only=on_page)
        self.refuse(errors)
        return data

    def refuse(self, errors: dict[str, str]) -> None:
        """Put the answers' errors by their questions; a bad value from another page (a forged form) is shown on
        its own page."""
        for name, message in errors.items():
            self.add_error(name, message)
        if errors:
            self.index = self._page_of(next(iter(errors)))

    def go_back(self) -> None:
        pages = self.visible_pages
        earlier = [p for p in pages if p < self.index]
        self.index = earlier[-1] if earlier else (pages[0] if pages else 0)

    def go_forward(self) -> bool:
        """Move to the next page that has questions to show; False on the last one."""
        later = [p for p in self.visible_pages if p > self.index]
        if later:
            self.index = later[0]
        return bool(later)

    def page_errors(self) -> dict[str, str]:
        return {name: errors[0] for name, errors in self.errors.items()} if self.checked else {}

    def page_context(self) -> dict[str, Any]:
        """What templates/feedback/survey_form.html shows of the page: where it stands, what travels hidden."""
        pages = self.visible_pages
        page = self.structure.pages[self.index] if self.structure.pages else None
        on_page = {q.field_name for q in self._questions_of(self.index)}
        return {
            "page": page,
            "page_index": self.index,
            "position": pages.index(self.index) + 1 if self.index in pages else 1,
            "page_count": max(len(pages), 1),
            "is_last": not [p for p in pages if p > self.index],
            "hidden": [(name, value) for name, values in self.raw.items() if name not in on_page for value in values],
            "branch_value": self.data.get("branch", ""),
            "ask_branch": self.structure.survey.asks_branch and self.index == (pages[0] if pages else 0),
        }

    def questions_shown(self, errors: dict[str, str]) -> list[dict]:
        """The page's questions that apply, each with what was answered (checked options, typed text) and its
        error."""
        by_id = {q.pk: q for q in self.structure.questions}
        shown = []
        for question in self._questions_of(self.index):
            if not question_visible(question, self.answers, by_id):
                continue
            values = [str(value) for value in self.raw.get(question.field_name, [])]
            shown.append(
                {
                    "question": question,
                    "name": question.field_name,
                    "value": values[0] if values and question.is_text else "",
                    "options": _options(question, values),
                    "error": errors.get(question.field_name),
                }
            )
        return shown


def _options(question: Question, values: list[str]) -> list[tuple[str, str, bool]]:
    """A scale's or a choice question's options: (value, label, checked)."""
    if question.is_numeric:
        return [(str(v), str(v), str(v) in values) for v in question.value_range]
    if question.is_choice:
        return [(c.code, c.text, c.code in values) for c in question.choices.all()]
    return []
