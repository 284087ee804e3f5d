"""The notices in force: the staff's own (news.Notice) and those the opening exceptions of today and tomorrow make
by themselves, read through the shared cache, and put into words in the reader's language when shown.

The cache keeps facts, not sentences: a staff notice's text in every language, an exception's branch, date, kind
and hours. The sentence ("Rusnė Branch is closed on 24 December") is written when the banner is rendered, in the
language and date format of the page, so one cached board serves every language.

The board is right until the next of these moments, and is never read past it (`fresh`): a notice starting or
ending, and midnight in the library's zone, when "today and tomorrow" moves on. Any write of a notice bumps the
notices' namespace, any write of an exception the branches' one, and the board is stored under both.
"""

import datetime as dt
import re
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import get_language, gettext, pgettext_lazy

from library_portal.caching import NOTICES_KEY, Namespace, expire_page_at, namespaced, page_depends_on
from library_portal.languages import LANGS
from news.models import Notice
from services.models import HoursKind, OpeningException
from services.selectors import library_today, library_zone, portal_library

# How many days of opening exceptions show as notices: today and tomorrow.
EXCEPTION_DAYS = 2
# A notice's key, as the close button sends it: "n<id>" for a staff notice, "x<branch>-<yyyymmdd>-<kind>" for the
# exceptions of one branch, day and kind of service ("all" when they apply to every kind).
KEY_PATTERN = re.compile(r"^(n\d{1,18}|x\d{1,18}-\d{8}-(all|staffed|self_service|phone))$")

# The kinds of service as they read inside a sentence ("Rusnė Branch: no self-service on 24 December").
KIND_IN_SENTENCE = {
    HoursKind.STAFFED: pgettext_lazy("hours kind in a sentence", "staffed service"),
    HoursKind.SELF_SERVICE: pgettext_lazy("hours kind in a sentence", "self-service"),
    HoursKind.PHONE: pgettext_lazy("hours kind in a sentence", "phone service"),
}


@dataclass(frozen=True)
class ExceptionFacts:
    """What one branch's exceptions of one day and kind say, in every language where it is text."""

    branch_names: dict[str, str]
    date: dt.date
    kind: str
    closed: bool
    intervals: tuple[tuple[dt.time, dt.time], ...]
    reasons: dict[str, str]


@dataclass(frozen=True)
class NoticeFacts:
    key: str
    level: str
    # Empty: the whole library.
    branch_ids: frozenset[int]
    texts: dict[str, str] = field(default_factory=dict)
    exception: ExceptionFacts | None = None


@dataclass(frozen=True)
class NoticeBoard:
    notices: tuple[NoticeFacts, ...]
    # The moment (a POSIX timestamp) from which the board is no longer right.
    valid_until: float

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(notice.key for notice in self.notices)


def _in_languages(row, name: str) -> dict[str, str]:
    return {code: getattr(row, f"{name}_{code}") or "" for code in LANGS}


def exception_key(branch_id: int, day: dt.date, kind: str) -> str:
    return f"x{branch_id}-{day:%Y%m%d}-{kind or 'all'}"


def _exception_notices(*, today: dt.date) -> list[NoticeFacts]:
    """The notices of the opening exceptions of today and tomorrow: one per branch, day and kind; one query."""
    rows = (
        OpeningException.objects.filter(date__gte=today, date__lt=today + dt.timedelta(days=EXCEPTION_DAYS))
        .select_related("branch")
        .order_by("date", "branch__order", "branch__name", "kind", "opens")
    )
    groups: dict[tuple[int, dt.date, str], list[OpeningException]] = {}
    for row in rows:
        groups.setdefault((row.branch_id, row.date, row.kind), []).append(row)
    notices = []
    for (branch_id, day, kind), exceptions in groups.items():
        first = exceptions[0]
        # Several rows of one day and kind are its intervals (a lunch break); a "closed" row among them says nothing.
        intervals = tuple(sorted((e.opens, e.closes) for e in exceptions if not e.closed))
        reasons = next((_in_languages(e, "reason") for e in exceptions if e.reason_lt), {})
        facts = ExceptionFacts(
            branch_names=_in_languages(first.branch, "name"),
            date=day,
            kind=kind,
            closed=not intervals,
            intervals=intervals,
            reasons=reasons,
        )
        level = Notice.Level.WARNING if facts.closed else Notice.Level.INFORMATION
        notices.append(
            NoticeFacts(
                key=exception_key(branch_id, day, kind),
                level=level,
                branch_ids=frozenset({branch_id}),
                exception=facts,
            )
        )
    return notices


def _build_board() -> NoticeBoard:
    """The notices in force now and when that next changes; two queries (staff notices, exceptions)."""
    now = timezone.now()
    zone = library_zone(portal_library())
    today = library_today(zone, now)
    midnight = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(0), tzinfo=zone)
    moments = [midnight]
    staff = []
    for notice in Notice.objects.filter(ends_at__gt=now).annotate(
        branch_list=ArrayAgg("branches__id", filter=Q(branches__isnull=False), default=[])
    ):
        if notice.starts_at > now:
            moments.append(notice.starts_at)
            continue
        moments.append(notice.ends_at)
        staff.append(
            NoticeFacts(
                key=f"n{notice.pk}",
                level=notice.level,
                branch_ids=frozenset(notice.branch_list),
                texts=_in_languages(notice, "text"),
            )
        )
    # Warnings first, then the staff's own notices before the exceptions', the newest first.
    staff.sort(key=lambda facts: -int(facts.key[1:]))
    notices = [*staff, *_exception_notices(today=today)]
    notices.sort(key=lambda facts: facts.level != Notice.Level.WARNING)
    return NoticeBoard(tuple(notices), min(moments).timestamp())


def notice_board(request: HttpRequest | None = None) -> NoticeBoard:
    """The notices in force, from the shared cache while right (see the module docstring). With the page's
    `request`, as `cached_body` read it along with the page's body."""
    return namespaced(
        NOTICES_KEY,
        [Namespace.NOTICES, Namespace.BRANCHES],
        _build_board,
        fresh=lambda board: time.time() < board.valid_until,
        request=request,
    )


# Words ------------------------------------------------------------------------------------------


def _in(texts: dict[str, str], language: str) -> tuple[str, str]:
    """The text in `language`, else in Lithuanian; and the language it is in."""
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    if texts.get(language):
        return texts[language], language
    return texts.get(default, ""), default


def _exception_sentence(facts: ExceptionFacts, language: str) -> str:
    branch, _lang = _in(facts.branch_names, language)
    values = {
        "branch": branch,
        "date": date_format(facts.date, "MONTH_DAY_FORMAT"),
        "hours": ", ".join(f"{time_format(opens)}–{time_format(closes)}" for opens, closes in facts.intervals),
        "kind": KIND_IN_SENTENCE.get(facts.kind, ""),
    }
    if facts.closed:
        # Translators: a notice made from an opening exception; the date is the day and month (24 December).
        sentence = (
            gettext("%(branch)s: no %(kind)s on %(date)s")
            if facts.kind
            else gettext("%(branch)s is closed on %(date)s")
        )
    elif facts.kind:
        sentence = gettext("%(branch)s: %(kind)s %(hours)s on %(date)s")
    else:
        sentence = gettext("%(branch)s is open %(hours)s on %(date)s")
    sentence %= values
    reason, _lang = _in(facts.reasons, language)
    if reason:
        sentence = f"{sentence} ({reason})"
    # A Finnish date ends with its own full stop (24.12.).
    return sentence if sentence.endswith(".") else f"{sentence}."


@dataclass(frozen=True)
class ShownNotice:
    """A notice as the banner shows it: its sentence in the page's language (`lang`: the language it is really in,
    when a staff notice falls back to Lithuanian) and whether it is announced (see news.templatetags.notices)."""

    key: str
    level: str
    level_label: str
    text: str
    lang: str
    announce: bool


def notice_words(facts: NoticeFacts, *, announce: bool) -> ShownNotice:
    language = get_language() or settings.LANGUAGE_CODE
    if facts.exception is not None:
        text, lang = _exception_sentence(facts.exception, language), language
    else:
        text, lang = _in(facts.texts, language)
    return ShownNotice(
        key=facts.key,
        level=facts.level,
        level_label=str(Notice.Level(facts.level).label),
        text=text,
        lang=lang,
        announce=announce,
    )


# The banner -------------------------------------------------------------------------------------

# The notices the visitor closed, in their session (a POST of the banner's close button, news.views.notice_dismiss).
DISMISSED_SESSION_KEY = "notices_dismissed"
# At most this many are kept: only notices in force can be closed, and there are never many at once.
DISMISSED_KEPT = 50
# The notices already announced to this browser, in a cookie that lasts until the browser closes (see
# `banner_notices`).
HEARD_COOKIE = "notices_heard"


def heard_keys(request: HttpRequest) -> frozenset[str]:
    """The notices this browser has already been shown (its cookie; anything else in it is ignored)."""
    raw = request.COOKIES.get(HEARD_COOKIE, "")
    return frozenset(key for key in raw.split(".")[:DISMISSED_KEPT] if KEY_PATTERN.match(key))


def banner_notices(request: HttpRequest, *, branch=None) -> list[ShownNotice]:
    """The notices the banner of this page shows: the library's, and `branch`'s on that branch's pages, less those
    the visitor closed in this session.

    Announced once: a notice the browser has not been shown yet is a polite live region (role="status"), which a
    screen reader reads out on the first page that shows it; the page notes it as heard (`request.notices_heard`,
    written to a cookie by news.middleware.NoticeCookieMiddleware), and on the next pages it is plain text in the
    banner's labelled region, reachable by landmark but not read out again. The mark is a cookie that ends with
    the browser session rather than Django's session, which would write a row in PostgreSQL for every anonymous
    visitor and take all their later pages out of the page cache.

    A page with a banner is never stored in the page cache: its close buttons carry the visitor's CSRF token, and
    what it announces depends on the visitor. A page without one is stored with the notices' namespace and until
    the board next changes (a notice starting, ending, midnight), so it never misses a notice that began.
    """
    board = notice_board(request)
    page_depends_on(request, Namespace.NOTICES)
    expire_page_at(request, dt.datetime.fromtimestamp(board.valid_until, tz=dt.UTC))
    applies = [
        notice
        for notice in board.notices
        if not notice.branch_ids or (branch is not None and branch.pk in notice.branch_ids)
    ]
    if not applies:
        return []
    dismissed = set(request.session.get(DISMISSED_SESSION_KEY, ()))
    shown = [notice for notice in applies if notice.key not in dismissed]
    if not shown:
        return []
    expire_page_at(request, timezone.now())
    heard = heard_keys(request)
    request.notices_heard = (heard & board.keys) | {notice.key for notice in shown}
    return [notice_words(notice, announce=notice.key not in heard) for notice in shown]


def notice_dismiss(*, request: HttpRequest, key: str) -> bool:
    """Close the notice `key` for the rest of the visitor's session; False (and nothing kept) when it is not in
    force (it ended while the page was open, or the key was made up)."""
    if key not in notice_board(request).keys:
        return False
    dismissed = [k for k in request.session.get(DISMISSED_SESSION_KEY, []) if k != key]
    request.session[DISMISSED_SESSION_KEY] = [*dismissed, key][-DISMISSED_KEPT:]
    return True
