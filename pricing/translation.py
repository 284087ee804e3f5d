from modeltranslation.translator import TranslationOptions, register

from pricing.models import PatronCategory, PriceItem, PriceList, Room


@register(PatronCategory)
class PatronCategoryTranslation(TranslationOptions):
    fields = ("name",)


@register(Room)
class RoomTranslation(TranslationOptions):
    fields = ("name",)


@register(PriceList)
class PriceListTranslation(TranslationOptions):
    fields = ("title", "decisions")


@register(PriceItem)
class PriceItemTranslation(TranslationOptions):
    fields = ("name", "notes")
