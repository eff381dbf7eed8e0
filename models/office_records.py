"""Reading one unit's imported records at the office, and judging the signatures among them.

:class:`UnitRecords` reads ``office_records`` of one registered unit (the newest image of every
row its packages carried, under the station's own ids; models.office_import) and the unit's
imported audit entries. Rows a package does not carry as records but its audit entries name (the
templates of self-checks and reviews, the campaigns, the accounts, and the people when the
packages did not carry them) are read from the newest image those entries hold for them.
Lookups in the audit entries go through the index ``office_records_audit`` (unit, the entry's
table, the entry's row key; migration 13) rather than decoding every entry: at 10,000 problems a
scan of the entries costs about 50 ms, an indexed lookup well under one.

:class:`OfficeEvidence` is what :func:`models.signing.judge` and
:func:`models.ledger_signing.revision_signature_ok` need, from those records: the unit's audit
entries stand for the station's audit log and the imported images for its rows, so a signature
is judged by the station's own rules. What the office adds (:class:`UnitKeys`): a key counts only
when it is this unit's. It must be a ``signing_keys`` row the unit sent, and not a key the office
knows as another registered unit's: one that unit's enrollment file registered, or one whose
package carried it before this unit's did (a unit copying another's public key cannot take it
over). A seal key counts only when its public key is one the office registered for this unit
from its enrollment files. A signature failing on that is ``invalid`` with reason ``other_unit``,
``unknown_key`` or ``unregistered_seal``; one whose audit entries the office never received (the
unit's entries start after it was stored) with reason ``no_audit``. A key the office learnt is
revoked from the unit's enrollment file counts as revoked even when no revocation was sent.

Qt-free; everything here runs inside one operation of :mod:`models.office_browse`.
"""
from __future__ import annotations

import base64
import json
from typing import Any

from . import key_crypto
from .errors import NotFound
from .ledger_signing import MEANINGS, revision_signature_ok
from .office_units import unit_by_code
from .session import Session
from .signing import content_of, history_explains, judge, standing

_ENTRY_TBL = "json_extract(image, '$.tbl')"
_ENTRY_KEY = "json_extract(image, '$.row_key')"

#: Reasons a signature is invalid at the office besides those of models.signing.
OFFICE_REASONS = ("other_unit", "unknown_key", "unregistered_seal", "no_audit")


def number(value: Any) -> Any:
    """A row key as a number when it is one (ids are integers), else as it is."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


def as_int(value: Any) -> int:
    """``value`` as an int for sorting (0 when it is none)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


class UnitRecords:
    """One registered unit's imported records, read within one operation (results cached).

    Raises NotFound for a unit code the office has not registered."""

    def __init__(self, session: Session, code: str) -> None:
        self.store = session.store
        self.conn = session.store.conn
        unit = unit_by_code(self.store, code)
        if unit is None:
            raise NotFound(what="单位", key=code)
        self.row = unit
        self.id = int(unit["id"])
        self._images: dict[str, dict[str, str]] = {}
        self._rows: dict[str, dict[Any, dict[str, Any]]] = {}
        self._audited: dict[str, dict[Any, dict[str, Any]]] = {}
        self._first_audit: tuple[int | None] | None = None
        self._evidence: OfficeEvidence | None = None

    # --- records ---------------------------------------------------------------------------------

    def images(self, tbl: str) -> dict[str, str]:
        """row key -> image text of the unit's imported rows of ``tbl``."""
        if tbl not in self._images:
            self._images[tbl] = dict(self.conn.execute(
                "SELECT row_key, image FROM office_records WHERE unit_id = ? AND tbl = ?",
                (self.id, tbl)).fetchall())
        return self._images[tbl]

    def rows(self, tbl: str) -> dict[Any, dict[str, Any]]:
        """key -> decoded row of the unit's imported rows of ``tbl`` (each decoded once)."""
        if tbl not in self._rows:
            self._rows[tbl] = {number(k): json.loads(v) for k, v in self.images(tbl).items()}
        return self._rows[tbl]

    def rows_where(self, tbl: str, column: str, value: Any) -> list[dict[str, Any]]:
        """The unit's imported rows of ``tbl`` whose ``column`` is ``value``, by key (picked out
        by SQLite, not by decoding the whole table)."""
        found = self.conn.execute(
            "SELECT image FROM office_records WHERE unit_id = ? AND tbl = ?"
            " AND json_extract(image, ?) = ?", (self.id, tbl, f"$.{column}", value)).fetchall()
        return sorted((json.loads(image) for (image,) in found),
                      key=lambda r: as_int(r.get("id")))

    # --- the unit's audit entries ----------------------------------------------------------------

    def first_audit_seq(self) -> int | None:
        """The lowest sequence number of the unit's audit entries received (None: none)."""
        if self._first_audit is None:
            row = self.conn.execute(
                "SELECT min(CAST(row_key AS INTEGER)) FROM office_records WHERE unit_id = ?"
                " AND tbl = 'audit_log'", (self.id,)).fetchone()
            self._first_audit = (None if row is None or row[0] is None else int(row[0]),)
        return self._first_audit[0]

    def entries(self, tbl: str, key: Any) -> list[tuple[int, str, str | None, str | None]]:
        """(seq, action, before, after) of the unit's audit entries about row ``key`` of
        ``tbl``, in order."""
        found = self.conn.execute(
            "SELECT CAST(row_key AS INTEGER), json_extract(image, '$.action'),"
            " json_extract(image, '$.before'), json_extract(image, '$.after')"
            f" FROM office_records WHERE unit_id = ? AND tbl = 'audit_log' AND {_ENTRY_TBL} = ?"
            f" AND {_ENTRY_KEY} = ?", (self.id, tbl, str(key))).fetchall()
        return sorted(found)

    def insert_seqs(self, tbl: str) -> dict[str, tuple[int, bool]]:
        """row key -> (sequence number of the first insert entry of the row, whether that
        entry's image is the row's imported image), for the unit's imported rows of ``tbl``."""
        found = self.conn.execute(
            "SELECT s.row_key, CAST(a.row_key AS INTEGER),"
            " json_extract(a.image, '$.after') = s.image FROM office_records s"
            " JOIN office_records a ON a.unit_id = s.unit_id AND a.tbl = 'audit_log'"
            " AND json_extract(a.image, '$.tbl') = s.tbl"
            " AND json_extract(a.image, '$.row_key') = s.row_key"
            " WHERE s.unit_id = ? AND s.tbl = ? AND json_extract(a.image, '$.action') = 'insert'",
            (self.id, tbl)).fetchall()
        out: dict[str, tuple[int, bool]] = {}
        for key, seq, same in found:
            if key not in out or seq < out[key][0]:
                out[key] = (int(seq), bool(same))
        return out

    def audited(self, tbl: str) -> dict[Any, dict[str, Any]]:
        """key -> the newest image the unit's audit entries hold for each row of ``tbl`` that
        still exists (for tables whose rows packages do not carry as records)."""
        if tbl not in self._audited:
            newest: dict[Any, str | None] = {}
            for key, after in self.conn.execute(
                    f"SELECT {_ENTRY_KEY}, json_extract(image, '$.after') FROM office_records"
                    f" WHERE unit_id = ? AND tbl = 'audit_log' AND {_ENTRY_TBL} = ?"
                    " ORDER BY CAST(row_key AS INTEGER)", (self.id, tbl)):
                newest[number(key)] = after
            out: dict[Any, dict[str, Any]] = {}
            for key, after in newest.items():
                try:
                    if after is not None:
                        out[key] = json.loads(after)
                except ValueError:
                    continue
            self._audited[tbl] = out
        return self._audited[tbl]

    def known(self, tbl: str) -> dict[Any, dict[str, Any]]:
        """The rows of ``tbl`` as the imported records give them, else as the audit entries do."""
        merged = dict(self.audited(tbl))
        merged.update(self.rows(tbl))
        return merged

    # --- names -----------------------------------------------------------------------------------

    def person_names(self) -> dict[Any, str]:
        return {k: str(v.get("name") or "") for k, v in self.known("people").items()}

    def account_names(self) -> dict[Any, str]:
        """account id -> the person's name, else the user name."""
        people = self.person_names()
        return {k: people.get(v.get("person_id")) or str(v.get("username") or "")
                for k, v in self.audited("accounts").items()}

    def campaigns(self) -> dict[Any, dict[str, Any]]:
        """campaign id -> ``{"title", "doc_no"}``: from the audit entries, else from the frozen
        revisions' content."""
        out: dict[Any, dict[str, Any]] = {}
        for rev in self.rows("ledger_revisions").values():
            try:
                campaign = json.loads(rev["content"])["campaign"]
                out[campaign["id"]] = {"title": campaign.get("title") or "",
                                       "doc_no": campaign.get("doc_no") or ""}
            except (ValueError, KeyError, TypeError):
                continue
        for key, row in self.audited("campaigns").items():
            out[key] = {"title": row.get("title") or "", "doc_no": row.get("doc_no") or ""}
        return out

    def evidence(self) -> OfficeEvidence:
        """The signature evidence of this unit (made once)."""
        if self._evidence is None:
            self._evidence = OfficeEvidence(self, UnitKeys(self))
        return self._evidence


class UnitKeys:
    """Which signing keys count for one unit (see the module doc)."""

    def __init__(self, unit: UnitRecords) -> None:
        conn = unit.conn
        self.own = {str(r.get("key_id")): r for r in unit.rows("signing_keys").values()}
        # a key belongs to the unit whose enrollment file registered it, else to the unit whose
        # package carried it first (a later unit copying it cannot take it over)
        owner: dict[str, int] = {}
        for key_id, unit_id in conn.execute(
                "SELECT json_extract(image, '$.key_id'), unit_id FROM office_records"
                " WHERE tbl = 'signing_keys' ORDER BY id"):
            owner.setdefault(str(key_id), int(unit_id))
        owner.update((str(k), int(u)) for k, u in conn.execute(
            "SELECT key_id, unit_id FROM office_unit_keys"))
        self.others = {k for k, u in owner.items() if u != unit.id}
        registered = conn.execute("SELECT key_id, public_key, kind, status FROM office_unit_keys"
                                  " WHERE unit_id = ?", (unit.id,)).fetchall()
        self.seals = {public for _k, public, kind, _s in registered if kind == "seal"}
        self.revoked_here = {k for k, _p, _kind, status in registered if status == "revoked"}

    def refusal(self, key_id: str) -> str | None:
        """Why key ``key_id`` does not count for this unit (``other_unit``, ``unknown_key``,
        ``unregistered_seal``), or None when it does."""
        if key_id in self.others:
            return "other_unit"
        row = self.own.get(key_id)
        if row is None:
            return "unknown_key"
        if row.get("kind") == "seal" and row.get("public_key") not in self.seals:
            return "unregistered_seal"
        return None

    def public_key(self, key_id: str) -> tuple[bytes, dict[str, Any]] | None:
        """As :func:`models.keys.stored_public_key`, over the unit's keys that count."""
        if self.refusal(key_id) is not None:
            return None
        row = self.own[key_id]
        try:
            public = base64.b64decode(row["public_key"], validate=True)
        except (ValueError, TypeError, KeyError):
            return None
        if len(public) != 32 or key_crypto.key_id_of(public) != key_id \
                or key_crypto.fingerprint(public) != row.get("fingerprint"):
            return None
        return public, {"kind": row.get("kind"), "person_id": row.get("person_id"),
                        "unit_id": row.get("unit_id"), "status": row.get("status")}

    def fingerprint(self, key_id: str) -> str:
        return str((self.own.get(key_id) or {}).get("fingerprint") or "")


class OfficeEvidence:
    """What :func:`models.signing.judge` needs (the methods of
    :class:`models.signing.StationEvidence`), from one unit's imported records."""

    def __init__(self, unit: UnitRecords, key_set: UnitKeys) -> None:
        self.unit = unit
        self.keys = key_set
        self.problems = unit.rows("problems")
        self.names = unit.person_names()
        self._stored: dict[str, dict[str, tuple[int, bool]]] = {}
        self._revoked: dict[str, int | None] = {}

    def stored_at(self, table: str, sig_row: dict[str, Any]) -> int | None:
        if table not in self._stored:
            self._stored[table] = self.unit.insert_seqs(table)
        found = self._stored[table].get(str(sig_row.get("id")))
        return found[0] if found is not None and found[1] else None

    def public_key(self, key_id: str) -> tuple[bytes, dict[str, Any]] | None:
        return self.keys.public_key(key_id)

    def revoked_seq(self, key_id: str) -> int | None:
        if key_id not in self._revoked:
            self._revoked[key_id] = self._revocation(key_id)
        return self._revoked[key_id]

    def _revocation(self, key_id: str) -> int | None:
        statements = [str(s.get("id")) for s in self.unit.rows("key_statements").values()
                      if s.get("kind") == "revocation" and s.get("key_id") == key_id]
        seqs = [seq for sid in statements for seq, action, _b, _a
                in self.unit.entries("key_statements", sid) if action == "insert"]
        if seqs:
            return min(seqs)
        row = self.keys.own.get(key_id) or {}
        # revoked without a statement the unit sent: no point in time to trust
        return 0 if row.get("status") == "revoked" or key_id in self.keys.revoked_here else None

    def content(self, problem_id: int) -> dict[str, Any] | None:
        row = self.problems.get(problem_id)
        if row is None:
            return None
        return content_of(row, self.names.get(row.get("responsible_person_id")))

    def explained(self, problem_id: int, signed: str, seq: int) -> int | None:
        entries = self.unit.entries("problems", problem_id)
        base = [after for s, _action, _before, after in entries if s <= seq]
        later = [(action, before, after) for s, action, before, after in entries if s > seq]
        return history_explains(signed, base[-1] if base else None, later,
                                self.unit.images("problems").get(str(problem_id)))

    def name_explained(self, person_id: Any) -> bool:
        if person_id is None:
            return True
        entries = self.unit.entries("people", person_id)
        image = self.unit.images("people").get(str(person_id))
        if image is None:       # the packages carried no people: the audit entry is the row
            return bool(entries) and entries[-1][3] is not None
        return bool(entries) and entries[-1][3] == image

    def refine(self, state: dict[str, Any], sig_row: dict[str, Any]) -> dict[str, Any]:
        """``state`` with the office's own reason for a signature that does not verify."""
        if state["status"] == "invalid" and state["reason"] == "signature":
            first = self.unit.first_audit_seq()
            why = self.keys.refusal(str(sig_row.get("key_id")))
            if why is None and (first is None or first > as_int(sig_row.get("audit_seq"))):
                why = "no_audit"
            if why is not None:
                state["reason"] = why
        return state


def signer_name(sig_row: dict[str, Any]) -> str:
    """The signer's name the signature's envelope states."""
    return str(_envelope(sig_row).get("signer", {}).get("name") or "")


def _envelope(sig_row: dict[str, Any]) -> dict[str, Any]:
    try:
        env = json.loads(sig_row["envelope"])
    except (ValueError, TypeError, KeyError):
        return {}
    if not isinstance(env, dict):
        return {}
    if not isinstance(env.get("signer"), dict):
        env["signer"] = {}
    return env


def row_signatures(unit: UnitRecords) -> dict[Any, list[dict[str, Any]]]:
    """problem id -> its 责任人签字 rows, oldest first."""
    out: dict[Any, list[dict[str, Any]]] = {}
    for sig in sorted(unit.rows("signatures").values(), key=lambda s: as_int(s.get("id"))):
        subject = str(sig.get("subject") or "")
        if subject.startswith("problem:"):
            out.setdefault(number(subject.split(":", 1)[1]), []).append(sig)
    return out


def row_signature_state(evidence: OfficeEvidence, problem_id: Any,
                        sig: dict[str, Any] | None) -> dict[str, Any]:
    """The judged state of 责任人签字 ``sig`` of a problem (as models.signing.signature_status
    gives it, reasons refined) with ``signer``, ``signed_at`` and ``fingerprint`` when signed."""
    state = judge(evidence, problem_id, sig)
    if sig is not None:
        evidence.refine(state, sig)
        state.update(signer=signer_name(sig), signed_at=sig.get("signed_at") or "",
                     fingerprint=evidence.keys.fingerprint(str(sig.get("key_id"))))
    return state


def revision_signature_state(evidence: OfficeEvidence, sig: dict[str, Any],
                             revision: dict[str, Any], *, intact: bool,
                             current: bool) -> dict[str, Any]:
    """A 审核 / 单位盖章 signature of a frozen revision, judged as models.ledger_signing's
    ledger_state judges it: ``meaning``, ``name``, ``role``, ``signed_at``, ``fingerprint``,
    ``status`` (valid / stale / invalid), ``reason`` and ``note``. ``intact``: the frozen
    content hashes to the revision's hash; ``current``: the unit's ledger is that revision."""
    env = _envelope(sig)
    entry: dict[str, Any] = {
        "meaning": sig.get("meaning"), "name": str(env["signer"].get("name") or "")
        if env else "", "role": str(env.get("role") or ""),
        "signed_at": sig.get("signed_at") or "", "reason": None, "note": None,
        "fingerprint": evidence.keys.fingerprint(str(sig.get("key_id")))}
    seq = evidence.stored_at("signatures", sig)
    if sig.get("meaning") not in MEANINGS or not intact or seq is None \
            or not revision_signature_ok(sig, revision, evidence.public_key):
        entry.update(status="invalid", reason="signature")
        return evidence.refine(entry, sig)
    revocation = standing(evidence.revoked_seq(str(sig.get("key_id"))), seq)
    if revocation == "revoked":
        entry.update(status="invalid", reason="revoked")
    else:
        entry.update(status="valid" if current else "stale", note=revocation)
    return entry
