from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from library_portal.control_characters import strips_control_characters
from search.forms import SearchForm
from search.selectors import search_results


@strips_control_characters("q")
def search(request: HttpRequest) -> HttpResponse:
    """The site search: services, e-services and their resources, events, news, pages, branches and prices."""
    form = SearchForm(request.GET)
    query, group = form.search()
    results = search_results(query=query, language=get_language(), group=group) if query else None
    return render(request, "search/search.html", {"form": form, "query": query, "group": group, "results": results})
