"""Exports: every format holds what the list shows, masked as in the list, and nothing else."""
import csv
import io
import json

import pytest
from openpyxl import load_workbook

from matchmaker.domain.enums import Visibility
from tests.factories import make_firm

EXPORT = "/api/v1/firms/export"


def _records(response) -> list[dict]:
    if response.mimetype == "application/json":
        return response.get_json()
    if response.mimetype == "text/csv":
        return list(csv.DictReader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(response.get_data()), read_only=True).active
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row)) for row in rows]


@pytest.mark.parametrize("export_format", ["csv", "xlsx", "json"])
def test_an_export_lists_the_same_firms_as_the_list_masked_alike(client, world, export_format):
    observer = world.headers("observer")
    response = client.get(f"{EXPORT}?format={export_format}", headers=observer)
    assert response.status_code == 200
    assert f"matchmaker-firms.{export_format}" in response.headers["Content-Disposition"]
    exported = {int(record["id"]): record for record in _records(response)}
    listed = {item["id"]: item for item in client.get("/api/v1/firms?page_size=100", headers=observer).get_json()}
    assert exported.keys() == listed.keys()
    masked = exported[world.firms["discreet_tw"].id]
    assert masked["name"] == "Discreet firm (TW)" and not masked["description"]


def test_an_export_applies_the_list_filters(client, world):
    records = _records(client.get(f"{EXPORT}?format=json&country=TW", headers=world.headers("admin")))
    assert {record["country"] for record in records} == {"TW"}
    assert {record["id"] for record in records} >= {world.firms["discreet_tw"].id, world.firms["own"].id}


def test_anonymous_callers_export_public_firms_only(client, world):
    records = _records(client.get(f"{EXPORT}?format=json"))
    assert {record["visibility"] for record in records} == {"public"}


def test_text_that_looks_like_a_formula_is_exported_as_text(client, session, world):
    formula = '=HYPERLINK("http://evil.example")'
    make_firm(session, name=formula, visibility=Visibility.PUBLIC)
    for export_format in ("csv", "xlsx"):
        names = [record["name"] for record in _records(client.get(f"{EXPORT}?format={export_format}"))]
        assert "'" + formula in names


def test_capabilities_and_statuses_are_flattened(client, world):
    firm = world.firms["public"]
    [record] = [r for r in _records(client.get(f"{EXPORT}?format=json")) if r["id"] == firm.id]
    assert (record["offers"], record["seeks"]) == ("thermal-imagers", "platform-integration")
    assert record["supply_chain_status"] == "incomplete" and record["us_market_eligible"] is False


def test_bad_format_is_422(client):
    response = client.get(f"{EXPORT}?format=pdf")
    assert response.status_code == 422 and "format" in response.get_json()["errors"]["query"]


def test_cli_export_as_a_user_uses_that_users_view(runner, world, tmp_path):
    output = tmp_path / "firms.json"
    result = runner.invoke(args=["export", "--format", "json", "--output", str(output), "--as", world.users["observer"].email])
    assert result.exit_code == 0, result.output
    names = {record["name"] for record in json.loads(output.read_text())}
    assert "Discreet firm (TW)" in names and world.firms["discreet_tw"].name not in names


def test_cli_export_of_an_unknown_user_fails(runner, tmp_path):
    result = runner.invoke(args=["export", "--output", str(tmp_path / "x.csv"), "--as", "nobody@nowhere.example"])
    assert result.exit_code != 0 and "nobody@nowhere.example" in result.output
