"""Used by the data migrations that give the staff groups their permissions.

Kept small and stable on purpose: migrations import it, so its behaviour must not change.
"""

from django.contrib.auth.management import create_permissions


def grant(apps, group_name: str, app_label: str, codenames: list[str]) -> None:
    """Give `group_name` (created if missing) these permissions of `app_label`.

    Permissions are normally created after all migrations ran; they are created here first so
    a fresh database can grant them in the same `migrate`.
    """
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=group_name)
    permissions = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    missing = set(codenames) - set(permissions.values_list("codename", flat=True))
    if missing:
        raise LookupError(f"No such permissions in {app_label}: {sorted(missing)}")
    group.permissions.add(*permissions)


def revoke(apps, group_names: list[str], app_label: str, codenames: list[str] | None = None) -> None:
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label=app_label)
    if codenames is not None:
        permissions = permissions.filter(codename__in=codenames)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=group_names):
        group.permissions.remove(*permissions)
