"""User-visible text translated with modeltranslation; codes, slugs and numbers are not."""

from modeltranslation.translator import TranslationOptions, register

from services.models import Branch, Library, OpeningException, Page, Principle, Service, ServiceCategory


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
