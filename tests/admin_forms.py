"""Driving the Django admin with the test client as a librarian's browser would: a change form posted back with some
changes, an action run on selected rows."""

from django.forms import MultiWidget
from django.urls import reverse


def change_form_data(response) -> dict:
    """What the change form would send back untouched: every field's value, the inlines and their management."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for name, field in form.fields.items():
            key, value = form.add_prefix(name), form[name].value()
            if value is None or value is False:
                continue
            if isinstance(field.widget, MultiWidget):
                for index, part in enumerate(field.widget.decompress(value)):
                    data[f"{key}_{index}"] = "" if part is None else str(part)
            elif value is True:
                data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(item) for item in value]
            else:
                data[key] = str(value)
    return data


def save_in_admin(staff, obj, **changes) -> None:
    """Post `obj`'s change form back as it is, with `changes`; the admin must accept it."""
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    data = {**change_form_data(staff.get(url)), **changes}
    response = staff.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response


def admin_action(staff, model, action: str, objects) -> None:
    """Run an admin action on `objects` from the model's list (delete_selected confirmed)."""
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    data = {"action": action, "_selected_action": [obj.pk for obj in objects]}
    if action == "delete_selected":
        data["post"] = "yes"
    assert staff.post(url, data).status_code == 302
