from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryPortalConfig(AppConfig):
    name = "library_portal"
    verbose_name = _("Portal")
