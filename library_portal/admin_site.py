"""The back office's own admin site: its index opens on the staff member's day ("Today"), and each member of staff
chooses the language the back office speaks to them."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from library_portal.control_characters import PortalForm
from library_portal.errors import DomainError
from library_portal.selectors import staff_today
from library_portal.services import user_language_set


class StaffLanguageForm(PortalForm):
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the back office and of the e-mails you receive"),
        choices=[(code, translation.get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES],
        widget=forms.RadioSelect,
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class PortalAdminSite(admin.AdminSite):
    def get_urls(self):
        return [path("language/", self.admin_view(self.language_view), name="staff_language"), *super().get_urls()]

    def index(self, request, extra_context=None):
        """The usual list of apps, after "Today": what is waiting for staff, each count a link to its list."""
        return super().index(request, {"today": staff_today(request.user), **(extra_context or {})})

    def language_view(self, request):
        """A member of staff chooses their language; the page after it is already in that language."""
        next_url = request.POST.get("next") or request.GET.get("next") or ""
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = ""
        form = StaffLanguageForm(
            request.POST or None, initial={"language": request.user.preferred_language, "next": next_url}
        )
        if request.method == "POST" and form.is_valid():
            try:
                user_language_set(user=request.user, language=form.cleaned_data["language"])
            except DomainError as error:
                form.add_error("language", str(error.message))
            else:
                translation.activate(request.user.preferred_language)
                messages.success(request, _("The back office now speaks to you in this language."))
                return redirect(next_url or "admin:index")
        context = {**self.each_context(request), "title": _("Your language"), "form": form}
        return TemplateResponse(request, "admin/staff_language.html", context)
