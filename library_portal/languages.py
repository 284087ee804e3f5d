"""The portal's languages as codes, in the order of settings.LANGUAGES: Lithuanian, the default, first.

Every module that walks the languages (translated fields, demo data, catalogues, tests) imports LANGS from here,
so adding a language to the settings reaches all of them.
"""

from django.conf import settings

LANGS: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)
