"""The services app's models: the library's catalogue (branches, hours, services, pages), the
partner e-services (partners, e-services, their places, consultations) and the events with public
registration (events, registrations and their history)."""

from services.models.catalogue import (
    Branch,
    HoursKind,
    Library,
    OpeningException,
    OpeningHours,
    Page,
    Principle,
    Service,
    ServiceCategory,
    Weekday,
    validate_time_zone,
)
from services.models.eservices import (
    Consultation,
    EService,
    EServiceArea,
    EServicePlace,
    GoodPractice,
    OnlineResource,
    Partner,
)
from services.models.events import Event, Registration, RegistrationChange

__all__ = [
    "Branch",
    "Consultation",
    "EService",
    "EServiceArea",
    "EServicePlace",
    "Event",
    "GoodPractice",
    "HoursKind",
    "Library",
    "OnlineResource",
    "OpeningException",
    "OpeningHours",
    "Page",
    "Partner",
    "Principle",
    "Registration",
    "RegistrationChange",
    "Service",
    "ServiceCategory",
    "Weekday",
    "validate_time_zone",
]
