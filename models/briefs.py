"""工作简报: the monthly brief a unit sends up (seed 002: "每月25日前" reviewed by the head of the
unit; seed 004 names the briefs by their 期数, e.g. 简报（第一期）).

A brief belongs to the unit, to a campaign (or none) and to a month (``period``, YYYY-MM). Its
期数 (``issue_no``) is the next number of the unit's briefs of that campaign, given when the
brief is written (one more than the highest so far). A brief is a draft (``draft``) while it is
written: the title, the text and the photos change freely. The chief finalises it (``final``,
"经部门负责人审核"): a final brief must have a title and a text, and nothing of it changes until
the chief takes it back to draft. Only a final brief counts as the month's brief
(models.material_kinds ``briefs``) and goes into a package's claim.

Photos (``brief_photos``, each with a caption) are image files put into the content-addressed
evidence store (:func:`models.evidence.take_in`, the same checks as every evidence file, and
images only); a stored file goes when no row refers to it any more.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from . import evidence, validate
from .errors import NotFound, ValidationError
from .filetypes import check_type
from .i18n import QT_TRANSLATE_NOOP
from .months import check_month
from .permissions import operation
from .session import Session, now_text
from .store import Changes

#: status -> the name shown (context "briefs")
STATUSES: dict[str, str] = {"draft": QT_TRANSLATE_NOOP("briefs", "草稿"),
                            "final": QT_TRANSLATE_NOOP("briefs", "已定稿")}
#: Longest title and text, in characters.
TITLE_LIMIT, BODY_LIMIT, CAPTION_LIMIT = 200, 20000, 200
#: Most photos one brief holds.
MAX_PHOTOS = 30

_FINAL = QT_TRANSLATE_NOOP(
    "errors", "简报“{title}”已定稿，不能修改。如需修改，请负责人先将其退回草稿。")
_NOT_FINAL = QT_TRANSLATE_NOOP("errors", "简报“{title}”还是草稿，无需退回。")
_NEEDS_TEXT = QT_TRANSLATE_NOOP("errors", "简报须有标题和正文才能定稿，请先填写{field}。")
_NOT_IMAGE = QT_TRANSLATE_NOOP(
    "errors", "“{name}”不是照片。工作简报只能附照片（jpg、png 等），其他材料请作为报送材料附上。")
_TOO_MANY = QT_TRANSLATE_NOOP("errors", "一期简报最多附 {limit} 张照片。")


def _unit(session: Session) -> int:
    if session.unit_id is None:
        raise NotFound(what="单位", key="")
    return int(session.unit_id)


def _brief(session: Session, brief_id: int) -> dict[str, Any]:
    rows = session.store.query("SELECT * FROM briefs WHERE id = ? AND unit_id = ?",
                               (brief_id, _unit(session)))
    if not rows:
        raise NotFound(what="工作简报", key=brief_id)
    return rows[0]


def _draft(session: Session, brief_id: int) -> dict[str, Any]:
    row = _brief(session, brief_id)
    if row["status"] != "draft":
        raise ValidationError(_FINAL, title=row["title"])
    return row


def _campaign_id(session: Session, campaign_id: Any) -> int | None:
    if campaign_id in (None, ""):
        return None
    if not session.store.query("SELECT 1 FROM campaigns WHERE id = ?", (campaign_id,)):
        raise NotFound(what="专项行动", key=campaign_id)
    return int(campaign_id)


def next_issue_no(conn: Any, unit_id: int, campaign_id: int | None) -> int:
    """The 期数 the next brief of the unit and campaign gets."""
    row = conn.execute("SELECT max(issue_no) FROM briefs WHERE unit_id = ? AND campaign_id IS ?",
                       (unit_id, campaign_id)).fetchone()
    return int(row[0] or 0) + 1


@operation("brief.edit")
def create_brief(session: Session, *, period: Any, title: Any, body: Any = "",
                 campaign_id: int | None = None) -> Changes:
    """A new draft brief of the unit for ``period`` (YYYY-MM) and ``campaign_id`` (None: no
    campaign), numbered with the next 期数 of the unit and campaign."""
    values = {"period": check_month(period, "报送月份"),
              "title": validate.text(title, "简报标题", limit=TITLE_LIMIT),
              "body": validate.text(body, "简报正文", required=False, limit=BODY_LIMIT)}
    unit = _unit(session)
    cid = _campaign_id(session, campaign_id)
    stamp = now_text()
    with session.store.write(session.actor) as w:
        w.insert("briefs", {"unit_id": unit, "campaign_id": cid, **values,
                            "issue_no": next_issue_no(w.conn, unit, cid), "status": "draft",
                            "account_id": session.account_id, "created_at": stamp,
                            "updated_at": stamp})
    return w.changes


@operation("brief.edit")
def update_brief(session: Session, brief_id: int, **fields: Any) -> Changes:
    """Change a draft brief's ``title``, ``body`` or ``period``; a final one is refused."""
    row = _draft(session, brief_id)
    values: dict[str, Any] = {}
    if "title" in fields:
        values["title"] = validate.text(fields["title"], "简报标题", limit=TITLE_LIMIT)
    if "body" in fields:
        values["body"] = validate.text(fields["body"], "简报正文", required=False,
                                       limit=BODY_LIMIT)
    if "period" in fields:
        values["period"] = check_month(fields["period"], "报送月份")
    values = {k: v for k, v in values.items() if row[k] != v}
    with session.store.write(session.actor) as w:
        if values:
            w.update("briefs", brief_id, {**values, "updated_at": now_text()})
    return w.changes


@operation("brief.finalise")
def finalise_brief(session: Session, brief_id: int) -> Changes:
    """定稿 (the chief's review): a draft with a title and a text becomes final."""
    row = _draft(session, brief_id)
    for key, label in (("title", "简报标题"), ("body", "简报正文")):
        if not (row[key] or "").strip():
            raise ValidationError(_NEEDS_TEXT, field=label)
    with session.store.write(session.actor) as w:
        w.update("briefs", brief_id, {"status": "final", "updated_at": now_text()})
    return w.changes


@operation("brief.finalise")
def reopen_brief(session: Session, brief_id: int) -> Changes:
    """退回草稿: a final brief can be changed again (and no longer counts as sent)."""
    row = _brief(session, brief_id)
    if row["status"] != "final":
        raise ValidationError(_NOT_FINAL, title=row["title"])
    with session.store.write(session.actor) as w:
        w.update("briefs", brief_id, {"status": "draft", "updated_at": now_text()})
    return w.changes


@operation("brief.edit")
def delete_brief(session: Session, brief_id: int) -> Changes:
    """Delete a draft brief with its photos (audited); a final one is refused. Its 期数 is given
    again only when it was the highest."""
    _draft(session, brief_id)
    photos = session.store.query("SELECT id, sha256 FROM brief_photos WHERE brief_id = ?",
                                 (brief_id,))
    with session.store.write(session.actor) as w:
        for photo in photos:
            w.delete("brief_photos", photo["id"])
        w.delete("briefs", brief_id)
    for sha in {p["sha256"] for p in photos}:
        evidence.remove_unreferenced(session.store, sha)
    return w.changes


def _photos(session: Session, where: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
    rows = session.store.query(
        "SELECT p.*, a.username FROM brief_photos p LEFT JOIN accounts a ON a.id = p.account_id"
        f" WHERE {where} ORDER BY p.id", params)
    for row in rows:
        row["path"] = evidence.path_of(session.store, row)
    return rows


@operation("report.read")
def list_briefs(session: Session, campaign_id: int | None = None, *,
                all_campaigns: bool = True) -> list[dict[str, Any]]:
    """The unit's briefs, newest month first (then highest 期数): the rows plus ``campaign``
    (its title, '' for none), ``author`` (the writer's name) and ``photos`` (how many). With
    ``all_campaigns`` False only those of ``campaign_id`` (None: of no campaign)."""
    where = "b.unit_id = ?"
    params: list[Any] = [_unit(session)]
    if not all_campaigns:
        where += " AND b.campaign_id IS ?"
        params.append(campaign_id)
    return session.store.query(
        "SELECT b.*, coalesce(c.title, '') AS campaign, coalesce(pe.name, a.username, '')"
        " AS author, (SELECT count(*) FROM brief_photos p WHERE p.brief_id = b.id) AS photos"
        " FROM briefs b LEFT JOIN campaigns c ON c.id = b.campaign_id"
        " LEFT JOIN accounts a ON a.id = b.account_id LEFT JOIN people pe ON pe.id = a.person_id"
        f" WHERE {where} ORDER BY b.period DESC, b.issue_no DESC, b.id DESC", params)


@operation("report.read")
def get_brief(session: Session, brief_id: int) -> dict[str, Any]:
    """One brief of the unit with ``campaign`` (title), ``doc_no``, ``unit`` (the unit's name)
    and ``photo_rows`` (its photos, oldest first, each with ``path`` to the stored file)."""
    row = _brief(session, brief_id)
    extra = session.store.query(
        "SELECT coalesce(c.title, '') AS campaign, coalesce(c.doc_no, '') AS doc_no,"
        " u.name AS unit FROM briefs b JOIN units u ON u.id = b.unit_id"
        " LEFT JOIN campaigns c ON c.id = b.campaign_id WHERE b.id = ?", (brief_id,))[0]
    return {**row, **extra, "photo_rows": _photos(session, "p.brief_id = ?", (brief_id,))}


@operation("brief.edit")
def add_photo(session: Session, brief_id: int, source_path: str | os.PathLike[str],
              caption: Any = "") -> Changes:
    """Add the photo at ``source_path`` to a draft brief, with its caption. Refuses, before
    anything is written, a file that is not a photo and what :func:`models.evidence.take_in`
    refuses (wrong content, empty, too large), and a photo beyond :data:`MAX_PHOTOS`."""
    _draft(session, brief_id)
    text = validate.text(caption, "照片说明", required=False, limit=CAPTION_LIMIT)
    name = Path(source_path).name
    _ext, ftype = check_type(name)
    if not ftype.media_type.startswith("image/"):
        raise ValidationError(_NOT_IMAGE, name=name)
    count = session.store.conn.execute("SELECT count(*) FROM brief_photos WHERE brief_id = ?",
                                       (brief_id,)).fetchone()[0]
    if count >= MAX_PHOTOS:
        raise ValidationError(_TOO_MANY, limit=MAX_PHOTOS)
    store = session.store
    taken = evidence.take_in(store, source_path)
    try:
        stamp = now_text()
        with store.write(session.actor) as w:
            w.insert("brief_photos", {
                "brief_id": brief_id, "sha256": taken.copied.sha256, "size": taken.copied.size,
                "media_type": taken.ftype.media_type, "original_name": taken.name,
                "original_mtime": taken.original_mtime, "caption": text,
                "account_id": session.account_id, "added_at": stamp})
            w.update("briefs", brief_id, {"updated_at": stamp})
    except BaseException:
        evidence.forget(store, taken)
        raise
    return w.changes


def _photo(session: Session, photo_id: int) -> dict[str, Any]:
    rows = _photos(session, "p.id = ? AND p.brief_id IN (SELECT id FROM briefs WHERE unit_id = ?)",
                   (photo_id, _unit(session)))
    if not rows:
        raise NotFound(what="照片", key=photo_id)
    return rows[0]


@operation("brief.edit")
def set_caption(session: Session, photo_id: int, caption: Any) -> Changes:
    """Change the caption of a photo of a draft brief."""
    photo = _photo(session, photo_id)
    _draft(session, int(photo["brief_id"]))
    text = validate.text(caption, "照片说明", required=False, limit=CAPTION_LIMIT)
    with session.store.write(session.actor) as w:
        if w.update("brief_photos", photo_id, {"caption": text}):
            w.update("briefs", photo["brief_id"], {"updated_at": now_text()})
    return w.changes


@operation("brief.edit")
def remove_photo(session: Session, photo_id: int) -> Changes:
    """Remove a photo from a draft brief (audited); the stored file goes too unless another row
    still refers to the same content."""
    photo = _photo(session, photo_id)
    _draft(session, int(photo["brief_id"]))
    with session.store.write(session.actor) as w:
        w.delete("brief_photos", photo_id)
        w.update("briefs", photo["brief_id"], {"updated_at": now_text()})
    evidence.remove_unreferenced(session.store, photo["sha256"])
    return w.changes
