"""Docs that must not drift from the code: README, the data README and the event-record contract."""

from __future__ import annotations

import re

from conftest import ROOT, SHARED, extract

from observatory import settings
from observatory.cli import cli


def test_readme_documents_every_command_and_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    for name in cli.commands:
        assert f"observatory {name}" in readme, f"README does not show `observatory {name}`"


def test_data_readme_describes_every_data_file():
    readme = (settings.DATA_DIR / "README.md").read_text()
    for path in settings.DATA_DIR.glob("*.tsv"):
        assert path.name in readme, f"data/README.md does not describe {path.name}"


def test_records_carry_every_field_of_the_contract():
    record = extract("Rebels attacked a convoy near Gao on Monday, the army said.").events[0].record()
    contract = SHARED / "docs" / "event-record.md"
    fields = {
        "id",
        "article_id",
        "event_type",
        "mode",
        "cameo",
        "acled_sub_event_type",
        "status",
        "actor",
        "recipient",
        "location",
        "date",
        "attribution",
        "evidence",
        "confidence",
        "pipeline",
    }
    if contract.exists():
        block = contract.read_text().split("```json")[1].split("```")[0]
        fields = set(re.findall(r'^\s{2}"(\w+)"', block, re.M))
    assert fields <= set(record)
    assert set(record["evidence"]) >= {"sentence", "start", "end", "trigger"}
    assert set(record["date"]) >= {"text", "value", "start", "end", "precision"}
    assert set(record["location"]) >= {
        "text",
        "name",
        "country",
        "admin1",
        "lat",
        "lon",
        "geonameid",
        "feature",
        "precision",
    }
