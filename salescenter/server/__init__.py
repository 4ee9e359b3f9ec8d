"""The Sales Center server (SRV-1): the service layer over HTTPS, sessions, throttling, change events.

Only ``salescenter.server.app`` and ``salescenter.server.serve`` need the web stack; sign-in
throttling and sessions are plain SQLAlchemy, shared with the embedded desk.
"""
