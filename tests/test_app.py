"""The overview app's wiring, without a browser: each filter updates the count line and table."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from newsclaims import views
from newsclaims.app import OverviewApp
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
