"""Quotation marks inside quotation marks.

Many sentences put a title in the language's quotes ("Your place at “%(title)s” is confirmed"). A title that
has quotes of its own („Laiku su mokesčiais“: pagalba deklaruojant internetu) then printed „„Laiku…“: …“.
Inside the outer marks its quotes become the language's nested ones: „‚Laiku su mokesčiais‘: pagalba…“.
"""

import re

from django.utils.translation import get_language

# The nested opening and closing marks of each language (the outer ones are in the translations).
NESTED = {"lt": ("‚", "‘"), "bg": ("‚", "‘"), "en": ("‘", "’"), "fi": ("’", "’")}
QUOTE = re.compile(r"[„“”\"«»]")


def inner_quotes(text: str, language: str | None = None) -> str:
    """`text` ready to stand inside quotation marks: its own quotes turned into the nested ones. A mark at the
    start or after a space or a bracket opens, any other closes."""
    language = (language or get_language() or "lt").split("-")[0]
    opening, closing = NESTED.get(language, NESTED["lt"])
    text = str(text)

    def nested(match: re.Match) -> str:
        start = match.start()
        return opening if start == 0 or text[start - 1] in " \t\n([" else closing

    return QUOTE.sub(nested, text)
