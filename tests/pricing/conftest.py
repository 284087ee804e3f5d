import hashlib

import pytest
import weasyprint
from django.utils import timezone

from library_portal.demo import demo_load, demo_load_prices
from pricing import documents
from pricing.models import PriceList


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Stored PDFs go to a fresh folder per test."""
    settings.MEDIA_ROOT = tmp_path


# WeasyPrint takes a second or more per price list, and most tests here read the same seed list: each PDF is rendered
# once per test session and its bytes served again, keyed by the very HTML and options WeasyPrint is given. A list a
# test changed (another name, another language, a draft) is other HTML and is rendered afresh, so the tests of the
# rendering itself still render. Only this process is affected: a host a test starts renders for real.
_RENDERED: dict[str, bytes] = {}


class _RenderedOncePerSession(weasyprint.HTML):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The fetcher is a new object each time (test_pdf_loads_nothing_from_the_network tests what it loads).
        self._source = repr((args, sorted((key, value) for key, value in kwargs.items() if key != "url_fetcher")))

    def write_pdf(self, target=None, **options):
        if target is not None:
            return super().write_pdf(target, **options)
        key = hashlib.sha256(repr((self._source, sorted(options.items()))).encode()).hexdigest()
        if key not in _RENDERED:
            _RENDERED[key] = super().write_pdf(**options)
        return _RENDERED[key]


@pytest.fixture(autouse=True)
def pdf_rendered_once_per_session(monkeypatch):
    """pricing.documents imports weasyprint.HTML when it renders (or at the top, as documents.HTML)."""
    monkeypatch.setattr(weasyprint, "HTML", _RenderedOncePerSession)
    monkeypatch.setattr(documents, "HTML", _RenderedOncePerSession, raising=False)
    return _RENDERED


@pytest.fixture
def seed_list(db) -> PriceList:
    """The library and the published price list of seed 004, as load_demo leaves them."""
    demo_load(with_accounts=False, year=timezone.localdate().year)
    demo_load_prices()
    return PriceList.objects.get(status=PriceList.Status.PUBLISHED)
