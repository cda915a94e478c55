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

import functools
import gc
import json
import logging
import os
import shutil
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as widgets
import pandas as pd
import plotly
import traitlets

from newsclaims import charts, export, filters, lineage, overview, review, views
from newsclaims.filters import ClaimFilter
from newsclaims.overview import FrameData, StoreData
from newsclaims.tables import Tables

log = logging.getLogger(__name__)

#: What a reader sees when a widget callback fails; the details go to the server's log only.
CALLBACK_FAILED = "Something went wrong updating the charts; reload the page."
UPDATE_FAILED = (
    f'<div class="nc-empty nc-failed" role="alert"><strong>{CALLBACK_FAILED}</strong></div>'
)


def log_to_server() -> bool:
    """In a dashboard kernel, send this module's log to the server's log, not to the page.

    A kernel's ``sys.stderr`` goes to the reader's browser, over the page's
    websocket: a logged traceback would carry file paths and source lines there.
    The server's own stderr is still open in the kernel: ipykernel keeps a copy
    of it (``_original_stdstream_copy``) when it captures file descriptor 2,
    its default, and otherwise descriptor 2 is the server's (``sys.__stderr__``).
    The log is written there, into Voila's log. Returns whether it did (False
    outside a kernel, where logging is left as it is).
    """
    if getattr(log, "_newsclaims_server_log", False):
        return False
    copy = getattr(sys.stderr, "_original_stdstream_copy", None)
    if isinstance(copy, int):
        stream: Any = os.fdopen(os.dup(copy), "w", buffering=1, encoding="utf-8")  # kernel-long
    elif type(sys.stderr).__module__.startswith("ipykernel") and sys.__stderr__ is not None:
        stream = sys.__stderr__
    else:
        return False
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("[newsclaims %(levelname)s %(asctime)s] %(message)s"))
    log.addHandler(handler)
    log.propagate = False  # the root logger's last resort is the kernel's stderr: the page
    log._newsclaims_server_log = True  # type: ignore[attr-defined]
    return True


log_to_server()


def reader_callback(method: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a widget callback: if it fails, log the traceback to the server and tell the reader.

    An exception that leaves a callback reaches ipywidgets, which sends its
    traceback to the page's kernel connection. Here it goes to the server's log
    (see :func:`log_to_server`), and the app's :meth:`show_failure` puts
    :data:`CALLBACK_FAILED` on the page. The app must have a ``show_failure()``.
    """

    @functools.wraps(method)
    def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except Exception:
            log.exception("%s.%s failed", type(self).__name__, method.__name__)
            self.show_failure()
            return None

    return run


REVIEW_STATUSES = ("to review", "accepted", "edited", "added")
HEDGED_CHOICES = (("All", "all"), ("Hedged only", "hedged"), ("Unhedged only", "unhedged"))


def page_query(query: str | None = None) -> str:
    """The page's query string: Voila gives it to the kernel as ``QUERY_STRING``."""
    return os.environ.get("QUERY_STRING", "") if query is None else query


def _multi(description: str) -> widgets.SelectMultiple:
    return widgets.SelectMultiple(
        description=description, layout=widgets.Layout(width="22em", margin="0 1.5em 0.5em 0")
    )


def share_default_models(root: widgets.Widget, keep: tuple[widgets.Widget, ...] = ()) -> int:
    """Give every widget under ``root`` with a default layout (or style) one shared model.

    ipywidgets makes a Layout and a Style model per widget; the reader's browser
    fetches and builds every one before the page shows. Most are defaults, and
    identical: sharing them halves the overview's models. Widgets in ``keep``
    (whose layout the app changes later) keep their own. Returns how many
    models were closed.
    """

    def state(model: widgets.Widget) -> dict[str, Any]:
        return {k: v for k, v in model.get_state().items() if not k.startswith("_")}

    shared: dict[type, tuple[widgets.Widget, dict[str, Any]]] = {}
    closed = 0
    stack = [root]
    while stack:
        node = stack.pop()
        stack.extend(getattr(node, "children", ()))
        if node in keep:
            continue
        for name in ("layout", "style"):
            model = getattr(node, name, None)
            if not isinstance(model, widgets.Widget):
                continue
            kind = type(model)
            if kind not in shared:
                default = kind()
                shared[kind] = (default, state(default))
            default, default_state = shared[kind]
            if model is not default and state(model) == default_state:
                setattr(node, name, default)
                model.close()
                closed += 1
    return closed


def wait_for_reader() -> str:
    """The reader's query string, once the reader has asked for the page.

    In a kernel that Voila preheated (ran the notebook before anyone asked),
    this blocks until a reader's request arrives and Voila hands over its
    details; otherwise it returns at once.
    """
    if os.environ.get("VOILA_PREHEAT", "False") != "False":
        from voila.utils import wait_for_request

        settle_heap()  # now, while no reader waits for it
        wait_for_request()
    return page_query()


def settle_heap() -> None:
    """Collect what the page's setup left behind, then freeze the rest: put the objects
    that live as long as the kernel out of the garbage collector's reach.

    A preheated dashboard kernel holds some 280,000 objects once Voila's request hook
    is imported (its JSON schema checks build a grammar of 24,000 parse-tree nodes),
    and each of Python's full collections walked them all: 140-230 ms, every few
    dozen filter changes, added to whichever change it fell in (at 100k articles, one
    or two of 40 changes in the browser benchmark: its p95). A frozen object is still
    freed when nothing refers to it any more (a reload's old tables are); a full
    collection then walks only what was made since.
    """
    gc.collect()
    gc.freeze()


#: plotly.js as the installed plotly ships it (the version its figures are written for).
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
#: Where the dashboards' page template (in this code's repository, on ``JUPYTER_PATH``
#: when Voila runs) serves it from: ``<base url>voila/static/plotly.min.js``.
TEMPLATE_STATIC = (
    Path(__file__).resolve().parents[2] / "share/jupyter/voila/templates/newsclaims/static"
)
CHART_CONFIG = {"displaylogo": False, "responsive": True}


#: Trace types in plotly's "basic" bundle: the dashboards' charts may use only these.
BASIC_TRACE_TYPES = frozenset({"scatter", "bar", "pie"})
BASIC_PACKAGE = "plotly.js-basic-dist-min"


def _fetch_basic_bundle(version: str, timeout: float = 120) -> str | None:
    """plotly's own "basic" plotly.js bundle (1.2 MB, not 4.8) from the npm registry.

    ``npm pack`` checks the package's integrity against the registry. Returns the
    script, or None (and says why in the log) if npm or the registry is unavailable.
    """
    import subprocess
    import tarfile
    import tempfile

    npm = shutil.which("npm")
    if npm is None:
        log.warning("npm not found: the dashboards use plotly's full bundle")
        return None
    with tempfile.TemporaryDirectory() as tmp:
        try:
            done = subprocess.run(
                [npm, "pack", "--silent", f"{BASIC_PACKAGE}@{version}"],
                cwd=tmp, capture_output=True, text=True, timeout=timeout, check=True,
            )  # fmt: skip
            tgz = Path(tmp) / done.stdout.strip().splitlines()[-1]
            with tarfile.open(tgz) as archive:
                member = archive.extractfile("package/plotly-basic.min.js")
                source = member.read().decode("utf-8") if member else ""
        except (OSError, IndexError, KeyError, subprocess.SubprocessError, tarfile.TarError) as exc:
            log.warning("could not fetch %s@%s (%s): using the full bundle", BASIC_PACKAGE,
                        version, exc)  # fmt: skip
            return None
    if f"v{version}" not in source[:200]:
        log.warning("%s@%s is not plotly.js %s: using the full bundle", BASIC_PACKAGE,
                    version, version)  # fmt: skip
        return None
    return source


def install_plotly_js(static_dir: Path | None = None, fetch: bool = True) -> str:
    """Put plotly.js next to the page template, where Voila serves it as a static file.

    The charts need only plotly's "basic" bundle (scatter, bar, pie): a quarter
    of the full bundle's size, and about a second less before a reader's first
    chart on this machine (the browser compiles it on every page load). It is
    fetched from the npm registry in the version that the installed plotly
    writes figures for; without npm or the registry, plotly's full bundle from
    the Python package is used instead. Returns which one is installed. Run by
    ``make`` and by anything that starts the dashboards; the file is generated,
    never committed, so it always matches the installed plotly.
    """
    from plotly.offline import get_plotlyjs_version

    version = str(get_plotlyjs_version())
    target = (static_dir or TEMPLATE_STATIC) / "plotly.min.js"
    stamp = target.with_name("plotly.min.js.source")
    basic, full = f"{BASIC_PACKAGE}@{version}", f"plotly (full bundle) {version}"
    have = stamp.read_text(encoding="utf-8").strip() if stamp.exists() and target.exists() else ""
    if have == basic or (have == full and not fetch):
        return have
    target.parent.mkdir(parents=True, exist_ok=True)
    source = _fetch_basic_bundle(version) if fetch else None
    if source is not None:
        target.write_text(source, encoding="utf-8")
        stamp.write_text(basic + "\n", encoding="utf-8")
        return basic
    if have != full:
        shutil.copyfile(PLOTLY_JS, target)
        stamp.write_text(full + "\n", encoding="utf-8")
    return full


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

    @reader_callback
    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("type") == "plotly.js?":
            self.send({"type": "plotly.js", "source": PLOTLY_JS.read_text(encoding="utf-8")})

    def show_failure(self) -> None:
        """plotly.js could not be sent: the chart says so (an empty source)."""
        self.send({"type": "plotly.js", "source": ""})


class OverviewApp:
    """The overview: filters, troop and casualty charts as reported, claims and articles tables.

    ``articles`` and ``claims`` are the processed tables. ``query`` (default:
    the page's query string) preselects filters, e.g. ``outlet=UnitedVoice&metric=troops``;
    values that match nothing are ignored and named in a note on the page.
    Display the app (or its :attr:`widget`) as the last expression of a cell,
    then call :meth:`open_for_reader`.
    """

    def __init__(
        self,
        articles: pd.DataFrame | FrameData | StoreData,
        claims: pd.DataFrame | None = None,
        query: str | None = None,
    ) -> None:
        self._holding = False  # set while several filters change at once
        self.outlet = widgets.SelectMultiple(
            description="Outlet", layout=widgets.Layout(width="24em", margin="0 1.5em 0.5em 0")
        )
        self.metric = _multi("Metric")
        self.party = _multi("Party")
        self.claimant = _multi("Claimant")
        self.hedged = widgets.ToggleButtons(
            options=HEDGED_CHOICES, value="all", description="Hedge"
        )
        self.date_from = widgets.DatePicker(description="From", layout=widgets.Layout(width="16em"))
        self.date_to = widgets.DatePicker(description="To", layout=widgets.Layout(width="16em"))
        self.include_undated = widgets.Checkbox(
            value=True, description="include articles with no known date", indent=False
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

        self.notes = widgets.HTML()
        self.alert = widgets.HTML()  # CALLBACK_FAILED, when a callback fails
        self.claims_summary = widgets.HTML()
        self._n_claims = "0"  # the count the summary line carries for tests and scripts
        self.summary = widgets.HTML()
        self.claims_table = widgets.HTML()
        self.table = widgets.HTML()
        self._set_data(
            articles if isinstance(articles, FrameData | StoreData) else FrameData(articles, claims)
        )
        self.query = page_query(query)
        self._preset(self.query)
        self.troop_chart = Chart({})
        self.casualty_chart = Chart({})

        options = [self.log_y, self.color_by, self.group_by, self.sort_by, self.descending]
        for control in [*self.filters, *options]:
            control.observe(self._on_filter_change, names="value")
        self.reset_button.on_click(self._on_reset)
        self.update()
        # The export controls are built when asked for: a quarter of the page's
        # widget models, which every reader's browser would otherwise create.
        self.export_panel: ExportPanel | None = None
        self.export_open = widgets.Button(
            description="Export for publication…", tooltip="PNG, SVG, PDF, HTML, CSV, JSON"
        )
        self.export_open.on_click(self._on_export_open)
        self.export_box = widgets.VBox([self.export_open])
        self.widget = self._layout()
        share_default_models(self.widget, keep=(self.include_undated,))

    def open_export(self) -> ExportPanel:
        """Show the export controls (built on first use)."""
        if self.export_panel is None:
            self.export_panel = ExportPanel(self.filtered_claims)
        self.export_box.children = [self.export_panel.widget]
        return self.export_panel

    @reader_callback
    def _on_export_open(self, _button: widgets.Button) -> None:
        self.open_export()

    def show_failure(self) -> None:
        """Tell the reader something failed (the details are in the server's log)."""
        self.alert.value = UPDATE_FAILED

    def _set_data(self, data: FrameData | StoreData) -> None:
        """Take this data: offer its outlets, metrics, ... and select all of them."""
        self.data = data
        if isinstance(data, FrameData):
            self.articles, self.claims, self.rows = data.articles, data.claims, data.rows
        choices = data.outlet_choices()
        self._all_outlets = tuple(value for _, value in choices)
        self._date_bounds = data.date_bounds()
        offered = data.choices()
        offered.outlets = list(self._all_outlets)
        self._offered = offered
        holding, self._holding = self._holding, True
        try:
            self.outlet.options = choices
            self.outlet.rows = max(2, min(len(choices), 6))
            for widget, values in (
                (self.metric, offered.metrics),
                (self.party, offered.parties),
                (self.claimant, offered.claimants),
            ):
                widget.options = values
                widget.rows = max(2, min(len(values), 6))
            self.include_undated.layout.display = "flex" if data.has_undated() else "none"
            self._select_all()
        finally:
            self._holding = holding

    def _select_all(self) -> None:
        """Every filter set to show everything (the caller updates)."""
        holding, self._holding = self._holding, True
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
            self._holding = holding

    def _preset(self, query: str) -> None:
        """Set the filters a link's query string asks for; name what it asked in vain."""
        preset, notes = filters.from_query(query, self._offered)
        holding, self._holding = self._holding, True
        try:
            if preset.outlets:
                self.outlet.value = tuple(preset.outlets)
            if preset.metrics:
                self.metric.value = tuple(preset.metrics)
            if preset.parties:
                self.party.value = tuple(preset.parties)
            if preset.claimants:
                self.claimant.value = tuple(preset.claimants)
            self.hedged.value = {True: "hedged", False: "unhedged", None: "all"}[preset.hedged]
            if preset.date_from:
                self.date_from.value = preset.date_from
            if preset.date_to:
                self.date_to.value = preset.date_to
            self.notes.value = views.notes_html(notes)
        finally:
            self._holding = holding

    def open_for_reader(self, tables: Tables | FrameData | StoreData | None = None) -> None:
        """Make the page the reader asked for; the last call of the dashboard notebook.

        Voila runs the notebook ahead of its reader in a preheated kernel (see
        ``voila.json``): this waits there for the reader's request, reloads the
        processed tables if an ingest or a correction changed them since
        ``tables`` was read, and applies the link's query string. Anywhere else
        (a kernel started for the reader, JupyterLab, tests) it returns at once.
        """
        query = wait_for_reader()
        fresh = tables is not None and tables.outdated()
        if fresh:
            self._set_data(overview.open_data())
        if fresh or query != self.query:
            self.query = query
            self._select_all()
            self._preset(query)
            self.update()

    def _layout(self) -> widgets.VBox:
        hint = widgets.HTML(
            '<span class="nc-hint">Ctrl-click (⌘-click on a Mac) to pick several</span>'
        )
        return widgets.VBox(
            [
                widgets.HTML(views.CSS + views.CLAIM_CSS + views.nav_html("overview")),
                self.alert,
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
                self.export_box,
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

    def filtered_claims(self) -> pd.DataFrame:
        """Return the claims (joined to their articles) that match the current filters."""
        return self.data.filtered(self.claim_filter())

    def update(self) -> None:
        """Recompute everything the filters affect; the one function every filter calls."""
        if self._holding:
            return
        try:
            # each part goes to the page as soon as it is made: the troop chart redraws
            # while the casualty chart and the tables are still being made
            self.data.view(
                self.claim_filter(), color_by=self.color_by.value, log_y=self.log_y.value,
                group_by=self.group_by.value, sort_by=self.sort_by.value,
                descending=self.descending.value, emit=self._show_part,
            )  # fmt: skip
            self.alert.value = ""
        except Exception:  # a reader must get a message, never a dead page or a traceback
            log.exception("overview update failed with filter %r", self.selection())
            self.show_failure()
            self.summary.value = ""
            self.claims_table.value = UPDATE_FAILED
            self.table.value = UPDATE_FAILED

    def _show_part(self, name: str, value: Any) -> None:
        """Put one part of a view (see :data:`newsclaims.overview.PARTS`) on the page."""
        if name == "n_claims":
            self._n_claims = str(value)
        elif name == "claims_summary":
            self.claims_summary.value = (
                f'<div class="nc-summary nc-claims-summary" data-claims="{self._n_claims}">'
                f"{views.esc(value)}</div>"
            )
        elif name == "troops":
            self.troop_chart.show(value)
        elif name == "casualties":
            self.casualty_chart.show(value)
        elif name == "claims_table":
            self.claims_table.value = str(value)
        elif name == "articles_summary":
            self.summary.value = f'<div class="nc-summary">{views.esc(value)}</div>'
        elif name == "articles_table":
            self.table.value = str(value)
        else:
            raise ValueError(f"not a part of the overview: {name!r}")

    def reset(self) -> None:
        """Put every filter back to showing everything, then update once."""
        self._select_all()
        self.update()

    @reader_callback
    def _on_filter_change(self, _change: dict[str, Any]) -> None:
        self.update()

    @reader_callback
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
        self.picker = widgets.Dropdown(description="Article", layout=widgets.Layout(width="60em"))
        self.notes = widgets.HTML()
        self.alert = widgets.HTML()  # CALLBACK_FAILED, when a callback fails
        self.meta = widgets.HTML()
        self.claim_list = widgets.HTML()
        self.text = widgets.HTML()
        self._set_data(articles, claims)
        self.query = page_query(query)
        self._pick(self.query)
        self.picker.observe(self._on_pick, names="value")
        self.update()
        self.widget = widgets.VBox(
            [
                widgets.HTML(views.CSS + views.CLAIM_CSS + views.nav_html("article")),
                self.alert, self.notes, self.picker, self.meta,
                widgets.HTML("<h3>Claims in this article</h3>"), self.claim_list,
                widgets.HTML("<h3>Text</h3>"), self.text,
            ]
        )  # fmt: skip

    def _set_data(self, articles: pd.DataFrame, claims: pd.DataFrame) -> None:
        self.articles = articles.set_index("article_id", drop=False)
        self.claims = claims
        ids = list(self.articles.index)
        self.picker.options = [
            (views._short(f"{t} ({i})", 110), i)
            for i, t in zip(ids, self.articles["title"], strict=True)
        ]

    def _pick(self, query: str) -> None:
        """Show the article the query string names (``article=<id>``), else the first."""
        from urllib.parse import parse_qs

        wanted = parse_qs(query).get("article", [""])[-1]
        ids = list(self.articles.index)
        notes = []
        if wanted and wanted not in ids:
            notes.append(f"Ignored article “{wanted}”: no such article.")
        self.notes.value = views.notes_html(notes)
        self.picker.value = wanted if wanted in ids else (ids[0] if ids else None)

    def open_for_reader(self, tables: Tables | None = None) -> None:
        """As :meth:`OverviewApp.open_for_reader`: wait for the reader, reload, follow the link."""
        query = wait_for_reader()
        fresh = tables is not None and tables.outdated()
        if fresh:
            from newsclaims.tables import load_tables

            latest = load_tables()
            self._set_data(latest.articles, latest.claims)
        if fresh or query != self.query:
            self.query = query
            self._pick(query)
            self.update()

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
            self.show_failure()
            self.text.value = UPDATE_FAILED

    @reader_callback
    def _on_pick(self, _change: dict[str, Any]) -> None:
        self.update()

    def show_failure(self) -> None:
        """Tell the reader something failed (the details are in the server's log)."""
        self.alert.value = UPDATE_FAILED

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


class LineageApp:
    """How figures travelled: groups of claims that report the same thing, and rewrites."""

    def __init__(self, articles: pd.DataFrame, claims: pd.DataFrame) -> None:
        self._set_data(articles, claims)
        self.repeated_only = widgets.Checkbox(
            value=False, description="only figures printed by more than one article", indent=False
        )
        self.groups = widgets.HTML()
        self.alert = widgets.HTML()  # CALLBACK_FAILED, when a callback fails
        self.repeated_only.observe(self._on_toggle, names="value")
        self.update()
        self.widget = widgets.VBox(
            [
                widgets.HTML(views.CSS + views.CLAIM_CSS + views.nav_html("lineage")),
                self.alert,
                self.repeated_only,
                self.groups,
            ]
        )

    def _set_data(self, articles: pd.DataFrame, claims: pd.DataFrame) -> None:
        rows = charts.claims_with_articles(claims, articles)
        self.lineage = lineage.claim_lineage(rows)
        self.pairs = lineage.article_pairs(articles)

    def open_for_reader(self, tables: Tables | None = None) -> None:
        """As :meth:`OverviewApp.open_for_reader` (this view reads no query string)."""
        wait_for_reader()
        if tables is not None and tables.outdated():
            from newsclaims.tables import load_tables

            latest = load_tables()
            self._set_data(latest.articles, latest.claims)
            self.update()

    def update(self) -> None:
        """Redraw the groups."""
        try:
            self.groups.value = views.lineage_html(
                self.lineage, self.pairs, min_articles=2 if self.repeated_only.value else 1
            )
        except Exception:
            log.exception("lineage view failed")
            self.show_failure()
            self.groups.value = UPDATE_FAILED

    @reader_callback
    def _on_toggle(self, _change: dict[str, Any]) -> None:
        self.update()

    def show_failure(self) -> None:
        """Tell the reader something failed (the details are in the server's log)."""
        self.alert.value = UPDATE_FAILED

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

    def show_failure(self) -> None:
        """Tell the reader the export failed (the details are in the server's log)."""
        self.result.value = UPDATE_FAILED

    @reader_callback
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


class ReviewApp:
    """Data staff's review of the extracted claims: accept, edit, reject, add what was missed.

    For JupyterLab (``notebooks/review.ipynb``), never served to readers. Every
    action appends to the corrections log (``data/corrections.csv`` by default)
    through :mod:`newsclaims.corrections`, which locks the file; the queue is
    the fresh extraction with the log replayed over it, exactly what the next
    build will hold. "Rebuild tables" writes ``data/processed/`` as ``make
    ingest`` does, and the dashboards pick it up on their next load.
    """

    def __init__(
        self,
        articles: pd.DataFrame,
        log_path: Path | None = None,
        who: str = "",
        processed_dir: Path | None = None,
    ) -> None:
        from newsclaims import corrections
        from newsclaims.tables import extract_all

        self.articles = articles
        self.texts = dict(zip(articles["article_id"], articles["text"], strict=True))
        self.log_path = log_path or corrections.CORRECTIONS_PATH
        self.processed_dir = processed_dir  # default data/processed/
        self.raw = extract_all(articles)  # the log is replayed over a fresh extraction
        ids = [str(i) for i in articles["article_id"]]
        wide = widgets.Layout(width="46em")
        self.who = widgets.Text(value=who, description="You", placeholder="initials or name")
        self.status = widgets.SelectMultiple(
            options=REVIEW_STATUSES, value=("to review",), description="Status", rows=4
        )
        self.article = widgets.Dropdown(
            options=[("All articles", ""), *((i, i) for i in ids)], description="Article"
        )
        self.metric = widgets.Dropdown(description="Metric")
        self.queue = widgets.Select(
            description="Claims", rows=10, layout=widgets.Layout(width="60em")
        )
        self.detail = widgets.HTML()
        self.message = widgets.HTML()
        self.log_summary = widgets.HTML()
        self.reason = widgets.Text(description="Reason", placeholder="why (required)", layout=wide)
        self.accept_button = widgets.Button(description="Accept", button_style="success")
        self.reject_button = widgets.Button(description="Reject", button_style="danger")
        self.field = widgets.Dropdown(options=list(views.REVIEW_FIELDS), description="Field")
        self.new_value = widgets.Text(description="New value")
        self.edit_button = widgets.Button(description="Save edit", button_style="primary")
        self.add_article = widgets.Dropdown(options=ids, description="Article")
        self.add_figure = widgets.Text(
            description="Figure", placeholder="the words as printed", layout=wide
        )
        self.add_occurrence = widgets.BoundedIntText(
            value=1, min=1, max=999, description="Occurrence"
        )
        self.add_fields = {
            name: widgets.Text(description=name)
            for name in ("metric", "party", "value_low", "value_high", "qualifier", "claimant")
        }
        self.add_button = widgets.Button(description="Add claim", button_style="primary")
        self.rebuild_button = widgets.Button(
            description="Rebuild tables", tooltip="apply the log to data/processed/ (make ingest)"
        )
        for control in (self.status, self.article, self.metric):
            control.observe(lambda _c: self.refresh(), names="value")
        self.queue.observe(lambda _c: self.show(), names="value")
        self.accept_button.on_click(lambda _b: self.accept())
        self.reject_button.on_click(lambda _b: self.reject())
        self.edit_button.on_click(lambda _b: self.edit())
        self.add_button.on_click(lambda _b: self.add())
        self.rebuild_button.on_click(lambda _b: self.rebuild())
        self.refresh()
        self.widget = self._layout()

    def _layout(self) -> widgets.VBox:
        def box(title: str, *children: widgets.Widget) -> widgets.VBox:
            return widgets.VBox([widgets.HTML(f"<h4>{views.esc(title)}</h4>"), *children])

        return widgets.VBox(
            [
                widgets.HTML(views.CSS + views.CLAIM_CSS),
                widgets.HBox([self.who, self.rebuild_button]),
                self.log_summary,
                widgets.HBox([self.status, widgets.VBox([self.article, self.metric])]),
                self.queue,
                self.detail,
                self.message,
                box("This claim", self.reason,
                    widgets.HBox([self.accept_button, self.reject_button]),
                    widgets.HBox([self.field, self.new_value, self.edit_button])),
                box("A figure the extractor missed", self.add_article, self.add_figure,
                    self.add_occurrence, *self.add_fields.values(), self.reason_hint(),
                    self.add_button),
            ]
        )  # fmt: skip

    @staticmethod
    def reason_hint() -> widgets.HTML:
        return widgets.HTML('<span class="nc-hint">The reason above is recorded with it.</span>')

    def refresh(self, keep: str | None = None) -> None:
        """Replay the log over the claims and list the queue; keep ``keep`` selected if listed."""
        from newsclaims import corrections

        self.applied = corrections.apply_corrections(self.raw, self.articles, self.log_path)
        metrics = sorted(str(m) for m in self.applied.claims["metric"].dropna().unique())
        if list(self.metric.options)[1:] != [(m, m) for m in metrics]:
            picked = self.metric.value
            self.metric.options = [("All metrics", ""), *((m, m) for m in metrics)]
            self.metric.value = picked if picked in metrics else ""
        self.rows = review.review_queue(
            self.applied.claims, self.articles, self.applied.log,
            statuses=tuple(self.status.value) or None,
            article_id=self.article.value or None, metric=self.metric.value or None,
        )  # fmt: skip
        outcomes = (
            self.applied.log["outcome"].value_counts().to_dict() if len(self.applied.log) else {}
        )
        self.log_summary.value = (
            f'<div class="nc-basis">{len(self.applied.log)} corrections in '
            f"{views.esc(self.log_path)}"
            + "".join(f"; {int(n)} {views.esc(k)}" for k, n in sorted(outcomes.items()))
            + f". Queue: {len(self.rows)} claims.</div>"
        )
        labels = [
            (
                f"{r['status']} · {r['article_id']} · “{r['figure_text']}” · {r['metric']} · "
                + (r["claimant"] if isinstance(r["claimant"], str) else "unattributed"),
                r["claim_id"],
            )
            for r in self.rows.to_dict("records")
        ]
        ids = [cid for _, cid in labels]
        self.queue.options = labels
        self.queue.value = keep if keep in ids else (ids[0] if ids else None)
        self.show()

    def current(self) -> dict[str, Any] | None:
        """The claim selected in the queue, as the editor sees it."""
        picked = self.rows[self.rows["claim_id"] == self.queue.value]
        return None if picked.empty else picked.iloc[0].to_dict()

    def show(self) -> None:
        claim = self.current()
        if claim is None:
            self.detail.value = '<div class="nc-empty">No claims in this queue.</div>'
            return
        self.detail.value = views.review_claim_html(claim, self.texts[claim["article_id"]])
        self.new_value.value = ""

    def _after(self) -> str | None:
        """The claim to select once the current one has been dealt with: the next in the queue."""
        ids = list(self.rows["claim_id"])
        if self.queue.value not in ids:
            return None
        i = ids.index(self.queue.value)
        return ids[i + 1] if i + 1 < len(ids) else None

    def _record(self, make: Any, stay: bool = False) -> None:
        from newsclaims import corrections

        try:
            made = make()
            corrections.append(made, self.log_path)
        except corrections.CorrectionError as exc:
            self.message.value = f'<div class="nc-notes">Not recorded: {views.esc(exc)}</div>'
            return
        keep = self.queue.value if stay else self._after()
        words = "; ".join(
            f"{c.action} {c.claim_id}" + (f" {c.field}" if c.field else "") for c in made
        )
        self.message.value = f'<div class="nc-basis">Recorded: {views.esc(words)}.</div>'
        self.reason.value = ""
        self.refresh(keep=keep)

    def _claim_or_say(self) -> dict[str, Any] | None:
        claim = self.current()
        if claim is None:
            self.message.value = '<div class="nc-notes">Pick a claim first.</div>'
        return claim

    def accept(self) -> None:
        """The claim is right as extracted."""
        if (claim := self._claim_or_say()) is not None:
            reason = self.reason.value.strip() or "checked against the article"
            self._record(lambda: [review.correction_for(claim, "accept", self.who.value, reason)])

    def reject(self) -> None:
        """The claim is not a war figure (or a duplicate): the reason is required."""
        if (claim := self._claim_or_say()) is not None:
            self._record(
                lambda: [review.correction_for(claim, "reject", self.who.value, self.reason.value)]
            )

    def edit(self) -> None:
        """Change one field of the claim; the log keeps the value it had."""
        if (claim := self._claim_or_say()) is not None:
            self._record(
                lambda: [
                    review.correction_for(claim, "edit", self.who.value, self.reason.value,
                                          self.field.value, self.new_value.value)
                ],
                stay=True,
            )  # fmt: skip

    def add(self) -> None:
        """Add a claim the extractor missed, by its words in the article."""
        article_id = self.add_article.value
        fields = {name: w.value for name, w in self.add_fields.items()}
        self._record(
            lambda: review.add_corrections(
                article_id, self.texts.get(article_id, ""), self.add_figure.value,
                self.who.value, self.reason.value, fields, self.add_occurrence.value,
            )
        )  # fmt: skip
        if self.message.value.startswith('<div class="nc-basis">'):
            self.add_figure.value = ""
            for w in self.add_fields.values():
                w.value = ""

    def rebuild(self) -> None:
        """Write data/processed/ from the sources with the log applied (as ``make ingest``)."""
        from newsclaims.tables import build, write_tables

        self.message.value = '<div class="nc-basis">Rebuilding…</div>'
        try:
            built = build(corrections=self.log_path)
            write_tables(built, self.processed_dir)
        except Exception as exc:  # shown to data staff, who can act on it
            log.exception("rebuild failed")
            self.message.value = f'<div class="nc-notes">Rebuild failed: {views.esc(exc)}</div>'
            return
        self.message.value = (
            f'<div class="nc-basis">Rebuilt: {len(built.articles)} articles, '
            f"{len(built.claims)} claims, {len(built.report)} ingest-report rows. "
            "The dashboards show them on their next load.</div>"
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)
