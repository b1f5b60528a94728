"""The header row: which canonical field each column header names, and which columns are read.

Headers are matched through ``HEADER_ALIASES`` in the languages of the participating countries; case,
accents, spacing and a bracketed remark such as "Website (URL)" do not matter.
"""
import re
from dataclasses import dataclass

from openpyxl.utils.cell import get_column_letter

from matchmaker.domain.errors import Invalid
from matchmaker.domain.text import search_key

FIELDS = (
    "name", "country", "city", "website", "description", "offers", "seeks", "contact", "email", "phone", "visibility",
)
REQUIRED_FIELDS = ("name", "country")
# Several description columns ("Products", "Profile") are joined, and so are several offers or seeks
# columns; for any other field the first column wins.
JOINED_FIELDS = frozenset({"description", "offers", "seeks"})

HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "name": (
        "name", "company", "company name", "firm", "firm name", "organisation", "organization",
        "organisation name", "organization name", "member", "member name", "nazwa", "nazwa firmy", "firma",
        "název", "název firmy", "назва", "компанія", "公司", "公司名稱", "公司名称", "名稱", "名称",
    ),
    "country": ("country", "country name", "kraj", "země", "stát", "країна", "國家", "国家"),
    "city": ("city", "town", "miasto", "město", "місто", "城市"),
    "website": (
        "website", "web", "url", "www", "homepage", "web site", "web page", "strona www",
        "strona internetowa", "webová stránka", "webové stránky", "сайт", "веб сайт", "網站", "网站", "網址",
    ),
    "description": (
        "description", "capabilities", "profile", "products", "about", "activity", "opis", "popis",
        "company profile", "products and services", "опис", "簡介", "简介", "公司簡介", "產品", "产品",
    ),
    # What a firm offers and what it looks for, as matchmaking forms ask (b2match's "offer" and "request").
    "offers": (
        "offers", "offer", "we offer", "what we offer", "offering", "oferta", "oferujemy", "nabídka", "nabízíme",
        "пропонуємо", "пропозиція", "提供", "我們提供", "我们提供",
    ),
    "seeks": (
        "seeks", "we seek", "looking for", "we are looking for", "request", "requests", "needs", "wanted",
        "szukamy", "poszukujemy", "hledáme", "poptávka", "шукаємо", "потреби", "需求", "尋求", "寻求",
    ),
    "contact": (
        "contact", "contact person", "contact name", "kontakt", "osoba kontaktowa", "kontaktní osoba",
        "контакт", "контактна особа", "聯絡人", "联系人",
    ),
    "email": ("email", "e-mail", "mail", "email address", "e-mail address", "adres e-mail", "електронна пошта"),
    "phone": ("phone", "telephone", "tel", "phone number", "telefon", "телефон", "電話", "电话"),
    "visibility": ("visibility",),
}
_ALIAS_FIELD = {search_key(alias): name for name, aliases in HEADER_ALIASES.items() for alias in aliases}
_REMARK = re.compile(r"\([^)]*\)|\[[^\]]*\]")


@dataclass
class Column:
    """A column that is read: its 0-based index, its header as written, and the field it fills."""

    index: int
    header: str
    field: str


def field_for_header(header: str) -> str | None:
    """The canonical field a column header names, or None ("Company Name:" -> "name")."""
    key = search_key(header)
    found = _ALIAS_FIELD.get(key)
    if found is None and _REMARK.search(header):
        found = _ALIAS_FIELD.get(search_key(_REMARK.sub(" ", header)))
    return found


def map_columns(header: list[str], problems: list[str]) -> tuple[list[Column], list[str]]:
    """The columns to read, and the headers that name no field; a note in ``problems`` for each column
    ignored as another of the same field, and for the columns joined into one."""
    columns: list[Column] = []
    unknown: list[str] = []
    first: dict[str, Column] = {}
    for index, text in enumerate(header):
        if not text:
            continue
        name = field_for_header(text)
        if name is None:
            unknown.append(text)
            continue
        if name in first and (name not in JOINED_FIELDS or text in (c.header for c in columns)):
            kept = first[name]
            problems.append(
                f"Column {get_column_letter(index + 1)} ({text!r}) is another {name} column; it was ignored in "
                f"favour of column {get_column_letter(kept.index + 1)} ({kept.header!r})."
            )
            continue
        column = Column(index, text, name)
        first.setdefault(name, column)
        columns.append(column)
    problems.extend(_joined_columns(columns, first))
    return columns, unknown


def _joined_columns(columns: list[Column], first: dict[str, Column]) -> list[str]:
    joined = [c for c in columns if c.field in JOINED_FIELDS and first[c.field] is not c]
    return [
        f"Columns {', '.join(repr(c.header) for c in columns if c.field == name)} are joined into one {name}."
        for name in sorted({c.field for c in joined})
    ]


def missing_columns_error(missing: list[str], header_row: int, header: list[str], later: list) -> Invalid:
    """The error for a header row without a required column, pointing at a ``later`` row that looks like
    the header when there is one."""
    found = ", ".join(repr(text) for text in header if text) or "nothing"
    fields = {
        name: [f"No {name} column. Name one column {' or '.join(repr(a) for a in HEADER_ALIASES[name][:3])}."]
        for name in missing
    }
    message = f"The header row (row {header_row}) has no {' and no '.join(missing)} column; it has {found}."
    for number, cells in later:
        if all(name in {field_for_header(text) for text in cells if text} for name in REQUIRED_FIELDS):
            message += (
                f" Row {number} looks like the header: the header must be the first non-empty row, "
                "so delete the rows above it."
            )
            break
    return Invalid(message, fields)
