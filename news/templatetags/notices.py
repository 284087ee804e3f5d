from django import template

from news.notices import banner_notices

register = template.Library()


@register.inclusion_tag("news/_notice_banner.html", takes_context=True)
def notice_banner(context, branch=None) -> dict:
    """{% notice_banner branch %} in base.html: the notices in force for this page (a branch's page passes its
    branch), with their close buttons."""
    request = context.get("request")
    notices = banner_notices(request, branch=branch or None) if request is not None else []
    return {"notices": notices, "request": request, "csrf_token": context.get("csrf_token")}
