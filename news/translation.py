"""User-visible text translated with modeltranslation; codes, slugs and dates are not."""

from modeltranslation.translator import TranslationOptions, register

from news.models import Article, Notice


@register(Article)
class ArticleTranslation(TranslationOptions):
    fields = ("title", "summary", "body", "image_alt")


@register(Notice)
class NoticeTranslation(TranslationOptions):
    fields = ("text",)
