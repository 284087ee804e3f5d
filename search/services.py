"""Writes of the site search's index: the entries of a row in every language, and the index rebuilt from scratch.

The services that write searchable rows call `search_index_update` inside their own transaction (event_save,
price_list_publish...), and so do the admins of the rows written only through the back office
(search.admin.SearchIndexAdminMixin): a rolled-back change leaves the index as it was. Signals are not used (the
style guide keeps logic out of them), so a row written some other way is found again after `manage.py
search_rebuild`.
"""

import re
from collections.abc import Iterable

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection, models, transaction
from django.db.models import Value
from django.utils import translation

from library_portal.caching import Namespace, bump
from library_portal.languages import LANGS
from search.models import TEXT_SEARCH_CONFIGS, SearchEntry, SearchWord
from search.sources import PARENTS, SOURCES, SOURCES_BY_MODEL, Source

# The characters search.selectors marks a highlighted word with: taken out of the stored text, so that no text
# can pose as a highlight (the highlighted snippet is escaped first, then the marks become <mark>).
MARKS = re.compile("[\ue000\ue001]")
# The words kept for typo correction: letters only (a number is not misspelt), three and more.
WORD = re.compile(r"[^\W\d_]{3,100}")
HEADING = re.compile(r"^#+\s+", re.MULTILINE)
BATCH = 1000
ENTRY_FIELDS = [
    "vector",
    "text_language",
    "config",
    "title",
    "body",
    "url",
    "date",
    "visible_from",
    "visible_until",
    "updated_at",
]


def search_index_update(*, obj: models.Model) -> None:
    """Write the search entries of `obj` in every language, or remove them when it is no longer public (an
    unpublished service, a cancelled event), together with those of the rows that hang off it (an e-service's
    online resources, a price list's items). A model that is not searched is left alone."""
    search_index_update_rows(model=obj._meta.concrete_model, pks=[obj.pk])


def search_index_update_rows(*, model: type[models.Model], pks: Iterable[int]) -> None:
    """`search_index_update` for the rows `pks` of `model`, some of which may be gone (deleted, or about to be by
    the caller's transaction): their entries, and those of the rows that hung off them, are removed."""
    model = model._meta.concrete_model
    pks = list(pks)
    with transaction.atomic():
        source = SOURCES_BY_MODEL.get(model)
        if source is not None:
            _index(source, pks)
        for kind, foreign_key in PARENTS.get(model, ()):
            child = SOURCES[kind]
            _index(child, list(child.model.objects.filter(**{f"{foreign_key}__in": pks}).values_list("pk", flat=True)))
            _prune(child)
        bump(Namespace.SEARCH)


def search_index_rebuild() -> dict[str, int]:
    """Write the whole index anew from the rows (after an import, a restore, or a change to what is indexed);
    returns how many rows of each kind are found. In one transaction: searches go on meanwhile on the old index."""
    counts = {}
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        SearchWord.objects.all().delete()
        for source in SOURCES.values():
            pks = list(source.public().order_by("pk").values_list("pk", flat=True))
            for start in range(0, len(pks), BATCH):
                _index(source, pks[start : start + BATCH])
            counts[source.kind.value] = len(pks)
        # Every row is new: the planner's statistics are brought up to date at once (not when autovacuum gets to
        # it), else it may scan a language's entries one by one instead of using the vector's GIN index.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry, search_searchword")
        bump(Namespace.SEARCH)
    return counts


def _index(source: Source, pks: list[int]) -> None:
    rows = {row.pk: row for row in source.public().filter(pk__in=pks)}
    gone = set(pks) - rows.keys()
    if gone:
        SearchEntry.objects.filter(kind=source.kind, object_id__in=gone).delete()
    if not rows:
        return
    entries = [entry for row in rows.values() for entry in _entries(source, row)]
    SearchEntry.objects.bulk_create(
        entries,
        update_conflicts=True,
        unique_fields=["kind", "object_id", "language"],
        update_fields=ENTRY_FIELDS,
        batch_size=BATCH,
    )
    words = {
        (entry.language, word.lower()) for entry in entries for word in WORD.findall(f"{entry.title} {entry.body}")
    }
    SearchWord.objects.bulk_create(
        [SearchWord(language=language, word=word) for language, word in words], ignore_conflicts=True, batch_size=BATCH
    )


def _prune(source: Source) -> None:
    """Remove the entries of `source`'s kind whose row is gone or no longer public."""
    SearchEntry.objects.filter(kind=source.kind).exclude(object_id__in=source.public().values("pk")).delete()


def _text(row: models.Model, field: str, language: str) -> str:
    text = MARKS.sub("", (getattr(row, f"{field}_{language}", None) or "").strip())
    # A content page's "## " starts a heading (services.models.Page): the snippet shows the heading's words.
    return HEADING.sub("", text)


def _entries(source: Source, row: models.Model) -> list[SearchEntry]:
    """The row's entry for each reader's language: in that language where the row has its title in it, else in
    Lithuanian (the results page says so)."""
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    visible_from, visible_until = source.window(row)
    entries = []
    for language in LANGS:
        text_language = language if _text(row, source.title, language) else default
        title = _text(row, source.title, text_language)
        if not title:
            continue
        with translation.override(text_language):
            rendered = [MARKS.sub("", text) for text in source.rendered(row)]
        with translation.override(language):
            url, date = source.url(row), source.date(row)
        parts = [
            *(_text(row, name, text_language) for name in source.texts),
            *(MARKS.sub("", str(getattr(row, name) or "")) for name in source.plain),
            *rendered,
        ]
        title, body, config = title[:400], "\n".join(part for part in parts if part), TEXT_SEARCH_CONFIGS[text_language]
        entries.append(
            SearchEntry(
                kind=source.kind,
                object_id=row.pk,
                language=language,
                text_language=text_language,
                config=config,
                title=title,
                body=body,
                url=url,
                date=date,
                visible_from=visible_from,
                visible_until=visible_until,
                vector=_vector(title, body, config),
            )
        )
    return entries


def _vector(title: str, body: str, config: str) -> SearchVector:
    """The entry's search vector, computed by the database as the row is written (in the same INSERT, so that no
    second UPDATE leaves a dead copy of every row), with the configuration of the text's own language. The title
    weighs more than the rest."""
    return SearchVector(Value(title), weight="A", config=Value(config)) + SearchVector(
        Value(body), weight="B", config=Value(config)
    )
