from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from library_portal.control_characters import ControlCharacterFormMixin, PortalForm
from library_portal.models import User
from library_portal.tasks import mail_after_commit
from library_portal.throttling import Throttled, client_key, throttle
from pricing.models import PatronCategory

CARD_HELP = _("The number on your library card (letters and digits). Leave empty if you have no card yet.")


class RegistrationForm(PortalForm):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))
    card_number = forms.RegexField(
        label=_("Library card number"),
        regex=r"^[A-Za-z0-9-]{4,20}$",
        required=False,
        help_text=CARD_HELP,
        error_messages={"invalid": _("Use 4 to 20 letters, digits or hyphens.")},
    )
    category = forms.ModelChoiceField(
        label=_("Patron category"),
        queryset=PatronCategory.objects.all(),
        empty_label=None,
        help_text=_("Staff confirm a reduced or free category when you show a document at the library."),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    consent = forms.BooleanField(label=_("I have read the privacy notice and agree that the library keeps my data."))

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", _("The two passwords differ."))
        elif data.get("password1"):
            candidate = User(email=data.get("email", ""), first_name=data.get("first_name", ""))
            try:
                password_validation.validate_password(data["password1"], candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class LoginForm(ControlCharacterFormMixin, AuthenticationForm):
    """The e-mail is the login; an account whose e-mail is not confirmed yet is told so."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The e-mail address or password is wrong."),
        "unverified": _("Confirm your e-mail address first: open the link we sent you."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("E-mail address")
        # Set when the attempt was refused by a limit, so that the view answers 429 with Retry-After.
        self.throttled: Throttled | None = None

    def clean(self):
        email = (self.cleaned_data.get("username") or "").lower()
        self.cleaned_data["username"] = email
        password = self.cleaned_data.get("password")
        if email and password:
            # Counted before the password is checked: the limit is what stops guessing.
            try:
                throttle(scope="login-client", key=client_key(self.request))
                throttle(scope="login-account", key=email)
            except Throttled as error:
                self.throttled = error
                raise forms.ValidationError(str(error.message), code="throttled") from None
            user = User.objects.filter(email__iexact=email, is_active=False).first()
            if user is not None and user.check_password(password):
                raise forms.ValidationError(self.error_messages["unverified"], code="unverified")
        return super().clean()


class ProfileForm(PortalForm):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    preferred_language = forms.ChoiceField(
        label=_("Language of e-mails"),
        choices=settings.LANGUAGES,
        help_text=_("The library writes to you in this language."),
    )


class QueuedPasswordResetForm(ControlCharacterFormMixin, PasswordResetForm):
    """Django's reset form, but the e-mail goes out through the task queue after commit, in the language the
    account chose (its text and the link's /<lang>/), not the language of the page the reset was asked on."""

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        with translation.override(context["user"].language):
            subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
            body = loader.render_to_string(email_template_name, context)
        mail_after_commit(subject=subject, body=body, to=[to_email])


class NewPasswordForm(ControlCharacterFormMixin, SetPasswordForm):
    """Django's form for the new password after a reset link, refusing control characters like every form."""
