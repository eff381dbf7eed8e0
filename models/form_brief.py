"""The 工作简报 as an export form: a document, not a table.

:func:`brief_form` gives a :class:`BriefForm`: a :class:`models.forms.Form` whose rows are the
brief's content as the Excel writer lists it (报送月份, 专项行动, the text a paragraph a row, then
one row per photo with its caption and file name), and which lays its PDF out itself as the
seed 002 brief looks (:mod:`models.brief_pdf`: the masthead 工作简报 with the 期数, the unit and
the date over a rule, the title, the text, each photo with its caption), with the same content
digest and QR code as every form. :func:`package_forms` gives a package the unit's final briefs
of its period (``PACKAGE_FORM_BUILDERS["briefs"]``).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from . import briefs
from .form_data import DEFAULT_OPTIONS, FORMS, FormOptions, _options, date_line, file_stem
from .forms import Column, Form
from .months import label
from .permissions import operation
from .session import Session

#: The masthead printed over every brief.
MASTHEAD = "工作简报"
COLUMNS = (Column("项目", 10, "center"), Column("内容", 80), Column("照片文件", 26))


class BriefPhoto:
    """A photo as the PDF prints it: the stored file, its caption and its original name."""

    __slots__ = ("caption", "name", "path")

    def __init__(self, path: Path, caption: str, name: str) -> None:
        self.path, self.caption, self.name = path, caption, name


class BriefForm(Form):
    """A :class:`~models.forms.Form` that writes its PDF as a document
    (:func:`models.brief_pdf.build`). Besides the form's fields an instance carries
    ``masthead`` (the campaign's title, '' for none), ``issue_no``, ``period`` (YYYY-MM),
    ``paragraphs`` (the text) and ``photos`` (:class:`BriefPhoto`, in order); its ``rows`` are
    a list (read by the layout and the digest)."""

    def pdf_layout(self, out: Any, font: str, progress: Any, cancelled: Any) -> tuple[int, str]:
        """Write the PDF into the open binary file ``out``; (rows, content digest)."""
        from .brief_pdf import build
        return build(self, out, font, progress, cancelled)


def paragraphs(body: str) -> list[str]:
    """The brief's text as paragraphs: one per non-empty line, leading full-width or plain
    spaces (the writer's own indent) removed."""
    return [line.strip(" \u3000\t") for line in re.split(r"\r\n|\r|\n", body or "")
            if line.strip(" \u3000\t")]


def _form(brief: dict[str, Any], options: FormOptions) -> BriefForm:
    options = _options(options)
    paras = paragraphs(brief["body"])
    photos = [BriefPhoto(Path(p["path"]), p["caption"] or "", p["original_name"])
              for p in brief["photo_rows"]]
    rows: list[list[Any]] = [["报送月份", label(brief["period"]), ""],
                             ["专项行动", brief["campaign"] or "—", ""]]
    rows += [["正文" if i == 0 else "", text, ""] for i, text in enumerate(paras)]
    rows += [[f"照片 {n}", photo.caption, photo.name] for n, photo in enumerate(photos, 1)]
    footer = tuple(f"{name}{value}" for name, value in (
        ("填报人：", options.filler), ("联系人：", options.contact), ("联系电话：", options.phone))
        if value)
    state = "本期简报已经负责人审核定稿。" if brief["status"] == "final" else "草稿：本期简报尚未定稿。"
    issue = brief["issue_no"] or ""
    form = BriefForm("brief", brief["title"], f"{brief['unit']}　第 {issue} 期",
                     date_line(options.fill_date or date.today()), COLUMNS, rows, len(rows),
                     footer=footer, notes=(state,),
                     file_stem=file_stem(brief["unit"], FORMS["brief"], brief["period"],
                                         f"第{issue}期"),
                     landscape=False)
    form.masthead = brief["campaign"]          # type: ignore[attr-defined]
    form.issue_no = issue                      # type: ignore[attr-defined]
    form.unit = brief["unit"]                  # type: ignore[attr-defined]
    form.period = brief["period"]              # type: ignore[attr-defined]
    form.paragraphs = paras                    # type: ignore[attr-defined]
    form.photos = photos                       # type: ignore[attr-defined]
    return form


@operation("report.read")
def brief_form(session: Session, brief_id: int,
               options: FormOptions = DEFAULT_OPTIONS) -> BriefForm:
    """The 工作简报 ``brief_id`` of the unit as a form (see the module doc); its date line is
    ``options.fill_date`` (today by default), its footer the 填报人 / 联系人 / 联系电话 given."""
    return _form(briefs.get_brief(session, brief_id), options)


def package_forms(session: Session, campaign_id: int | None,
                  period: tuple[date, date] | None) -> list[tuple[str, Callable[[], Form]]]:
    """The forms a package carries for the ``briefs`` material: each final brief of the unit
    for the campaign (or of no campaign; every campaign when ``campaign_id`` is None) whose month
    lies in ``period`` (every month when None), named 工作简报-<month>-第<n>期."""
    sql = ("SELECT id, period, issue_no FROM briefs WHERE unit_id = ? AND status = 'final'"
           " AND (? IS NULL OR campaign_id IS NULL OR campaign_id = ?)")
    params: list[Any] = [session.unit_id, campaign_id, campaign_id]
    if period is not None:
        sql += " AND period BETWEEN ? AND ?"
        params += [period[0].isoformat()[:7], period[1].isoformat()[:7]]
    out: list[tuple[str, Callable[[], Form]]] = []
    used: set[str] = set()
    for brief_id, month, issue in session.store.conn.execute(
            sql + " ORDER BY period, issue_no, id", params):
        name = base = f"{FORMS['brief']}-{month}-第{issue}期"
        k = 2
        while name in used:        # a brief of no campaign beside one of the campaign
            name, k = f"{base}（{k}）", k + 1
        used.add(name)
        out.append((name, lambda b=int(brief_id): brief_form(session, b)))
    return out
