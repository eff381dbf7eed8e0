"""Operations on the audit trail: verify it, read it, export its head."""
from __future__ import annotations

from typing import Any, Callable

from . import audit
from .permissions import operation
from .session import Session


@operation("audit.verify")
def verify(session: Session, *, progress: Callable[[int, int], None] | None = None,
           cancelled: Callable[[], bool] | None = None) -> audit.VerifyReport:
    """Verify chain, anchor and data (see :func:`models.audit.verify`)."""
    return session.store.verify_audit(progress=progress, cancelled=cancelled)


@operation("audit.read")
def recent_entries(session: Session, limit: int = 200) -> list[dict[str, Any]]:
    """The newest ``limit`` entries, newest first."""
    return session.store.query("SELECT * FROM audit_log ORDER BY seq DESC LIMIT ?", (limit,))


@operation("audit.read")
def head(session: Session) -> dict[str, Any]:
    """The chain's head, as later exported in signed packages."""
    seq, digest = audit.head(session.store.conn)
    return {"seq": seq, "hash": digest, "installation_id": session.store.installation_id}
