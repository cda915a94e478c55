"""The ingest report: one row per problem met while loading, so nothing is dropped silently.

Every loader takes a :class:`Report` and adds a row (file, problem, action,
severity) for each input it could not use as given. The CLI prints it; the
dashboards and tests read it as a DataFrame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from newsclaims import schema

ERROR = "error"  # the input (or that field of it) was not used
WARNING = "warning"  # used, with a caveat the reader should know
INFO = "info"


@dataclass
class Report:
    """An append-only list of ingest problems."""

    rows: list[dict[str, object]] = field(default_factory=list)

    def add(self, file: str | Path, problem: str, action: str, severity: str = ERROR) -> None:
        """Record one problem with ``file`` and what was done about it."""
        self.rows.append(
            {"file": str(file), "problem": problem, "action": action, "severity": severity}
        )

    def extend(self, other: Report) -> None:
        """Append every row of ``other``."""
        self.rows.extend(other.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def to_frame(self) -> pd.DataFrame:
        """Return the report as a DataFrame with the ``INGEST_REPORT`` schema."""
        return schema.conform(self.rows, schema.INGEST_REPORT)

    def format(self) -> str:
        """Return the report as aligned plain text for a terminal."""
        if not self.rows:
            return "ingest report: no problems"
        lines = [f"ingest report: {len(self.rows)} problem(s)"]
        for row in self.rows:
            lines.append(
                f"  [{row['severity']}] {row['file']}: {row['problem']} -> {row['action']}"
            )
        return "\n".join(lines)
