"""Personal data taken out of text handed to support (the diagnostics file, :mod:`models.diagnostics_export`).

:func:`scrubber_for` builds a :class:`Scrubber` from what the database knows: the names, account
names, 执法证号 and phone numbers of its people (its own and, at an office, those received from
units), the parties and officers of case files, the people and contacts of leads, the names on
the units' keys; they become ``<人员>``, ``<账号>``, ``<证号>``, ``<电话>``. :data:`PATTERNS` catch
what the database does not know: Chinese mobile and landline numbers, 18-digit ID numbers,
licence plates, e-mail addresses. The user's home folder becomes ``~``, other users' folder names
and the operating-system user name ``<账号>``. Unit names and codes are kept: they name public
bodies, and support needs to know which unit calls. Best effort: a name typed into free text
that appears in no list and matches no pattern stays.
"""
from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path
from typing import Any, Iterable, Mapping

from .store import Store, table_names

# Tokens put in place of what is scrubbed.
PERSON, ACCOUNT, CERT, PHONE, ID_NO, PLATE, EMAIL = (
    "<人员>", "<账号>", "<证号>", "<电话>", "<身份证号>", "<车牌>", "<邮箱>")


#: Where the database keeps people: (table, column, token, split into parts). Read from the
#: installation's own tables and, at an office, from the rows received from units.
PERSONAL_COLUMNS = (
    ("people", "name", PERSON, False), ("people", "cert_no", CERT, False),
    ("people", "phone", PHONE, False), ("accounts", "username", ACCOUNT, False),
    ("case_files", "party", PERSON, True), ("case_files", "officers", PERSON, True),
    ("leads", "party", PERSON, True), ("leads", "contact", PERSON, True),
)
#: Words that appear in contact fields around names and numbers, never replaced on their own.
STOPWORDS = frozenset({"电话", "手机", "联系", "联系人", "联系电话", "联系方式", "先生", "女士",
                       "同志", "师傅", "匿名", "群众", "微信", "邮箱", "座机", "反映人", "本人",
                       "执法人员", "当事人", "无", "不详", "未知", "司机", "驾驶员"})
_SPLIT = re.compile(r"[\s、，,;；/|（）()：:]+")
_PHONE_LIKE = re.compile(r"^\+?[\d\- ]{7,}$")
#: Patterns for what the database does not list: (pattern, token), applied in this order.
PATTERNS = (
    (re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])"), ID_NO),
    (re.compile(r"(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])"), PHONE),
    (re.compile(r"(?<![0-9A-Za-z])0\d{2,3}-\d{7,8}(?![0-9A-Za-z])"), PHONE),
    (re.compile(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][·•]?"
                r"[A-Z0-9]{5,6}(?![A-Za-z0-9])"), PLATE),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII), EMAIL),
)
#: Other users' home folders in paths: the folder name becomes <账号>.
_OTHER_HOME = re.compile(r"((?:/home|/Users|[A-Za-z]:\\{1,2}Users|[A-Za-z]:/Users)[\\/]{1,2})"
                         r"(?!<)([^\\/\s'\"<>:]+)")
_WORD = r"[0-9A-Za-z_]"


def _parts(value: str) -> list[str]:
    return [p for p in _SPLIT.split(value) if p]


def _add(found: dict[str, str], value: Any, token: str, split: bool) -> None:
    if not isinstance(value, str):
        return
    value = value.strip()
    candidates = [value] + (_parts(value) if split else [])
    for text in candidates:
        if len(text) < 2 or len(text) > 200 or text in STOPWORDS:
            continue
        use = PHONE if token == PERSON and split and _PHONE_LIKE.match(text) else token
        found.setdefault(text.lower(), use)


def _unit_names(conn: sqlite3.Connection, tables: set[str]) -> list[str]:
    """The names of the units the database knows (lower-cased): kept, never scrubbed."""
    sources = [("units", "name"), ("office_units", "name"),
               ("supervision_letters", "unit_name"), ("supervision_letters", "issuer_name")]
    return [str(value).lower() for table, column in sources if table in tables
            for (value,) in conn.execute(f'SELECT DISTINCT "{column}" FROM "{table}"') if value]


def personal_strings(store: Store) -> dict[str, str]:
    """Every personal string the database holds (lower-cased) -> its token (see the module doc):
    from :data:`PERSONAL_COLUMNS` of the own tables and of the units' rows received at an
    office, the names on the units' keys and the login names typed (``login_attempts``).

    The free texts that name parties and contacts (split into parts at 、，/ and spaces) often
    name a unit (被反映单位: 某某检测站): a part found inside a unit's name is not personal and
    is left out."""
    conn = store.conn
    tables = table_names(conn)
    found: dict[str, str] = {}
    loose: dict[str, str] = {}
    for table, column, token, split in PERSONAL_COLUMNS:
        into = loose if split else found
        if table in tables:
            for (value,) in conn.execute(f'SELECT DISTINCT "{column}" FROM "{table}"'):
                _add(into, value, token, split)
        if "office_records" in tables:
            for (value,) in conn.execute(
                    "SELECT DISTINCT json_extract(image, ?) FROM office_records WHERE tbl = ?",
                    (f"$.{column}", table)):
                _add(into, value, token, split)
    if "login_attempts" in tables:
        for (value,) in conn.execute("SELECT username FROM login_attempts"):
            _add(found, value, ACCOUNT, False)
    if "office_unit_keys" in tables:
        for (value,) in conn.execute("SELECT DISTINCT person_name FROM office_unit_keys"):
            _add(found, value, PERSON, False)
    units = _unit_names(conn, tables)
    for text, token in loose.items():
        if text not in found and not any(text in unit for unit in units):
            found[text] = token
    return found


def _trie_pattern(words: Iterable[str]) -> str:
    """One regular expression matching any of ``words``, the longest at a given place first,
    built as a trie so it stays fast with thousands of words."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


class Scrubber:
    """Replaces personal strings in text (see the module doc); counts what it replaced.

    ``strings`` maps lower-cased personal strings to tokens (:func:`personal_strings`); matching
    ignores case. Strings made only of ASCII letters, digits and ``_-.@+`` match as whole words
    (so a short user name does not cut into other words); others match anywhere. ``home`` (the
    user's home folder) becomes ``~``; ``os_user`` (the operating-system user's name) is an
    account name.
    """

    def __init__(self, strings: Mapping[str, str], *, home: str | None = None,
                 os_user: str | None = None) -> None:
        self.tokens = dict(strings)
        if os_user and len(os_user.strip()) >= 2:
            self.tokens.setdefault(os_user.strip().lower(), ACCOUNT)
        self.count = 0
        self._home: re.Pattern[str] | None = None
        if home and len(home.strip("/\\")) > 1:
            variants = {home, home.replace("\\", "/"), home.replace("\\", "\\\\")}
            self._home = re.compile(
                "(?:" + "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
                + r")(?![0-9A-Za-z_.\-])", re.IGNORECASE if os.name == "nt" else 0)
        plain = [w for w in self.tokens if not re.fullmatch(r"[0-9A-Za-z_.@+\-]+", w)]
        words = [w for w in self.tokens if w not in plain]
        self._patterns: list[re.Pattern[str]] = []
        if plain:
            self._patterns.append(re.compile(_trie_pattern(plain), re.IGNORECASE))
        if words:
            self._patterns.append(re.compile(
                f"(?<!{_WORD})(?:{_trie_pattern(words)})(?!{_WORD})", re.IGNORECASE))

    def _token(self, match: re.Match[str]) -> str:
        return self.tokens.get(match.group(0).lower(), PERSON)

    def scrub(self, text: str) -> str:
        """``text`` with every personal string replaced; :attr:`count` goes up by the number of
        replacements."""
        if self._home is not None:
            text, n = self._home.subn("~", text)
            self.count += n
        text, n = _OTHER_HOME.subn(lambda m: m.group(1) + ACCOUNT, text)
        self.count += n
        for pattern in self._patterns:
            text, n = pattern.subn(self._token, text)
            self.count += n
        for pattern, token in PATTERNS:
            text, n = pattern.subn(token, text)
            self.count += n
        return text


def _home_and_user() -> tuple[str | None, str | None]:
    try:
        import getpass
        os_user: str | None = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name known (some service accounts)
        os_user = None
    try:
        home: str | None = str(Path.home())
    except (RuntimeError, KeyError):
        home = None
    return home, os_user


def scrubber_for(store: Store) -> Scrubber:
    """A :class:`Scrubber` with the database's personal strings, this user's home folder and
    operating-system user name."""
    home, os_user = _home_and_user()
    return Scrubber(personal_strings(store), home=home, os_user=os_user)


def path_scrubber() -> Scrubber:
    """A :class:`Scrubber` for text that names no records, only folders (the About text): this
    user's home folder becomes ``~``, user names in other home folders ``<账号>``."""
    home, os_user = _home_and_user()
    return Scrubber({}, home=home, os_user=os_user)
