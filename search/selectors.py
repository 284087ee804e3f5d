"""The site search: the entries matching a query in the reader's language, grouped by kind, with highlighted
snippets; a misspelt word corrected by trigram similarity; the nearest titles when nothing matches.

Every query matches the stored vectors through their GIN index (never a vector computed at query time), and a
search costs a fixed number of queries whatever it finds: the match with its per-group counts, the highlights of
the rows shown, and only when the match finds little, the word lookup and a second match (and when nothing is
found at all, the nearest titles).
"""

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramSimilarity,
    TrigramWordSimilarity,
)
from django.db.models import Case, Count, F, Q, Value, When, Window
from django.db.models.functions import Greatest, RowNumber
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from library_portal.caching import PAGE_CACHE_SECONDS, Namespace, namespaced
from search.models import TEXT_SEARCH_CONFIGS, Kind, SearchEntry, SearchWord

# A query is cut to this many characters: a search box always answers, and a longer text is no search.
MAX_QUERY_LENGTH = 200
# At most this many distinct words of a query are corrected.
MAX_WORDS = 8
PER_GROUP = 5
PER_GROUP_ALONE = 50
# Below this many results the query's unknown words are looked up for a correction.
FEW_RESULTS = 3
NEAREST = 5
# Control characters (NUL included, which PostgreSQL text cannot hold) become spaces: a search box answers with
# results or none, never with an error (library_portal.control_characters refuses them elsewhere).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_WORD = re.compile(r"[^\W\d_]{3,100}")
# SearchHeadline's marks around a matched word: private-use characters that search.services takes out of every
# stored text, so the highlighted text is escaped whole and then only these become <mark>.
START, STOP = "\ue000", "\ue001"


@dataclass(frozen=True)
class Group:
    key: str
    label: Promise
    kinds: tuple[Kind, ...]


# The results page's groups, in its order. Content pages and the principles read as one kind to a patron.
GROUPS = [
    Group("services", _("Services"), (Kind.SERVICE,)),
    Group("e-services", _("E-services"), (Kind.ESERVICE,)),
    Group("resources", _("Online resources"), (Kind.RESOURCE,)),
    Group("events", _("Events and trainings"), (Kind.EVENT,)),
    Group("news", _("News"), (Kind.NEWS,)),
    Group("pages", _("Pages"), (Kind.PAGE, Kind.PRINCIPLE)),
    Group("branches", _("Branches"), (Kind.BRANCH,)),
    Group("prices", _("Prices"), (Kind.PRICE_ITEM,)),
]
GROUP_KEYS = {group.key: group for group in GROUPS}
GROUP_OF_KIND = {kind: group for group in GROUPS for kind in group.kinds}


@dataclass
class Result:
    kind: str
    title: SafeString
    snippet: SafeString
    url: str
    text_language: str
    date: dt.datetime | None
    rank: float


@dataclass
class ResultGroup:
    group: Group
    total: int = 0
    results: list[Result] = field(default_factory=list)


@dataclass
class SearchPage:
    query: str
    groups: list[ResultGroup]
    # The query as corrected, when the results are those of the corrected query.
    corrected: str = ""
    # The titles nearest to the query when nothing matched: (title, url, text_language).
    nearest: list[tuple[str, str, str]] = field(default_factory=list)
    # Until when these results stay right: the next moment an entry starts or stops being found (None: no such
    # moment ahead); search_page keeps them in the shared cache until then.
    valid_until: dt.datetime | None = None

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)


def search_page(*, query: str, language: str, group: Group | None = None) -> SearchPage:
    """`search_results`, from the shared cache while the index has not changed (the indexer bumps
    Namespace.SEARCH) and no entry has started or stopped being found since (a scheduled article, an event that
    ended, a price list coming into force). Keyed by the cleaned query, so "Kopijavimas " and "kopijavimas" differ
    but "a  b" and "a b" do not.

    bench/search_bench.py (5,000 rows per kind, a shared 2-core machine with a load of 6-10): computed afresh on
    every request the search ran at 0.14-0.19x the bare page (a word in a sixth of the entries: 30 ms of the
    database alone); a repeated one, from here and the whole-page cache, at 2.4-3.6x.
    """
    now = timezone.now()
    digest = hashlib.sha256(query.encode("utf-8", "surrogatepass")).hexdigest()
    key = f"search:{language}:{group.key if group else ''}:{digest}"

    def build() -> SearchPage:
        page = search_results(query=query, language=language, group=group, now=now)
        page.valid_until = search_next_change(now)
        return page

    return namespaced(
        key,
        [Namespace.SEARCH],
        build,
        timeout=PAGE_CACHE_SECONDS,
        fresh=lambda page: page.valid_until is None or timezone.now() < page.valid_until,
    )


def search_next_change(now: dt.datetime) -> dt.datetime | None:
    """The next moment after `now` an entry starts or stops being found, None when none is ahead: one query on
    the indexes of the two moments, or none while the shared cache has it."""

    def build() -> dt.datetime | None:
        starts = SearchEntry.objects.filter(visible_from__gt=now).order_by("visible_from").values_list("visible_from")
        ends = SearchEntry.objects.filter(visible_until__gt=now).order_by("visible_until").values_list("visible_until")
        return min((moment for (moment,) in starts[:1].union(ends[:1], all=True)), default=None)

    return namespaced(
        "search-next-change",
        [Namespace.SEARCH],
        build,
        timeout=PAGE_CACHE_SECONDS,
        fresh=lambda moment: moment is None or timezone.now() < moment,
    )


def search_query_clean(raw: str) -> str:
    """The query as searched: control characters taken out, white space collapsed, cut to MAX_QUERY_LENGTH."""
    return " ".join(_CONTROL.sub(" ", raw).split())[:MAX_QUERY_LENGTH].strip()


def search_results(
    *, query: str, language: str, group: Group | None = None, now: dt.datetime | None = None
) -> SearchPage:
    """The entries a reader of `language` finds with `query` (already cleaned by `search_query_clean`), grouped,
    at most PER_GROUP of each group (PER_GROUP_ALONE of `group` when only that group is asked for).

    Operators are those of a web search (websearch_to_tsquery: "quoted phrase", or, -word); anything else in the
    query is taken as text, so no query is an error. When the query finds fewer than FEW_RESULTS entries and some
    of its words occur in no entry, each is replaced by the most similar word that does, and the corrected query's
    results are shown if it finds more. When nothing is found, the nearest titles are offered.
    """
    now = now or timezone.now()
    kinds = group.kinds if group else tuple(Kind)
    limit = PER_GROUP_ALONE if group else PER_GROUP
    rows = _matches(query, language, kinds, limit, now)
    corrected = ""
    if _total(rows) < FEW_RESULTS:
        candidate = _corrected(query, language)
        if candidate != query:
            better = _matches(candidate, language, kinds, limit, now)
            if _total(better) > _total(rows):
                rows, corrected = better, candidate
    shown_query = corrected or query
    page = SearchPage(query=query, corrected=corrected, groups=_grouped(rows, shown_query, language, limit))
    if not rows:
        page.nearest = _nearest(query, language, now)
    return page


def _visible(now: dt.datetime) -> Q:
    return (Q(visible_from__isnull=True) | Q(visible_from__lte=now)) & (
        Q(visible_until__isnull=True) | Q(visible_until__gt=now)
    )


def _configs(language: str) -> list[str]:
    """The configurations of the texts a reader of `language` finds: their own, and Lithuanian (the fallback)."""
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    return list(dict.fromkeys([TEXT_SEARCH_CONFIGS[language], TEXT_SEARCH_CONFIGS[default]]))


def _per_config(query: str, language: str, expression) -> Case:
    """`expression(search_query, config)` with the query parsed by the configuration of each entry's text."""
    return Case(
        *(
            When(config=config, then=expression(SearchQuery(query, config=config, search_type="websearch"), config))
            for config in _configs(language)
        )
    )


def _matching(query: str, language: str) -> Q:
    """Entries matching the query. Each is matched with the query as parsed by its own text's configuration: a
    constant tsquery per configuration, so that the GIN index on the vector serves every branch of the OR."""
    return reduce(
        or_,
        (
            Q(config=config, vector=SearchQuery(query, config=config, search_type="websearch"))
            for config in _configs(language)
        ),
    )


def _matches(query: str, language: str, kinds: tuple[Kind, ...], limit: int, now: dt.datetime) -> list[dict]:
    """The best `limit` matching entries of each kind, with their rank and their kind's number of matches."""
    matching = _matching(query, language)
    rank = _per_config(query, language, lambda search, _config: SearchRank(F("vector"), search))
    entries = SearchEntry.objects.filter(matching, _visible(now), language=language)
    if set(kinds) != set(Kind):
        entries = entries.filter(kind__in=kinds)
    ranked = (
        entries.annotate(rank=rank)
        .annotate(
            position=Window(RowNumber(), partition_by=[F("kind")], order_by=[F("rank").desc(), F("title"), F("pk")]),
            found=Window(Count("pk"), partition_by=[F("kind")]),
        )
        .filter(position__lte=limit)
    )
    return list(ranked.values("pk", "kind", "rank", "found"))


def _total(rows: list[dict]) -> int:
    return sum(_founds(rows).values())


def _founds(rows: list[dict]) -> dict[str, int]:
    return {row["kind"]: row["found"] for row in rows}


def _grouped(rows: list[dict], query: str, language: str, limit: int) -> list[ResultGroup]:
    """The rows' entries with their highlighted title and snippet, by group in the page's order."""
    if not rows:
        return []
    ranks = {row["pk"]: row["rank"] for row in rows}
    highlight = {"start_sel": START, "stop_sel": STOP}
    title = _per_config(
        query,
        language,
        lambda search, config: SearchHeadline("title", search, config=config, highlight_all=True, **highlight),
    )
    snippet = _per_config(
        query,
        language,
        lambda search, config: SearchHeadline(
            "body",
            search,
            config=config,
            max_words=30,
            min_words=12,
            max_fragments=2,
            fragment_delimiter=" … ",
            **highlight,
        ),
    )
    entries = (
        SearchEntry.objects.filter(pk__in=list(ranks))
        .annotate(title_marked=title, snippet_marked=snippet)
        .order_by()  # sorted by rank below
    )
    groups = {group.key: ResultGroup(group) for group in GROUPS}
    for kind, found in _founds(rows).items():
        groups[GROUP_OF_KIND[kind].key].total += found
    for entry in entries.values("pk", "kind", "url", "text_language", "date", "title_marked", "snippet_marked"):
        groups[GROUP_OF_KIND[entry["kind"]].key].results.append(
            Result(
                kind=entry["kind"],
                title=_marked(entry["title_marked"]),
                snippet=_marked(entry["snippet_marked"]),
                url=entry["url"],
                text_language=entry["text_language"],
                date=entry["date"],
                rank=ranks[entry["pk"]],
            )
        )
    for group in groups.values():
        group.results.sort(key=lambda result: (-result.rank, str(result.title)))
        del group.results[limit:]
    return [group for group in groups.values() if group.results]


def _marked(text: str | None) -> SafeString:
    """The headline escaped whole; then only its own marks become <mark>."""
    html = escape(" ".join((text or "").split())).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped on the line above; only our own marks were turned into tags


def _corrected(query: str, language: str) -> str:
    """The query with each word that occurs in no entry of `language` replaced by the most similar one that does
    (pg_trgm similarity at least pg_trgm.similarity_threshold, 0.3 by default); the query itself when none is."""
    words = list(dict.fromkeys(word.lower() for word in _WORD.findall(query)))[:MAX_WORDS]
    if not words:
        return query
    similarities = {f"s{index}": TrigramSimilarity("word", word) for index, word in enumerate(words)}
    best = Greatest(*similarities.values()) if len(words) > 1 else next(iter(similarities.values()))
    # `word % query_word` for each word, which the trigram GIN index serves.
    near = reduce(or_, (Q(word__trigram_similar=word) for word in words))
    candidates = list(
        SearchWord.objects.filter(near, language=language)
        .annotate(**similarities, best=best)
        .order_by("-best", "word")
        .values("word", *similarities)[:200]
    )
    known = {candidate["word"] for candidate in candidates}
    replacements = {}
    for index, word in enumerate(words):
        if word in known:
            continue
        scored = [(candidate[f"s{index}"], candidate["word"]) for candidate in candidates]
        # The candidates come most similar first, so the first of equally similar words is taken.
        score, replacement = max(scored, key=lambda pair: pair[0], default=(0.0, ""))
        if score >= 0.3:
            replacements[word] = replacement
    if not replacements:
        return query
    return _WORD.sub(lambda match: replacements.get(match.group().lower(), match.group()), query)


def _nearest(query: str, language: str, now: dt.datetime) -> list[tuple[str, str, str]]:
    """The entries nearest to a query that found nothing: those matching any one of its words, and those whose
    title is like it (pg_trgm similarity or word similarity, through the trigram index on the title)."""
    text = query[:60]
    near = Q(title__trigram_similar=text) | Q(title__trigram_word_similar=text)
    words = _WORD.findall(query)[:MAX_WORDS]
    if words:
        near |= _matching(" or ".join(words), language)
    nearest = (
        SearchEntry.objects.filter(near, _visible(now), language=language)
        .annotate(similarity=Greatest(TrigramSimilarity("title", text), TrigramWordSimilarity(Value(text), "title")))
        .order_by("-similarity", "title")
        .values_list("title", "url", "text_language")[:NEAREST]
    )
    return list(nearest)
