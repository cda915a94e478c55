"""The ``newsclaims`` command line.

newsclaims ingest [PATH ...]            build data/processed/ and print the ingest report
newsclaims extract FILE ... [--format]  print the claims of article files
newsclaims evaluate GOLD.csv [DIR]      score extraction against labelled claims
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from newsclaims import config


def _ingest(args: argparse.Namespace) -> int:
    from newsclaims.tables import build, write_tables

    tables = build(args.paths or None, args.manifest)
    written = write_tables(tables, args.out)
    articles, claims = tables.articles, tables.claims
    outlets = articles["outlet"].nunique()
    print(
        f"{len(articles)} articles ({outlets} named outlets, "
        f"{int(articles['outlet'].isna().sum())} unknown), {len(claims)} claims"
    )
    for path in written.values():
        print(f"  wrote {path}")
    report = tables.report
    if report.empty:
        print("ingest report: no problems")
    else:
        print(f"ingest report: {len(report)} row(s)")
        for row in report.itertuples(index=False):
            print(f"  [{row.severity}] {row.file}: {row.problem} -> {row.action}")
    if articles.empty:
        print("error: no article loaded", file=sys.stderr)
        return 1
    return 0


def _extract(args: argparse.Namespace) -> int:
    from newsclaims.articles import decode, looks_binary
    from newsclaims.extract import extract_claims

    frames: list[pd.DataFrame] = []
    status = 0
    for name in args.files:
        path = Path(name)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            print(f"{path}: cannot read ({exc.strerror or exc}); skipped", file=sys.stderr)
            status = 1
            continue
        if looks_binary(raw):
            print(f"{path}: binary file, not text; skipped", file=sys.stderr)
            status = 1
            continue
        text, _, notes = decode(raw)
        for note in notes:
            print(f"{path}: {note}", file=sys.stderr)
        frames.append(extract_claims(text, path.stem))
    from newsclaims import schema

    claims = pd.concat(frames, ignore_index=True) if frames else schema.empty(schema.CLAIMS)
    if args.format == "json":
        sys.stdout.write(claims.to_json(orient="records", force_ascii=False, indent=2) + "\n")
    else:
        claims.to_csv(sys.stdout, index=False)
    return status


def _evaluate(args: argparse.Namespace) -> int:
    from newsclaims.evaluate import main_evaluate

    status: int = main_evaluate(Path(args.gold), Path(args.articles_dir), floors_path=args.floors)
    return status


def parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``newsclaims`` command."""
    top = argparse.ArgumentParser(
        prog="newsclaims", description="How the numbers in a running story were reported."
    )
    sub = top.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser(
        "ingest", help="load articles, extract claims, write data/processed/*.parquet"
    )
    ingest.add_argument(
        "paths", nargs="*", type=Path, help="article files or folders (default: seeds/)"
    )
    ingest.add_argument(
        "--manifest", type=Path, default=config.MANIFEST_PATH, help="articles manifest CSV"
    )
    ingest.add_argument(
        "--out", type=Path, default=config.PROCESSED_DIR, help="folder for the Parquet tables"
    )
    ingest.set_defaults(func=_ingest)

    extract = sub.add_parser("extract", help="print the claims of article files")
    extract.add_argument("files", nargs="+", help="article text files (article id = file stem)")
    extract.add_argument("--format", choices=("csv", "json"), default="csv")
    extract.set_defaults(func=_extract)

    evaluate = sub.add_parser("evaluate", help="score extraction against a gold CSV")
    evaluate.add_argument("gold", help="gold claims CSV (see tests/gold/CONVENTIONS.md)")
    evaluate.add_argument("articles_dir", nargs="?", default=str(config.SEEDS_DIR))
    evaluate.add_argument(
        "--floors", type=Path, default=None, help="TOML of minimum scores; exit 1 below them"
    )
    evaluate.set_defaults(func=_evaluate)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = parser().parse_args(argv)
    status: int = args.func(args)
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
