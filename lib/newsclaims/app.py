"""The dashboards' ipywidgets apps: the only module that imports ipywidgets.

One App object per dashboard (overview, article, lineage). Each filter widget
calls the app's one ``update()``, which asks the pure functions of
:mod:`newsclaims.views`, :mod:`newsclaims.filters` and :mod:`newsclaims.charts`
what to show and puts the result into widgets that already exist:
``widgets.HTML`` for tables, and :class:`Chart` widgets that draw plotly.js
JSON built by :mod:`newsclaims.charts` (why not plotly's ``FigureWidget``: see
:class:`Chart`). Nothing is printed or captured
through an ``Output`` widget: capturing output during the notebook's first run
is what makes Voila pages hang (nbclient #312, voila #1428).

Widget values and the page's query string arrive from the reader's browser and
are untrusted: they are only compared against the choices offered, never
evaluated or used as paths.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as widgets
import pandas as pd
import plotly
import traitlets

from newsclaims import charts, export, filters, lineage, schema, views
from newsclaims.filters import ClaimFilter

log = logging.getLogger(__name__)

#: Shown instead of the tables if an update fails; the details go to the server log only.
UPDATE_FAILED = (
    '<div class="nc-empty"><strong>Something went wrong while filtering.</strong> '
    "Press “Reset filters” or reload the page.</div>"
)
HEDGED_CHOICES = (("All", "all"), ("Hedged only", "hedged"), ("Unhedged only", "unhedged"))


def page_query(query: str | None = None) -> str:
    """The page's query string: Voila gives it to the kernel as ``QUERY_STRING``."""
    return os.environ.get("QUERY_STRING", "") if query is None else query


def _multi(
    description: str, options: list[str], picked: tuple[str, ...] | None
) -> widgets.SelectMultiple:
    return widgets.SelectMultiple(
        options=options,
        value=tuple(picked) if picked else tuple(options),
        rows=max(2, min(len(options), 6)),
        description=description,
        layout=widgets.Layout(width="22em", margin="0 1.5em 0.5em 0"),
    )


#: plotly.js as the installed plotly ships it (the version its figures are written for).
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
#: Where the dashboards' page template (in this code's repository, on ``JUPYTER_PATH``
#: when Voila runs) serves it from: ``<base url>voila/static/plotly.min.js``.
TEMPLATE_STATIC = (
    Path(__file__).resolve().parents[2] / "share/jupyter/voila/templates/newsclaims/static"
)
CHART_CONFIG = {"displaylogo": False, "responsive": True}


def install_plotly_js(static_dir: Path | None = None) -> Path:
    """Copy plotly.min.js next to the page template, where Voila serves it as a static file.

    Run by ``make install`` and by anything that starts the dashboards; the copy is
    generated (not committed) so that it always matches the installed plotly.
    """
    target = (static_dir or TEMPLATE_STATIC) / "plotly.min.js"
    if not target.exists() or target.stat().st_size != PLOTLY_JS.stat().st_size:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PLOTLY_JS, target)
    return target


class Chart(anywidget.AnyWidget):
    """A plotly chart drawn in the browser from a :mod:`newsclaims.charts` spec.

    Why not plotly's ``go.FigureWidget``: it sends its 4.8 MB plotly.js bundle
    over the websocket for every chart and every reader, its import pulls in
    nbformat and jsonschema (about 2.5 s of kernel start here), and each update
    runs plotly's validators. This widget's page loads plotly.min.js once, as a
    static file the browser caches (see :func:`install_plotly_js`); a figure is
    one JSON string, redrawn with ``Plotly.react``. Outside Voila the widget asks
    its kernel for plotly.js instead, so the notebooks also work in JupyterLab.
    """

    _esm = Path(__file__).parent / "static" / "plotly_chart.js"
    figure = traitlets.Unicode("{}").tag(sync=True)
    config = traitlets.Unicode(json.dumps(CHART_CONFIG)).tag(sync=True)
    src = traitlets.Unicode(f"voila/static/plotly.min.js?v={plotly.__version__}").tag(sync=True)

    def __init__(self, spec: charts.Spec, **kwargs: Any) -> None:
        super().__init__(figure=charts.spec_json(spec), **kwargs)
        self.on_msg(self._on_msg)

    def show(self, spec: charts.Spec) -> None:
        """Draw another figure in place (one message to the browser)."""
        self.figure = charts.spec_json(spec)

    @property
    def spec(self) -> charts.Spec:
        """The figure now shown, as plotly.js JSON."""
        return json.loads(self.figure)  # type: ignore[no-any-return]

    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("type") == "plotly.js?":
            self.send({"type": "plotly.js", "source": PLOTLY_JS.read_text(encoding="utf-8")})


class OverviewApp:
    """The overview: filters, troop and casualty charts as reported, claims and articles tables.

    ``articles`` and ``claims`` are the processed tables. ``query`` (default:
    the page's query string) preselects filters, e.g. ``outlet=UnitedVoice&metric=troops``;
    values that match nothing are ignored and named in a note on the page.
    Display the app (or its :attr:`widget`) as the last expression of a cell.
    """

    def __init__(
        self, articles: pd.DataFrame, claims: pd.DataFrame | None = None, query: str | None = None
    ) -> None:
        self.articles = articles
        self.claims = claims if claims is not None else schema.empty(schema.CLAIMS)
        self.rows = charts.claims_with_articles(self.claims, articles)
        self._holding = False  # set while reset() changes several filters at once

        choices = views.outlet_choices(articles)
        self._all_outlets = tuple(value for _, value in choices)
        self._date_bounds = views.date_bounds(articles)
        offered = filters.choices(self.rows)
        offered.outlets = list(self._all_outlets)
        preset, notes = filters.from_query(page_query(query), offered)
        self._offered = offered

        self.outlet = widgets.SelectMultiple(
            options=choices,
            value=preset.outlets or self._all_outlets,
            rows=max(2, min(len(choices), 6)),
            description="Outlet",
            layout=widgets.Layout(width="24em", margin="0 1.5em 0.5em 0"),
        )
        self.metric = _multi("Metric", offered.metrics, preset.metrics)
        self.party = _multi("Party", offered.parties, preset.parties)
        self.claimant = _multi("Claimant", offered.claimants, preset.claimants)
        hedged = {True: "hedged", False: "unhedged", None: "all"}[preset.hedged]
        self.hedged = widgets.ToggleButtons(
            options=HEDGED_CHOICES, value=hedged, description="Hedge"
        )
        self.date_from = widgets.DatePicker(
            value=preset.date_from or self._date_bounds[0], description="From",
            layout=widgets.Layout(width="16em"),
        )  # fmt: skip
        self.date_to = widgets.DatePicker(
            value=preset.date_to or self._date_bounds[1], description="To",
            layout=widgets.Layout(width="16em"),
        )  # fmt: skip
        has_undated = bool(articles["published"].isna().any())
        self.include_undated = widgets.Checkbox(
            value=True,
            description="include articles with no known date",
            indent=False,
            layout=widgets.Layout(display="flex" if has_undated else "none"),
        )
        self.reset_button = widgets.Button(description="Reset filters", tooltip="Show everything")
        self.log_y = widgets.Checkbox(value=False, description="log scale", indent=False)
        self.color_by = widgets.ToggleButtons(
            options=(("Outlet", "outlet"), ("Claimant", "claimant")), value="outlet",
            description="Colour by",
        )  # fmt: skip
        self.group_by = widgets.ToggleButtons(
            options=(("Claimant", "claimant"), ("Outlet", "outlet")), value="claimant",
            description="Group by",
        )  # fmt: skip
        self.sort_by = widgets.Dropdown(options=list(views.CLAIM_SORTS), value="Published",
                                        description="Sort by")  # fmt: skip
        self.descending = widgets.Checkbox(value=False, description="descending", indent=False)

        self.notes = widgets.HTML(views.notes_html(notes))
        self.claims_summary = widgets.HTML()
        self.summary = widgets.HTML()
        self.claims_table = widgets.HTML()
        self.table = widgets.HTML()
        shown = self.filtered_claims()
        self.troop_chart = Chart(charts.troop_spec(shown))
        self.casualty_chart = Chart(charts.casualty_spec(shown))

        options = [self.log_y, self.color_by, self.group_by, self.sort_by, self.descending]
        for control in [*self.filters, *options]:
            control.observe(self._on_filter_change, names="value")
        self.reset_button.on_click(self._on_reset)
        self.update(charts_too=False)  # the charts already show this selection
        self.export_panel = ExportPanel(self.filtered_claims)
        self.widget = self._layout()

    def _layout(self) -> widgets.VBox:
        hint = widgets.HTML(
            '<span class="nc-hint">Ctrl-click (⌘-click on a Mac) to pick several</span>'
        )
        return widgets.VBox(
            [
                widgets.HTML(views.CSS + views.CLAIM_CSS + views.nav_html("overview")),
                self.notes,
                widgets.HBox(
                    [
                        widgets.VBox([self.outlet, hint]),
                        self.metric,
                        self.party,
                        self.claimant,
                    ],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                widgets.HBox(
                    [
                        widgets.VBox([self.date_from, self.date_to, self.include_undated]),
                        widgets.VBox([self.hedged, self.reset_button]),
                    ],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                self.claims_summary,
                widgets.HBox([self.log_y, self.color_by]),
                self.troop_chart,
                self.group_by,
                self.casualty_chart,
                self.export_panel.widget,
                widgets.HTML("<h3>Claims</h3>"),
                widgets.HBox([self.sort_by, self.descending]),
                self.claims_table,
                widgets.HTML("<h3>Articles</h3>"),
                self.summary,
                self.table,
            ]
        )

    @property
    def filters(self) -> list[widgets.ValueWidget]:
        """The filter widgets, each of which calls :meth:`update` when its value changes."""
        return [
            self.outlet, self.metric, self.party, self.claimant, self.hedged,
            self.date_from, self.date_to, self.include_undated,
        ]  # fmt: skip

    def selection(self) -> dict[str, Any]:
        """Return the article filters as keyword arguments of :func:`views.filter_articles`."""
        picked = tuple(self.outlet.value)
        date_from: date | None = self.date_from.value
        date_to: date | None = self.date_to.value
        return {
            # All outlets picked means no outlet filter, so an outlet added later still shows.
            "outlets": None if set(picked) == set(self._all_outlets) else picked,
            "date_from": date_from,
            "date_to": date_to,
            "include_undated": bool(self.include_undated.value),
        }

    def claim_filter(self) -> ClaimFilter:
        """The current filters as a :class:`newsclaims.filters.ClaimFilter`."""

        def picked(widget: widgets.SelectMultiple, offered: list[str]) -> tuple[str, ...] | None:
            value = tuple(widget.value)
            return None if set(value) == set(offered) else value

        article = self.selection()
        return ClaimFilter(
            outlets=article["outlets"],
            metrics=picked(self.metric, self._offered.metrics),
            parties=picked(self.party, self._offered.parties),
            claimants=picked(self.claimant, self._offered.claimants),
            hedged={"all": None, "hedged": True, "unhedged": False}[self.hedged.value],
            date_from=article["date_from"],
            date_to=article["date_to"],
            include_undated=article["include_undated"],
        )

    def filtered_articles(self) -> pd.DataFrame:
        """Return the articles that match the current filters."""
        return views.filter_articles(self.articles, **self.selection())

    def filtered_claims(self) -> pd.DataFrame:
        """Return the claims (joined to their articles) that match the current filters."""
        return filters.filter_claims(self.rows, self.claim_filter())

    def update(self, charts_too: bool = True) -> None:
        """Recompute everything the filters affect; the one function every filter calls."""
        if self._holding:
            return
        try:
            shown = self.filtered_claims()
            self.claims_summary.value = (
                f'<div class="nc-summary nc-claims-summary" data-claims="{len(shown)}">'
                f"{views.esc(filters.summary(shown))}</div>"
            )
            if charts_too:
                self.troop_chart.show(
                    charts.troop_spec(shown, color_by=self.color_by.value, log_y=self.log_y.value)
                )
                self.casualty_chart.show(charts.casualty_spec(shown, group_by=self.group_by.value))
            self.claims_table.value = views.claims_table_html(
                shown, self.sort_by.value, self.descending.value
            )
            articles = self.filtered_articles()
            self.summary.value = views.summary_html(articles)
            self.table.value = views.articles_table_html(articles)
        except Exception:  # a reader must get a message, never a dead page or a traceback
            log.exception("overview update failed with filter %r", self.selection())
            self.summary.value = ""
            self.claims_table.value = UPDATE_FAILED
            self.table.value = UPDATE_FAILED

    def reset(self) -> None:
        """Put every filter back to showing everything, then update once."""
        self._holding = True
        try:
            self.outlet.value = self._all_outlets
            self.metric.value = tuple(self._offered.metrics)
            self.party.value = tuple(self._offered.parties)
            self.claimant.value = tuple(self._offered.claimants)
            self.hedged.value = "all"
            self.date_from.value = self._date_bounds[0]
            self.date_to.value = self._date_bounds[1]
            self.include_undated.value = True
            self.notes.value = ""
        finally:
            self._holding = False
        self.update()

    def _on_filter_change(self, _change: dict[str, Any]) -> None:
        self.update()

    def _on_reset(self, _button: widgets.Button) -> None:
        self.reset()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        """Display as the app's widget, so a notebook cell can end with ``app``."""
        return self.widget._repr_mimebundle_(**kwargs)


class ArticleApp:
    """One article: its metadata with their basis, its text with every claim marked, its claims.

    ``query`` (default: the page's) may name the article: ``article=<id>``.
    """

    def __init__(
        self, articles: pd.DataFrame, claims: pd.DataFrame, query: str | None = None
    ) -> None:
        from urllib.parse import parse_qs

        self.articles = articles.set_index("article_id", drop=False)
        self.claims = claims
        wanted = parse_qs(page_query(query)).get("article", [""])[-1]
        ids = list(self.articles.index)
        notes = []
        if wanted and wanted not in ids:
            notes.append(f"Ignored article “{wanted}”: no such article.")
        options = [
            (views._short(f"{t} ({i})", 110), i)
            for i, t in zip(ids, self.articles["title"], strict=True)
        ]
        self.picker = widgets.Dropdown(
            options=options, value=wanted if wanted in ids else (ids[0] if ids else None),
            description="Article", layout=widgets.Layout(width="60em"),
        )  # fmt: skip
        self.notes = widgets.HTML(views.notes_html(notes))
        self.meta = widgets.HTML()
        self.claim_list = widgets.HTML()
        self.text = widgets.HTML()
        self.picker.observe(lambda _c: self.update(), names="value")
        self.update()
        self.widget = widgets.VBox(
            [
                widgets.HTML(views.CSS + views.CLAIM_CSS + views.nav_html("article")),
                self.notes, self.picker, self.meta,
                widgets.HTML("<h3>Claims in this article</h3>"), self.claim_list,
                widgets.HTML("<h3>Text</h3>"), self.text,
            ]
        )  # fmt: skip

    def update(self) -> None:
        """Show the picked article."""
        article_id = self.picker.value
        if article_id is None:
            self.meta.value = '<div class="nc-empty">No articles loaded.</div>'
            return
        try:
            article = self.articles.loc[article_id].to_dict()
            mine = self.claims[self.claims["article_id"] == article_id]
            self.meta.value = views.article_meta_html(article)
            self.claim_list.value = views.article_claims_html(mine)
            self.text.value = views.highlighted_text_html(str(article["text"]), mine)
        except Exception:
            log.exception("article view failed for %r", article_id)
            self.text.value = UPDATE_FAILED

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


class LineageApp:
    """How figures travelled: groups of claims that report the same thing, and rewrites."""

    def __init__(self, articles: pd.DataFrame, claims: pd.DataFrame) -> None:
        rows = charts.claims_with_articles(claims, articles)
        self.lineage = lineage.claim_lineage(rows)
        self.pairs = lineage.article_pairs(articles)
        self.repeated_only = widgets.Checkbox(
            value=False, description="only figures printed by more than one article", indent=False
        )
        self.groups = widgets.HTML()
        self.repeated_only.observe(lambda _c: self.update(), names="value")
        self.update()
        self.widget = widgets.VBox(
            [
                widgets.HTML(views.CSS + views.CLAIM_CSS + views.nav_html("lineage")),
                self.repeated_only,
                self.groups,
            ]
        )

    def update(self) -> None:
        """Redraw the groups."""
        try:
            self.groups.value = views.lineage_html(
                self.lineage, self.pairs, min_articles=2 if self.repeated_only.value else 1
            )
        except Exception:
            log.exception("lineage view failed")
            self.groups.value = UPDATE_FAILED

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


class ExportPanel:
    """Export the overview's charts as they are filtered: choose chart, preset and formats.

    The files are written to a private temporary folder and offered as browser
    downloads (``<a download>`` links holding the file). Static images start a
    Chromium for the click (kaleido), a few seconds; CSV, JSON and HTML need none.
    """

    def __init__(self, rows_now: Any) -> None:
        self._rows_now = rows_now  # a callable giving the filtered claims
        self.chart = widgets.Dropdown(
            options=(("Troop figures", "troops"), ("Casualty estimates", "casualties")),
            description="Chart",
        )
        self.preset = widgets.Dropdown(
            options=[(f"{p.name} ({p.purpose})", p.name) for p in export.PRESETS.values()],
            description="Size",
        )
        self.formats = widgets.SelectMultiple(
            options=export.FORMATS, value=("png", "csv"), description="Formats", rows=6
        )
        self.title = widgets.Text(description="Title", placeholder="default title")
        self.byline = widgets.Text(description="Byline", placeholder="e.g. Data desk")
        self.button = widgets.Button(description="Export", button_style="primary")
        self.result = widgets.HTML()
        self.button.on_click(self._on_export)
        self.widget = widgets.VBox(
            [
                widgets.HTML("<h3>Export for publication</h3>"),
                widgets.HBox(
                    [widgets.VBox([self.chart, self.preset, self.title, self.byline]), self.formats]
                ),
                self.button,
                self.result,
            ]
        )

    def _on_export(self, _button: widgets.Button) -> None:
        import base64
        import tempfile
        from pathlib import Path

        self.result.value = '<div class="nc-basis">Exporting…</div>'
        try:
            out = Path(tempfile.mkdtemp(prefix="newsclaims-export-"))
            furniture = export.Furniture(
                title=self.title.value.strip() or None, byline=self.byline.value.strip() or None
            )
            done = export.export_chart(
                self.chart.value, self._rows_now(), out, tuple(self.formats.value),
                self.preset.value, furniture,
            )  # fmt: skip
        except export.ExportError as exc:
            self.result.value = f'<div class="nc-notes">{views.esc(exc)}</div>'
            return
        except Exception:
            log.exception("export failed")
            self.result.value = UPDATE_FAILED
            return
        mime = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf",
                "html": "text/html", "csv": "text/csv", "json": "application/json",
                "alt": "text/plain"}  # fmt: skip
        links = []
        for fmt, path in done.files.items():
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            links.append(
                f'<a class="nc-download" download="{views.esc(path.name)}" '
                f'href="data:{mime[fmt]};base64,{data}">{views.esc(path.name)}</a>'
            )
        self.result.value = (
            f'<div class="nc-downloads">{done.marks} claims drawn. Download: '
            + " · ".join(links)
            + f'<p class="nc-basis">Alt text: {views.esc(done.alt_text)}</p></div>'
        )
