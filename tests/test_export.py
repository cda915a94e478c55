"""Publication export: open every output and check what a chart editor would check."""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path

import pandas as pd
import pytest

from newsclaims import charts, export

from .test_charts import ARTICLES, CLAIMS

ROWS = charts.claims_with_articles(CLAIMS, ARTICLES)
pytestmark = pytest.mark.timeout(240)


@pytest.fixture(scope="module")
def renderer():  # type: ignore[no-untyped-def]
    with export.Renderer() as shared:
        yield shared


@pytest.fixture(scope="module")
def troops_web(tmp_path_factory: pytest.TempPathFactory, renderer) -> export.ExportResult:  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("export")
    return export.export_chart(
        "troops",
        ROWS,
        out,
        preset="web",
        renderer=renderer,
        furniture=export.Furniture(
            byline="Data desk <b>x</b>", as_of=pd.Timestamp("2026-11-01").date()
        ),
    )


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_every_format_and_the_alt_text_are_written(troops_web: export.ExportResult) -> None:
    assert set(troops_web.files) == {*export.FORMATS, "alt"}
    assert {p.name for p in troops_web.files.values()} == {
        "troops-web.png", "troops-web.svg", "troops-web.pdf", "troops-web.html",
        "troops-web.csv", "troops-web.json", "troops-web.alt.txt",
    }  # fmt: skip
    assert troops_web.marks == 5


def test_svg_has_the_furniture_and_one_mark_per_plotted_claim(
    troops_web: export.ExportResult,
) -> None:
    svg = troops_web.files["svg"].read_text()
    assert "Troop figures as reported" in svg
    assert "Source: 2 articles in Wire One, (unknown outlet)." in svg
    assert "Data as of 1 November 2026" in svg
    assert "Chart: Data desk &#60;b&#62;x&#60;/b&#62;" in svg  # shown as text, not bold
    assert "upper bound only" in svg
    plotted = re.findall(r'<path class="point[ "]', svg)
    assert len(plotted) == 5


def test_png_is_preset_size_times_scale(troops_web: export.ExportResult) -> None:
    preset = export.PRESETS["web"]
    assert png_size(troops_web.files["png"]) == (preset.width * 2, preset.height * 2)


def test_pdf_is_a_valid_one_page_pdf(troops_web: export.ExportResult) -> None:
    pdf = troops_web.files["pdf"].read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1


def test_csv_rows_are_the_plotted_claims(troops_web: export.ExportResult) -> None:
    data = pd.read_csv(troops_web.files["csv"])
    assert sorted(data["claim_id"]) == ["a1-0", "a1-10", "a1-20", "a2-0", "a2-10"]
    assert list(data.columns) == list(export.DATA_COLUMNS)
    row = data.set_index("claim_id").loc["a1-10"]
    assert (row["outlet"], row["claimant"], row["qualifier"], row["said"]) == (
        "Wire One", "Regnum", "up_to", "up to 100,000",
    )  # fmt: skip
    assert row["sentence"] == "Sentence 10."


def test_json_has_furniture_and_the_same_claims(troops_web: export.ExportResult) -> None:
    payload = json.loads(troops_web.files["json"].read_text())
    assert payload["title"] == "Troop figures as reported"
    assert payload["data_as_of"] == "2026-11-01"
    assert payload["alt_text"] == troops_web.alt_text
    assert len(payload["claims"]) == 5


def test_html_embeds_plotly_and_loads_nothing_from_outside(troops_web: export.ExportResult) -> None:
    page = troops_web.files["html"].read_text()
    assert "Troop figures as reported" in page
    assert re.search(r"<script[^>]+src=", page) is None
    assert "cdn." not in page.split("<body>")[0]


def test_alt_text_describes_the_chart(troops_web: export.ExportResult) -> None:
    text = troops_web.files["alt"].read_text()
    assert text.startswith(
        "Scatter chart over time: Troop figures as reported. 5 figures from 2 articles"
    )
    assert "from 10,000 to 100,000" in text


@pytest.mark.parametrize("preset", ["social", "print"])
def test_presets_set_png_size(tmp_path: Path, renderer, preset: str) -> None:  # type: ignore[no-untyped-def]
    result = export.export_chart("casualties", ROWS, tmp_path, ("png",), preset, renderer=renderer)
    size = export.PRESETS[preset]
    width, height = png_size(result.files["png"])
    assert width == size.width * 2
    assert height >= size.height * 2


@pytest.mark.parametrize("name", ["../escape", "/etc/passwd", "a/b", ".hidden", "", "x" * 200])
def test_names_that_would_leave_the_folder_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(export.ExportError, match="Invalid export name"):
        export.export_chart("troops", ROWS, tmp_path, ("csv",), name=name)
    assert list(tmp_path.iterdir()) == []


def test_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(export.ExportError, match="Cannot create the output folder"):
        export.export_chart("troops", ROWS, blocker / "out", ("csv",))


def test_missing_chromium_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    with pytest.raises(export.ExportError, match="needs Chromium"):
        export.export_chart("troops", ROWS, tmp_path / "out", ("png", "csv"))
    assert not (tmp_path / "out" / "troops-web.csv").exists()
    done = export.export_chart("troops", ROWS, tmp_path / "out", ("csv", "html"))
    assert done.files["csv"].exists()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"chart": "maps"}, "Unknown chart 'maps'"),
        ({"preset": "billboard"}, "Unknown preset 'billboard'"),
        ({"formats": ("gif",)}, "Unknown format(s) gif"),
    ],
)
def test_unknown_choices_are_named(tmp_path: Path, kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"chart": "troops", "rows": ROWS, "out_dir": tmp_path, **kwargs}
    with pytest.raises(export.ExportError, match=re.escape(message)):
        export.export_chart(**args)  # type: ignore[arg-type]
