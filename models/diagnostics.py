"""About this installation, and a diagnostics file for support that holds no personal data.

:func:`about_info` gathers what the About dialog (帮助 → 关于执法台账) and ``main.py diagnostics
about`` show: the program version (:data:`models.version.__version__`, the one place it is
written), the data version (``PRAGMA user_version``, and the newest this program knows), the data
folder, the database and ``-wal`` sizes, the evidence files as the database records them (count
and bytes of the distinct files its file tables name; the folder itself is never walked), the
newest automatic backup, the own unit, and the public keys with their fingerprints: the people's
signing keys and the unit seal key (``models.keys``, ``XXXX-XXXX-XXXX-XXXX``) and, at an office,
the decryption keys (``models.office_keys``; their fingerprint is :func:`recipient_fingerprint`,
the same form taken over the recipient text ``age1…``). Qt's version is the GUI's to add
(``extra``): nothing here imports Qt.

"""
from __future__ import annotations

import platform
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Callable, Iterable, Mapping, NamedTuple

from . import backup
from .i18n import QT_TRANSLATE_NOOP
from .migrations import LATEST_VERSION
from .paths import DataDir
from .store import Store, sqlite_errors, table_names
from .version import PRODUCT_NAME, __version__

KIND_LABELS = {"person": QT_TRANSLATE_NOOP("diagnostics", "个人签名密钥"),
               "seal": QT_TRANSLATE_NOOP("diagnostics", "单位签章密钥"),
               "decryption": QT_TRANSLATE_NOOP("diagnostics", "解密密钥（接收报送包）")}
STATUS_LABELS = {"active": QT_TRANSLATE_NOOP("diagnostics", "有效"),
                 "retired": QT_TRANSLATE_NOOP("diagnostics", "已停用"),
                 "revoked": QT_TRANSLATE_NOOP("diagnostics", "已吊销")}


def _same(text: str) -> str:
    return text


# --- about ---------------------------------------------------------------------------------------

class KeyInfo(NamedTuple):
    """A public key of the installation: ``kind`` person / seal / decryption, who holds it
    (names joined by 、, '' when nobody does), its fingerprint, ``status`` active / retired /
    revoked, and when it was made (stored UTC text)."""

    kind: str
    holders: str
    fingerprint: str
    status: str
    created_at: str


class AboutInfo(NamedTuple):
    """What :func:`about_info` found (sizes in bytes; ``last_backup`` None when there is none)."""

    product: str
    version: str
    schema_version: int
    schema_latest: int
    data_folder: Path
    database: Path
    database_size: int
    wal_size: int
    evidence_size: int
    evidence_files: int
    last_backup: Path | None
    last_backup_time: datetime | None
    unit_name: str
    unit_code: str
    installation_id: str
    keys: list[KeyInfo]
    python_version: str
    extra: dict[str, str]

    @property
    def is_office(self) -> bool:
        return any(k.kind == "decryption" for k in self.keys)


def recipient_fingerprint(recipient: str) -> str:
    """The fingerprint of an office's decryption key: ``XXXX-XXXX-XXXX-XXXX`` as for the signing
    keys (``key_crypto.fingerprint``), taken over the recipient text ``age1…`` (what the recipients
    file holds), so two people read the same value aloud."""
    from .key_crypto import fingerprint
    return fingerprint(recipient.encode("ascii", "replace"))


def file_size(path: Path) -> int:
    """The size of ``path`` in bytes, 0 when it cannot be read."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def evidence_totals(store: Store) -> tuple[int, int]:
    """(files, bytes) of the distinct evidence files the database refers to, from the file
    tables (``models.evidence.REFERRING_TABLES``) without touching the folder."""
    from .evidence import REFERRING_TABLES
    present = [t for t in REFERRING_TABLES if t in table_names(store.conn)]
    if not present:
        return 0, 0
    union = " UNION ALL ".join(f'SELECT sha256, size FROM "{t}"' for t in present)
    row = store.conn.execute(
        f"SELECT count(*), coalesce(sum(size), 0) FROM (SELECT sha256, max(size) AS size"
        f" FROM ({union}) GROUP BY sha256)").fetchone()
    return int(row[0]), int(row[1])


def _keys(conn: sqlite3.Connection) -> list[KeyInfo]:
    tables = table_names(conn)
    out: list[KeyInfo] = []
    if "signing_keys" in tables:
        for kind, person, holders, fp, status, created in conn.execute(
                "SELECT k.kind, p.name, (SELECT group_concat(coalesce(hp.name, a.username), '、')"
                " FROM key_holders h JOIN accounts a ON a.id = h.account_id LEFT JOIN people hp"
                " ON hp.id = a.person_id WHERE h.signing_key_id = k.id), k.fingerprint,"
                " k.status, k.created_at FROM signing_keys k LEFT JOIN people p"
                " ON p.id = k.person_id ORDER BY k.kind = 'seal' DESC, k.status = 'active' DESC,"
                " k.id"):
            who = person if kind == "person" and person else holders
            out.append(KeyInfo(kind, who or "", fp, status, created or ""))
    if "decryption_keys" in tables:
        for recipient, holders, status, created in conn.execute(
                "SELECT k.recipient, (SELECT group_concat(coalesce(hp.name, a.username), '、')"
                " FROM decryption_key_holders h JOIN accounts a ON a.id = h.account_id"
                " LEFT JOIN people hp ON hp.id = a.person_id WHERE h.decryption_key_id = k.id),"
                " k.status, k.created_at FROM decryption_keys k"
                " ORDER BY k.status = 'active' DESC, k.id DESC"):
            out.append(KeyInfo("decryption", holders or "", recipient_fingerprint(recipient),
                               status, created or ""))
    return out


def about_info(store: Store, data_dir: DataDir, backup_folders: Iterable[Path] = (), *,
               extra: Mapping[str, str] | None = None) -> AboutInfo:
    """What the About dialog shows (see the module doc). The newest backup is looked for in
    ``<data folder>/backups`` and in ``backup_folders`` (e.g. the folder last chosen for a
    backup to a USB drive). ``extra`` (label -> value) is carried along for the text, e.g. the
    Qt version the GUI adds. Reads only: on the database worker in the GUI."""
    from .backup import backup_folder
    from .session import own_unit_id
    with sqlite_errors(store.path):
        conn = store.conn
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        unit_id = own_unit_id(store) if "settings" in table_names(conn) else None
        unit = conn.execute("SELECT name, code FROM units WHERE id = ?", (unit_id,)).fetchone() \
            if unit_id is not None else None
        files, size = evidence_totals(store)
        keys = _keys(conn)
        installation = store.installation_id if "settings" in table_names(conn) else ""
    folders = [backup_folder(data_dir), *(Path(f) for f in backup_folders)]
    latest = backup.latest_backup(dict.fromkeys(folders))
    database = data_dir.database
    return AboutInfo(
        product=PRODUCT_NAME, version=__version__, schema_version=version,
        schema_latest=LATEST_VERSION, data_folder=data_dir.root, database=database,
        database_size=file_size(database),
        wal_size=file_size(database.with_name(database.name + "-wal")),
        evidence_size=size, evidence_files=files,
        last_backup=latest[0] if latest else None, last_backup_time=latest[1] if latest else None,
        unit_name=unit[0] if unit else "", unit_code=unit[1] if unit else "",
        installation_id=installation, keys=keys, python_version=platform.python_version(),
        extra=dict(extra or {}))


def format_size(size: int) -> str:
    from .evidence import format_size as fmt
    return fmt(size)


def key_line(key: KeyInfo, *, names: bool, tr: Callable[[str], str] = _same) -> str:
    """One key as a line of text: use, fingerprint, state, date (and holder with ``names``)."""
    parts = [tr(KIND_LABELS.get(key.kind, key.kind)), key.fingerprint,
             tr(STATUS_LABELS.get(key.status, key.status)), key.created_at[:10]]
    if names and key.holders:
        parts.append(tr(QT_TRANSLATE_NOOP("diagnostics", "持有人：{names}")).format(
            names=key.holders))
    return "　".join(p for p in parts if p)


def about_text(info: AboutInfo, *, names: bool = False, tr: Callable[[str], str] = _same) -> str:
    """The About information as plain text (for the clipboard, about.txt and the command line).

    Without ``names`` no person is named (the key holders are left out). ``tr`` translates the
    labels (marked in the context ``diagnostics``); the default leaves them Chinese."""
    t = tr
    schema = QT_TRANSLATE_NOOP("diagnostics", "数据版本：{found}（本程序支持到 {latest}）")
    lines = [f"{info.product} {info.version}",
             t(schema).format(found=info.schema_version, latest=info.schema_latest),
             t(QT_TRANSLATE_NOOP("diagnostics", "Python：{version}")).format(
                 version=info.python_version)]
    lines += [f"{label}：{value}" for label, value in info.extra.items()]
    lines += [
        t(QT_TRANSLATE_NOOP("diagnostics", "数据文件夹：{path}")).format(path=info.data_folder),
        t(QT_TRANSLATE_NOOP("diagnostics", "数据库：{size}（WAL {wal}）")).format(
            size=format_size(info.database_size), wal=format_size(info.wal_size)),
        t(QT_TRANSLATE_NOOP("diagnostics", "印证资料：{count} 个文件，{size}")).format(
            count=info.evidence_files, size=format_size(info.evidence_size))]
    if info.last_backup is None or info.last_backup_time is None:
        lines.append(t(QT_TRANSLATE_NOOP("diagnostics", "最近一次备份：还没有备份")))
    else:
        lines.append(t(QT_TRANSLATE_NOOP("diagnostics", "最近一次备份：{time}　{path}")).format(
            time=f"{info.last_backup_time:%Y-%m-%d %H:%M}", path=info.last_backup))
    lines.append(t(QT_TRANSLATE_NOOP("diagnostics", "本单位：{name}（代码 {code}）")).format(
        name=info.unit_name or "-", code=info.unit_code or "-"))
    lines.append(t(QT_TRANSLATE_NOOP("diagnostics", "安装编号：{id}")).format(
        id=info.installation_id or "-"))
    lines.append(t(QT_TRANSLATE_NOOP("diagnostics", "密钥指纹：")))
    if info.keys:
        lines += ["  " + key_line(k, names=names, tr=tr) for k in info.keys]
    else:
        lines.append("  " + t(QT_TRANSLATE_NOOP("diagnostics", "（尚无密钥）")))
    return "\n".join(lines) + "\n"
