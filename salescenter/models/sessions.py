"""Server sessions and sign-in throttling, in the database so every server process shares them (SRV-7)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Timestamp


class DeskSession(Base):
    """A signed-in desk of a Sales Center server. Only a hash of the token is kept."""

    __tablename__ = "desk_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    workstation: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[Timestamp]
    last_seen_at: Mapped[Timestamp]
    # The edit-lock epochs this desk took, as JSON {order id: epoch}: a later request may reach
    # another server process, which must fence the same stale saves.
    lock_epochs: Mapped[str] = mapped_column(Text, default="{}")


class SignInFailures(Base):
    """Wrong passwords in a row for one user, and until when their sign-in is refused (SRV-3)."""

    __tablename__ = "sign_in_failures"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(default=None)
