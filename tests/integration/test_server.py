"""What only a server has: tokens, body limits, typed errors on the wire, TLS, live events (SRV-1..6).

Each test starts a real ``salescenter serve`` over a fresh SQLite copy, on the test certificate.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import socket
import ssl
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy import update

from salescenter import SalesCenter, errors
from salescenter.client.events import parse_event
from salescenter.models import DeskSession
from salescenter.services.live import OrderChange
from tests.conftest import PASSWORDS
from tests.server_support import Certificate, RunningServer, running_server


@dataclass
class Served:
    server: RunningServer
    remote: SalesCenter
    local: SalesCenter  # the same database embedded: what the desk would say without a server
    certificate: Certificate

    def http(self) -> httpx.Client:
        return httpx.Client(base_url=self.server.url,
                            verify=ssl.create_default_context(cafile=str(self.certificate.cert)))


@pytest.fixture
def served(tmp_path: Path, sqlite_template: Path, test_certificate: Certificate) -> Iterator[Served]:
    database = tmp_path / "served.db"
    shutil.copy(sqlite_template, database)
    url = f"sqlite:///{database}"
    local = SalesCenter.open(url)
    local.create_user("admin", PASSWORDS["admin"], role="admin")
    admin = local.login("admin", PASSWORDS["admin"])
    admin.users.create("csr", PASSWORDS["csr"], "csr")
    admin.stores.create("US", "Sales Center US")
    admin.catalog.create_product("WID-1", "Blue Widget", "19.99", stock=5)
    with running_server(url, tmp_path / "server", test_certificate) as server:
        remote = SalesCenter.open(server.url, ca_file=str(test_certificate.cert))
        yield Served(server, remote, local, test_certificate)
        remote.close()
    local.close()


def test_srv_2_requests_without_a_live_session_get_401_and_no_data(served: Served) -> None:
    desk = served.remote.login("csr", PASSWORDS["csr"])
    desk.catalog.find("WID-1")
    with served.http() as http:
        for headers in ({}, {"authorization": "Bearer forged-token"}, {"authorization": "Basic abc"}):
            answer = http.post("/api/call/catalog/find", json={"args": ["WID-1"]}, headers=headers)
            assert answer.status_code == 401
            assert "WID-1" not in answer.text
            assert answer.json()["error"]["class"] == "AuthenticationError"
        assert http.get("/api/events", headers={"authorization": "Bearer forged"}).status_code == 401


def test_srv_3_a_signed_out_token_is_refused(served: Served) -> None:
    desk = served.remote.login("csr", PASSWORDS["csr"])
    token = desk._token  # type: ignore[attr-defined]
    desk.logout()
    with served.http() as http:
        answer = http.post("/api/call/catalog/find", json={"args": ["WID-1"]},
                           headers={"authorization": f"Bearer {token}"})
    assert answer.status_code == 401


def _raw_exchange(served: Served, head: str, body: Iterator[bytes]) -> str:
    """Send a request by hand over TLS and return the response's status line."""
    context = ssl.create_default_context(cafile=str(served.certificate.cert))
    parts = urlsplit(served.server.url)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as plain, \
            context.wrap_socket(plain, server_hostname=parts.hostname) as tls:
        tls.sendall(head.encode())
        with contextlib.suppress(OSError):
            for chunk in body:
                tls.sendall(chunk)
        return tls.recv(65536).decode("latin-1").split("\r\n", 1)[0]


def test_srv_2_an_oversized_body_is_refused_before_it_is_read(served: Served) -> None:
    desk = served.remote.login("csr", PASSWORDS["csr"])
    token = desk._token  # type: ignore[attr-defined]
    start = (f"POST /api/call/catalog/find HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {token}\r\n"
             "Content-Type: application/json\r\n")
    # A declared size over the limit: the answer comes though not a byte of the body was sent.
    assert " 413 " in _raw_exchange(served, start + "Content-Length: 2000000\r\n\r\n", iter(()))

    def chunks() -> Iterator[bytes]:  # no declared size: refused once the body grows past the limit
        for _ in range(30):
            yield b"186a0\r\n" + b" " * 100_000 + b"\r\n"

    assert " 413 " in _raw_exchange(served, start + "Transfer-Encoding: chunked\r\n\r\n", chunks())
    assert desk.catalog.find("WID-1")[0].sku == "WID-1"  # the server keeps serving


def test_srv_2_typed_errors_cross_the_wire_with_their_class_message_and_field(served: Served) -> None:
    remote = served.remote.login("csr", PASSWORDS["csr"])
    local = served.local.login("csr", PASSWORDS["csr"])
    customer = local.customers.create("Mercy", "Taylor")
    order = local.orders.create("US", customer.id)
    attempts = [
        ("orders", "add_item", (order.id, "NOPE-1", 1), {}),
        ("orders", "add_item", (order.id, "WID-1", -3), {}),
        ("orders", "get", (999_999,), {}),
        ("orders", "submit", (order.id,), {}),
        ("users", "create", ("eve", "secret-pw", "admin"), {}),
        ("orders", "add_item", (order.id, "WID-1", 1), {"expected_version": 999}),
        # hostile arguments: refused by the server's argument checks exactly as by the embedded desk's
        ("orders", "add_item", (order.id,), {}),
        ("orders", "add_item", (order.id, "WID-1", True), {}),
        ("orders", "add_note", (order.id, "a\udcffb"), {}),
        ("orders", "search", (), {"offset": 2**63}),
        ("orders", "add_item", (order.id, "WID-1", 1), {"placed_price": Decimal("sNaN")}),
        ("orders", "get", (order.id,), {"colour": "red"}),
    ]
    for service, method, args, kwargs in attempts:
        with pytest.raises(errors.SalesCenterError) as there:
            getattr(getattr(remote, service), method)(*args, **kwargs)
        with pytest.raises(errors.SalesCenterError) as here:
            getattr(getattr(local, service), method)(*args, **kwargs)
        assert type(there.value) is type(here.value)
        assert str(there.value) == str(here.value)
        assert vars(there.value) == vars(here.value)
    for unsendable in (b"bytes", Path("x"), object(), _nested(5_000)):  # never reach the server
        with pytest.raises(errors.ValidationError, match="Placed price"):
            remote.orders.add_item(order.id, "WID-1", 1, placed_price=unsendable)
    assert local.orders.get(order.id).items == []  # the database is unchanged


def _nested(depth: int) -> list[object]:
    value: list[object] = []
    for _ in range(depth):
        value = [value]
    return value


def test_srv_2_views_cross_the_wire_unchanged(served: Served) -> None:
    remote = served.remote.login("csr", PASSWORDS["csr"])
    local = served.local.login("csr", PASSWORDS["csr"])
    customer = remote.customers.create("Mercy", "Taylor", email="mercy@example.com")
    order = remote.orders.add_item(remote.orders.create("US", customer.id).id, "WID-1", 3)
    assert order == local.orders.get(order.id)
    assert remote.customers.get(customer.id) == local.customers.get(customer.id)
    assert remote.orders.search(customer_name="Taylor") == local.orders.search(customer_name="Taylor")


def test_srv_3_an_idle_session_ends(served: Served) -> None:
    desk = served.remote.login("csr", PASSWORDS["csr"])
    desk.catalog.find("WID-1")
    from datetime import datetime

    with served.local.engine.begin() as connection:
        connection.execute(update(DeskSession).values(last_seen_at=datetime(2020, 1, 1)))
    with pytest.raises(errors.AuthenticationError, match="without activity"):
        desk.catalog.find("WID-1")
    with pytest.raises(errors.AuthenticationError, match="ended"):
        desk.catalog.find("WID-1")


def test_srv_6_remote_desks_see_each_others_changes_with_the_name_from_the_database(served: Served) -> None:
    watcher = served.remote.login("admin", PASSWORDS["admin"])
    rep = served.remote.login("csr", PASSWORDS["csr"])
    seen: list[OrderChange] = []
    arrived = threading.Event()

    def note(change: OrderChange) -> None:
        seen.append(change)
        arrived.set()

    stop = watcher.watch(note)
    customer = rep.customers.create("Mercy", "Taylor")
    order = rep.orders.create("US", customer.id)
    assert arrived.wait(10)
    stop()
    assert seen[-1].order_id == order.id
    assert seen[-1].by == "csr"


def test_srv_6_a_malformed_event_is_dropped_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        for data in ("not json", "[1, 2]", '{"order_id": "1", "by": "x"}', '{"order_id": 1}',
                     '{"order_id": 1, "by": "x", "version": "2"}', '{"order_id": true, "by": "x"}'):
            assert parse_event(data) is None
    assert caplog.text.count("live update dropped") == 6
    assert parse_event('{"order_id": 7, "by": "csr", "version": 3}') == OrderChange(7, "csr", 3)


def test_srv_4_the_desk_verifies_the_servers_certificate(served: Served, tmp_path: Path) -> None:
    from tests.server_support import make_certificate

    stranger = make_certificate(tmp_path / "other")
    with pytest.raises(errors.SalesCenterError, match="certificate"):
        SalesCenter.open(served.server.url, ca_file=str(stranger.cert))
    with pytest.raises(errors.ValidationError, match="https"):
        SalesCenter.open("http://sales.example.com:8443")


def test_srv_1_import_and_export_stay_on_the_servers_machine(served: Served) -> None:
    """Files go where the database is: a desk neither imports nor exports through a server, so the
    import and export tests run on the embedded desk only (their modules are embedded_only)."""
    desk = served.remote.login("admin", PASSWORDS["admin"])
    with pytest.raises(errors.StateError, match="salescenter transfer"):
        desk.transfer.export_dir("/tmp")
    with served.http() as http:
        answer = http.post("/api/call/transfer/export_dir", json={"args": ["/tmp"]},
                           headers={"authorization": f"Bearer {desk._token}"})  # type: ignore[attr-defined]
    assert answer.status_code == 404 and "no operation transfer.export_dir" in answer.text


def test_srv_1_serve_refuses_a_password_in_argv_and_plain_http_off_this_machine() -> None:
    from salescenter.server.serve import ServeError, ServeOptions, database_url, listening_socket

    with pytest.raises(ServeError, match="not in --db"):
        database_url(ServeOptions(db="postgresql://sc:secret@db.example/sales"))
    with pytest.raises(ServeError, match="127.0.0.1"):
        listening_socket(ServeOptions(host="0.0.0.0", port=0))


@pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
def test_srv_2_an_unexpected_failure_reaches_the_desk_without_its_details(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from starlette.testclient import TestClient

    from salescenter.server import dispatch
    from salescenter.server.app import Server
    from salescenter.server.wire import decode_error

    center = SalesCenter.open(sqlite_url)
    center.create_user("admin", PASSWORDS["admin"], role="admin")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("secret internals at /srv/app.py line 12")

    monkeypatch.setattr(dispatch, "call", broken)
    with TestClient(Server(center).app()) as client, caplog.at_level(logging.ERROR):
        token = client.post("/api/session", json={"username": "admin", "password": PASSWORDS["admin"]}).json()
        answer = client.post("/api/call/orders/get", json={"args": [1]},
                             headers={"authorization": f"Bearer {token['token']}"})
    center.close()
    assert answer.status_code == 500
    assert "secret internals" not in answer.text and "Traceback" not in answer.text
    error = decode_error(answer.json()["error"])
    assert type(error) is errors.SalesCenterError and "server's log" in str(error)
    assert "secret internals" in caplog.text  # the administrator finds it in the server's log


def test_srv_7_two_server_processes_share_sessions_and_sign_in_pauses(
    served: Served, tmp_path: Path, test_certificate: Certificate
) -> None:
    database = served.local.url
    with running_server(database, tmp_path / "second", test_certificate) as second:
        other = SalesCenter.open(second.url, ca_file=str(test_certificate.cert))
        desk = served.remote.login("csr", PASSWORDS["csr"])
        token = desk._token  # type: ignore[attr-defined]
        with httpx.Client(base_url=second.url,
                          verify=ssl.create_default_context(cafile=str(test_certificate.cert))) as http:
            answer = http.post("/api/call/catalog/find", json={"args": ["WID-1"]},
                               headers={"authorization": f"Bearer {token}"})
        assert answer.status_code == 200  # a load balancer may send the next request anywhere
        other.login("admin", PASSWORDS["admin"]).users.set_active("csr", False)
        with pytest.raises(errors.AuthenticationError, match="disabled"):
            desk.catalog.find("WID-1")
        for _ in range(5):
            with pytest.raises(errors.AuthenticationError):
                other.login("admin", "wrong-password")
        with pytest.raises(errors.AuthenticationError, match="try again in"):
            served.remote.login("admin", PASSWORDS["admin"])
        other.close()
