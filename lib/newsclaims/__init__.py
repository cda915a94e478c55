"""newsclaims: how the numbers in a running story were reported.

Public API::

    load_articles(paths=None, manifest=None) -> DataFrame   # the articles table
    read_articles(paths=None, manifest=None) -> ArticleLoad  # table + ingest report
    extract_claims(text, article_id="") -> DataFrame        # the claims of one text
    load_tables() -> Tables                                  # processed tables for dashboards
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsclaims import native
from newsclaims.articles import ArticleLoad, load_articles, read_articles
from newsclaims.tables import Tables, build, load_tables

# The extractor compiled with mypyc, when build/native/ holds a build of the current
# source (newsclaims.native); every import of newsclaims.extract passes here first.
native.install()

if TYPE_CHECKING:
    from newsclaims.extract import extract_claims

__all__ = [
    "ArticleLoad",
    "Tables",
    "build",
    "extract_claims",
    "load_articles",
    "load_tables",
    "read_articles",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # The extractor compiles its lexicons on import; load it only when asked for.
    if name == "extract_claims":
        from newsclaims.extract import extract_claims

        return extract_claims
    raise AttributeError(name)
