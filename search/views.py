from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from library_portal.caching import Namespace, cached_public_page, expire_page_at
from library_portal.control_characters import strips_control_characters
from search.forms import SearchForm
from search.selectors import search_page


@strips_control_characters("q")
@cached_public_page(Namespace.SEARCH)
def search(request: HttpRequest) -> HttpResponse:
    """The site search: services, e-services and their resources, events, news, pages, branches and prices.

    Anonymous visitors get the whole page from the shared cache (keyed by its address), everyone else the results
    (keyed by the cleaned query), until the index changes or an entry starts or stops being found."""
    form = SearchForm(request.GET)
    query, group = form.search()
    results = search_page(query=query, language=get_language(), group=group) if query else None
    if results is not None:
        expire_page_at(request, results.valid_until)
    return render(request, "search/search.html", {"form": form, "query": query, "group": group, "results": results})
