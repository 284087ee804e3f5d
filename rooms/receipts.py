"""The receipt of an approved room booking, as a PDF in the customer's language: the room, the time, the hours, the
unit price, the total (or the price set by staff, with its reason), the price list's approving decisions and the
customer's invoice details. Rendered as pricing's price list is (WeasyPrint, fonts and files from disk only)."""

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pricing.documents import STATIC_DIR, local_only_fetcher, page_counter_css
from rooms.models import Booking
from rooms.selectors import zone
from services.selectors import portal_library


def receipt_number(booking: Booking) -> str:
    """The receipt's number: the year the booking was made and its id, e.g. "P-2026-000123"."""
    return f"P-{booking.created_at.astimezone(zone()):%Y}-{booking.pk:06d}"


def booking_receipt_pdf(*, booking: Booking, language: str) -> bytes:
    """The receipt of `booking` (one that `has_receipt`) in `language`, as PDF bytes (A4, tagged PDF/UA)."""
    # Imported on first use: WeasyPrint (Pango, fonts) takes seconds to load, which commands that render no PDF skip.
    from weasyprint import HTML  # noqa: PLC0415

    with translation.override(language), timezone.override(zone()):
        html = render_to_string(
            "rooms/receipt_pdf.html",
            {
                "booking": booking,
                "room": booking.room,
                "price_list": booking.price_list,
                "library": portal_library(),
                "number": receipt_number(booking),
                "static_root": STATIC_DIR.as_uri(),
                "page_counter": page_counter_css(_("Page {page} of {pages}")),
                "printed_on": timezone.localdate(),
                "LANGUAGE_CODE": language,
            },
        )
    document = HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=local_only_fetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
