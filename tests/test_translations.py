"""Every user-visible text of the code is in the English catalogue, translated, with the same
placeholders; the catalogue compiles."""
from __future__ import annotations

import re
import sys

from core_helpers import ROOT

sys.path.insert(0, str(ROOT / "packaging"))
import i18n  # noqa: E402  (packaging/i18n.py)


def test_every_text_is_in_the_catalogue_and_translated() -> None:
    problems = i18n.check()
    assert problems == [], "\n".join(problems[:20])


def test_translations_keep_the_placeholders() -> None:
    bad = []
    for ts in i18n.TS_FILES:
        for (context, source), (text, _kind) in i18n.messages(ts).items():
            if sorted(re.findall(r"\{\w*\}", source)) != sorted(re.findall(r"\{\w*\}", text)):
                bad.append(f"[{context}] {source!r} -> {text!r}")
    assert bad == [], "\n".join(bad)
