"""A real ``salescenter serve`` for the tests: a test certificate and a server subprocess.

``SALESCENTER_TEST_BACKEND`` picks how the acceptance tests reach Sales Center:
``embedded`` (the default: the desk runs the services in the test process), ``server-sqlite``
or ``server-postgresql`` (every SalesCenter is a ``salescenter serve`` subprocess over a fresh
database of that kind, reached over HTTPS with the test certificate).
"""

from __future__ import annotations

import datetime
import ipaddress
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

BACKEND_ENV = "SALESCENTER_TEST_BACKEND"
BACKENDS = ("embedded", "server-sqlite", "server-postgresql")


def backend() -> str:
    chosen = os.environ.get(BACKEND_ENV, "embedded")
    if chosen not in BACKENDS:
        raise RuntimeError(f"{BACKEND_ENV} must be one of {', '.join(BACKENDS)}, not {chosen!r}")
    return chosen


@dataclass(frozen=True)
class Certificate:
    cert: Path
    key: Path


def make_certificate(folder: Path) -> Certificate:
    """A self-signed certificate for localhost and 127.0.0.1, made now (nothing secret is committed)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    folder.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Sales Center test server")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([
            x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    paths = Certificate(folder / "server-cert.pem", folder / "server-key.pem")
    paths.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths.key.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                            serialization.NoEncryption()))
    paths.key.chmod(0o600)
    return paths


@dataclass
class RunningServer:
    url: str
    process: subprocess.Popen[str]
    log: Path


def _split_password(db_url: str, folder: Path) -> tuple[str, list[str]]:
    """The URL without its password, and the password in a file (never in argv)."""
    from sqlalchemy.engine import make_url

    url = make_url(db_url)
    if not url.password:
        return db_url, []
    secret = folder / "db-password"
    secret.write_text(str(url.password) + "\n", encoding="utf-8")
    secret.chmod(0o600)
    bare = url._replace(password=None).render_as_string(hide_password=False)
    return bare, ["--db-password-file", str(secret)]


def _serve_argv(db_url: str, folder: Path, certificate: Certificate | None,
                extra: tuple[str, ...]) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    bare, password_args = _split_password(db_url, folder)
    argv = ["serve", "--db", bare, "--host", "127.0.0.1", "--port", "0", *password_args, *extra]
    if certificate is not None:
        argv += ["--tls-cert", str(certificate.cert), "--tls-key", str(certificate.key)]
    return argv


class Zygote:
    """One pre-imported process that forks the servers of the acceptance tests (tests/server_zygote.py)."""

    def __init__(self) -> None:
        root = Path(__file__).resolve().parents[1]
        self.process = subprocess.Popen([sys.executable, "-m", "tests.server_zygote"], cwd=root,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    @contextmanager
    def server(self, db_url: str, folder: Path, certificate: Certificate | None) -> Iterator[str]:
        argv = _serve_argv(db_url, folder, certificate, ())
        out, log = folder / "server.out", folder / "server.log"
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({"argv": argv, "out": str(out), "log": str(log)}) + "\n")
        self.process.stdin.flush()
        pid = int(self.process.stdout.readline())
        try:
            yield _wait_for_address(out, log, pid)
        finally:
            _end(pid)

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


def _wait_for_address(out: Path, log: Path, pid: int) -> str:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        first = out.read_text(encoding="utf-8") if out.exists() else ""
        if first.endswith("\n"):
            if first.startswith("Sales Center server on "):
                return first.split()[4]
            break
        if not _alive(pid):
            break
        time.sleep(0.02)
    raise RuntimeError(f"salescenter serve did not start: {log.read_text() if log.exists() else ''}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _end(pid: int) -> None:
    with suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    with suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


@contextmanager
def running_server(db_url: str, folder: Path, certificate: Certificate | None, *,
                   extra: tuple[str, ...] = ()) -> Iterator[RunningServer]:
    """A ``salescenter serve`` started as the installed command is: its own interpreter."""
    command = [sys.executable, "-m", "salescenter", *_serve_argv(db_url, folder, certificate, extra)]
    log = folder / "server.log"
    with log.open("w", encoding="utf-8") as log_file:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log_file, text=True)
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        if not first.startswith("Sales Center server on "):
            process.wait(timeout=30)
            raise RuntimeError(f"salescenter serve did not start: {first!r}\n{log.read_text()}")
        url = first.split()[4]
        yield RunningServer(url, process, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
