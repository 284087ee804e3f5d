"""The patron's interlibrary-loan pages: the list, the request form (with its cost confirmation), a request's page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ill import selectors
from ill.forms import CancellationRequestForm, KindForm, MessageForm, RequestForm
from ill.models import REQUEST_FIELDS, Kind, Scope, Status
from ill.services import (
    ill_message_post,
    ill_request_cancel,
    ill_request_cancellation_request,
    ill_request_cost_decide,
    ill_request_submit,
)
from library_portal.errors import DomainError
from library_portal.throttling import Throttled, throttle, throttled_form

PER_PAGE = 25


def request_list(request: HttpRequest) -> HttpResponse:
    """The patron's requests; a visitor who is not logged in reads how interlibrary loan works."""
    if not request.user.is_authenticated:
        return render(request, "ill/list.html", {"page": None})
    page = Paginator(selectors.patron_requests(patron=request.user), PER_PAGE).get_page(request.GET.get("page"))
    # Labels translated once per page, not once per row.
    statuses, kinds = dict(Status.choices), dict(Kind.choices)
    rows = [
        {
            "request": item,
            "status": str(statuses[item.status]),
            "kind": str(kinds[item.kind]),
            "at_branch": item.status in (Status.READY, Status.ON_LOAN),
        }
        for item in page.object_list
    ]
    table = render_to_string("ill/_rows.html", {"rows": rows, "page": page}, request)
    return render(request, "ill/list.html", {"page": page, "table": table})


# What a patron has typed and keeps while changing the service: everything the page sends back.
KEPT_FIELDS = (*REQUEST_FIELDS, "idempotency_key")


def _new_context(form: RequestForm, *, kind_form: KindForm | None = None) -> dict:
    """The request form: step 1 asks for the service, step 2 for that service's fields. Without JavaScript the
    two are two pages; with it (static/js/ill-form.js) the page switches in place. Step 1 keeps what was typed in
    its hidden groups, so that it comes back on step 2."""
    kind = None if kind_form is not None else form.chosen_kind
    return {
        "form": form,
        "kind_form": kind_form,
        "kind_field": (kind_form or form)["kind"],
        "step": 2 if kind else 1,
        "kind": kind,
        "kind_label": Kind(kind).label if kind else "",
        "groups": [
            {
                **group,
                "kinds": " ".join(group["kinds"]),
                "hidden": not kind or kind not in group["kinds"],
                "legend": group["legends"].get(kind or Kind.LOAN) or group["legends"].get(Kind.COPY, ""),
            }
            for group in form.kind_groups()
        ],
    }


def _new_page(request: HttpRequest, form: RequestForm, *, kind_form: KindForm | None = None) -> HttpResponse:
    return render(request, "ill/new.html", _new_context(form, kind_form=kind_form))


@login_required
@require_http_methods(["GET", "POST"])
def request_new(request: HttpRequest) -> HttpResponse:  # noqa: C901 - one branch per step of the two-step form (choose, fill in, confirm, submit)
    """Choose the service, fill in, see what it may cost and confirm, submit. A second click on "Confirm"
    creates nothing more. `?kind=copy` opens the form at the second step."""
    kept = {name: request.POST[name] for name in KEPT_FIELDS if name in request.POST}
    if request.method == "GET":
        kind = request.GET.get("kind")
        return _new_page(request, RequestForm(initial={"kind": kind} if kind in Kind.values else {}))
    if "choose_kind" in request.POST:
        kind_form = KindForm(request.POST)
        if not kind_form.is_valid():
            return _new_page(request, RequestForm(initial=kept), kind_form=kind_form)
        return _new_page(request, RequestForm(initial=kept))
    if "change_kind" in request.POST:
        return _new_page(request, RequestForm(initial=kept), kind_form=KindForm(initial=kept))
    form = RequestForm(request.POST)
    if form.is_valid():
        data = form.request_data()
        if "confirm" in request.POST:
            try:
                throttle(scope="ill-submission", key=str(request.user.pk))
                ill_request, created = ill_request_submit(
                    patron=request.user, data=data, idempotency_key=form.cleaned_data["idempotency_key"] or ""
                )
            except Throttled as error:
                return throttled_form(request, "ill/new.html", _new_context(form), error)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, str(error.message))
            else:
                if created:
                    messages.success(request, _("Your request is submitted. We will e-mail you as it moves."))
                return redirect(ill_request)
        elif "edit" not in request.POST:
            return render(request, "ill/confirm.html", _confirm_context(request, form))
    return _new_page(request, form)


def _confirm_context(request: HttpRequest, form: RequestForm) -> dict:
    data = form.request_data()
    return {
        "form": form,
        "sent_fields": [form[name] for name in ("kind", *form.asked_fields(), "idempotency_key")],
        "data": data,
        "estimate": selectors.postage_estimate(kind=data["kind"], scope=data["scope"]),
        "duplicates": selectors.open_duplicates(
            patron=request.user,
            isbn=data.get("isbn") or "",
            issn=data.get("issn") or "",
            article_title=data.get("article_title") or "" if data["kind"] == Kind.COPY else "",
        ),
        "kind_label": Kind(data["kind"]).label,
        "scope_label": Scope(data["scope"]).label,
    }


ACTIONS = {"cancel", "request_cancellation", "approve", "decline", "message"}


@login_required
@require_http_methods(["GET", "POST"])
def request_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Cancel this request?": GET asks, with the request's details, POST cancels. A cancelled request cannot be
    taken back, so the request's page links here rather than cancelling at one click."""
    ill_request = selectors.patron_request_detail(patron=request.user, request_id=pk)
    if ill_request is None:
        raise Http404
    if request.method == "POST":
        try:
            ill_request_cancel(request_id=pk, patron=request.user)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("The request is cancelled."))
        return redirect(ill_request)
    if not ill_request.patron_can_cancel:
        return redirect(ill_request)
    return render(request, "ill/cancel.html", {"ill_request": ill_request})


@login_required
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ill_request = selectors.patron_request_detail(patron=request.user, request_id=pk)
    if ill_request is None:
        raise Http404
    message_form = MessageForm()
    cancellation_form = CancellationRequestForm()
    action = request.POST.get("action")
    if request.method == "POST" and action in ACTIONS:
        try:
            if action == "message":
                message_form = MessageForm(request.POST)
                if message_form.is_valid():
                    ill_message_post(request_id=pk, author=request.user, body=message_form.cleaned_data["body"])
                    messages.success(request, _("Your message is sent to the staff."))
                    return redirect(ill_request)
            elif action == "request_cancellation":
                cancellation_form = CancellationRequestForm(request.POST)
                if cancellation_form.is_valid():
                    ill_request_cancellation_request(
                        request_id=pk, patron=request.user, note=cancellation_form.cleaned_data["note"]
                    )
                    messages.success(request, _("The staff have your cancellation request."))
                    return redirect(ill_request)
            elif action == "cancel":
                ill_request_cancel(request_id=pk, patron=request.user)
                messages.success(request, _("The request is cancelled."))
                return redirect(ill_request)
            else:
                ill_request_cost_decide(request_id=pk, patron=request.user, approve=action == "approve")
                messages.success(
                    request,
                    _("Thank you, the order goes on.") if action == "approve" else _("The request is cancelled."),
                )
                return redirect(ill_request)
        except DomainError as error:
            messages.error(request, str(error.message))
            return redirect(ill_request)
    context = {
        "ill_request": ill_request,
        "history": list(ill_request.history.all()),
        "costs": list(ill_request.costs.all()),
        "message_form": message_form,
        "cancellation_form": cancellation_form,
        "status": 400 if request.method == "POST" else 200,
    }
    return render(request, "ill/detail.html", context, status=context["status"])
