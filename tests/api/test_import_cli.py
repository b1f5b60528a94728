"""``matchmaker import FILE``: waits for the import, prints its report, and exits 0 when it ran."""
import csv
import io
import json

from sqlalchemy import func, select

from matchmaker.models import Firm

HEADER = ("Name", "Country", "City", "Description")
GOOD = (
    ("Alpha Drones", "Poland", "Warszawa", "We manufacture FPV drones. Looking for thermal cameras."),  # row 2
    ("Gamma Bakery", "CZ", "Brno", "Artisan bakery with sourdough bread."),  # row 3
    ("Beta Gimbals", "TW", "Taichung", "Gimbals and EO/IR cameras for UAVs."),  # row 4
    ("Delta Law", "US", "Boston", ""),  # row 5
)
BAD = (
    ("", "PL", "Gdańsk", "We make gimbals."),  # row 6
    ("Berlin UAV", "Germany", "Berlin", "We make gimbals."),  # row 7
)


def write_csv(tmp_path, rows, name: str = "members.csv", header=HEADER):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path = tmp_path / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def import_file(runner, path, *options):
    return runner.invoke(args=["import", str(path), *options])


def firm_count(session) -> int:
    session.expire_all()
    return session.scalar(select(func.count()).select_from(Firm).where(Firm.deleted_at.is_(None)))


def test_an_import_with_rejected_rows_exits_0_and_lists_them_with_their_row_numbers(runner, session, tmp_path):
    before = firm_count(session)
    result = import_file(runner, write_csv(tmp_path, GOOD + BAD))

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (
        "members.csv: 6 rows imported: 4 created, 0 updated, 0 unchanged, 2 rejected; 2 with capabilities."
    )
    assert "  row 6 rejected: No name." in lines
    assert "  row 7 rejected: country: DE is not a participating country (TW, PL, UA, CZ, US)." in lines
    assert lines[-1] == "  No capability found in rows: 3, 5"
    assert firm_count(session) == before + 4


def test_warnings_are_printed_for_the_rows_that_were_imported(runner, tmp_path):
    result = import_file(runner, write_csv(tmp_path, [("Alpha Drones", "Warsaw, Poland", "", "We make gimbals.")]))
    assert result.exit_code == 0, result.output
    assert '  row 2 created: country: Read "Warsaw, Poland" as Poland (PL), ignoring "Warsaw".' in result.output.splitlines()
    assert "No capability found" not in result.output


def test_an_import_with_nothing_to_change_exits_0(runner, session, tmp_path):
    path = write_csv(tmp_path, GOOD)
    assert import_file(runner, path).exit_code == 0
    before = firm_count(session)

    result = import_file(runner, path)

    assert result.exit_code == 0, result.output
    assert "4 rows imported: 0 created, 0 updated, 4 unchanged, 0 rejected" in result.output
    assert firm_count(session) == before


def test_an_unreadable_file_exits_non_zero_and_imports_nothing(runner, session, tmp_path):
    before = firm_count(session)
    picture = tmp_path / "members.csv"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    assert import_file(runner, picture).exit_code != 0
    old_excel = tmp_path / "members.xls"
    old_excel.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    assert import_file(runner, old_excel).exit_code != 0
    assert firm_count(session) == before



def test_an_unreadable_file_prints_the_readers_message_without_a_traceback(runner, tmp_path):
    old_excel = tmp_path / "members.xls"
    old_excel.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    result = import_file(runner, old_excel)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), repr(result.exception)  # a KeyError now
    assert ".xls files cannot be read" in result.output


def test_a_missing_file_is_a_usage_error(runner, tmp_path):
    result = import_file(runner, tmp_path / "nowhere.csv")
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_a_file_whose_every_row_is_rejected_exits_non_zero_and_lists_why(runner, session, tmp_path):
    before = firm_count(session)
    result = import_file(runner, write_csv(tmp_path, BAD))
    assert result.exit_code == 1
    assert "Nothing imported: every row was rejected." in result.output
    assert "  row 2 rejected: No name." in result.output.splitlines()  # BAD alone: rows 2 and 3
    assert firm_count(session) == before


def test_strict_with_a_rejected_row_exits_non_zero_and_imports_nothing(runner, session, tmp_path):
    before = firm_count(session)
    result = import_file(runner, write_csv(tmp_path, GOOD + BAD[1:]), "--strict")
    assert result.exit_code == 1
    assert "Nothing imported" in result.output and "strict mode" in result.output
    assert "  row 6 rejected: country: DE is not a participating country (TW, PL, UA, CZ, US)." in result.output.splitlines()
    assert firm_count(session) == before



def test_strict_with_every_row_good_imports_them_and_exits_0(runner, session, tmp_path):
    before = firm_count(session)
    result = import_file(runner, write_csv(tmp_path, GOOD), "--strict")
    assert result.exit_code == 0, result.output
    assert firm_count(session) == before + 4


def test_a_dry_run_says_so_and_writes_nothing(runner, session, tmp_path):
    before = firm_count(session)
    result = import_file(runner, write_csv(tmp_path, GOOD + BAD), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "dry run" in result.output.splitlines()[0]
    assert "4 created" in result.output and "  row 7 rejected:" in result.output
    assert firm_count(session) == before


def test_report_writes_the_whole_report_as_json(runner, tmp_path):
    report_path = tmp_path / "report.json"
    result = import_file(runner, write_csv(tmp_path, GOOD + BAD), "--report", str(report_path))
    assert result.exit_code == 0, result.output
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["counts"] == {"rows": 6, "created": 4, "updated": 0, "unchanged": 0, "accepted": 0, "rejected": 2, "tagged": 2}
    assert report["untagged_rows"] == [3, 5]
    assert [(row["row"], row["status"]) for row in report["rows"]] == [
        (2, "created"), (3, "created"), (4, "created"), (5, "created"), (6, "rejected"), (7, "rejected"),
    ]
    assert report["rows"][0]["capabilities"] == ["offers fpv-drones", "seeks thermal-imagers"]


def test_report_is_written_for_a_failed_import_too(runner, tmp_path):
    report_path = tmp_path / "report.json"
    result = import_file(runner, write_csv(tmp_path, BAD), "--report", str(report_path))
    assert result.exit_code == 1
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["counts"]["rejected"] == 2 and report["written"] is False


def test_a_long_report_is_cut_and_points_to_report(runner, tmp_path):
    rows = [(f"Berlin UAV {n}", "Germany", "", "") for n in range(60)] + [("Alpha Drones", "PL", "", "")]
    result = import_file(runner, write_csv(tmp_path, rows))
    assert result.exit_code == 0, result.output
    assert sum(line.startswith("  row ") for line in result.output.splitlines()) == 50
    assert "... and 10 more rows with notes (--report writes them all)." in result.output
