"""The demo's news articles and notices (news/fixtures/demo/articles.yaml, notices.yaml). Articles are matched by
slug, notices by their Lithuanian text, and brought up to date; their dates are counted from the day of loading."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from library_portal.caching import Namespace, bump
from library_portal.demo.fixtures import demo_fixture, language_fields
from news.models import Article, Notice
from services.models import Branch
from services.selectors import library_zone, portal_library


@transaction.atomic
def demo_load_news(*, today: dt.date | None = None) -> dict[str, int]:
    """Create or update the demo articles (published, `days_ago` before `today`) and notices. Returns counts."""
    zone = library_zone(portal_library())
    today = today or timezone.localdate(timezone=zone)
    branches = {branch.slug: branch for branch in Branch.objects.all()}

    def at(days: int, hour: int = 0) -> dt.datetime:
        return dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour), tzinfo=zone)

    articles = 0
    for item in demo_fixture("news", "articles"):
        if item.get("branch") and item["branch"] not in branches:
            continue
        Article.objects.update_or_create(
            slug=item["slug"],
            defaults={
                **language_fields("title", item["title"]),
                **language_fields("summary", item["summary"]),
                **language_fields("body", item["body"]),
                "status": Article.Status.PUBLISHED,
                "publish_at": at(-item["days_ago"], 9),
                "expires_at": at(item["expires_in_days"]) if item.get("expires_in_days") else None,
                "branch": branches.get(item.get("branch", "")),
            },
        )
        articles += 1
    notices = 0
    for item in demo_fixture("news", "notices"):
        notice, _created = Notice.objects.update_or_create(
            text_lt=item["text"]["lt"],
            defaults={
                **language_fields("text", item["text"]),
                "level": item["level"],
                "starts_at": at(item["starts_days"]),
                "ends_at": at(item["ends_days"] + 1),
            },
        )
        notice.branches.set([branches[slug] for slug in item["branches"] if slug in branches])
        notices += 1
    bump(Namespace.NEWS, Namespace.NOTICES)
    return {"articles": articles, "notices": notices}
