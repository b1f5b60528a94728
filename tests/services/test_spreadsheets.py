"""Reading member lists from CSV and XLSX; every file is made here, none is committed."""
import codecs
import csv
import io
import re
import zipfile
from datetime import date, datetime
from datetime import time as clock

import pytest
from openpyxl import Workbook

from matchmaker.domain.errors import Invalid
from matchmaker.services.spreadsheets import read_member_list
from matchmaker.services.spreadsheets.headers import FIELDS, HEADER_ALIASES, field_for_header

SHEET = "xl/worksheets/sheet1.xml"


def values(member_list) -> list[tuple[int, dict[str, str]]]:
    return [(row.number, row.values) for row in member_list.rows]


def names(member_list) -> list[str]:
    return [row.values["name"] for row in member_list.rows]


def invalid(data: bytes, filename: str) -> Invalid:
    with pytest.raises(Invalid) as caught:
        read_member_list(data, filename)
    return caught.value


def xlsx(tmp_path, rows, build=None, name="members.xlsx") -> bytes:
    """An XLSX file written by openpyxl to ``tmp_path``; ``build(workbook, sheet)`` adds merges and the like."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Members"
    for row in rows:
        sheet.append(row)
    if build:
        build(workbook, sheet)
    path = tmp_path / name
    workbook.save(path)
    return path.read_bytes()


def with_sheet_xml(data: bytes, edit) -> bytes:
    """``data`` with the first sheet's XML passed through ``edit``: for what openpyxl cannot write."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == SHEET:
                content = edit(content.decode()).encode()
            target.writestr(item, content)
    return out.getvalue()


def cell_xml(data: bytes, reference: str, xml: str) -> bytes:
    """Replace the XML of one cell, e.g. to give a formula the cached value Excel would have saved."""

    def edit(sheet: str) -> str:
        edited, count = re.subn(rf'<c r="{reference}"[^>]*?(?:/>|>.*?</c>)', xml, sheet, count=1)
        assert count == 1, reference
        return edited

    return with_sheet_xml(data, edit)


# --- CSV: encodings -------------------------------------------------------------------------------

POLISH = "Zakłady Mechaniczne Łódź;Polska;Wrocław;Żółte drony, śmigła, części zamienne, źródła zasilania"
CZECH = "Škoda Přerov;Česko;Děčín;Výroba dílů, řízení letu, ůčty, ťuk, ďábel, Ústí nad Labem"
WESTERN = "Crème Brûlée SA;France;Montréal;Pâtisserie à la carte, señor Muñoz, Ålesund, Øresund, Æbeltoft"


def csv_text(*lines: str) -> str:
    return "\r\n".join(["Name;Country;City;Description", *lines]) + "\r\n"


@pytest.mark.parametrize(
    ("encoding", "prefix", "text", "reported"),
    [
        ("utf-8", b"", POLISH, "utf-8"),
        ("utf-8", codecs.BOM_UTF8, POLISH, "utf-8-sig"),
        ("utf-16-le", codecs.BOM_UTF16_LE, CZECH, "utf-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, CZECH, "utf-16"),
        ("cp1250", b"", POLISH, "cp1250"),
        ("cp1250", b"", CZECH, "cp1250"),
        ("cp1252", b"", WESTERN, "cp1252"),
    ],
)
def test_csv_encodings(encoding, prefix, text, reported):
    data = prefix + csv_text(text).encode(encoding)
    member_list = read_member_list(data, "members.csv")
    name, country, city, description = text.split(";")
    assert member_list.encoding == reported
    assert member_list.columns == {"Name": "name", "Country": "country", "City": "city", "Description": "description"}
    assert values(member_list) == [
        (2, {"name": name, "country": country, "city": city, "description": description.strip()})
    ]
    guessed = [p for p in member_list.problems if "not UTF-8" in p]
    assert bool(guessed) == (encoding in {"cp1250", "cp1252"})


def test_excel_unicode_text_export_is_read():
    """Excel's "Unicode Text (*.txt)": UTF-16 little-endian with a BOM, tab-separated."""
    text = "Název\tZemě\tMěsto\r\nŠkoda Přerov\tČR\tPřerov\r\n"
    member_list = read_member_list(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "Members.TXT")
    assert (member_list.encoding, member_list.delimiter) == ("utf-16", "\t")
    assert values(member_list) == [(2, {"name": "Škoda Přerov", "country": "ČR", "city": "Přerov"})]


@pytest.mark.parametrize(
    ("words", "encoding"),
    [
        ("Wrocław, Łódź, Gdańsk, Kraków, Poznań, Białystok, Żory", "cp1250"),
        ("żółw", "cp1250"),  # "¿ó³w" in Windows-1252: symbols inside a word
        ("Przedsiębiorstwo Ś", "cp1250"),
        ("Přerov, Děčín, Ústí, Plzeň, Hradec Králové, Třebíč, Jihlava", "cp1250"),
        ("Žďár nad Sázavou", "cp1250"),
        ("Crème brûlée à Montréal", "cp1252"),
        ("Ålesund, Æbeltoft, Øresund", "cp1252"),
        ("Señor Muñoz, São Paulo", "cp1252"),
    ],
)
def test_windows_code_page_is_chosen_by_plausible_letters(words, encoding):
    data = f"Name,Country\n{words.replace(',', ' ')},PL\n".encode(encoding)
    member_list = read_member_list(data, "members.csv")
    assert member_list.encoding == encoding
    assert names(member_list) == [words.replace(",", " ")]


def test_text_both_code_pages_read_alike_needs_no_warning():
    data = "Name,Country\nMüller GmbH – Café,Deutschland\n".encode("cp1252")
    member_list = read_member_list(data, "members.csv")
    assert names(member_list) == ["Müller GmbH – Café"]
    assert member_list.problems == []


# --- CSV: delimiters, quoting, rows ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ('Name,Country,Description\nAlpha,PL,"Drones; parts; software"\n', ","),
        ("Nazwa;Kraj;Opis\nAlpha;PL;Drony, części, oprogramowanie\n", ";"),
        ("Name\tCountry\tDescription\nAlpha\tPL\tDrones, parts; software\n", "\t"),
        ("sep=;\nName;Country;Description\nAlpha;PL;Drones, parts\n", ";"),
    ],
)
def test_delimiter_is_sniffed_from_the_header(text, delimiter):
    member_list = read_member_list(text.encode(), "members.csv")
    assert member_list.delimiter == delimiter
    assert [row.values["country"] for row in member_list.rows] == ["PL"]
    assert member_list.rows[0].values["description"].startswith("Drones" if "Drones" in text else "Drony")
    assert member_list.rows[0].number == 2  # an Excel "sep=" line is hidden by Excel, so not counted


def test_row_numbers_are_those_the_user_sees_and_blank_rows_are_skipped():
    text = (
        "\n"
        "Name,Country,Description\n"  # row 2: the header is the first non-empty row
        'Alpha,PL,"first line\r\nsecond line"\n'  # row 3, over two lines of text
        "\n"  # row 4: blank
        " , ,\n"  # row 5: blank cells
        "Beta,UA,=1+1\n"  # row 6: a CSV formula is text
    )
    member_list = read_member_list(text.encode(), "members.csv")
    assert member_list.header_row == 2
    assert values(member_list) == [
        (3, {"name": "Alpha", "country": "PL", "description": "first line\nsecond line"}),
        (6, {"name": "Beta", "country": "UA", "description": "=1+1"}),
    ]


def test_every_recognised_field_is_present_stripped_and_blank_when_empty():
    text = "Company Name , E-Mail,Country,Phone\n  Alpha Ltd\u00a0 ,,Poland,\n"
    member_list = read_member_list(text.encode(), "members.csv")
    assert member_list.rows[0].values == {"name": "Alpha Ltd", "email": "", "country": "Poland", "phone": ""}


def test_cells_beyond_the_header_are_reported_not_read():
    text = "Name,Country\nAlpha,PL,stray,\nBeta,UA\nGamma,CZ,,more\n"
    member_list = read_member_list(text.encode(), "members.csv")
    assert names(member_list) == ["Alpha", "Beta", "Gamma"]
    assert member_list.problems == [
        "Column C has no header; its values in row 2 were ignored.",
        "Column D has no header; its values in row 4 were ignored.",
    ]


# --- Headers --------------------------------------------------------------------------------------

BRIEF_ALIASES = {
    "name": ["name", "company", "company name", "firm", "firm name", "organisation", "organization", "member",
             "nazwa", "název"],
    "country": ["country", "country name", "kraj", "země"],
    "city": ["city", "town", "miasto", "město"],
    "website": ["website", "web", "url", "www", "homepage"],
    "description": ["description", "capabilities", "profile", "products", "about", "activity", "opis", "popis"],
    "contact": ["contact", "contact person", "contact name"],
    "email": ["email", "e-mail", "mail"],
    "phone": ["phone", "telephone", "tel"],
    "visibility": ["visibility"],
}


@pytest.mark.parametrize(
    ("header", "field"), [(alias, name) for name, aliases in BRIEF_ALIASES.items() for alias in aliases]
)
def test_header_aliases(header, field):
    assert field_for_header(header) == field
    assert field_for_header(header.upper()) == field
    assert field_for_header(f"  {header.title()}: ") == field


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Nazev", "name"), ("NÁZEV", "name"), ("Firm  Name", "name"), ("Company_Name", "name"),
        ("Zeme", "country"), ("ZEMĚ", "country"), ("Mesto", "city"), ("E mail", "email"), ("EMAIL", "email"),
        ("Website (URL)", "website"), ("Country [ISO]", "country"), ("Name *", "name"), ("Tel.", "phone"),
        ("Notes", None), ("Founded", None), ("", None),
    ],
)
def test_headers_ignore_case_accents_spacing_and_remarks(header, field):
    assert field_for_header(header) == field


def test_the_alias_table_covers_every_field():
    assert set(HEADER_ALIASES) == set(FIELDS)
    for name, aliases in BRIEF_ALIASES.items():
        assert {field_for_header(a) for a in aliases} == {name}


def test_unknown_columns_are_reported_and_ignored():
    text = "Member,Founded,Kraj,Employees,Notes\nAlpha,1999,PL,12,x\n"
    member_list = read_member_list(text.encode(), "members.csv")
    assert member_list.columns == {"Member": "name", "Kraj": "country"}
    assert member_list.unknown_columns == ["Founded", "Employees", "Notes"]
    assert member_list.rows[0].values == {"name": "Alpha", "country": "PL"}


def test_a_second_name_column_is_ignored_and_description_columns_are_joined():
    text = "Company,Firm name,Country,Products,Profile\nAlpha,Alpha Sp. z o.o.,PL,Drones,Since 1999\nBeta,,UA,,Radios\n"
    member_list = read_member_list(text.encode(), "members.csv")
    assert member_list.columns == {"Company": "name", "Country": "country", "Products": "description",
                                   "Profile": "description"}
    assert values(member_list) == [
        (2, {"name": "Alpha", "country": "PL", "description": "Drones\n\nSince 1999"}),
        (3, {"name": "Beta", "country": "UA", "description": "Radios"}),
    ]
    assert member_list.problems == [
        "Column B ('Firm name') is another name column; it was ignored in favour of column A ('Company').",
        "Columns 'Products', 'Profile' are joined into one description.",
    ]


# --- Errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "members.csv", "The file is empty."),
        (b"", "members.xlsx", "The file is empty."),
        (b"  \r\n\r\n ", "members.csv", "The file is empty."),
        (codecs.BOM_UTF8, "members.csv", "The file is empty."),
        (codecs.BOM_UTF16_LE + "\n".encode("utf-16-le"), "members.txt", "The file is empty."),
        (b"Name,Country\r\n", "members.csv", "The file has a header row (row 1) but no member rows under it."),
        (b"Name,Country\n,\n\n , \n", "members.csv", "has a header row (row 1) but no member rows"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "members.csv", "This is not CSV text"),
        ("Name,Country\nA,PL\n".encode("utf-16-le"), "members.csv", "UTF-16 text without a byte-order mark"),
        (b"PK\x03\x04\x14\x00\x00\x00", "members.csv", "This is an Excel workbook or another zip archive"),
        (bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 50, "members.csv", "This is not CSV text (an old .xls"),
        (b"Name,Country\nA\x81\x90,PL\n", "members.csv", "This is not text in any encoding we read"),
        (b"Name,Country\n" + b"\x01\x02\x03\x04\x05" * 20, "members.csv", "This is not CSV text"),
        (codecs.BOM_UTF16_LE + b"N\x00a", "members.csv", "The file starts as UTF-16 text but is not."),
        (b"not a zip", "members.xlsx", "This is not an Excel workbook (.xlsx)"),
        (b"PK\x03\x04 broken", "members.xlsx", "The workbook cannot be read (BadZipFile"),
        (bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 50, "members.xlsx", "an old .xls workbook or a password"),
        (b"Name,Country\nA,PL\n", "members.pdf", "Unsupported file type .pdf."),
        (b"Name,Country\nA,PL\n", "members", "Unsupported file type (no extension)."),
        (b"Name,Country\nA,PL\n", "members.xls", ".xls files cannot be read. Save it"),
        (b"Name,Country\nA,PL\n", "members.ods", ".ods files cannot be read."),
    ],
)
def test_unreadable_files_are_refused_clearly(data, filename, message):
    error = invalid(data, filename)
    assert message in error.message
    assert error.fields == {"file": [error.message]}


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "The workbook cannot be read" in invalid(buffer.getvalue(), "members.xlsx").message


@pytest.mark.parametrize("formula", [False, True])
def test_a_workbook_whose_sheet_breaks_off_is_refused(tmp_path, formula):
    rows = [["Name", "Country"], ["Alpha", "=\"PL\"" if formula else "PL"], ["Beta", "UA"]]
    data = with_sheet_xml(xlsx(tmp_path, rows), lambda sheet: sheet.replace('<row r="3">', '<row r="3"><c r="A3"<'))
    assert "The workbook cannot be read" in invalid(data, "members.xlsx").message


def test_a_truncated_workbook_is_refused(tmp_path):
    data = xlsx(tmp_path, [["Name", "Country"], ["Alpha", "PL"]])
    assert "The workbook cannot be read" in invalid(data[: len(data) // 2], "members.xlsx").message


@pytest.mark.parametrize(
    ("header", "missing", "found"),
    [
        ("Firm,City", ["country"], "'Firm', 'City'"),
        ("Country,City", ["name"], "'Country', 'City'"),
        ("Founded,City", ["name", "country"], "'Founded', 'City'"),
    ],
)
def test_missing_name_or_country_column(header, missing, found):
    error = invalid(f"{header}\nA,B\n".encode(), "members.csv")
    assert error.message == f"The header row (row 1) has no {' and no '.join(missing)} column; it has {found}."
    assert sorted(error.fields) == sorted(missing)
    assert all(messages[0].startswith(f"No {name} column.") for name, messages in error.fields.items())


def test_a_title_row_above_the_header_is_pointed_out():
    error = invalid(b"Members of the Drone Association, 2024\n\nName,Country\nAlpha,PL\n", "members.csv")
    assert "Row 3 looks like the header: the header must be the first non-empty row" in error.message


def test_a_csv_cell_too_long_to_read_is_refused():
    data = b'Name,Country,Description\nA,PL,"' + b"x" * 200_000 + b'"\n'
    assert "Row 2 cannot be read as CSV" in invalid(data, "members.csv").message


def test_too_many_rows_are_refused():
    data = ("Name,Country\n" + "A,PL\n" * 11).encode()
    with pytest.raises(Invalid, match="more than 10 member rows"):
        read_member_list(data, "members.csv", max_rows=10)
    assert len(read_member_list(data, "members.csv", max_rows=11).rows) == 11


# --- XLSX -----------------------------------------------------------------------------------------


def test_xlsx_header_on_the_first_non_empty_row(tmp_path):
    data = xlsx(tmp_path, [[], [None, None], [None, "Company name", "Kraj", "Notes"], [None, "Alpha", "Polska", "x"],
                           [], [None, "Beta", "Ukraina"]])
    member_list = read_member_list(data, "Members.XLSX")
    assert (member_list.format, member_list.sheet, member_list.header_row) == ("xlsx", "Members", 3)
    assert member_list.columns == {"Company name": "name", "Kraj": "country"}
    assert member_list.unknown_columns == ["Notes"]
    assert values(member_list) == [
        (4, {"name": "Alpha", "country": "Polska"}),
        (6, {"name": "Beta", "country": "Ukraina"}),
    ]
    assert member_list.problems == []


def test_xlsm_is_read_as_a_workbook(tmp_path):
    data = xlsx(tmp_path, [["Name", "Country"], ["Alpha", "PL"]])
    assert names(read_member_list(data, "members.xlsm")) == ["Alpha"]


def test_only_the_first_visible_sheet_is_read_and_that_is_said(tmp_path):
    def build(workbook, sheet):
        sheet.title = "Archive"
        sheet.sheet_state = "hidden"
        members = workbook.create_sheet("Members")
        members.append(["Name", "Country"])
        members.append(["Alpha", "PL"])
        workbook.create_sheet("Notes").append(["Name", "Country"])
        workbook.active = 1

    data = xlsx(tmp_path, [["Name", "Country"], ["Old", "PL"]], build)
    member_list = read_member_list(data, "members.xlsx")
    assert member_list.sheet == "Members"
    assert names(member_list) == ["Alpha"]
    assert member_list.problems == [
        "Only the first sheet, 'Members', was read; these sheets were not: 'Archive', 'Notes'."
    ]


def test_dates_numbers_and_booleans_become_text(tmp_path):
    rows = [
        ["Name", "Country", "Phone", "Description", "Website", "Visibility", "Contact", "City"],
        [1234, "PL", 48123456789, date(2024, 3, 1), 0.1 + 0.2, True, datetime(2024, 3, 1, 14, 30), clock(9, 5)],
        ["Beta", "UA", 3.0, datetime(2024, 3, 1, 14, 30, 15), 1234.5, False, -7, 1e20],
    ]
    member_list = read_member_list(xlsx(tmp_path, rows), "members.xlsx")
    assert values(member_list) == [
        (2, {"name": "1234", "country": "PL", "phone": "48123456789", "description": "2024-03-01", "website": "0.3",
             "visibility": "TRUE", "contact": "2024-03-01 14:30", "city": "09:05"}),
        (3, {"name": "Beta", "country": "UA", "phone": "3", "description": "2024-03-01 14:30:15", "website": "1234.5",
             "visibility": "FALSE", "contact": "-7", "city": "1e+20"}),
    ]


def test_wrong_dimensions_recorded_in_the_file_do_not_hide_rows(tmp_path):
    data = xlsx(tmp_path, [["Name", "Country", "City"], ["Alpha", "PL", "Łódź"], ["Beta", "UA", "Lviv"]])
    data = with_sheet_xml(data, lambda sheet: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:A1"', sheet))
    assert values(read_member_list(data, "members.xlsx")) == [
        (2, {"name": "Alpha", "country": "PL", "city": "Łódź"}),
        (3, {"name": "Beta", "country": "UA", "city": "Lviv"}),
    ]


def test_a_formula_without_a_cached_value_is_a_problem_of_its_cell(tmp_path):
    # openpyxl saves formulas without results, as any script-written workbook not opened in Excel since.
    data = xlsx(tmp_path, [["Name", "Country", "Description"], ["Alpha", "=\"P\"&\"L\"", "=A2&\" drones\""],
                           ["Beta", "UA", "Radios"]])
    member_list = read_member_list(data, "members.xlsx")
    alpha, beta = member_list.rows
    assert alpha.values == {"name": "Alpha", "country": "", "description": ""}
    assert alpha.problems == {
        "country": ['Cell B2 holds a formula (="P"&"L") whose result was never saved: open the file in Excel or '
                    "LibreOffice and save it again."],
        "description": ['Cell C2 holds a formula (=A2&" drones") whose result was never saved: open the file in '
                        "Excel or LibreOffice and save it again."],
    }
    assert beta.problems == {}


def test_a_row_whose_only_value_is_an_uncalculated_formula_is_still_returned(tmp_path):
    data = xlsx(tmp_path, [["Name", "Country"], ["Alpha", "PL"], ["=B2", None]])
    rows = read_member_list(data, "members.xlsx").rows
    assert [(row.number, row.values, list(row.problems)) for row in rows] == [
        (2, {"name": "Alpha", "country": "PL"}, []),
        (3, {"name": "", "country": ""}, ["name"]),
    ]


def test_a_formula_with_a_cached_value_gives_the_value(tmp_path):
    data = xlsx(tmp_path, [["Name", "Country", "Phone", "Description"], ["Alpha", "=\"P\"&\"L\"", "=40+2", "=\"\""]])
    data = cell_xml(data, "B2", '<c r="B2" t="str"><f>"P"&amp;"L"</f><v>PL</v></c>')
    data = cell_xml(data, "C2", '<c r="C2"><f>40+2</f><v>42</v></c>')
    data = cell_xml(data, "D2", '<c r="D2" t="str"><f>""</f><v></v></c>')  # a formula whose result is ""
    row = read_member_list(data, "members.xlsx").rows[0]
    assert row.values == {"name": "Alpha", "country": "PL", "phone": "42", "description": ""}
    assert row.problems == {}


def test_an_error_value_is_a_problem_of_its_cell(tmp_path):
    data = xlsx(tmp_path, [["Name", "Country", "Phone"], ["Alpha", "PL", "=1/0"]])
    data = cell_xml(data, "C2", '<c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c>')
    row = read_member_list(data, "members.xlsx").rows[0]
    assert row.values["phone"] == ""
    assert row.problems == {"phone": ["Cell C2 holds the error #DIV/0!."]}


def test_a_value_merged_down_the_rows_is_copied_to_each_and_reported(tmp_path):
    def build(workbook, sheet):
        sheet.merge_cells("B2:B4")  # one country for three firms
        sheet.merge_cells("B6:B9")  # a merge that runs into blank rows makes no rows of them

    data = xlsx(tmp_path, [["Name", "Country", "City"], ["Alpha", "Poland", "Łódź"], ["Beta", None, "Gdańsk"],
                           ["Gamma", None, None], ["Delta", "Ukraine", "Lviv"], ["Epsilon", "Czechia", "Brno"]], build)
    member_list = read_member_list(data, "members.xlsx")
    assert [(row.number, row.values["name"], row.values["country"]) for row in member_list.rows] == [
        (2, "Alpha", "Poland"), (3, "Beta", "Poland"), (4, "Gamma", "Poland"), (5, "Delta", "Ukraine"),
        (6, "Epsilon", "Czechia"),
    ]
    assert member_list.rows[0].warnings == {}
    assert member_list.rows[1].warnings == {"country": ["Copied from B2, merged over B2:B4."]}
    assert member_list.rows[2].warnings == {"country": ["Copied from B2, merged over B2:B4."]}
    assert member_list.problems == ["Merged cells B2:B4: the value of B2 (country) was copied to rows 3, 4."]


def test_a_value_merged_across_columns_stays_in_the_first_and_covered_fields_are_flagged(tmp_path):
    def build(workbook, sheet):
        sheet.merge_cells("C2:D2")  # a long description spread over the city column too
        sheet.merge_cells("E3:F3")  # over unknown columns only: nothing to say

    rows = [["Name", "Country", "Description", "City", "Notes", "Founded"], ["Alpha", "PL", "Drones and parts", None],
            ["Beta", "UA", "Radios", "Lviv", "n", None]]
    data = xlsx(tmp_path, rows, build)
    alpha, beta = read_member_list(data, "members.xlsx").rows
    assert alpha.values == {"name": "Alpha", "country": "PL", "description": "Drones and parts", "city": ""}
    assert alpha.warnings == {"city": ["Covered by merged cells C2:D2, whose value is read into description."]}
    assert beta.warnings == {}


def test_merged_header_cells_are_reported(tmp_path):
    def build(workbook, sheet):
        sheet.merge_cells("C1:D1")
        sheet.merge_cells("E1:E2")

    data = xlsx(tmp_path, [["Name", "Country", "Contact", None, "Notes"], ["Alpha", "PL", "Jan Nowak", "+48 1"]],
                build)
    member_list = read_member_list(data, "members.xlsx")
    assert member_list.rows[0].values == {"name": "Alpha", "country": "PL", "contact": "Jan Nowak"}
    assert member_list.problems == [
        "Header cells C1:D1 are merged: only column C has a header there.",
        "Cells E1:E2 are merged across the header and the member rows below it.",
        "Column D has no header; its values in row 2 were ignored.",
    ]


def test_an_empty_workbook_and_a_header_only_workbook_are_refused(tmp_path):
    assert invalid(xlsx(tmp_path, []), "members.xlsx").message == "The sheet 'Members' is empty."
    header_only = xlsx(tmp_path, [["Name", "Country"], [None, None]], name="header.xlsx")
    assert "has a header row (row 1) but no member rows" in invalid(header_only, "members.xlsx").message
    no_country = xlsx(tmp_path, [["Name", "City"], ["Alpha", "Łódź"]], name="no-country.xlsx")
    assert invalid(no_country, "members.xlsx").fields == {
        "country": ["No country column. Name one column 'country' or 'country name' or 'kraj'."]
    }


# --- Size -----------------------------------------------------------------------------------------

ROWS = 10_000
HEADER = ["Company name", "Country", "City", "Website", "Capabilities", "Contact person", "E-mail", "Phone",
          "Visibility"]


def member(i: int) -> list:
    country = ["Polska", "Czech Republic", "Taiwan", "USA", "Україна"][i % 5]
    return [f"Firma {i} Sp. z o.o.", country, "Łódź", f"https://firma{i}.example", "Drony, części; " * 12 + str(i),
            "Jan Kowalski", f"jan{i}@firma.example", 48_123_456_000 + i, "public"]


def read_all(data: bytes, filename: str):
    """Speed is measured in benchmarks/import_members.py; here, that every row of a large file arrives intact."""
    member_list = read_member_list(data, filename)
    assert len(member_list.rows) == ROWS
    last = member_list.rows[-1]
    assert (last.number, last.values["name"], last.values["city"]) == (ROWS + 1, f"Firma {ROWS - 1} Sp. z o.o.", "Łódź")


def test_a_10000_row_csv_is_read_whole():
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADER)
    writer.writerows(member(i) for i in range(ROWS))
    read_all(out.getvalue().encode("cp1250", errors="replace"), "members.csv")


def test_a_10000_row_xlsx_is_read_whole(tmp_path):
    read_all(xlsx(tmp_path, [HEADER, *(member(i) for i in range(ROWS))]), "members.xlsx")
