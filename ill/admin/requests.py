"""The back office of interlibrary loan requests: requests move only through the buttons of their allowed next
moves."""

import csv
import datetime as dt

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ill.admin.request_parts import (
    BULK_MOVES,
    CSV_COLUMNS,
    EMITTED_KINDS,
    ISO_ACTIONS,
    MOVE_SESSION_KEY,
    CancellationRequestedFilter,
    CostInline,
    HistoryInline,
    IllRequestAdminForm,
    MessageInline,
    OverdueFilter,
    StaffMessageForm,
    StaffStatusFilter,
)
from ill.forms import NEW_PATRON_FIELDS, MoveForm, StaffRequestForm
from ill.iso18626.build import iso18626_request_xml
from ill.iso18626.send import iso18626_emit
from ill.models import (
    BOOK_FIELDS,
    COPY_FIELDS,
    DEFAULT_LOAN_DAYS,
    DELIVERY_FIELDS,
    FINAL,
    NEEDS_REASON,
    OPEN,
    TRANSITIONS,
    CostLine,
    IllRequest,
    Status,
    staff_status_label,
    staff_status_label_lazy,
)
from ill.services import ill_cost_add, ill_message_post, ill_request_enter, ill_request_move
from library_portal.admin import PortalAdminMixin, run_each
from library_portal.errors import DomainError
from library_portal.exports import spreadsheet_row


def _category_text(profile) -> str:
    if profile is None or profile.category is None:
        return "—"
    if profile.category_confirmed or not profile.category.needs_proof:
        return str(profile.category)
    return _("%(category)s (not yet confirmed by the library)") % {"category": profile.category}


@admin.register(IllRequest)
class IllRequestAdmin(PortalAdminMixin, admin.ModelAdmin):
    list_display = [
        "id",
        "title",
        "patron_name",
        "kind",
        "status_for_staff",
        "pickup_branch",
        "scope",
        "due_date",
        "created_at",
        "cancellation_requested",
    ]
    list_display_links = ["id", "title"]
    list_filter = [
        StaffStatusFilter,
        "kind",
        "pickup_branch",
        "scope",
        "channel",
        OverdueFilter,
        CancellationRequestedFilter,
        "partner",
    ]
    search_fields = [
        "title",
        "article_title",
        "isbn",
        "issn",
        "patron__first_name",
        "patron__last_name",
        "patron__email",
        "patron__patron__card_number",
    ]
    list_select_related = ["patron", "pickup_branch"]
    date_hierarchy = "created_at"
    form = IllRequestAdminForm
    view_on_site = False  # the request's page is the patron's own
    readonly_fields = [
        "patron_details",
        "status_for_staff",
        "kind",
        "channel",
        "entered_by",
        "cancellation_requested_at",
        "reason",
        "partner",
        "due_date",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {"fields": ["patron_details", "status_for_staff", "reason", "kind", "channel", "entered_by", "created_at"]},
        ),
        (
            gettext_lazy("Item"),
            {"fields": [*BOOK_FIELDS, *COPY_FIELDS, "language", "note"]},
        ),
        (
            gettext_lazy("Delivery"),
            {
                "fields": [
                    *DELIVERY_FIELDS,
                    "partner",
                    "due_date",
                    "cancellation_requested_at",
                ]
            },
        ),
    ]
    inlines = [HistoryInline, CostInline, MessageInline]
    actions = ["export_csv", *(f"move_to_{status}" for status in BULK_MOVES)]
    change_form_template = "admin/ill/illrequest/change_form.html"
    change_list_template = "admin/ill/illrequest/change_list.html"

    @admin.display(description=gettext_lazy("Patron"), ordering="patron__last_name")
    def patron_name(self, obj: IllRequest) -> str:
        return str(obj.patron)

    @admin.display(description=gettext_lazy("Status"), ordering="status")
    def status_for_staff(self, obj: IllRequest) -> str:
        return staff_status_label(obj.status)

    @admin.display(description=gettext_lazy("Patron"))
    def patron_details(self, obj: IllRequest) -> str:
        """Who ordered, and how to reach them, beside the request: name, e-mail, phone, card, category, other open
        requests (links)."""
        user = obj.patron
        profile = getattr(user, "patron", None)
        others = list(
            IllRequest.objects.filter(patron=user, status__in=OPEN).exclude(pk=obj.pk).order_by("-created_at")[:10]
        )
        rows = [
            (_("Name"), user.get_full_name() or "—"),
            (_("E-mail"), format_html('<a href="mailto:{0}">{0}</a>', user.email) if user.email else "—"),
            (_("Phone"), (profile.phone if profile and profile.phone else "—")),
            (_("Library card number"), (profile.card_number if profile and profile.card_number else "—")),
            (_("Patron category"), _category_text(profile)),
            (
                _("Other open requests"),
                format_html_join(
                    ", ",
                    '<a href="{}">#{} {}</a> ({})',
                    (
                        (
                            reverse("admin:ill_illrequest_change", args=[other.pk]),
                            other.pk,
                            other,
                            staff_status_label(other.status),
                        )
                        for other in others
                    ),
                )
                or _("none"),
            ),
        ]
        return format_html('<dl class="ill-patron">{}</dl>', format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows))

    @admin.display(description=gettext_lazy("Cancellation requested"), boolean=True)
    def cancellation_requested(self, obj: IllRequest) -> bool:
        return obj.cancellation_requested_at is not None and obj.status not in FINAL

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("enter/", view(self.enter_view), name="ill_illrequest_enter"),
            path("export/", view(self.export_view), name="ill_illrequest_export"),
            path("<int:pk>/move/<str:to_status>/", view(self.move_view), name="ill_illrequest_move"),
            path("<int:pk>/message/", view(self.message_view), name="ill_illrequest_message"),
            path("<int:pk>/iso18626/request.xml", view(self.iso_download_view), name="ill_illrequest_iso"),
            path("<int:pk>/iso18626/<str:kind>/send/", view(self.iso_send_view), name="ill_illrequest_iso_send"),
            *super().get_urls(),
        ]

    def has_move_permission(self, request) -> bool:
        return request.user.has_perm("ill.move_illrequest")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("patron__patron__category")

    def add_view(self, request, form_url="", extra_context=None):
        return redirect("admin:ill_illrequest_enter")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra = {**(extra_context or {})}
        if obj is not None:
            moves = [status for status in Status.values if status in TRANSITIONS[obj.status]]
            extra.update(
                status_label=staff_status_label(obj.status),
                moves=[(status, staff_status_label(status)) for status in moves],
                move_form=self._move_form(request, obj, moves),
                can_move=request.user.has_perm("ill.move_illrequest"),
                message_form=StaffMessageForm(),
                iso_actions=[(kind, ISO_ACTIONS[kind]) for kind in EMITTED_KINDS],
            )
        return super().change_view(request, object_id, form_url, extra)

    def _move_form(self, request, obj: IllRequest, moves: list[str]) -> MoveForm:
        """The move fields beside the buttons: only those the allowed moves use, prefilled (the due date 30 days
        on); after a refused move, what was typed and why it was refused."""
        kept = request.session.pop(MOVE_SESSION_KEY, None) if request.method == "GET" else None
        if kept and kept.get("pk") == obj.pk:
            form = MoveForm(kept["data"], prefix="move")
            form.is_valid()
            for field, errors in kept["errors"].items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            due = obj.due_date or timezone.localdate() + dt.timedelta(days=DEFAULT_LOAN_DAYS)
            form = MoveForm(
                prefix="move",
                initial={"partner": obj.partner, "due_date": due, "seen_status": obj.status},
            )
        wanted = {"note", "note_is_public", "seen_status"}
        if NEEDS_REASON & set(moves):
            wanted.add("reason")
        if Status.ORDERED in moves:
            wanted.add("partner")
        if Status.READY in moves:
            wanted.add("due_date")
        for name in list(form.fields):
            if name not in wanted:
                del form.fields[name]
        return form

    def save_formset(self, request, form, formset, change):
        if formset.model is not CostLine:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)  # sorts the lines into new, changed and deleted (the admin's log reads them)
        for line in formset.deleted_objects:
            line.delete()
        for line, _fields in formset.changed_objects:
            line.save()
        for line in formset.new_objects:
            ill_cost_add(
                request_id=form.instance.pk,
                kind=line.kind,
                actor=request.user,
                description=line.description,
                estimate=line.estimate,
                amount=line.amount,
            )

    def enter_view(self, request):
        """Staff enter a request on a patron's behalf (post, phone, fax, e-mail, in person)."""
        if not request.user.has_perm("ill.add_illrequest"):
            raise PermissionDenied
        form = StaffRequestForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            new_patron = form.new_patron()
            try:
                ill_request, _created = ill_request_enter(
                    patron=form.cleaned_data["patron"],
                    new_patron=new_patron,
                    data=form.request_data(),
                    channel=form.cleaned_data["channel"],
                    entered_by=request.user,
                    idempotency_key=form.cleaned_data["idempotency_key"] or "",
                )
            except DomainError as error:
                field = f"new_{error.field}" if new_patron and error.field in NEW_PATRON_FIELDS else error.field
                form.add_error(field if field in form.fields else None, str(error.message))
            else:
                self.log_addition(request, ill_request, _("Entered on the patron's behalf."))
                self.message_user(request, _("The request is entered."), messages.SUCCESS)
                return redirect("admin:ill_illrequest_change", ill_request.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Enter a request for a patron"),
            "form": form,
        }
        return TemplateResponse(request, "admin/ill/illrequest/enter.html", context)

    def move_view(self, request, pk: int, to_status: str):
        """One click: a move button on the request's page posts the admin's form here (formaction); this reads only
        the move fields (prefix "move") and answers on the request's page, with what was typed kept after a
        refusal."""
        if not request.user.has_perm("ill.move_illrequest"):
            raise PermissionDenied
        ill_request = get_object_or_404(IllRequest, pk=pk)
        if to_status not in Status.values:
            raise Http404
        if request.method != "POST":
            return redirect("admin:ill_illrequest_change", pk)
        form = MoveForm(request.POST, prefix="move")
        if form.is_valid():
            data = form.cleaned_data
            try:
                ill_request_move(
                    request_id=pk,
                    to_status=to_status,
                    actor=request.user,
                    note=data["note"],
                    note_is_public=data["note_is_public"],
                    reason=data["reason"],
                    due_date=data["due_date"],
                    partner=data["partner"],
                    seen_status=data["seen_status"],
                )
            except DomainError as error:
                if error.code == "moved_meanwhile":
                    self.message_user(request, str(error.message), messages.ERROR)
                    return redirect("admin:ill_illrequest_change", pk)
                form.add_error(error.field if error.field in form.fields else None, str(error.message))
            else:
                label = staff_status_label(to_status)
                self.log_change(request, ill_request, _("Moved to %(status)s.") % {"status": label})
                self.message_user(request, _("The request is now “%(status)s”.") % {"status": label}, messages.SUCCESS)
                return redirect("admin:ill_illrequest_change", pk)
        self.message_user(
            request,
            _("The request was not moved to “%(status)s”: see the move fields below the status.")
            % {"status": staff_status_label(to_status)},
            messages.ERROR,
        )
        request.session[MOVE_SESSION_KEY] = {
            "pk": ill_request.pk,
            "data": {key: value for key, value in request.POST.items() if key.startswith("move-")},
            "errors": {field: [str(error) for error in errors] for field, errors in form.errors.items()},
        }
        return redirect("admin:ill_illrequest_change", pk)

    def _bulk_move(self, request, queryset, to_status: str) -> None:
        """Each selected request moves on its own, with its own history row and notices; refusals are told per
        request and do not stop the others."""
        moved = []

        def move(item: IllRequest) -> None:
            ill_request_move(request_id=item.pk, to_status=to_status, actor=request.user)
            self.log_change(request, item, _("Moved to %(status)s.") % {"status": staff_status_label(to_status)})
            moved.append(f"#{item.pk}")

        run_each(self, request, queryset.order_by("pk"), move)
        if moved:
            self.message_user(
                request,
                _("Moved to “%(status)s”: %(requests)s.")
                % {"status": staff_status_label(to_status), "requests": ", ".join(moved)},
                messages.SUCCESS,
            )

    def message_view(self, request, pk: int):
        if request.method != "POST" or not request.user.has_perm("ill.change_illrequest"):
            raise PermissionDenied
        form = StaffMessageForm(request.POST)
        if form.is_valid():
            try:
                ill_message_post(request_id=pk, author=request.user, body=form.cleaned_data["body"], from_staff=True)
            except DomainError as error:
                self.message_user(request, str(error.message), messages.ERROR)
            else:
                self.message_user(request, _("The message is sent to the patron."), messages.SUCCESS)
        else:
            self.message_user(request, _("Write a message."), messages.ERROR)
        return redirect("admin:ill_illrequest_change", pk)

    def iso_download_view(self, request, pk: int):
        ill_request = get_object_or_404(IllRequest.objects.select_related("partner__library", "pickup_branch"), pk=pk)
        kind = "request"
        try:
            xml = iso18626_request_xml(ill_request)
        except DomainError as error:
            self.message_user(request, str(error.message), messages.ERROR)
            return redirect("admin:ill_illrequest_change", pk)
        response = HttpResponse(xml, content_type="application/xml")
        response["Content-Disposition"] = f'attachment; filename="ill-{pk}-{kind}.xml"'
        return response

    def iso_send_view(self, request, pk: int, kind: str):
        if request.method != "POST" or not request.user.has_perm("ill.move_illrequest"):
            raise PermissionDenied
        ill_request = get_object_or_404(IllRequest.objects.select_related("partner__library", "pickup_branch"), pk=pk)
        if kind not in EMITTED_KINDS:
            raise Http404
        try:
            iso18626_emit(ill_request=ill_request, kind=kind)
        except DomainError as error:
            self.message_user(request, str(error.message), messages.ERROR)
        else:
            if ill_request.partner.iso18626_address:
                self.message_user(request, _("The message is queued for the lending library."), messages.SUCCESS)
            else:
                self.message_user(
                    request,
                    _("The message is kept; the lending library has no ISO 18626 address: download it and send it."),
                    messages.WARNING,
                )
        return redirect("admin:ill_illrequest_change", pk)

    def export_view(self, request):
        """The list as the filters and search show it, as CSV (UTF-8 with BOM: opens in spreadsheet programs)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        queryset = changelist.get_queryset(request).select_related(
            "patron__patron", "pickup_branch", "partner__library"
        )
        return self._csv(queryset)

    @admin.action(description=gettext_lazy("Export the selected requests as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        return self._csv(queryset.select_related("patron__patron", "pickup_branch", "partner__library"))

    def _csv(self, queryset) -> HttpResponse:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="ill-requests-{timezone.localdate()}.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow([str(label) for _key, label in CSV_COLUMNS])
        for item in queryset.iterator(chunk_size=500):
            profile = getattr(item.patron, "patron", None)
            writer.writerow(
                spreadsheet_row(
                    [
                        item.pk,
                        # ISO date and time: spreadsheets sort and read it in any language.
                        timezone.localtime(item.created_at).strftime("%Y-%m-%d %H:%M"),
                        item.get_status_display(),
                        item.get_kind_display(),
                        item.get_channel_display(),
                        str(item.patron),
                        profile.card_number if profile else "",
                        item.title,
                        item.author,
                        item.isbn,
                        item.issn,
                        item.article_title,
                        item.pickup_branch.name,
                        item.get_scope_display(),
                        item.partner.library.name if item.partner else "",
                        item.due_date or "",
                        item.not_needed_after,
                    ]
                )
            )
        return response

    def response_post_save_change(self, request, obj):
        return HttpResponseRedirect(reverse("admin:ill_illrequest_change", args=[obj.pk]))


def _bulk_move_action(to_status: str):
    def action(model_admin: IllRequestAdmin, request, queryset):
        model_admin._bulk_move(request, queryset, to_status)

    action.__name__ = f"move_to_{to_status}"
    description = format_lazy(
        gettext_lazy("Move the selected requests to “{status}”"), status=staff_status_label_lazy(to_status)
    )
    return admin.action(description=description, permissions=["move"])(action)


for _status in BULK_MOVES:
    setattr(IllRequestAdmin, f"move_to_{_status}", _bulk_move_action(_status))
