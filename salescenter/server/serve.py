"""``salescenter serve``: run the server over one database, on uvicorn.

The database password never comes from the command line (anyone on the machine can read a
process's arguments): ``--db`` carries the URL without it, and the password comes the libpq way
(PGPASSWORD, PGPASSFILE) or from ``--db-password-file``. Without a certificate and key the
server listens only on the loopback address: traffic that leaves the machine is encrypted (SRV-4).
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import sys
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from ..errors import SalesCenterError

log = logging.getLogger("salescenter.server")
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
KEEP_ALIVE_SECONDS = 60


class ServeError(SalesCenterError):
    """A serve option the administrator fixes by changing the command."""


@dataclass
class ServeOptions:
    db: str | None = None
    host: str | None = None
    port: int = 8443
    tls_cert: str | None = None
    tls_key: str | None = None
    db_password_file: str | None = None
    idle_minutes: int = 60


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def database_url(options: ServeOptions) -> str | None:
    """The URL to open, with the password from the file when one is named (kept in memory only)."""
    if options.db is None:
        return None
    try:
        url = make_url(options.db)
    except ArgumentError:
        raise ServeError(
            "The --db URL is not a database URL (sqlite:///FILE or postgresql://USER@HOST/DB)."
        ) from None
    if url.password:
        raise ServeError("Put the database password in a file (--db-password-file FILE) or in PGPASSWORD, "
                         "not in --db: a command line is visible to every user of the machine.")
    if options.db_password_file:
        from ..commands.support import read_password_file

        url = url.set(password=read_password_file(options.db_password_file, "database password"))
    return url.render_as_string(hide_password=False)


def listening_socket(options: ServeOptions) -> socket.socket:
    tls = bool(options.tls_cert and options.tls_key)
    if bool(options.tls_cert) != bool(options.tls_key):
        raise ServeError("TLS needs both --tls-cert FILE and --tls-key FILE.")
    host = options.host or ("0.0.0.0" if tls else "127.0.0.1")
    if not tls and not is_loopback(host):
        raise ServeError(f"Without --tls-cert and --tls-key the server listens only on this machine "
                         f"(127.0.0.1), not on {host}: desks elsewhere need encrypted traffic.")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named, not 0: asyncio sets TCP_NODELAY only on connections of a socket that says
    # it is TCP. Without it each reply's body waited for the desk's delayed ACK of its headers
    # (Nagle's algorithm): about 40 ms on every call.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, options.port))
    except OSError as error:
        sock.close()
        raise ServeError(f"Cannot listen on {host}:{options.port}: {error.strerror or error}.") from None
    sock.listen(512)
    sock.set_inheritable(True)
    return sock


def serve(options: ServeOptions) -> int:
    import uvicorn

    from ..api import SalesCenter
    from .app import Server

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    url = database_url(options)
    sock = listening_socket(options)
    center = SalesCenter.open(url)
    server = Server(center, idle=timedelta(minutes=options.idle_minutes))
    config = uvicorn.Config(
        server.app(), ssl_certfile=options.tls_cert, ssl_keyfile=options.tls_key,
        log_level="warning", access_log=False, timeout_graceful_shutdown=3,
        # Longer than a desk keeps an idle connection (client/transport.py), so a desk never sends
        # a request on a connection the server is closing at that moment.
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        h11_max_incomplete_event_size=64 * 1024,
    )
    host, port = sock.getsockname()[:2]
    scheme = "https" if options.tls_cert else "http"
    shown = f"[{host}]" if ":" in host else host
    # The first line on stdout names the address (the port when --port 0 let the system choose).
    print(f"Sales Center server on {scheme}://{shown}:{port} over {center.url}", flush=True)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        center.close()
        sys.stdout.flush()
    return 0
