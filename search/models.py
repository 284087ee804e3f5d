"""The site search's index: one entry per searchable row and reader's language, with its stored search vector,
and the words the entries hold, for typo correction.

The entries are written by `search.services` (called by the services and admin paths that write the rows); a page
never computes a vector, it matches the stored ones through their GIN index.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from library_portal.languages import LANGS

# The text search configuration of each language's text. PostgreSQL ships english and finnish; portal_lt is its
# lithuanian (where the server has it, else simple) with unaccent, so that "silute" finds "Šilutė", and portal_bg is
# simple with unaccent, as PostgreSQL has no Bulgarian stemmer. Both are created by migration 0001.
TEXT_SEARCH_CONFIGS = {"lt": "portal_lt", "en": "english", "bg": "portal_bg", "fi": "finnish"}


class Kind(models.TextChoices):
    """What an entry stands for; the results page groups them (`search.selectors.GROUPS`)."""

    SERVICE = "service", _("Service")
    ESERVICE = "eservice", _("E-service")
    RESOURCE = "resource", _("Online resource")
    EVENT = "event", _("Event")
    NEWS = "news", _("News")
    PAGE = "page", _("Page")
    PRINCIPLE = "principle", _("Customer-service principle")
    BRANCH = "branch", _("Branch")
    PRICE_ITEM = "price_item", _("Price")


class SearchEntry(models.Model):
    """One searchable row (`kind`, `object_id`) as a reader of `language` finds it.

    Its text is in that language where the row has it, else in Lithuanian (`text_language`), and `vector` is built
    with the configuration of the text's own language (`config`). `visible_from` and `visible_until` are the window
    in which it may be found (a scheduled article, an event until it ends, the items of a price list while it is in
    force): the search filters on them, so nothing has to run at the moment an article goes out.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("object"))
    language = models.CharField(_("reader's language"), max_length=8)
    text_language = models.CharField(_("language of the text"), max_length=8)
    config = models.CharField(_("text search configuration"), max_length=40)
    title = models.CharField(_("title"), max_length=400)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("address"), max_length=500)
    date = models.DateTimeField(_("date"), null=True, blank=True)
    visible_from = models.DateTimeField(_("found from"), null=True, blank=True)
    visible_until = models.DateTimeField(_("found until"), null=True, blank=True)
    vector = SearchVectorField(_("search vector"), null=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        ordering = ["kind", "object_id", "language"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "language"], name="search_entry_one_per_language"),
            models.CheckConstraint(
                condition=Q(visible_from__isnull=True)
                | Q(visible_until__isnull=True)
                | Q(visible_until__gt=models.F("visible_from")),
                name="search_entry_window_in_order",
            ),
        ]
        indexes = [
            # The search's match, `vector @@ query` among one language's entries (search.selectors.search_results):
            # one index per language, so that a search reads no other language's entries (bench/search_bench.py:
            # a word in a sixth of the entries was matched in 73 ms with one index for all languages, combined with
            # the language's b-tree, and in 32 ms with the language's own).
            *(
                GinIndex(fields=["vector"], condition=Q(language=code), name=f"search_entry_vector_{code}")
                for code in LANGS
            ),
            # The nearest titles offered when nothing matches: `title % query`, `title %> query`.
            GinIndex(OpClass("title", name="gin_trgm_ops"), name="search_entry_title_trgm"),
            # The next moment an entry starts or stops being found, until which a result page stays right
            # (search.selectors.search_next_change).
            models.Index(fields=["visible_from"], condition=Q(visible_from__isnull=False), name="search_entry_from"),
            models.Index(fields=["visible_until"], condition=Q(visible_until__isnull=False), name="search_entry_until"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} ({self.language}): {self.title}"


class SearchWord(models.Model):
    """A word that occurs in the entries a reader of `language` searches, lower-cased: a query word that is not one
    of them is replaced by the most similar one (trigram similarity) when the query finds little."""

    language = models.CharField(_("reader's language"), max_length=8)
    word = models.CharField(_("word"), max_length=100)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        ordering = ["language", "word"]
        constraints = [models.UniqueConstraint(fields=["language", "word"], name="search_word_unique")]
        indexes = [
            # The typo correction: `word % query_word` (search.selectors.corrected_words).
            GinIndex(OpClass("word", name="gin_trgm_ops"), name="search_word_trgm"),
        ]

    def __str__(self) -> str:
        return self.word
