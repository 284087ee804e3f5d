from modeltranslation.translator import TranslationOptions, register

from rooms.models import Room


@register(Room)
class RoomTranslation(TranslationOptions):
    fields = ("name", "description", "accessibility_notes", "photo_alt")
