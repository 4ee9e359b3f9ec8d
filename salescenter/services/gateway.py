"""The seam to a payment service: authorize, capture, void and refund (PAY-3).

Sales Center talks to card processors and PayPal only through ``PaymentGateway``.
The default is ``SimulatedGateway``: it takes no money, declines the test card
numbers card networks publish, and approves everything else, so a desk works
without any contract with a processor. A deployment that takes real money
installs its own gateway once at start-up (``install_gateway``), before any desk
signs in; every desk of the process then uses it.

Calls happen inside the unit of work that records them, which may be re-run on a
PostgreSQL serialization failure: a real gateway must treat ``key`` as an
idempotency key, so a repeated call returns the first result instead of moving
money twice.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

# Test card numbers a payment service declines, as card networks publish them.
DECLINED_CARDS = frozenset({"4000000000000002", "4000000000009995"})


@dataclass(frozen=True)
class GatewayResult:
    approved: bool
    reference: str = ""  # the gateway's transaction id (authorize) or its receipt
    message: str = ""  # why it was refused, in words a rep can pass on


class PaymentGateway(Protocol):
    """What Sales Center asks of a payment service; amounts are Decimal cents."""

    name: str  # how the desktop and the README name it ("Simulated payments")
    simulated: bool

    def authorize(
        self, method: str, amount: Decimal, *, card_number: str = "", reference: str = "", key: str,
    ) -> GatewayResult:
        """Hold ``amount``; with the ``reference`` of an earlier authorization, raise it to ``amount``."""
        ...

    def capture(self, reference: str, amount: Decimal, *, key: str) -> GatewayResult:
        """Take ``amount`` of an authorization (several partial captures may follow)."""
        ...

    def void(self, reference: str, *, key: str) -> GatewayResult:
        """Let an authorization go before anything of it was captured."""
        ...

    def refund(self, reference: str, amount: Decimal, *, key: str) -> GatewayResult:
        """Give back ``amount`` of what was captured."""
        ...


class SimulatedGateway:
    """No money moves: declines the published test cards, approves everything else."""

    name = "Simulated payments (no money is taken)"
    simulated = True

    def authorize(
        self, method: str, amount: Decimal, *, card_number: str = "", reference: str = "", key: str,
    ) -> GatewayResult:
        if card_number in DECLINED_CARDS:
            return GatewayResult(False, message="The card was declined.")
        new = "SIM-" + hashlib.sha256(key.encode()).hexdigest()[:12]
        return GatewayResult(True, reference=reference or new)

    def capture(self, reference: str, amount: Decimal, *, key: str) -> GatewayResult:
        return GatewayResult(True, reference=reference)

    def void(self, reference: str, *, key: str) -> GatewayResult:
        return GatewayResult(True, reference=reference)

    def refund(self, reference: str, amount: Decimal, *, key: str) -> GatewayResult:
        return GatewayResult(True, reference=reference)


_installed: PaymentGateway = SimulatedGateway()


def install_gateway(gateway: PaymentGateway) -> None:
    """Use ``gateway`` for every payment of this process from now on (call at start-up)."""
    global _installed
    _installed = gateway


def current_gateway() -> PaymentGateway:
    return _installed
