"""Templates: self-check lists (自查清单) and case-review standards (案卷评查标准), as data.

A template is grouped in sections (分组): for a self-check list a section is a problem aspect and
names the campaign category (对应问题类别) its 不符合 answers go to; for a review standard a section
is a stage (阶段: 立案, 调查取证 …) with its points, or a group of veto items (否决项). Items have
a code unique in the template, a text, guidance and the evidence to look at; review items also a
veto flag or their points and deduction step (每处扣分). A review standard carries its grade
thresholds (优秀/合格 分数线) and its 复核 rule.

Versions: a template is identified by its code (模板编号, the name when none is given); every
installed content is a new version row with the next revision number, and it never changes
afterwards, so a self-check or review keeps the exact version it was filled against. Installing a
content that is already there (same code and same content hash) adds nothing; a changed content
whose version label is taken gets the label “（修订N）”. Built-in templates are JSON data files in
``resources/templates`` (examples a unit adapts), never code.

Checking an imported template is models.template_check; reading and writing files is
models.template_io.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any, Iterator, NamedTuple

from . import audit, scoring
from .errors import NotFound, ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .paths import RESOURCES_DIR
from .permissions import operation
from .session import Session, now_text
from .store import Changes, Writer

KINDS: dict[str, str] = {"selfcheck": QT_TRANSLATE_NOOP("templates", "自查清单"),
                         "case_review": QT_TRANSLATE_NOOP("templates", "案卷评查标准")}
FORMAT = "fieldledger-template"
#: The built-in templates: next to the program's modules, or inside the bundle (``sys._MEIPASS``)
#: in the program built with PyInstaller.
BUILTIN_DIR = RESOURCES_DIR / "templates"

#: key -> Chinese label, for the template's own fields, its sections and its items.
META_LABELS = {"kind": "模板类型", "code": "模板编号", "name": "模板名称", "version": "版本",
               "issuer": "发布单位", "issued_date": "发布日期", "note": "说明", "example": "示例模板",
               "excellent": "优秀分数线", "passing": "合格分数线",
               "recheck_below_pass": "低于合格分数线须复核",
               "recheck_on_disagreement": "评定等次不一致须复核"}
SECTION_LABELS = {"name": "分组", "category": "对应问题类别", "points": "分值"}
ITEM_LABELS = {"section": "分组", "code": "编号", "text": "内容", "guidance": "要点说明",
               "evidence": "印证资料", "veto": "否决项", "points": "分值", "step": "每处扣分"}


# --- the model ------------------------------------------------------------------------------------

class Item(NamedTuple):
    code: str
    text: str
    guidance: str = ""
    evidence: str = ""
    veto: bool = False
    points: float | None = None     # review: the most this item can lose
    step: float | None = None       # review: points per occurrence (每处扣分)


class Section(NamedTuple):
    name: str
    category: str = ""              # campaign / ledger category of its problems
    points: float | None = None     # review: the stage's points (None: veto items only)
    items: tuple[Item, ...] = ()


class Template(NamedTuple):
    kind: str
    code: str
    name: str
    version: str
    issuer: str = ""
    issued_date: str | None = None
    note: str = ""
    example: bool = False
    excellent: float | None = None
    passing: float | None = None
    recheck_below_pass: bool = False
    recheck_on_disagreement: bool = False
    sections: tuple[Section, ...] = ()

    def items(self) -> Iterator[tuple[Section, Item]]:
        for section in self.sections:
            for item in section.items:
                yield section, item

    def standard(self) -> scoring.Standard:
        """The scoring engine's view of a review standard."""
        stages = tuple(scoring.Stage(s.name, s.points or 0.0, tuple(
            scoring.ScoredItem(i.code, i.points or 0.0, i.step or i.points or 0.0)
            for i in s.items if not i.veto)) for s in self.sections if s.points is not None)
        vetoes = tuple(i.code for _s, i in self.items() if i.veto)
        return scoring.Standard(stages, vetoes, scoring.Rules(
            self.excellent or 0.0, self.passing or 0.0, self.recheck_below_pass,
            self.recheck_on_disagreement))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (see docs/templates.md)."""
        review = self.kind == "case_review"
        out: dict[str, Any] = {"format": FORMAT, "format_version": 1, "kind": self.kind,
                               "code": self.code, "name": self.name, "version": self.version,
                               "issuer": self.issuer, "issued_date": self.issued_date,
                               "note": self.note, "example": self.example}
        if review:
            out["rules"] = {"excellent": _num(self.excellent), "passing": _num(self.passing),
                            "recheck_below_pass": self.recheck_below_pass,
                            "recheck_on_disagreement": self.recheck_on_disagreement}
        sections = []
        for s in self.sections:
            sec: dict[str, Any] = {"name": s.name, "category": s.category}
            if review:
                sec["points"] = _num(s.points)
            items = []
            for i in s.items:
                item: dict[str, Any] = {"code": i.code, "text": i.text, "guidance": i.guidance,
                                        "evidence": i.evidence}
                if review:
                    item.update(veto=i.veto, points=_num(i.points), step=_num(i.step))
                items.append(item)
            sec["items"] = items
            sections.append(sec)
        out["sections"] = sections
        return out

    def content_sha256(self) -> str:
        """Hash of everything but the version label and the example mark: equal content, one
        version."""
        data = self.to_dict()
        for key in ("version", "example"):
            data.pop(key)
        return hashlib.sha256(audit.canonical(data).encode("utf-8")).hexdigest()


def _num(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def builtin_templates() -> list[Template]:
    """The templates shipped in ``resources/templates`` (examples to adapt), in file-name order."""
    from .template_check import from_dict
    return [from_dict(json.loads(path.read_text(encoding="utf-8")))
            for path in sorted(BUILTIN_DIR.glob("*.json"))]


# --- storage --------------------------------------------------------------------------------------

def load_template(conn: Any, template_id: int) -> Template:
    """The stored version ``template_id`` as a :class:`Template`."""
    row = conn.execute("SELECT kind, code, name, version, issuer, issued_date, note, example,"
                       " excellent, passing, recheck_below_pass, recheck_on_disagreement"
                       " FROM templates WHERE id = ?", (template_id,)).fetchone()
    if row is None:
        raise NotFound(what="模板", key=template_id)
    items: dict[int, list[Item]] = {}
    for sid, *fields in conn.execute(
            "SELECT section_id, code, text, guidance, evidence, veto, points, step"
            " FROM template_items WHERE template_id = ? ORDER BY position", (template_id,)):
        code, text, guidance, evidence, veto, points, step = fields
        items.setdefault(sid, []).append(Item(code, text, guidance, evidence, bool(veto),
                                              points, step))
    sections = tuple(Section(name, category, points, tuple(items.get(sid, ())))
                     for sid, name, category, points in conn.execute(
                         "SELECT id, name, category, points FROM template_sections"
                         " WHERE template_id = ? ORDER BY position", (template_id,)))
    (kind, code, name, version, issuer, issued, note, example, excellent, passing, below,
     disagree) = row
    return Template(kind, code, name, version, issuer, issued, note, bool(example), excellent,
                    passing, bool(below), bool(disagree), sections)


def _install(w: Writer, session: Session, tpl: Template, source: str) -> tuple[int, bool]:
    """Store ``tpl`` as a new version unless its content is there; (template id, created)."""
    conn = w.conn
    digest = tpl.content_sha256()
    found = conn.execute("SELECT id FROM templates WHERE code = ? AND content_sha256 = ?",
                         (tpl.code, digest)).fetchone()
    if found:
        return int(found[0]), False
    revision = conn.execute("SELECT coalesce(max(revision), 0) + 1 FROM templates WHERE code = ?",
                            (tpl.code,)).fetchone()[0]
    version = tpl.version
    while conn.execute("SELECT 1 FROM templates WHERE code = ? AND version = ?",
                       (tpl.code, version)).fetchone():
        version = f"{tpl.version}（修订{revision}）" if version == tpl.version else version + "+"
    stamp = now_text()
    tid = int(w.insert("templates", {
        "kind": tpl.kind, "code": tpl.code, "revision": revision, "name": tpl.name,
        "version": version, "issuer": tpl.issuer, "issued_date": tpl.issued_date,
        "note": tpl.note, "example": int(tpl.example), "excellent": tpl.excellent,
        "passing": tpl.passing, "recheck_below_pass": int(tpl.recheck_below_pass),
        "recheck_on_disagreement": int(tpl.recheck_on_disagreement), "content_sha256": digest,
        "source": source[:200], "active": 1, "account_id": session.account_id,
        "created_at": stamp, "updated_at": stamp}))
    position = 0
    for spos, section in enumerate(tpl.sections, 1):
        sid = w.insert("template_sections", {"template_id": tid, "position": spos,
                                             "name": section.name, "category": section.category,
                                             "points": section.points})
        for item in section.items:
            position += 1
            w.insert("template_items", {
                "template_id": tid, "section_id": sid, "position": position, "code": item.code,
                "text": item.text, "guidance": item.guidance, "evidence": item.evidence,
                "veto": int(item.veto), "points": item.points, "step": item.step})
    return tid, True


@operation("template.manage")
def install_template(session: Session, template: Template, *, source: str = "") -> Changes:
    """Install ``template`` as a new version (see the module doc). Empty Changes: that content
    is installed already. The new row's id is in ``changes.rows['templates']``."""
    with session.store.write(session.actor) as w:
        _install(w, session, template, source)
    return w.changes


@operation("template.manage")
def install_builtin_templates(session: Session) -> Changes:
    """Install the built-in example templates that are not installed yet, in one transaction."""
    found = builtin_templates()
    with session.store.write(session.actor) as w:
        for tpl in found:
            _install(w, session, tpl, "内置示例")
    return w.changes


@operation("template.read")
def list_templates(session: Session, kind: str | None = None, *,
                   active_only: bool = False) -> list[dict[str, Any]]:
    """Installed versions, by code and newest revision first, with their item count and how
    many self-checks and reviews use each."""
    return session.store.query(
        "SELECT t.*, (SELECT count(*) FROM template_items WHERE template_id = t.id) AS n_items,"
        " (SELECT count(*) FROM selfchecks WHERE template_id = t.id)"
        " + (SELECT count(*) FROM case_reviews WHERE template_id = t.id) AS n_uses"
        " FROM templates t WHERE (:kind IS NULL OR t.kind = :kind) AND (t.active = 1 OR NOT :act)"
        " ORDER BY t.kind, t.code, t.revision DESC", {"kind": kind, "act": int(active_only)})


@operation("template.read")
def get_template(session: Session, template_id: int) -> dict[str, Any]:
    """One version: its row (id, revision, active …) and its content as :meth:`Template.to_dict`
    gives it, each section and item with its row id."""
    rows = session.store.query("SELECT * FROM templates WHERE id = ?", (template_id,))
    if not rows:
        raise NotFound(what="模板", key=template_id)
    out = {**load_template(session.store.conn, template_id).to_dict(), **rows[0]}
    sec_ids = [r[0] for r in session.store.conn.execute(
        "SELECT id FROM template_sections WHERE template_id = ? ORDER BY position", (template_id,))]
    item_ids = [r[0] for r in session.store.conn.execute(
        "SELECT id FROM template_items WHERE template_id = ? ORDER BY position", (template_id,))]
    n = 0
    for sid, sec in zip(sec_ids, out["sections"]):
        sec["id"] = sid
        for item in sec["items"]:
            item["id"] = item_ids[n]
            n += 1
    return out


@operation("template.manage")
def set_template_active(session: Session, template_id: int, active: bool) -> Changes:
    """Offer a version for new self-checks and reviews, or stop offering it (records keep it)."""
    if not session.store.conn.execute("SELECT 1 FROM templates WHERE id = ?",
                                      (template_id,)).fetchone():
        raise NotFound(what="模板", key=template_id)
    with session.store.write(session.actor) as w:
        w.update("templates", template_id, {"active": int(bool(active)), "updated_at": now_text()})
    return w.changes


@operation("template.manage")
def delete_template(session: Session, template_id: int) -> Changes:
    """Remove a version no self-check or review has used (a used one can only be deactivated)."""
    conn = session.store.conn
    row = conn.execute("SELECT name, version FROM templates WHERE id = ?",
                       (template_id,)).fetchone()
    if row is None:
        raise NotFound(what="模板", key=template_id)
    with session.store.write(session.actor) as w:
        used = conn.execute(
            "SELECT (SELECT count(*) FROM selfchecks WHERE template_id = :t)"
            " + (SELECT count(*) FROM case_reviews WHERE template_id = :t)",
            {"t": template_id}).fetchone()[0]
        if used:
            raise ValidationError(QT_TRANSLATE_NOOP(
                "errors", "模板《{name}》{version} 已有 {count} 份自查或评查记录使用，不能删除，只能停用。"),
                name=row[0], version=row[1], count=used)
        for table in ("template_items", "template_sections"):
            for (key,) in conn.execute(f"SELECT id FROM {table} WHERE template_id = ? ORDER BY id",
                                       (template_id,)).fetchall():
                w.delete(table, key)
        w.delete("templates", template_id)
    return w.changes
