"""The dashboards' ipywidgets apps: the only module that imports ipywidgets.

One App object per dashboard. Each filter widget calls :meth:`OverviewApp.update`,
which asks the pure functions of :mod:`newsclaims.views` what to show and puts
the result into widgets that already exist (``widgets.HTML`` for tables; charts,
when they come, are ``plotly.graph_objects.FigureWidget`` created with their data
and updated in place). Nothing is printed or captured through an ``Output``
widget: capturing output during the notebook's first run is what makes Voila
pages hang (nbclient #312, voila #1428).

Widget values arrive from the reader's browser and are untrusted: they are only
compared against the choices offered, never evaluated or used as paths.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import ipywidgets as widgets
import pandas as pd

from newsclaims import views

log = logging.getLogger(__name__)

#: Shown instead of the table if an update fails; the details go to the server log only.
UPDATE_FAILED = (
    '<div class="nc-empty"><strong>Something went wrong while filtering.</strong> '
    "Press “Reset filters” or reload the page.</div>"
)


class OverviewApp:
    """The overview dashboard: the articles table with outlet and date filters.

    ``articles`` is the ``articles`` table (:data:`newsclaims.schema.ARTICLES`);
    ``claims`` is kept for the claims charts and filters that extend this app.
    Display the app (or its :attr:`widget`) as the last expression of a notebook cell.
    """

    def __init__(self, articles: pd.DataFrame, claims: pd.DataFrame | None = None) -> None:
        self.articles = articles
        self.claims = claims
        self._holding = False  # set while reset() changes several filters at once

        choices = views.outlet_choices(articles)
        self._all_outlets = tuple(value for _, value in choices)
        self._date_bounds = views.date_bounds(articles)
        has_undated = bool(articles["published"].isna().any())

        self.outlet = widgets.SelectMultiple(
            options=choices,
            value=self._all_outlets,
            rows=max(2, min(len(choices), 6)),
            description="Outlet",
            layout=widgets.Layout(width="24em"),
        )
        self.date_from = widgets.DatePicker(
            value=self._date_bounds[0], description="From", layout=widgets.Layout(width="16em")
        )
        self.date_to = widgets.DatePicker(
            value=self._date_bounds[1], description="To", layout=widgets.Layout(width="16em")
        )
        self.include_undated = widgets.Checkbox(
            value=True,
            description="include articles with no known date",
            indent=False,
            layout=widgets.Layout(display="flex" if has_undated else "none"),
        )
        self.reset_button = widgets.Button(
            description="Reset filters", tooltip="Show every article again"
        )
        self.summary = widgets.HTML()
        self.table = widgets.HTML()

        for control in self.filters:
            control.observe(self._on_filter_change, names="value")
        self.reset_button.on_click(self._on_reset)

        self.update()
        self.widget = widgets.VBox(
            [
                widgets.HTML(views.CSS),
                widgets.HBox(
                    [
                        widgets.VBox(
                            [
                                self.outlet,
                                widgets.HTML(
                                    '<span class="nc-hint">Ctrl-click (⌘-click on a Mac) '
                                    "to pick several outlets</span>",
                                    layout=widgets.Layout(width="24em"),
                                ),
                            ],
                            layout=widgets.Layout(margin="0 2em 0.5em 0"),
                        ),
                        widgets.VBox(
                            [self.date_from, self.date_to, self.include_undated, self.reset_button]
                        ),
                    ],
                    layout=widgets.Layout(flex_flow="row wrap"),
                ),
                self.summary,
                self.table,
            ]
        )

    @property
    def filters(self) -> list[widgets.ValueWidget]:
        """The filter widgets, each of which calls :meth:`update` when its value changes."""
        return [self.outlet, self.date_from, self.date_to, self.include_undated]

    def selection(self) -> dict[str, Any]:
        """Return the filter values as keyword arguments of :func:`views.filter_articles`."""
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

    def filtered_articles(self) -> pd.DataFrame:
        """Return the articles that match the current filters."""
        return views.filter_articles(self.articles, **self.selection())

    def update(self) -> None:
        """Recompute everything the filters affect; the one function every filter calls."""
        if self._holding:
            return
        try:
            shown = self.filtered_articles()
            self.summary.value = views.summary_html(shown)
            self.table.value = views.articles_table_html(shown)
        except Exception:  # a reader must get a message, never a dead page or a traceback
            log.exception("overview update failed with selection %r", self.selection())
            self.summary.value = ""
            self.table.value = UPDATE_FAILED

    def reset(self) -> None:
        """Put every filter back to showing all articles, then update once."""
        self._holding = True
        try:
            self.outlet.value = self._all_outlets
            self.date_from.value = self._date_bounds[0]
            self.date_to.value = self._date_bounds[1]
            self.include_undated.value = True
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
