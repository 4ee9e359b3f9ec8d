"""The documented demo sign-ins, and whether a database still accepts them.

They are printed in the README and the first-run dialog, so anyone can sign in
with them: on a database holding real orders each one still working is a hole,
which ``users list`` and the desktop's banner point out until it is closed.
"""

from __future__ import annotations

# Documented demo sign-ins; for trying Sales Center out, never for real data.
DEMO_PASSWORDS = {
    "admin": "admin-demo",
    "supervisor": "supervisor-demo",
    "csr": "csr-demo",
    "csr2": "csr2-demo",
}
