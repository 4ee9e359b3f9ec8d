"""HTTPS to a Sales Center server: certificate verification (SRV-4), typed errors back.

Plain ``http://`` is accepted only for this machine (127.0.0.1, ::1, localhost). Every failure
reaches the caller as a ``salescenter.errors`` type: the server's own refusals as the class it
raised, a network failure as a SalesCenterError naming the server.
"""

from __future__ import annotations

import json
import ssl
from typing import Any
from urllib.parse import urlsplit

import httpx

from .. import __version__, errors
from ..server.wire import decode_error

LOOPBACK = ("127.0.0.1", "::1", "localhost")
TIMEOUT = httpx.Timeout(120.0, connect=30.0)
# An idle connection is dropped well before the server would close it (serve.KEEP_ALIVE_SECONDS).
LIMITS = httpx.Limits(max_connections=20, max_keepalive_connections=10, keepalive_expiry=30.0)


def check_url(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("https", "http") or not host:
        raise errors.ValidationError(f"'{url}' is not a server address such as https://host:8443.", "Server")
    if parts.scheme == "http" and host not in LOOPBACK:
        raise errors.ValidationError(
            "A server on another machine is reached only over https:// (plain http only on this machine).",
            "Server",
        )
    return f"{parts.scheme}://{parts.netloc}"


def tls_context(ca_file: str | None) -> ssl.SSLContext:
    try:
        return ssl.create_default_context(cafile=ca_file) if ca_file else ssl.create_default_context()
    except (OSError, ssl.SSLError) as error:
        raise errors.ValidationError(
            f"The certificate file {ca_file} cannot be used: {getattr(error, 'strerror', None) or error}.",
            "Certificate",
        ) from None


class Transport:
    def __init__(self, url: str, *, ca_file: str | None = None) -> None:
        self.url = check_url(url)
        self.ca_file = ca_file
        self.verify = tls_context(ca_file)
        self.client = httpx.Client(base_url=self.url, verify=self.verify, timeout=TIMEOUT, limits=LIMITS,
                                   headers={"user-agent": f"salescenter/{__version__}"})

    def request(self, method: str, path: str, *, body: Any = None, token: str | None = None) -> Any:
        headers = {"authorization": f"Bearer {token}"} if token else {}
        content = None
        if body is not None:
            # ASCII JSON: a lone surrogate travels as its escape, so the server refuses it by name
            # as the embedded desk does, instead of the encoder failing here.
            headers["content-type"] = "application/json"
            content = json.dumps(body, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
        try:
            response = self.client.request(method, path, content=content, headers=headers)
        except httpx.TimeoutException:
            raise errors.SalesCenterError(
                f"The Sales Center server at {self.url} did not answer in time; try again in a moment."
            ) from None
        except httpx.TransportError as error:
            raise unreachable(self.url, error) from None
        return answer(response)

    def close(self) -> None:
        self.client.close()


def unreachable(url: str, error: Exception) -> errors.SalesCenterError:
    reason = str(error).strip() or type(error).__name__
    if "CERTIFICATE_VERIFY_FAILED" in reason or "certificate" in reason.lower():
        return errors.SalesCenterError(
            f"The certificate of the Sales Center server at {url} could not be verified ({reason}); "
            "ask its administrator for the certificate file to trust (--ca-file)."
        )
    return errors.SalesCenterError(f"The Sales Center server at {url} cannot be reached: {reason}.")


def answer(response: httpx.Response) -> Any:
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and "error" in body:
        raise decode_error(body["error"])
    if response.status_code >= 400 or not isinstance(body, dict):
        raise errors.SalesCenterError(
            f"The Sales Center server refused this request (HTTP {response.status_code})."
        )
    return body
