"""User-visible text translated with modeltranslation; codes, slugs and numbers are not."""

from modeltranslation.translator import TranslationOptions, register

from services.models import (
    Branch,
    EService,
    EServicePlace,
    Event,
    GoodPractice,
    Library,
    OnlineResource,
    OpeningException,
    Page,
    Partner,
    Principle,
    Service,
    ServiceCategory,
)


@register(Library)
class LibraryTranslation(TranslationOptions):
    fields = ("name", "short_name", "municipality")


@register(Branch)
class BranchTranslation(TranslationOptions):
    fields = ("name", "municipality", "accessibility_notes")


@register(OpeningException)
class OpeningExceptionTranslation(TranslationOptions):
    fields = ("reason",)


@register(ServiceCategory)
class ServiceCategoryTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Service)
class ServiceTranslation(TranslationOptions):
    fields = ("title", "summary", "body")


@register(Principle)
class PrincipleTranslation(TranslationOptions):
    fields = ("title", "body")


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "body")


@register(Partner)
class PartnerTranslation(TranslationOptions):
    fields = ("name", "agreement_subject")


@register(EService)
class EServiceTranslation(TranslationOptions):
    fields = ("title", "summary", "description", "what_you_can_do", "what_to_bring")


@register(EServicePlace)
class EServicePlaceTranslation(TranslationOptions):
    fields = ("notes",)


@register(OnlineResource)
class OnlineResourceTranslation(TranslationOptions):
    fields = ("title", "description")


@register(GoodPractice)
class GoodPracticeTranslation(TranslationOptions):
    fields = ("title", "body", "source")


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "description", "room", "audience")
