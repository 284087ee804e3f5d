from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from library_portal.caching import Namespace, cached_public_page, expire_page_at, page_plan
from library_portal.control_characters import has_control_character
from library_portal.views import error_response
from news.feeds import NewsFeed
from news.forms import NewsFilterForm
from news.models import Article
from news.notices import KEY_PATTERN, notice_dismiss
from news.selectors import LIST_FIELDS, PAGE_FIELDS, fallback_fields, news_changes_at, public_articles
from services.models import Branch

ARTICLES_PER_PAGE = 20


def _expire_with_news(request: HttpRequest, *, now, branch=None) -> None:
    """A page listing news is cached until the list next changes by itself: an article's publication or expiry."""
    if page_plan(request) is not None:
        expire_page_at(request, news_changes_at(now=now, branch=branch))


@cached_public_page(Namespace.NEWS)
def article_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    form = NewsFilterForm(request.GET or None)
    branch = form.chosen_branch()
    _expire_with_news(request, now=now, branch=branch)
    page = Paginator(public_articles(now=now, branch=branch), ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    for article in page.object_list:
        article.fallbacks = fallback_fields(article, LIST_FIELDS)
    return render(
        request,
        "news/article_list.html",
        {"form": form, "branch": branch, "page": page, "notice_branch": branch},
    )


@cached_public_page(Namespace.NEWS)
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A public article; staff who may edit news also see a draft, scheduled or expired one, marked as a preview
    (their pages are never cached)."""
    now = timezone.now()
    article = public_articles(now=now).filter(slug=slug).first()
    preview = False
    if article is None:
        if not request.user.has_perm("news.change_article"):
            raise Http404
        article = Article.objects.select_related("branch").filter(slug=slug).first()
        if article is None:
            raise Http404
        preview = True
    # It leaves at its expiry.
    expire_page_at(request, article.expires_at)
    return render(
        request,
        "news/article_detail.html",
        {
            "article": article,
            "preview": preview,
            "fallbacks": fallback_fields(article, PAGE_FIELDS),
            "notice_branch": article.branch,
        },
    )


_feed = NewsFeed()


@cached_public_page(Namespace.NEWS, Namespace.BRANCHES)
def feed(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """The Atom feed of the whole library's news, or of a branch's (its own and the whole library's)."""
    branch = get_object_or_404(Branch, slug=slug) if slug else None
    _expire_with_news(request, now=timezone.now(), branch=branch)
    return _feed(request, branch=branch)


@require_POST
def notice_dismiss_view(request: HttpRequest) -> HttpResponse:
    """The banner's close button: the notice stays closed for the rest of the visitor's session (it works without
    JavaScript). Goes back to the page it was pressed on (`next`, when it is an address of this site)."""
    key = request.POST.get("notice", "")
    if not KEY_PATTERN.match(key):
        return error_response(
            request,
            status=400,
            code="bad_request",
            title=_("Bad request"),
            message=_("This notice cannot be closed: the portal does not know it."),
        )
    notice_dismiss(request=request, key=key)
    back = request.POST.get("next", "")
    # A control character would break the Location header (and a 500 is no answer).
    if (
        has_control_character(back)
        or not back.startswith("/")
        or not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        back = reverse("home")
    return redirect(back)
