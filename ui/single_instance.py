"""One running FieldLedger per data folder.

The first instance holds a :class:`~PySide6.QtCore.QLockFile` in the data folder (see
:class:`ui.app.AppController`) and listens on a local socket whose name is derived from the data
folder (:func:`server_name`). A second start on the same folder cannot take the lock; it connects
to that socket and asks the first to bring its window forward (:func:`ask_to_raise`), then exits.
When nobody answers (the first instance is busy or hung, or runs as another user), the second
start tells the user the data is in use instead.

The protocol is one line each way: ``raise`` and ``ok``.
"""
from __future__ import annotations

import getpass
import hashlib
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from models.logs import log

REQUEST = b"raise\n"
REPLY = b"ok\n"
#: How long a second start waits for the first to answer, in milliseconds.
ANSWER_MS = 2000


def server_name(root: Path) -> str:
    """The local socket name for the data folder ``root`` (the same for every start on it, per
    user; case-insensitive on Windows, where paths are)."""
    text = str(Path(root).absolute())
    if sys.platform == "win32":
        text = text.lower()
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name: the folder alone still identifies it
        user = ""
    digest = hashlib.sha256(f"{user}\0{text}".encode("utf-8")).hexdigest()[:20]
    return f"fieldledger-{digest}"


class InstanceServer(QObject):
    """Listens for later starts on the same data folder; emits :attr:`raise_requested`."""

    raise_requested = Signal()

    def __init__(self, root: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(root)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Start listening; a socket left by a crashed instance is removed first (the caller holds
        the data folder's lock, so no live instance owns it)."""
        QLocalServer.removeServer(self.name)
        if not self._server.listen(self.name):
            log.warning("single-instance server not listening: %s", self._server.errorString())
            return False
        return True

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            sock.readyRead.connect(lambda s=sock: self._read(s))
            sock.disconnected.connect(sock.deleteLater)

    def _read(self, sock: QLocalSocket) -> None:
        if not sock.canReadLine():
            return
        if bytes(sock.readLine().data()) == REQUEST:
            log.info("another start on this data folder: bringing the window forward")
            self.raise_requested.emit()
            sock.write(REPLY)
            sock.flush()
        sock.disconnectFromServer()


def _allow_foreground() -> None:
    """Windows lets only the process the user just started take the foreground: hand that right
    to the running instance (ASFW_ANY), or its window would only flash in the taskbar."""
    if sys.platform != "win32":
        return
    try:
        import ctypes
        ctypes.windll.user32.AllowSetForegroundWindow(-1)  # type: ignore[attr-defined]
    except Exception as exc:  # noqa: BLE001 - the window then only flashes: not worth failing
        log.info("AllowSetForegroundWindow failed: %r", exc)


def ask_to_raise(root: Path, timeout_ms: int = ANSWER_MS) -> bool:
    """From a second start: ask the instance running on ``root`` to bring its window forward.
    True when it answered."""
    sock = QLocalSocket()
    sock.connectToServer(server_name(root))
    try:
        if not sock.waitForConnected(timeout_ms):
            return False
        _allow_foreground()
        sock.write(REQUEST)
        if not sock.waitForBytesWritten(timeout_ms):
            return False
        while not sock.canReadLine():
            if not sock.waitForReadyRead(timeout_ms):
                return False
        return bytes(sock.readLine().data()) == REPLY
    finally:
        sock.abort()
