import pytest
from django.utils import timezone

from library_portal.demo import demo_load, demo_load_prices
from pricing.models import PriceList


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Stored PDFs go to a fresh folder per test."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def seed_list(db) -> PriceList:
    """The library and the published price list of seed 004, as load_demo leaves them."""
    demo_load(with_accounts=False, year=timezone.localdate().year)
    demo_load_prices()
    return PriceList.objects.get(status=PriceList.Status.PUBLISHED)
