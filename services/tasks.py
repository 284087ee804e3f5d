"""Background work of the e-services: the reminder sent the day before an event, and the release
of a held place that was not confirmed in time."""

import datetime as dt

from django_tasks import task


@task()
def registration_reminder_task(*, registration_id: int, starts_at: str, site_url: str) -> bool:
    """Run by `task_worker` at the reminder time queued at registration. It reminds only when the
    registration is still confirmed and the event still starts when it did at queueing time: a moved
    event has queued fresh reminders, a cancelled one has told its registrants already."""
    from services.registrations import registration_reminder_send  # the registrations import this module  # noqa: PLC0415

    return registration_reminder_send(
        registration_id=registration_id, expected_start=dt.datetime.fromisoformat(starts_at), site_url=site_url
    )


@task()
def registration_hold_expire_task(*, registration_id: int, site_url: str) -> bool:
    """Run by `task_worker` when a held place's time is up: releases it unless it was confirmed or
    cancelled meanwhile, and moves the waiting list up. Running late is harmless: every decision
    about places releases run-out holds first, so a late task finds nothing left to do."""
    from services.registrations import event_registration_hold_expire  # the registrations import this module  # noqa: PLC0415

    return event_registration_hold_expire(registration_id=registration_id, site_url=site_url)
