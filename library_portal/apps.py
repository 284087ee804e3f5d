from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class LibraryPortalConfig(AppConfig):
    name = "library_portal"
    verbose_name = _("Portal")


class PortalAdminConfig(admin_apps.AdminConfig):
    """The admin with the portal's own site: its index is the staff's "Today" page (library_portal.admin_site).
    Named in INSTALLED_APPS instead of django.contrib.admin; not this app's own default configuration."""

    default = False
    default_site = "library_portal.admin_site.PortalAdminSite"
