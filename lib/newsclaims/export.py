"""Publication export: a chart with its furniture, in each format, with the data behind it.

What Datawrapper and Flourish give a newsroom (title, description, source
line, notes, byline, alt text, web/social/print sizes, "get the data"), plus
what they cannot: every mark's outlet, claimant, qualifier and quoted
sentence in the data files.

Static images come from kaleido 1.x driving Debian's chromium. One
:class:`Renderer` keeps one browser warm for a whole batch (kaleido's
``start_sync_server``): a new browser per image costs about 2 s, a warm one a
fraction of that. MathJax is off, because kaleido fetches it from a CDN and
this machine has no internet. HTML embeds plotly.js, so it opens offline.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from newsclaims import charts

FORMATS = ("png", "svg", "pdf", "html", "csv", "json")
IMAGE_FORMATS = ("png", "svg", "pdf")


@dataclass(frozen=True)
class Preset:
    """A size a newsroom publishes at, in CSS pixels; PNGs are rendered at ``scale``."""

    name: str
    width: int
    height: int
    scale: int = 2
    purpose: str = ""


PRESETS = {
    "web": Preset("web", 640, 480, 2, "article body, 640 px wide"),
    "social": Preset("social", 1200, 675, 2, "social card, 16:9"),
    "print": Preset("print", 600, 450, 2, "print column: 4 in at 300 dpi in PNG"),
}

ChartBuilder = Callable[[pd.DataFrame], go.Figure]


@dataclass(frozen=True)
class ChartSpec:
    """A chart that can be exported: how to draw it and which rows it draws."""

    title: str
    subtitle: str
    build: Callable[..., go.Figure]
    plotted: Callable[[pd.DataFrame], pd.DataFrame]


CHARTS = {
    "troops": ChartSpec(
        "Troop figures as reported",
        "Each mark is one figure as one article printed it",
        charts.troop_chart,
        charts.troop_claims,
    ),
    "casualties": ChartSpec(
        "Casualty estimates as reported",
        "Each bar is one estimate as one article printed it",
        charts.casualty_chart,
        charts.casualty_claims,
    ),
}

HEDGE_NOTE = (
    "Hedged figures are drawn as reported: ▼/◀ an upper bound only (“up to”), "
    "▲/▶ a lower bound only (“at least”), bars ranges, bands vague magnitudes "
    "(“tens of thousands”), ○ approximate."
)

#: Data columns, in order, for every exported mark.
DATA_COLUMNS = (
    "claim_id",
    "article_id",
    "outlet",
    "published",
    "published_precision",
    "title",
    "claimant",
    "relay",
    "metric",
    "party",
    "qualifier",
    "value_low",
    "value_high",
    "said",
    "hedged",
    "figure_text",
    "start",
    "end",
    "sentence",
)

_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$")


class ExportError(Exception):
    """An export that cannot be done, with a message that says why and what to do."""


@dataclass
class Furniture:
    """The words around a chart."""

    title: str | None = None
    subtitle: str | None = None
    notes: str | None = None
    byline: str | None = None
    as_of: date | None = None


@dataclass
class ExportResult:
    """What one export wrote."""

    files: dict[str, Path] = field(default_factory=dict)
    alt_text: str = ""
    marks: int = 0
    timings: dict[str, float] = field(default_factory=dict)


# ----------------------------------------------------------------- browser
#: Said after every message about a missing or broken browser.
WITHOUT_CHROMIUM = "CSV, JSON and HTML export work without it."


def find_chromium() -> str:
    """Return the path of the browser kaleido will drive, or raise :class:`ExportError`.

    ``BROWSER_PATH``, when set, is the only candidate: kaleido would use it even
    if it names nothing, and fail with advice to download Chrome, which does
    not work offline.
    """
    chosen = os.environ.get("BROWSER_PATH")
    if chosen:
        if found := shutil.which(chosen):
            return found
        raise ExportError(
            f"BROWSER_PATH is set to {chosen!r}, which is not a program that can be run. "
            "Point it at a Chromium binary, or unset it to use Debian's chromium. "
            + WITHOUT_CHROMIUM
        )
    for candidate in ("chromium", "chromium-browser"):
        if found := shutil.which(candidate):
            return found
    raise ExportError(
        "Static chart export needs Chromium, and none was found. Install Debian's "
        "chromium (`make chromium`, or `apt-get install chromium`), or set BROWSER_PATH "
        "to a Chromium binary. " + WITHOUT_CHROMIUM
    )


#: Browsers seen to run in this process (each is checked once).
_RUNS: set[str] = set()


def check_chromium_runs(path: str, timeout: float = 30) -> None:
    """Raise :class:`ExportError` unless ``path --version`` runs and succeeds.

    kaleido starts Chromium in a thread of its own: a browser that exits at
    once (a broken install, missing libraries) leaves that thread dead and the
    export waiting for it forever. Asking for the version first (once per
    process) turns that into a message.
    """
    import subprocess

    if path in _RUNS:
        return
    try:
        done = subprocess.run(
            [path, "--version"], capture_output=True, text=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise ExportError(f"Chromium at {path} does not run ({exc}). {WITHOUT_CHROMIUM}") from None
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        detail = f": {said[-1][:200]}" if said else ""
        raise ExportError(
            f"Chromium at {path} does not run (exit status {done.returncode}{detail}). "
            "Reinstall it (`make chromium`), or set BROWSER_PATH to a working Chromium. "
            + WITHOUT_CHROMIUM
        )
    _RUNS.add(path)


class Renderer:
    """One warm Chromium for a batch of static images.

    Use as a context manager; :meth:`image` renders a figure to bytes. Starting
    is lazy, so a batch with no static formats never starts a browser.
    """

    def __init__(self, timeout: float = 60) -> None:
        self.timeout = timeout
        self._started = False

    def __enter__(self) -> Renderer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _start(self) -> None:
        import kaleido

        path = find_chromium()
        check_chromium_runs(path)
        os.environ.setdefault("BROWSER_PATH", path)
        kaleido.start_sync_server(n=1, timeout=self.timeout, mathjax=False, silence_warnings=True)
        self._started = True

    def image(self, fig: go.Figure, fmt: str, width: int, height: int, scale: float) -> bytes:
        """Render ``fig`` as ``png``, ``svg`` or ``pdf`` bytes."""
        import kaleido

        if not self._started:
            self._start()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "kopts ignored": we set them at start
            data: bytes = kaleido.calc_fig_sync(
                fig.to_plotly_json(),
                opts={"format": fmt, "width": width, "height": height, "scale": scale},
            )
        return data

    def close(self) -> None:
        """Stop the browser, if one was started."""
        if self._started:
            import kaleido

            kaleido.stop_sync_server(silence_warnings=True)
            self._started = False


# --------------------------------------------------------------- furniture
def _list_words(values: Iterable[str], most: int = 6) -> str:
    names = list(dict.fromkeys(values))
    if len(names) > most:
        return ", ".join(names[:most]) + f" and {len(names) - most} more"
    return ", ".join(names)


def source_line(plotted: pd.DataFrame) -> str:
    """Name the outlets and claimants behind the marks, for the chart's source line."""
    if plotted.empty:
        return "Source: newsclaims (no claims match)."
    outlets = _list_words(charts.ordered_labels(plotted["outlet_label"]))
    claimants = _list_words(charts.ordered_labels(plotted["claimant"]), most=5) or "none named"
    n_articles = plotted["article_id"].nunique()
    return (
        f"Source: {n_articles} article{'s' * (n_articles != 1)} in {outlets}. "
        f"Claimants: {claimants}."
    )


def alt_text(chart: str, plotted: pd.DataFrame, furniture: Furniture) -> str:
    """Describe the chart in words for readers who cannot see it."""
    spec = CHARTS[chart]
    title = furniture.title or spec.title
    if plotted.empty:
        return f"{title}. The chart is empty: no claims match the filters."
    values = pd.concat([plotted["value_low"], plotted["value_high"]]).dropna()
    dates = plotted["published"].dropna()
    period = (
        f" published between {dates.min():%B %Y} and {dates.max():%B %Y}"
        if not dates.empty and dates.min() != dates.max()
        else f" published in {dates.min():%B %Y}"
        if not dates.empty
        else ""
    )
    said = pd.Series(
        [
            charts.describe_bounds(q, lo, hi)
            for q, lo, hi in zip(
                plotted["qualifier"], plotted["value_low"], plotted["value_high"], strict=True
            )
        ]
    )
    common = said.value_counts().head(3)
    common_words = "; ".join(f"“{text}” {n} time{'s' * (n != 1)}" for text, n in common.items())
    hedged = int(plotted["qualifier"].ne("exact").sum())
    kind = "Scatter chart over time" if chart == "troops" else "Range chart"
    n_articles = plotted["article_id"].nunique()
    low, high = charts.format_value(values.min()), charts.format_value(values.max())
    spread = f"all at {low}" if low == high else f"from {low} to {high}"
    return (
        f"{kind}: {title}. {len(plotted)} figure{'s' * (len(plotted) != 1)} from {n_articles} "
        f"article{'s' * (n_articles != 1)}{period}, {spread}. Most printed: {common_words}. "
        f"{hedged} of {len(plotted)} carry a qualifier (upper or lower bound, range, "
        f"approximate or vague). {source_line(plotted)}"
    )


def _left_margin(fig: go.Figure) -> int:
    """Room for the y tick labels, measured from their text (export turns automargin off).

    Fixed margins let the footer be placed and wrapped exactly under the whole
    chart; plotly annotations only know the plot area's coordinates.
    """
    axes = list(fig.select_yaxes())
    return charts.tick_margin(
        [str(t) for axis in axes for t in axis.ticktext or ()],
        titled=any(bool(axis.title.text) for axis in axes),
    )


def furnish(
    fig: go.Figure, chart: str, plotted: pd.DataFrame, furniture: Furniture, preset: Preset
) -> go.Figure:
    """Return a copy of ``fig`` with title, subtitle, legend, source line, notes, byline, date."""
    spec = CHARTS[chart]
    out = go.Figure(fig)
    as_of = furniture.as_of or date.today()
    credit = " · ".join(
        part
        for part in (
            f"Chart: {furniture.byline}" if furniture.byline else "",
            f"Data as of {as_of:%-d %B %Y}",
        )
        if part
    )
    footer = [source_line(plotted), furniture.notes or HEDGE_NOTE, credit]
    chars_per_line = int((preset.width - 24) / 6.3)
    footer_lines = [line for text in footer for line in _wrap_lines(text, chars_per_line)]
    footer_px = 15 * len(footer_lines) + 12
    height = preset.height
    if chart == "casualties" and preset.name != "social":
        # one row per claim needs room; less what the dashboard's title took (its lines
        # of notes: here the title is the export's own)
        grown = int(out.layout.margin.t or charts.BASE_TOP) - charts.BASE_TOP
        height = max(height, int(out.layout.height or 0) - grown)
    left, right, top = _left_margin(out), 24, 118
    axis_px = 34  # x tick labels under the plot
    plot_w = preset.width - left - right
    out.update_layout(
        width=preset.width,
        height=height,
        title={
            "text": f"<b>{charts.esc(furniture.title or spec.title)}</b>",
            "subtitle": {"text": charts.esc(furniture.subtitle or spec.subtitle)},
            "x": 12 / preset.width,
            "xanchor": "left",
            "xref": "container",
            "y": 1 - 14 / height,
            "yanchor": "top",
            "yref": "container",
            "pad": {"b": 0},  # the dashboard's room for its notes, not wanted here
            "font": {"size": 20 if preset.width >= 900 else 17},
        },
        margin={"t": top, "b": footer_px + axis_px, "l": left, "r": right, "autoexpand": False},
        showlegend=True,
        legend={
            "orientation": "h",
            "xref": "container",
            "yref": "container",
            "x": 12 / preset.width,
            "y": 1 - 74 / height,
            "xanchor": "left",
            "yanchor": "top",
            "font": {"size": 12},
        },
    )
    # plotly's own default, not the dashboard's "allow" (charts._template): a published
    # chart hides a label rather than cut it, whatever its preset's margins
    out.update_xaxes(title={"text": ""}, automargin=False, ticklabeloverflow="hide past div")
    out.update_yaxes(automargin=False, title={"standoff": 6}, ticklabeloverflow="hide past div")
    out.add_annotation(
        text="<br>".join(charts.esc(line) for line in footer_lines),
        xref="paper",
        yref="paper",
        x=(12 - left) / plot_w,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-axis_px,
        align="left",
        showarrow=False,
        font={"size": 11, "color": "#555"},
    )
    return out


def _wrap_lines(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width) or [""]


# -------------------------------------------------------------------- data
def chart_data(plotted: pd.DataFrame) -> pd.DataFrame:
    """The exact data behind the marks: one row per plotted claim."""
    out = plotted.copy()
    out["said"] = [
        charts.describe_bounds(q, lo, hi)
        for q, lo, hi in zip(out["qualifier"], out["value_low"], out["value_high"], strict=True)
    ]
    out["published"] = out["published"].dt.strftime("%Y-%m-%d")
    return out[list(DATA_COLUMNS)].reset_index(drop=True)


# ------------------------------------------------------------------ export
def safe_name(name: str) -> str:
    """Check a file name stem given by a user; raise :class:`ExportError` if it could escape."""
    if not _SAFE_NAME.match(name) or ".." in name:
        raise ExportError(
            f"Invalid export name {name!r}: use letters, digits, '.', '_' and '-' only, "
            "starting with a letter or digit, with no folder parts."
        )
    return name


def _target(out_dir: Path, stem: str, suffix: str) -> Path:
    path = (out_dir / f"{stem}{suffix}").resolve()
    if path.parent != out_dir.resolve():
        raise ExportError(f"Refusing to write {path}: it is outside {out_dir}.")
    return path


def prepare_dir(out_dir: Path) -> Path:
    """Create the output folder if needed and check it can be written; return it resolved."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(
            f"Cannot create the output folder {out_dir}: {exc.strerror or exc}."
        ) from None
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise ExportError(f"Cannot write to the output folder {out_dir}: permission denied.")
    return out_dir.resolve()


def export_chart(
    chart: str,
    rows: pd.DataFrame,
    out_dir: Path,
    formats: Sequence[str] = FORMATS,
    preset: str = "web",
    furniture: Furniture | None = None,
    name: str | None = None,
    renderer: Renderer | None = None,
    **chart_options: Any,
) -> ExportResult:
    """Write ``chart`` (``troops`` or ``casualties``) of ``rows`` in ``formats`` to ``out_dir``.

    ``rows`` is :func:`newsclaims.charts.claims_with_articles` output, already
    filtered. Files are named ``{name}.{format}`` (default
    ``{chart}-{preset}``); the alt text goes to ``{name}.alt.txt`` and, with the
    furniture and sizes, into ``{name}.json``. Pass a :class:`Renderer` to share
    one browser across several exports.
    """
    import time

    if chart not in CHARTS:
        raise ExportError(f"Unknown chart {chart!r}: choose from {', '.join(CHARTS)}.")
    if preset not in PRESETS:
        raise ExportError(f"Unknown preset {preset!r}: choose from {', '.join(PRESETS)}.")
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ExportError(
            f"Unknown format(s) {', '.join(unknown)}: choose from {', '.join(FORMATS)}."
        )
    stem = safe_name(f"{chart}-{preset}" if name is None else name)
    size = PRESETS[preset]
    furniture = furniture or Furniture()
    spec = CHARTS[chart]
    out = prepare_dir(out_dir)
    if any(f in IMAGE_FORMATS for f in formats):
        check_chromium_runs(find_chromium())  # fail before writing anything

    plotted = spec.plotted(rows)
    fig = furnish(spec.build(rows, **chart_options), chart, plotted, furniture, size)
    result = ExportResult(alt_text=alt_text(chart, plotted, furniture), marks=len(plotted))
    data = chart_data(plotted)
    own_renderer = renderer is None
    active = renderer or Renderer()
    try:
        for fmt in formats:
            started = time.perf_counter()
            path = _target(out, stem, f".{fmt}")
            if fmt in IMAGE_FORMATS:
                height = int(fig.layout.height or size.height)
                scale = size.scale if fmt == "png" else 1
                path.write_bytes(active.image(fig, fmt, size.width, height, scale))
            elif fmt == "html":
                fig.write_html(
                    path,
                    include_plotlyjs=True,
                    include_mathjax=False,
                    full_html=True,
                    config={"displaylogo": False, "responsive": True},
                )
            elif fmt == "csv":
                data.to_csv(path, index=False)
            else:
                payload = {
                    "chart": chart,
                    "title": furniture.title or spec.title,
                    "subtitle": furniture.subtitle or spec.subtitle,
                    "source": source_line(plotted),
                    "notes": furniture.notes or HEDGE_NOTE,
                    "byline": furniture.byline,
                    "data_as_of": (furniture.as_of or date.today()).isoformat(),
                    "alt_text": result.alt_text,
                    "preset": {"name": size.name, "width": size.width, "height": size.height},
                    "claims": json.loads(data.to_json(orient="records", force_ascii=False)),
                }
                path.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
            result.files[fmt] = path
            result.timings[fmt] = time.perf_counter() - started
    except OSError as exc:
        raise ExportError(f"Cannot write into {out}: {exc.strerror or exc}.") from None
    finally:
        if own_renderer:
            active.close()
    alt_path = _target(out, stem, ".alt.txt")
    alt_path.write_text(result.alt_text + "\n", encoding="utf-8")
    result.files["alt"] = alt_path
    return result
