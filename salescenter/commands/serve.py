"""`salescenter serve`: the Sales Center server over a database (see salescenter.server)."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction, common: list[argparse.ArgumentParser]) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "serve", parents=common, help="run the Sales Center server for a call center's desks",
        description="Serve the database to desktops started with --server URL. The database password "
                    "comes from PGPASSWORD, PGPASSFILE or --db-password-file, never from --db.",
    )
    parser.add_argument("--host", default=None,
                        help="address to listen on (default: 0.0.0.0 with TLS, else 127.0.0.1 only)")
    parser.add_argument("--port", type=int, default=8443, help="port (default 8443; 0: any free port)")
    parser.add_argument("--tls-cert", metavar="FILE", default=None, help="the server's certificate (PEM)")
    parser.add_argument("--tls-key", metavar="FILE", default=None, help="its private key (PEM)")
    parser.add_argument("--db-password-file", metavar="FILE", default=None,
                        help="file whose first line is the database password")
    parser.add_argument("--idle-minutes", type=int, default=60,
                        help="a desk's session ends after this many minutes without a request (default 60)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..server.serve import ServeOptions, serve

    return serve(ServeOptions(
        db=args.db, host=args.host, port=args.port, tls_cert=args.tls_cert, tls_key=args.tls_key,
        db_password_file=args.db_password_file, idle_minutes=args.idle_minutes,
    ))
