"""How hard the Hypothesis fuzz tests push: a few hundred cases each in CI, thousands on demand.

``make fuzz`` sets ``NEWSCLAIMS_FUZZ_EXAMPLES`` (default there: 5,000) and prints
Hypothesis' statistics, so every run reports how many cases each test tried and
that no invariant failed; CI runs the same tests with 300 cases each.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

#: Cases per fuzz test.
EXAMPLES = int(os.environ.get("NEWSCLAIMS_FUZZ_EXAMPLES", "300"))

fuzz = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
