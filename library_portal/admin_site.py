"""The back office's own admin site: its index opens on the staff member's day ("Today")."""

from django.contrib import admin

from library_portal.selectors import staff_today


class PortalAdminSite(admin.AdminSite):
    def index(self, request, extra_context=None):
        """The usual list of apps, after "Today": what is waiting for staff, each count a link to its list."""
        return super().index(request, {"today": staff_today(request.user), **(extra_context or {})})
