"""The program's version: the one place it is written.

The build (``packaging/fieldledger.spec``), the Windows installer script, the About dialog, the
diagnostics export and ``main.py --version`` all read :data:`__version__` from here.
Bump it for every build handed to units; the database schema has its own number
(:data:`models.migrations.LATEST_VERSION`), independent of this one.
"""
from __future__ import annotations

__version__ = "0.9.0"

#: Shown in titles and the About dialog.
PRODUCT_NAME = "执法台账 FieldLedger"
