"""Benchmark: chart export times, ours (one warm Chromium) against plain write_image.

Prints, for the seed tables:
  * first export (browser start included) and warm per-chart PNG+SVG times;
  * the same two images through plain ``fig.write_image`` (what a newcomer
    would write: kaleido starts a new browser per image), measured in this run;
  * the ratio, which is what to compare across noisy runs on a shared machine.

Goal (issue 5): warm PNG+SVG under 1 s per chart.

Run:  .venv/bin/python bench/bench_export.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from newsclaims import charts, export
from newsclaims.tables import build


def main() -> None:
    """Run the benchmark and print its numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="warm exports per chart")
    args = parser.parse_args()

    tables = build()
    rows = charts.claims_with_articles(tables.claims, tables.articles)
    out = Path(tempfile.mkdtemp(prefix="nc-bench-export-"))
    warm: dict[str, list[float]] = {"troops": [], "casualties": []}
    with export.Renderer() as renderer:
        started = time.perf_counter()
        export.export_chart("troops", rows, out, ("png", "svg"), renderer=renderer, name="first")
        first = time.perf_counter() - started
        for i in range(args.rounds):
            for chart in warm:
                started = time.perf_counter()
                export.export_chart(
                    chart, rows, out, ("png", "svg"), renderer=renderer, name=f"{chart}-{i}"
                )
                warm[chart].append(time.perf_counter() - started)

    # Baseline: the plotly one-liner, a fresh browser for every image.
    fig = export.furnish(
        charts.troop_chart(rows), "troops", charts.troop_claims(rows), export.Furniture(),
        export.PRESETS["web"],
    )  # fmt: skip
    cold: list[float] = []
    for i in range(2):
        started = time.perf_counter()
        fig.write_image(out / f"cold-{i}.png", width=640, height=480, scale=2)
        fig.write_image(out / f"cold-{i}.svg", width=640, height=480)
        cold.append(time.perf_counter() - started)

    print(f"first export, troops PNG+SVG (browser start included): {first:.2f} s")
    for chart, times in warm.items():
        print(
            f"warm export, {chart:10} PNG+SVG: median {statistics.median(times):.3f} s, "
            f"max {max(times):.3f} s over {len(times)} rounds"
        )
    baseline = statistics.median(cold)
    ours = statistics.median(warm["troops"])
    print(f"plain fig.write_image, troops PNG+SVG (new browser each): median {baseline:.2f} s")
    print(f"speed-up of the warm renderer: {baseline / ours:.1f}x")
    met = max(max(times) for times in warm.values()) < 1
    print(f"goal warm PNG+SVG < 1 s per chart: {'met' if met else 'MISSED'}")


if __name__ == "__main__":
    main()
