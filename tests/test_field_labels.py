"""Every label the core puts into an error message as a field's name or the thing not found is in
models.errors.FIELD_LABELS (marked for translation in the ``fields`` context), so the GUI can show
it in the user's language."""
from __future__ import annotations

import ast
from pathlib import Path

from core_helpers import ROOT
from models import problems
from models.errors import FIELD_LABELS

VALIDATORS = {"text", "iso_date", "choice", "phone"}


def inserted_labels() -> dict[str, set[str]]:
    """Label -> the core modules that pass it: the second argument of ``validate.*`` calls and
    the ``field=`` / ``what=`` keywords, where they are written out as text."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / "models").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            values: list[ast.expr] = [kw.value for kw in node.keywords
                                      if kw.arg in ("field", "what")]
            func = node.func
            if (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                    and func.value.id == "validate" and func.attr in VALIDATORS
                    and len(node.args) > 1):
                values.append(node.args[1])
            for value in values:
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    found.setdefault(value.value, set()).add(Path(path).name)
    return found


def test_every_inserted_label_is_marked_for_translation() -> None:
    found = inserted_labels()
    assert {"整改时限", "问题", "用户名", "行动名称", "姓名"} <= set(found)  # the scan works
    labels = dict(found)
    for label, _required, _limit in problems._TEXT_FIELDS.values():
        labels.setdefault(label, set()).add("problems.py")
    missing = {label: sorted(where) for label, where in labels.items()
               if label not in FIELD_LABELS}
    assert missing == {}, ("add these to models.errors.FIELD_LABELS (QT_TRANSLATE_NOOP("
                           f"\"fields\", ...)): {missing}")
