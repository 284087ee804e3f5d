import logging

from django.apps import AppConfig
from django.conf import settings
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class LibraryPortalConfig(AppConfig):
    name = "library_portal"
    verbose_name = _("Portal")

    def ready(self):
        if not settings.REDIS_URL:
            # Once per process at start-up: whoever runs more than one process learns why pages go stale.
            logging.getLogger("library_portal").warning(
                "REDIS_URL is not set: cached pages and rate limits live in this process only (a local cache). "
                "Set REDIS_URL to share them between workers and hosts."
            )


class PortalAdminConfig(admin_apps.AdminConfig):
    """The admin with the portal's own site: its index is the staff's "Today" page (library_portal.admin_site).
    Named in INSTALLED_APPS instead of django.contrib.admin; not this app's own default configuration."""

    default = False
    default_site = "library_portal.admin_site.PortalAdminSite"
