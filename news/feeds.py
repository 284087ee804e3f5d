"""The Atom feeds of the news: the whole library's, and a branch's (its own and the whole library's news), in the
language of the address (/lt/news/feed/, /en/news/feed/<branch>/...)."""

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from news.models import Article
from news.selectors import public_articles
from services.models import Branch
from services.selectors import portal_library

FEED_ARTICLES = 30


class NewsFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, branch: Branch | None = None) -> Branch | None:
        # The view found the branch (or answered 404), to know until when its feed may be cached.
        return branch

    def title(self, branch: Branch | None) -> str:
        library = portal_library()
        name = library.name if library else _("Library portal")
        if branch is not None:
            return _("News of %(branch)s – %(library)s") % {"branch": branch.name, "library": name}
        return _("News – %(library)s") % {"library": name}

    def author_name(self, branch: Branch | None) -> str:
        # Atom asks for an author of the feed when its entries name none: the library.
        library = portal_library()
        return library.name if library else _("Library portal")

    def subtitle(self, branch: Branch | None) -> str:
        return _("The library's news, newest first.")

    def link(self, branch: Branch | None) -> str:
        url = reverse("news:list")
        return f"{url}?branch={branch.slug}" if branch is not None else url

    def feed_url(self, branch: Branch | None) -> str:
        return reverse("news:branch_feed", args=[branch.slug]) if branch is not None else reverse("news:feed")

    def items(self, branch: Branch | None):
        return public_articles(now=timezone.now(), branch=branch)[:FEED_ARTICLES]

    def item_title(self, article: Article) -> str:
        return article.title

    def item_description(self, article: Article) -> str:
        return article.summary

    def item_pubdate(self, article: Article):
        return article.publish_at

    def item_updateddate(self, article: Article):
        # An edit made before the publication is not news to a reader.
        return max(article.updated_at, article.publish_at)

    def item_categories(self, article: Article):
        return [article.branch.name] if article.branch_id else []
