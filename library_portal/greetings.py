"""The greeting that opens the library's e-mails, in the current language.

Lithuanian addresses a person in the vocative ("Sveiki, Petrai", "Sveika, Ona"), which cannot be derived
reliably from a name as it was typed (Petras → Petrai, Jonas → Jonai, Paulius → Pauliau, foreign names
stay as they are), and a nominative after "Sveiki," is a grammar mistake every reader notices. So the
Lithuanian greeting leaves the name out. English, Bulgarian ("Здравейте, Петър,") and Finnish ("Hei Petri,")
put the name as it is. The choice cannot live in the catalogue alone: a Lithuanian msgstr without
"%(name)s" fails gettext's format check, which `compilemessages` runs.
"""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

# Languages whose greeting would need a declined form of the name: they greet without it.
GREET_WITHOUT_NAME = frozenset({"lt"})


def greeting(name: str = "") -> str:
    """ "Hello Petri," or "Hello," in the active language; the language's grammar decides whether the name fits."""
    name = (name or "").strip()
    if not name or (get_language() or "").split("-")[0] in GREET_WITHOUT_NAME:
        return _("Hello,")
    return _("Hello %(name)s,") % {"name": name}
