"""The server's listening socket: replies leave at once (SRV-7: one server answers many desks)."""

from __future__ import annotations

import asyncio
import socket

from salescenter.server.serve import ServeOptions, listening_socket


def test_srv_7_the_servers_connections_send_replies_without_waiting_for_the_desks_ack() -> None:
    """TCP_NODELAY on every accepted connection: with Nagle's algorithm a reply's body waited for
    the desk's delayed acknowledgement of its headers, some 40 ms on every call."""
    sock = listening_socket(ServeOptions(host="127.0.0.1", port=0))
    port = sock.getsockname()[1]
    seen: list[int] = []

    class Note(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            accepted = transport.get_extra_info("socket")
            seen.append(accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    async def accept_one() -> None:
        server = await asyncio.get_running_loop().create_server(Note, sock=sock)
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        await reader.read()  # the server closes the connection once it has looked at it
        writer.close()
        server.close()
        await server.wait_closed()

    asyncio.run(accept_one())
    assert len(seen) == 1 and seen[0] != 0
