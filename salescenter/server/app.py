"""The Sales Center server's HTTP interface (Starlette): sign-in, one generic call route, events.

``POST /api/session``                   sign in: name, password, workstation -> a session token
``DELETE /api/session``                 sign out
``POST /api/call/<service>/<method>``   a Desk operation: ``{"args": [...], "kwargs": {...}}`` -> result
``GET /api/events``                     committed order changes as server-sent events
``GET /api/health``                     for load balancers

Every request but health and sign-in carries ``Authorization: Bearer <token>``; without a live
session it gets 401 and no data. A body over ``MAX_BODY`` is refused (413) before it is read.
Only ``salescenter.errors`` cross back, with their class, message and attributes; anything
unexpected is logged here with its traceback and the desk gets a generic refusal.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from .. import __version__, errors
from ..api import SalesCenter
from ..labels import SHIPPING_NAMES
from ..services.authority import GRANTS
from . import dispatch, sessions
from .events import Broadcaster
from .serve import is_loopback
from .throttle import sign_in
from .wire import WireError, decode, encode, encode_error

log = logging.getLogger("salescenter.server")
MAX_BODY = 1_000_000
_STATUS = {
    errors.AuthenticationError: 401, errors.AuthorizationError: 403, errors.NotFoundError: 404,
    errors.ConflictError: 409, errors.LockedError: 409, errors.StateError: 409,
    errors.ValidationError: 422, errors.WarningRequired: 428,
}


class _TooLarge(Exception):
    pass


def _error_response(error: errors.SalesCenterError) -> JSONResponse:
    status = next((code for cls, code in _STATUS.items() if isinstance(error, cls)), 400)
    return JSONResponse({"error": encode_error(error)}, status_code=status)


def _internal(error: BaseException) -> JSONResponse:
    reference = uuid.uuid4().hex[:8]
    log.error("request failed (reference %s)", reference, exc_info=error)
    refusal = errors.SalesCenterError(
        f"The server could not complete this request (reference {reference}); "
        "its administrator finds the details in the server's log."
    )
    return JSONResponse({"error": encode_error(refusal)}, status_code=500)


async def _read_json(request: Request) -> Any:
    """The body as JSON, refusing one over MAX_BODY before reading it (or as soon as it grows past)."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
        raise _TooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise _TooLarge
        chunks.append(chunk)
    try:
        return json.loads(b"".join(chunks) or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise errors.ValidationError("The server could not read this request.", "") from None


def _token(request: Request) -> str:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise errors.AuthenticationError("Sign in first: this request carries no session.")
    return token.strip()


class Server:
    def __init__(self, center: SalesCenter, *, idle: timedelta = sessions.DEFAULT_IDLE) -> None:
        self.center = center
        self.engine = center.engine
        self.idle = idle
        self.broadcaster = Broadcaster(self.engine)

    def session(self, request: Request) -> sessions.SessionInfo:
        return sessions.resolve(self.engine, _token(request), self.idle)

    async def guarded(self, request: Request, handler: Any) -> Response:
        try:
            return await handler(request)
        except _TooLarge:
            refusal = errors.ValidationError(f"The request is larger than {MAX_BODY:,} bytes.", "")
            return JSONResponse({"error": encode_error(refusal)}, status_code=413,
                                headers={"connection": "close"})
        except errors.SalesCenterError as error:
            return _error_response(error)
        except Exception as error:  # noqa: BLE001 - logged here; the desk gets a generic refusal
            return _internal(error)

    async def health(self, request: Request) -> Response:
        return JSONResponse({"ok": True, "version": __version__})

    async def info(self, request: Request) -> Response:
        has_users = await run_in_threadpool(self.center.has_users)
        return JSONResponse({"has_users": has_users, "version": __version__})

    async def sign_in(self, request: Request) -> Response:
        body = await _read_json(request)
        if not isinstance(body, dict):
            raise errors.AuthenticationError("User name or password is not correct.")
        workstation = str(body.get("workstation") or (request.client.host if request.client else ""))

        def work() -> dict[str, Any]:
            user = sign_in(self.engine, body.get("username"), body.get("password"))
            token = sessions.open_session(self.engine, user, workstation)
            info = sessions.SessionInfo(sessions.token_hash(token), user, workstation)
            desk = dispatch.build_desk(self.engine, info)
            return {
                "token": token, "user": encode(user), "services": dispatch.namespaces(desk),
                "authorities": sorted(held.value for held in GRANTS.get(user.role, ())),
                "shipping_methods": dict(SHIPPING_NAMES),
            }

        return JSONResponse(await run_in_threadpool(work))

    async def first_user(self, request: Request) -> Response:
        """The first administrator, while no user exists, and only from the server's own machine:
        until then anyone who reaches the server could claim it."""
        body = await _read_json(request)
        host = request.client.host if request.client else ""
        if not is_loopback(host):
            raise errors.StateError("The first user of a server is made on the server's machine "
                                    "(salescenter init --db URL --admin NAME).")
        if not isinstance(body, dict):
            raise errors.ValidationError("The server could not read this request.", "")
        user = await run_in_threadpool(self.center.create_user, str(body.get("username") or ""),
                                       str(body.get("password") or ""), str(body.get("role") or "admin"))
        return JSONResponse({"user": encode(user)})

    async def sign_out(self, request: Request) -> Response:
        digest = sessions.token_hash(_token(request))
        await run_in_threadpool(sessions.end, self.engine, digest)
        return JSONResponse({"ok": True})

    async def call(self, request: Request) -> Response:
        info = await run_in_threadpool(self.session, request)
        body = await _read_json(request)
        try:
            args = decode(body.get("args", [])) if isinstance(body, dict) else None
            kwargs = decode(body.get("kwargs", {"$": "map", "v": []})) if isinstance(body, dict) else None
        except WireError as error:
            raise errors.ValidationError(f"The server could not read this request: {error}.", "") from None
        if not isinstance(args, list) or not isinstance(kwargs, dict) or not all(
                isinstance(key, str) for key in kwargs):
            raise errors.ValidationError("The server could not read this request.", "")
        service, method = request.path_params["service"], request.path_params["method"]
        outcome = await run_in_threadpool(dispatch.call, self.engine, info, service, method, args, kwargs)
        return JSONResponse({"result": encode(outcome.result),
                             "changes": [encode(change) for change in outcome.changes]})

    async def events(self, request: Request) -> Response:
        info = await run_in_threadpool(self.session, request)

        def still_valid() -> bool:
            try:
                sessions.resolve(self.engine, _token(request), self.idle)
            except errors.SalesCenterError:
                return False
            return True

        log.info("live updates for %s", info.user.username)
        replay_from = request.headers.get("last-event-id")  # a desk reconnecting: what it missed
        return StreamingResponse(self.broadcaster.stream(still_valid, last_event_id=replay_from),
                                 media_type="text/event-stream",
                                 headers={"cache-control": "no-store", "x-accel-buffering": "no"})

    def app(self) -> Starlette:
        def route(path: str, handler: Any, methods: list[str]) -> Route:
            async def endpoint(request: Request) -> Response:
                return await self.guarded(request, handler)

            return Route(path, endpoint, methods=methods)

        return Starlette(
            routes=[
                route("/api/health", self.health, ["GET"]),
                route("/api/info", self.info, ["GET"]),
                route("/api/first-user", self.first_user, ["POST"]),
                route("/api/session", self.sign_in, ["POST"]),
                route("/api/session", self.sign_out, ["DELETE"]),
                route("/api/call/{service}/{method}", self.call, ["POST"]),
                route("/api/events", self.events, ["GET"]),
            ],
            lifespan=self._lifespan,
        )

    @asynccontextmanager
    async def _lifespan(self, _app: Starlette) -> AsyncIterator[None]:
        yield
        self.broadcaster.close()

