from collections.abc import Callable

from django.contrib.auth.decorators import permission_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from library_portal.caching import Body, Namespace, cached_body, cached_public_page, namespaced
from library_portal.errors import DomainError
from library_portal.storage import STORAGE_RETRY_AFTER, StorageUnavailable
from library_portal.views import error_response
from pricing.calculation import QuoteLine
from pricing.calculation import quote as calculate_quote
from pricing.documents import price_list_csv, price_list_pdf
from pricing.forms import DEFAULT_LINES, QuoteForm, QuoteLineFormSet
from pricing.models import PatronCategory, PriceList
from pricing.selectors import (
    in_force_on,
    items_of,
    price_list_in_force,
    public_versions,
    quote_rules,
    sections_of,
    with_fingerprint,
)


def _visible(request: HttpRequest, pk: int, price_lists: QuerySet[PriceList] | None = None) -> PriceList:
    """A published version for everyone; drafts and archived versions only for staff (preview)."""
    price_list = get_object_or_404(price_lists if price_lists is not None else PriceList.objects.all(), pk=pk)
    if price_list.status != PriceList.Status.PUBLISHED and not request.user.has_perm("pricing.view_pricelist"):
        raise Http404
    return price_list


def _render_list(
    request: HttpRequest, price_list_of: Callable[[], PriceList | None], along: dict[str, list[Namespace]]
) -> HttpResponse:
    # Only staff are given the permission to export; asking a patron's permissions would cost two queries a page.
    can_export = request.user.is_staff and request.user.has_perm("pricing.view_pricelist")

    def build() -> Body:
        price_list = price_list_of()
        today = timezone.localdate()
        context = {
            "price_list": price_list,
            "sections": sections_of(price_list) if price_list else [],
            "versions": public_versions(),
            "today": today,
            "in_force": price_list is not None
            and price_list.status == PriceList.Status.PUBLISHED
            and price_list.effective_from <= today
            and (price_list.effective_until is None or price_list.effective_until >= today),
            "can_export": can_export,
        }
        return Body("pricing/_price_list_body.html", context)

    namespaces = [Namespace.PRICES, Namespace.BRANCHES]
    body = cached_body(request, namespaces, build, vary=f"export={can_export}", along=along)
    # The page's title names the list: asked after the body, whose read brought the list in force along.
    return render(request, "pricing/price_list.html", {"price_list": price_list_of(), "body": body})


@cached_public_page(Namespace.PRICES, Namespace.BRANCHES)
def current_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    # Through the shared cache, as its body is: the page's title needs the list, and looking it up took longer
    # than the rest of a logged-in page (bench/run.py, "prices page (in)"). The key changes at midnight.
    key = f"price-list-in-force:{today}"

    def in_force() -> PriceList | None:
        return namespaced(key, [Namespace.PRICES], lambda: price_list_in_force(today), request=request)

    return _render_list(request, in_force, along={key: [Namespace.PRICES]})


@cached_public_page(Namespace.PRICES, Namespace.BRANCHES)
def version(request: HttpRequest, pk: int) -> HttpResponse:
    price_list = _visible(request, pk)
    return _render_list(request, lambda: price_list, along={})


def _pdf_response(request: HttpRequest, price_list: PriceList) -> HttpResponse:
    language = get_language()
    try:
        pdf = price_list_pdf(price_list=price_list, language=language)
    except StorageUnavailable:
        # The page itself needs no storage: the visitor is sent there, and the 503 is not cached.
        response = error_response(
            request,
            status=503,
            code="storage_unavailable",
            title=_("The PDF of the price list cannot be opened right now"),
            message=_(
                "The portal cannot reach its file storage at the moment. The prices are on the price list page; "
                "please try the PDF again in a few minutes."
            ),
        )
        response["Retry-After"] = str(STORAGE_RETRY_AFTER)
        return response
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="price-list-{price_list.pk}-{language}.pdf"'
    return response


@cached_public_page(Namespace.PRICES, Namespace.BRANCHES)
def current_pdf(request: HttpRequest) -> HttpResponse:
    price_list = with_fingerprint(in_force_on(timezone.localdate())).first()
    if price_list is None:
        raise Http404
    return _pdf_response(request, price_list)


@cached_public_page(Namespace.PRICES, Namespace.BRANCHES)
def version_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _pdf_response(request, _visible(request, pk, with_fingerprint(PriceList.objects.all())))


@permission_required("pricing.view_pricelist", raise_exception=True)
def version_csv(request: HttpRequest, pk: int) -> HttpResponse:
    price_list = get_object_or_404(PriceList, pk=pk)
    response = HttpResponse(price_list_csv(price_list=price_list, language=get_language()), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="price-list-{price_list.pk}-{get_language()}.csv"'
    return response


def _rows_from(data) -> list[dict]:
    """The lines a visitor typed, kept as they are, to show again with one more empty line."""
    total = data.get("lines-TOTAL_FORMS", "0")
    count = min(int(total), 49) if total.isdigit() else 0
    return [
        {field: data.get(f"lines-{index}-{field}", "") for field in ("item", "quantity", "pages")}
        for index in range(count)
    ]


def quote(request: HttpRequest) -> HttpResponse:
    """The quote calculator: a plain form that works without JavaScript and adds lines on request."""
    price_list = price_list_in_force(timezone.localdate())
    if price_list is None:
        return render(request, "pricing/quote.html", {"price_list": None})
    items = list(items_of(price_list))
    categories = list(PatronCategory.objects.all())
    result = None
    if request.method == "POST" and "add_line" not in request.POST:
        form = QuoteForm(request.POST, categories=categories)
        formset = QuoteLineFormSet(request.POST, prefix="lines", form_kwargs={"items": items})
        if form.is_valid() and formset.is_valid():
            filled = [(i, f.cleaned_data) for i, f in enumerate(formset.forms) if f.cleaned_data.get("item")]
            lines = [QuoteLine(data["item"], data["quantity"], data.get("pages")) for _i, data in filled]
            try:
                result = calculate_quote(
                    quote_rules(price_list), lines, form.cleaned_data["category"], [c.code for c in categories]
                )
            except DomainError as error:
                # "lines.2.pages" → the third filled line's "pages" field; other errors go on top.
                parts = (error.field or "").split(".")
                if len(parts) == 3 and parts[0] == "lines":
                    formset.forms[filled[int(parts[1])][0]].add_error(parts[2], str(error.message))
                else:
                    form.add_error(None, str(error.message))
    elif request.method == "POST":
        form = QuoteForm(request.POST, categories=categories)
        rows = [*_rows_from(request.POST), {}]
        formset = QuoteLineFormSet(initial=rows, prefix="lines", form_kwargs={"items": items})
    else:
        form = QuoteForm(initial={"category": categories[0].code if categories else ""}, categories=categories)
        formset = QuoteLineFormSet(initial=[{}] * DEFAULT_LINES, prefix="lines", form_kwargs={"items": items})
    return render(
        request,
        "pricing/quote.html",
        {
            "price_list": price_list,
            "form": form,
            "formset": formset,
            "result": result,
            "category_name": {c.code: c.name for c in categories}.get(result.category) if result else "",
            "title": _("Price calculator"),
        },
    )
