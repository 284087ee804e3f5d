"""The back office keeps the search index current for the rows it alone writes (search.sources)."""

from django.contrib.admin import helpers

from search.services import search_index_update_rows


class SearchIndexAdminMixin:
    """Put before PortalAdminMixin in the bases of the admin of a searched model. Every way the admin writes goes
    through one of the methods below (see PortalAdminMixin): the change form and the list's editable rows
    (save_related, after the inlines and many-to-many fields, so an e-service is indexed with its resources as
    saved), deletion of one row or of the selected ones, and every admin action (also a bulk queryset.update(),
    such as "Publish the selected services"). Each writes the rows' entries again, in the admin's transaction."""

    # False where the admin's save_model already calls a service that indexes the row (events: event_save).
    search_index_on_save = True

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if self.search_index_on_save:
            search_index_update_rows(model=self.model, pks=[form.instance.pk])

    def delete_model(self, request, obj):
        pk = obj.pk
        super().delete_model(request, obj)
        search_index_update_rows(model=self.model, pks=[pk])

    def delete_queryset(self, request, queryset):
        pks = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        search_index_update_rows(model=self.model, pks=pks)

    def response_action(self, request, queryset):
        # The rows the action runs on, read before it runs (it may delete them), as the admin picks them.
        if request.POST.get("select_across") == "1":
            pks = list(queryset.values_list("pk", flat=True))
        else:
            pks = [int(pk) for pk in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME) if pk.isdigit()]
        response = super().response_action(request, queryset)
        search_index_update_rows(model=self.model, pks=pks)
        return response
