"""`check_resource_links` against a small HTTP server on the loopback, never the internet."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

from bench.fault_rig import free_port
from services.models import OnlineResource
from tests.factories import EServiceFactory


class Handler(BaseHTTPRequestHandler):
    """/alive answers 200, /gone 404, /no-head refuses HEAD (405) but answers GET, /broken 500."""

    def _answer(self, head: bool) -> None:
        if self.path == "/alive" or (self.path == "/no-head" and not head):
            status = 200
        elif self.path == "/no-head":
            status = 405
        elif self.path == "/broken":
            status = 500
        else:
            status = 404
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self._answer(head=True)

    def do_GET(self):
        self._answer(head=False)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_check_resource_links_reports_the_dead_addresses(db, local_server, capsys):
    eservice = EServiceFactory()
    urls = {
        "alive": f"{local_server}/alive",
        "no-head": f"{local_server}/no-head",
        "gone": f"{local_server}/gone",
        "broken": f"{local_server}/broken",
        "refused": f"http://127.0.0.1:{free_port()}/",
    }
    for title, url in urls.items():
        OnlineResource.objects.create(eservice=eservice, title=title, url=url, language="lt")

    with pytest.raises(SystemExit) as exit_status:
        call_command("check_resource_links", "--timeout", "3")
    assert exit_status.value.code == 1

    output = capsys.readouterr().out
    dead_lines = [line for line in output.splitlines() if line.startswith("DEAD")]
    assert sorted(line.split()[1] for line in dead_lines) == sorted([urls["gone"], urls["broken"], urls["refused"]])
    assert "HTTP 404" in output and "HTTP 500" in output
    assert "5 addresses checked, 3 dead." in output
    results = dict(OnlineResource.objects.values_list("title", "last_check_ok"))
    assert results == {"alive": True, "no-head": True, "gone": False, "broken": False, "refused": False}


def test_check_resource_links_exits_cleanly_when_every_address_answers(db, local_server, capsys):
    OnlineResource.objects.create(eservice=EServiceFactory(), title="ok", url=f"{local_server}/alive", language="en")
    call_command("check_resource_links")
    assert "1 addresses checked, 0 dead." in capsys.readouterr().out
    assert OnlineResource.objects.get().last_checked_at is not None
