"""The task worker under faults, with real processes (bench/faults.py, its rig in bench/fault_rig.py): a
private PostgreSQL cluster started here with initdb on its own port, `manage.py task_worker` subprocesses,
and an SMTP sink that counts the mails it accepts by Message-ID. The shared PostgreSQL server is never restarted.

Everything these tests check lives in the private cluster, which starts as a copy of pytest-django's migrated test
database.
"""

import pytest

from bench import faults

pytestmark = pytest.mark.cluster  # starts its own processes: `make test` runs it, `make test-fast` not


@pytest.fixture(scope="module")
def rig(migrated_database_url):
    with faults.Rig(migrated=migrated_database_url) as rig:
        yield rig


def test_500_mails_arrive_exactly_once_when_the_worker_is_killed_twice_in_the_middle(rig):
    figures = faults.sigkill(rig, count=500)
    assert figures.notes["done"], rig.logs()
    assert (figures.sent, figures.received, figures.duplicated, figures.lost, figures.unexpected) == (
        500,
        500,
        0,
        0,
        0,
    ), rig.logs()
    # Both tasks the killed workers left RUNNING were reclaimed; every task finished, every mail is marked.
    assert figures.notes["reclaimed"] == 2, rig.logs()
    assert figures.notes["not_sent_again"] == 1, rig.logs()  # the one killed after its mark was committed
    assert figures.notes["state"] == {"READY": 0, "RUNNING": 0, "SUCCESSFUL": 500, "FAILED": 0, "marks": 500}


def test_the_same_worker_carries_on_through_a_postgresql_restart(rig):
    figures = faults.pg_restart(rig, count=300)
    assert figures.notes["same_process"], rig.logs()  # it never exited: no supervisor needed
    assert (figures.received, figures.duplicated, figures.lost) == (300, 0, 0), rig.logs()
    assert figures.notes["all_sent_after_s"] <= 30, figures.notes
    assert 1 <= figures.notes["outage_lines"] <= 2, rig.logs()  # a clear line in the log, not one per attempt
    assert figures.notes["state"]["FAILED"] == 0
    assert figures.notes["state"]["marks"] == 300


def test_mails_queued_during_a_20_second_smtp_outage_are_sent_once_the_server_is_back(rig):
    figures = faults.smtp_outage(rig, count=100, outage=20.0)
    assert figures.notes["outage_s"] >= 20
    assert figures.notes["received_before_outage"] < 100  # the outage did stop mails
    assert (figures.received, figures.duplicated, figures.lost) == (100, 0, 0), rig.logs()
    assert figures.notes["state"]["FAILED"] == 0
    assert figures.notes["state"]["marks"] == 100
