"""The printable price list: rendered once per (version, language), then served from storage."""

import csv
import functools
import hashlib
import io
import re
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from library_portal.exports import spreadsheet_row
from library_portal.storage import STORAGE_ERRORS, StorageUnavailable
from pricing.models import PriceList
from pricing.selectors import fingerprint_of, sections_of
from services.selectors import portal_library

STATIC_DIR = (Path(settings.BASE_DIR) / "static").resolve()
MEMORY_SECONDS = 3600
LAYOUT_FILES = [
    Path(settings.BASE_DIR) / "templates" / "pricing" / name
    for name in ("price_list_pdf.html", "_amount.html", "_sub_rows.html")
]


@functools.cache
def layout_fingerprint(language: str) -> str:
    """Changes with the PDF's templates and the language's translations: a deploy that changes
    either renders every PDF afresh instead of serving a stale stored one."""
    digest = hashlib.sha256()
    catalogue = Path(settings.BASE_DIR) / "locale" / language / "LC_MESSAGES" / "django.mo"
    for path in [*LAYOUT_FILES, catalogue]:
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:12]


def local_only_fetcher():
    """A WeasyPrint fetcher that reads the portal's own static files from disk and nothing else.

    A missing font or image stops the rendering instead of silently falling back to another.
    """
    # Imported on first use: WeasyPrint (Pango, fonts) takes seconds to load, which commands that render no PDF skip.
    from weasyprint.urls import URLFetcher  # noqa: PLC0415

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = Path(url.removeprefix("file://")).resolve() if url.startswith("file://") else None
            if path is None or not path.is_relative_to(STATIC_DIR):
                raise ValueError(f"The price list PDF may not load {url}")
            return super().fetch(url, headers)

    return LocalOnlyFetcher(allowed_protocols={"file"}, fail_on_errors=True)


def page_counter_css(pattern: str) -> str:
    """'Page {page} of {pages}' → CSS content: "Page " counter(page) " of " counter(pages)."""
    parts = []
    for piece in re.split(r"(\{page\}|\{pages\})", pattern):
        if piece == "{page}":
            parts.append("counter(page)")
        elif piece == "{pages}":
            parts.append("counter(pages)")
        elif piece:
            parts.append('"' + piece.replace("\\", "\\\\").replace('"', '\\"') + '"')
    return " ".join(parts)


def render_price_list_pdf(*, price_list: PriceList, language: str) -> bytes:
    """Render the PDF (A4, tagged PDF/UA) in `language`. Slow: callers use price_list_pdf."""
    # Imported on first use: WeasyPrint (Pango, fonts) takes seconds to load, which commands that render no PDF skip.
    from weasyprint import HTML  # noqa: PLC0415

    with translation.override(language):
        html = render_to_string(
            "pricing/price_list_pdf.html",
            {
                "price_list": price_list,
                "sections": sections_of(price_list),
                "library": portal_library(),
                "static_root": STATIC_DIR.as_uri(),
                "page_counter": page_counter_css(_("Page {page} of {pages}")),
                "printed_on": timezone.localdate(),
                "LANGUAGE_CODE": language,
            },
        )
    document = HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=local_only_fetcher())
    return document.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)


def price_list_pdf(*, price_list: PriceList, language: str) -> bytes:
    """The stored PDF of this version (a list from `with_fingerprint`) in `language`, rendered and
    stored on first use.

    The file name holds the list's fingerprint, so a draft that was edited renders afresh while
    a published list (never edited) is rendered once, by whichever host is asked first: every host
    reads the same storage. A copy is kept in the shared cache.

    Raises StorageUnavailable when the storage does not answer (the page answers 503).
    """
    name = f"price-lists/{fingerprint_of(price_list)}-{language}-{layout_fingerprint(language)}.pdf"
    data = cache.get(name)
    if data is not None:
        return data
    try:
        if default_storage.exists(name):
            with default_storage.open(name, "rb") as stored:
                data = stored.read()
    except STORAGE_ERRORS as error:
        raise StorageUnavailable(name) from error
    if data is None:
        data = render_price_list_pdf(price_list=price_list, language=language)
        try:
            default_storage.save(name, ContentFile(data))
        except STORAGE_ERRORS as error:
            raise StorageUnavailable(name) from error
    cache.set(name, data, MEMORY_SECONDS)
    return data


def price_list_csv(*, price_list: PriceList, language: str) -> str:
    """Every row of a version as CSV: one line per amount (fixed, per category, per tier)."""
    out = io.StringIO()
    writer = csv.writer(out)
    with translation.override(language):
        writer.writerow(
            [  # our own headings: nothing to neutralise
                _("Section"),
                _("Code"),
                _("Name"),
                _("Unit"),
                _("Pricing"),
                _("Patron category"),
                _("Up to sheets"),
                _("Amount (€)"),
            ]
        )
        for section in sections_of(price_list):
            for item in section.items:
                base = [section.title, item.code, item.name, item.get_unit_display(), item.get_pricing_display()]
                rows = [[price.category.name, "", price.amount] for price in item.category_prices.all()]
                rows += [["", tier.up_to, tier.amount] for tier in item.tiers.all()]
                for row in rows or [["", "", item.amount if item.amount is not None else ""]]:
                    writer.writerow(spreadsheet_row(base + row))
    return out.getvalue()


def warm_up() -> None:
    """Load WeasyPrint and the PDF fonts once, when a server process starts, so that the first
    patron asking for a PDF does not wait for it (gunicorn.conf.py calls this)."""
    # Imported on first use: WeasyPrint (Pango, fonts) takes seconds to load, which commands that render no PDF skip.
    from weasyprint import HTML  # noqa: PLC0415

    fonts = STATIC_DIR / "fonts"
    regular, bold = (fonts / "DejaVuSans.ttf").as_uri(), (fonts / "DejaVuSans-Bold.ttf").as_uri()
    html = (
        f"<style>@font-face{{font-family:P;src:url('{regular}')}}"
        f"@font-face{{font-family:P;font-weight:bold;src:url('{bold}')}}"
        "body{font-family:P}</style><p>Šilutė <b>Шилуте</b> € 1,15</p>"
    )
    HTML(string=html, url_fetcher=local_only_fetcher()).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
