"""The PySide6 desktop. Talks only to the public API (salescenter.api), never to the database."""
