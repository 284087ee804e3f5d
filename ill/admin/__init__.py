"""The back office of interlibrary loan.

Importing the modules registers their admins when Django's autodiscovery imports `ill.admin`: `requests.py` the
requests (moves, messages, ISO 18626, CSV), with their filters, inlines and forms in `request_parts.py`;
`partners.py` the partner libraries and their tokens, the ISO 18626 messages and the postal tariffs.
"""

from ill.admin.partners import IsoMessageAdmin, PartnerLibraryAdmin, PostalTariffAdmin
from ill.admin.requests import IllRequestAdmin

__all__ = ["IllRequestAdmin", "IsoMessageAdmin", "PartnerLibraryAdmin", "PostalTariffAdmin"]
