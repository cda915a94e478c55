"""The overview app's wiring, without a browser: each filter updates the count line and table."""

from __future__ import annotations

import gc
import shutil
import weakref
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from newsclaims import app as app_module
from newsclaims import charts, views
from newsclaims import tables as tables_module
from newsclaims.app import (
    BASIC_TRACE_TYPES,
    ArticleApp,
    OverviewApp,
    install_plotly_js,
    wait_for_reader,
)
from newsclaims.articles import read_articles

from .conftest import SEEDS_DIR

ALL = "5 articles (1 outlet, 4 with unknown outlet)"


@pytest.fixture
def app() -> OverviewApp:
    return OverviewApp(read_articles(sorted(SEEDS_DIR.glob("*.txt"))).articles)


def test_starts_with_every_article(app: OverviewApp) -> None:
    assert ALL in app.summary.value
    assert app.table.value.count("<tr data-article-id=") == 5
    assert app.date_from.value == date(2022, 8, 1)
    assert app.date_to.value == date(2024, 10, 31)


def test_each_filter_updates_summary_and_table(app: OverviewApp) -> None:
    app.outlet.value = ("UnitedVoice",)
    assert "1 article (1 outlet)" in app.summary.value
    assert 'data-article-id="000_f81ca7430252ce23"' in app.table.value
    app.outlet.value = (views.UNKNOWN_OUTLET,)
    assert "4 articles (0 outlets, 4 with unknown outlet)" in app.summary.value
    app.date_from.value = date(2024, 1, 1)
    assert "1 article (0 outlets, 1 with unknown outlet)" in app.summary.value
    app.date_to.value = date(2024, 9, 30)
    assert "0 articles" in app.summary.value
    assert "No articles match these filters" in app.table.value


def test_reset_recomputes_once_and_restores_everything(
    app: OverviewApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.outlet.value = ()
    app.date_from.value = date(2024, 1, 1)
    calls: list[int] = []
    real_filter = views.filter_articles

    def counting(*args: object, **kwargs: object) -> pd.DataFrame:
        calls.append(1)
        return real_filter(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(views, "filter_articles", counting)
    app.reset()
    assert ALL in app.summary.value
    assert calls == [1]  # four filters changed, one recomputation


def test_a_failing_update_shows_a_message_not_a_traceback(
    app: OverviewApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> pd.DataFrame:
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "filter_articles", broken)
    app.outlet.value = ("UnitedVoice",)
    assert "Something went wrong" in app.table.value
    assert "boom" not in app.table.value


def test_displays_as_its_widget(app: OverviewApp) -> None:
    bundle = app._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == app.widget.model_id


def test_charts_are_plain_plotly_json_and_follow_the_filters(app: OverviewApp) -> None:
    # the app's rows come from the seeds without claims here: build one with claims
    from newsclaims.tables import extract_all

    articles = app.articles
    full = OverviewApp(articles, extract_all(articles))
    troops = full.troop_chart.spec
    shown = full.filtered_claims()
    assert charts.count_marks(troops) == len(charts.troop_claims(shown)) > 0
    full.outlet.value = ("UnitedVoice",)
    after = full.troop_chart.spec
    assert charts.count_marks(after) == len(charts.troop_claims(full.filtered_claims()))
    assert charts.count_marks(after) < charts.count_marks(troops)
    # a spec is what plotly.js draws: a template spelled out, never a template name
    assert isinstance(after["layout"]["template"], dict)


def test_charts_use_only_the_basic_bundles_trace_types() -> None:
    from newsclaims.tables import extract_all

    articles = read_articles(sorted(SEEDS_DIR.glob("*.txt"))).articles
    rows = charts.claims_with_articles(extract_all(articles), articles)
    specs = [charts.troop_spec(rows), charts.casualty_spec(rows), charts.troop_spec(rows[:0])]
    kinds = {trace.get("type", "scatter") for spec in specs for trace in spec["data"]}
    assert kinds and kinds <= BASIC_TRACE_TYPES


def test_chart_sends_plotly_js_to_a_page_that_has_none(app: OverviewApp) -> None:
    sent: list[dict[str, str]] = []
    app.troop_chart.send = sent.append  # type: ignore[method-assign]
    app.troop_chart._on_msg(app.troop_chart, {"type": "plotly.js?"}, [])
    app.troop_chart._on_msg(app.troop_chart, {"type": "something else"}, [])
    assert len(sent) == 1 and sent[0]["type"] == "plotly.js"
    assert sent[0]["source"].startswith("/**") and "plotly.js" in sent[0]["source"][:200]


def test_plotly_js_falls_back_to_the_full_bundle_without_npm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module.shutil, "which", lambda _name: None)
    installed = install_plotly_js(tmp_path)
    assert installed.startswith("plotly (full bundle)")
    assert (tmp_path / "plotly.min.js").read_bytes() == app_module.PLOTLY_JS.read_bytes()
    assert install_plotly_js(tmp_path, fetch=False) == installed  # kept, not copied again


def test_plotly_js_basic_bundle_matches_the_installed_plotly(tmp_path: Path) -> None:
    from plotly.offline import get_plotlyjs_version

    version = get_plotlyjs_version()
    installed = install_plotly_js(tmp_path)
    if shutil.which("npm") is None:
        pytest.fail("npm is on every machine of this kind; the basic bundle needs it")
    assert installed == f"plotly.js-basic-dist-min@{version}"
    head = (tmp_path / "plotly.min.js").read_text(encoding="utf-8")[:200]
    assert f"plotly.js (basic - minified) v{version}" in head


def _seed_tables(count: int = 5) -> tables_module.Tables:
    articles = read_articles(sorted(SEEDS_DIR.glob("*.txt"))[5 - count :]).articles
    claims = tables_module.extract_all(articles)
    return tables_module.Tables(articles, claims, pd.DataFrame())


def test_open_for_reader_follows_a_link_that_arrives_after_the_page_was_built(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loaded = _seed_tables()
    monkeypatch.delenv("QUERY_STRING", raising=False)
    app = OverviewApp(loaded.articles, loaded.claims)  # run ahead of its reader: no query
    assert ALL in app.summary.value
    monkeypatch.setenv("QUERY_STRING", "outlet=UnitedVoice&metric=troops&metric=bogus")
    app.open_for_reader()
    assert app.outlet.value == ("UnitedVoice",)
    assert app.metric.value == ("troops",)
    assert "bogus" in app.notes.value
    shown = app.filtered_claims()
    assert set(shown["outlet"]) == {"UnitedVoice"} and set(shown["metric"]) == {"troops"}
    assert charts.count_marks(app.troop_chart.spec) == len(charts.troop_claims(shown))


def test_open_for_reader_reloads_tables_changed_since_they_were_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("QUERY_STRING", raising=False)
    old = _seed_tables(4)  # 001-004: outlets unknown
    old.signature = (("articles", 1, 1),)  # not what data/processed holds now
    app = OverviewApp(old.articles, old.claims)
    assert "4 articles" in app.summary.value
    assert "UnitedVoice" not in dict(app.outlet.options).values()
    monkeypatch.setattr(tables_module, "load_tables", lambda *_a, **_k: _seed_tables(5))
    app.open_for_reader(old)
    assert ALL in app.summary.value
    assert "UnitedVoice" in app.outlet.value
    assert app.table.value.count("<tr data-article-id=") == 5


def test_open_for_reader_does_nothing_when_nothing_changed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("QUERY_STRING", raising=False)
    current = _seed_tables()
    current.signature = tables_module.processed_signature()
    app = OverviewApp(current.articles, current.claims)
    figure = app.troop_chart.figure
    monkeypatch.setattr(app, "update", lambda **_kw: pytest.fail("no update expected"))
    app.open_for_reader(current)
    assert app.troop_chart.figure == figure


def test_article_view_follows_a_late_link(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = _seed_tables()
    monkeypatch.delenv("QUERY_STRING", raising=False)
    view = ArticleApp(loaded.articles, loaded.claims)
    first = view.picker.value
    wanted = sorted(loaded.articles["article_id"])[-1]
    assert wanted != first
    monkeypatch.setenv("QUERY_STRING", f"article={wanted}")
    view.open_for_reader()
    assert view.picker.value == wanted
    assert '<mark id="claim-' in view.text.value


def test_a_preheated_kernel_waits_for_its_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    import voila.utils

    monkeypatch.delenv("QUERY_STRING", raising=False)
    asked: list[bool] = []

    def request_arrives() -> None:
        asked.append(True)
        monkeypatch.setenv("QUERY_STRING", "outlet=UnitedVoice")

    monkeypatch.setattr(voila.utils, "wait_for_request", request_arrives)
    monkeypatch.setenv("VOILA_PREHEAT", "False")
    assert wait_for_reader() == "" and asked == []  # a kernel started for its reader
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    try:
        assert wait_for_reader() == "outlet=UnitedVoice" and asked == [True]
    finally:
        gc.unfreeze()  # what settle_heap froze: this process runs other tests on


def test_a_preheated_kernel_freezes_its_heap_before_the_reader_comes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What the page made before its reader is out of the collector's reach while the
    reader uses it (a full collection walked it all: 140-230 ms in one filter change);
    and only what lives on is frozen: garbage made before is collected first."""
    import voila.utils

    seen: list[tuple[int, bool]] = []
    marker = weakref.ref(_Cycle())  # garbage that only a collection frees

    def request_arrives() -> None:
        seen.append((gc.get_freeze_count(), marker() is None))

    monkeypatch.setattr(voila.utils, "wait_for_request", request_arrives)
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    gc.unfreeze()
    try:
        wait_for_reader()
        # frozen: the modules, classes and functions loaded (tens of thousands of
        # objects); not frozen: the cycle that was garbage, collected first
        assert seen and seen[0][0] > 10_000 and seen[0][1]
    finally:
        gc.unfreeze()


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_export_controls_are_built_when_asked_for() -> None:
    loaded = _seed_tables()
    app = OverviewApp(loaded.articles, loaded.claims, query="")
    assert app.export_panel is None and app.export_box.children == (app.export_open,)
    app.export_open.click()
    panel = app.export_panel
    assert panel is not None and app.export_box.children == (panel.widget,)
    app.outlet.value = ("UnitedVoice",)
    rows = panel._rows_now()
    assert len(rows) > 0 and set(rows["outlet"]) == {"UnitedVoice"}  # follows the filters
    assert app.open_export() is panel  # built once


def test_default_layouts_and_styles_are_shared_not_repeated() -> None:
    import ipywidgets as widgets

    from newsclaims.app import share_default_models

    custom = widgets.HTML("b", layout=widgets.Layout(width="10em"))
    kept = widgets.Checkbox()
    box = widgets.VBox([widgets.HTML("a"), custom, widgets.HBox([widgets.HTML("c"), kept])])
    assert share_default_models(box, keep=(kept,)) > 0
    plain = [box.children[0], box.children[2].children[0]]
    assert plain[0].layout is plain[1].layout is box.layout  # one default Layout
    assert plain[0].style is plain[1].style  # one default HTMLStyle
    assert custom.layout.width == "10em" and custom.layout is not plain[0].layout
    assert kept.layout is not plain[0].layout  # the app changes this one later
    app = OverviewApp(_seed_tables().articles, _seed_tables().claims, query="")
    app.include_undated.layout.display = "none"
    assert app.outlet.layout.display != "none"  # its own, changed alone
