"""The ``newsclaims`` command line.

newsclaims ingest [PATH ...]            build data/processed/ and print the ingest report
newsclaims extract FILE ... [--format]  print the claims of article files
newsclaims evaluate GOLD.csv [DIR]      score extraction against labelled claims
newsclaims native build|status          compile the extractor with mypyc / is the build current
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from newsclaims import config

#: Ingest report rows printed; a large corpus's report can run to thousands (all are written).
SHOWN_REPORT_ROWS = 200


def _ingest(args: argparse.Namespace) -> int:
    from newsclaims.tables import ingest

    done = ingest(
        args.paths or None, args.manifest, args.corrections, args.out,
        workers=args.workers, scheduler=args.scheduler, batch=args.batch,
        progress=sys.stderr.isatty(),
    )  # fmt: skip
    print(
        f"{done.articles} articles ({done.outlets} named outlets, "
        f"{done.unknown_outlet} unknown), {done.claims} claims"
    )
    if done.batch:
        print(f"streamed in {done.batches} batch(es) of up to {done.batch:,} articles")
    for path in done.written.values():
        print(f"  wrote {path}")
    if not done.inputs.empty:
        counts = done.inputs["status"].value_counts()
        print(
            f"{len(done.inputs)} input files: "
            + ", ".join(f"{n} {status}" for status, n in counts.items())
        )
    report = done.report
    if report.empty:
        print("ingest report: no problems")
    else:
        print(f"ingest report: {len(report)} row(s)")
        for row in report.head(SHOWN_REPORT_ROWS).itertuples(index=False):
            print(f"  [{row.severity}] {row.file}: {row.problem} -> {row.action}")
        if len(report) > SHOWN_REPORT_ROWS:
            print(
                f"  ... and {len(report) - SHOWN_REPORT_ROWS:,} more, all in "
                f"{done.written['ingest_report']}"
            )
    if not done.articles:
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


def _describe(article: Mapping[Any, Any]) -> str:
    """One line on an article: id, title, outlet and date with where each came from."""
    from newsclaims.charts import published_label

    outlet = article["outlet"] if isinstance(article["outlet"], str) else "unknown outlet"
    date = published_label(article["published"], article["published_precision"])
    return (
        f"{article['article_id']}: {str(article['title'])[:70]} | {outlet} "
        f"({article['outlet_basis']}) | {date} ({article['published_basis']})"
    )


def _add(args: argparse.Namespace) -> int:
    import shutil

    from newsclaims.articles import read_articles
    from newsclaims.sources import SUPPORTED

    inbox: Path = args.inbox
    inbox.mkdir(parents=True, exist_ok=True)
    added: list[Path] = []
    status = 0
    for name in args.paths:
        source = Path(name)
        target = inbox / source.name
        if not source.is_file():
            print(f"{source}: no such file; skipped", file=sys.stderr)
            status = 1
        elif source.suffix.lower() not in SUPPORTED:
            print(f"{source}: not an article file (supported: {', '.join(SUPPORTED)}); skipped",
                  file=sys.stderr)  # fmt: skip
            status = 1
        elif target.exists() and target.read_bytes() != source.read_bytes():
            print(f"{source}: a different {target.name} is already in {inbox}; rename it and "
                  "add again", file=sys.stderr)  # fmt: skip
            status = 1
        elif target.exists():
            print(f"{source}: already added ({target})")
        else:
            shutil.copyfile(source, target)  # the raw input, byte for byte
            added.append(target)
            print(f"{source}: added as {target}")
    if added:
        load = read_articles(added, args.manifest)
        for row in load.articles.to_dict("records"):
            print("  " + _describe(row))
        for problem in load.report.rows:
            if "manifest row for" not in str(problem["problem"]):
                print(f"  [{problem['severity']}] {problem['file']}: {problem['problem']} "
                      f"-> {problem['action']}")  # fmt: skip
        print("Run `newsclaims ingest` (or `make ingest`) to rebuild the tables.")
    return status


def _correct(args: argparse.Namespace) -> int:
    from newsclaims import corrections, review
    from newsclaims.tables import load_tables

    tables = load_tables(args.tables)
    try:
        if args.action == "add":
            if not args.article or not args.figure:
                raise corrections.CorrectionError("add needs --article and --figure")
            texts = tables.articles.set_index("article_id")["text"]
            if args.article not in texts.index:
                raise corrections.CorrectionError(f"no article {args.article!r} in the tables")
            fields = dict(pair.split("=", 1) for pair in args.set or [])
            made = review.add_corrections(
                args.article, texts[args.article], args.figure, args.who, args.reason, fields,
                args.occurrence,
            )  # fmt: skip
        else:
            claims = tables.claims.set_index("claim_id", drop=False)
            if args.claim_id not in claims.index:
                raise corrections.CorrectionError(
                    f"no claim {args.claim_id!r} in the tables (newsclaims ingest first?)"
                )
            made = [
                review.correction_for(
                    claims.loc[args.claim_id], args.action, args.who, args.reason,
                    args.field or "", args.new or "",
                )
            ]  # fmt: skip
        corrections.append(made, args.log)
    except (corrections.CorrectionError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for item in made:
        what = f" {item.field}: {item.old_value!r} -> {item.new_value!r}" if item.field else ""
        print(f"recorded: {item.action} {item.claim_id}{what} ({item.who}: {item.reason})")
    print(f"in {args.log}; run `newsclaims ingest` to apply it to the tables.")
    return 0


def _export(args: argparse.Namespace) -> int:
    from urllib.parse import urlencode

    from newsclaims import charts, export, filters
    from newsclaims.tables import load_tables

    tables = load_tables(args.tables)
    rows = charts.claims_with_articles(tables.claims, tables.articles)
    wanted = {
        key: value
        for key, value in (
            ("outlet", args.outlet),
            ("metric", args.metric),
            ("party", args.party),
            ("claimant", args.claimant),
            ("hedged", args.hedged),
            ("from", args.date_from),
            ("to", args.date_to),
        )
        if value
    }
    flt, notes = filters.from_query(urlencode(wanted, doseq=True), filters.choices(rows))
    if notes:
        # On the command line a misspelt filter must not export everything instead.
        for note in notes:
            print(f"error: {note.removeprefix('Ignored ')}", file=sys.stderr)
        return 2
    selected = filters.filter_claims(rows, flt)
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    furniture = export.Furniture(
        title=args.title, subtitle=args.subtitle, notes=args.notes, byline=args.byline
    )
    try:
        result = export.export_chart(
            args.chart, selected, args.out, formats, args.preset, furniture, name=args.name
        )
    except export.ExportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{args.chart}: {result.marks} claims drawn ({filters.summary(selected)})")
    for fmt, path in result.files.items():
        print(f"  {fmt:5} {path}")
    return 0


def _native(args: argparse.Namespace) -> int:
    from newsclaims import native

    if args.action == "build":
        try:
            stamp = native.build()
        except RuntimeError as exc:
            print(f"error: compiling the extractor: {exc}", file=sys.stderr)
            return 1
        print(f"compiled {', '.join(native.COMPILED)} into {stamp.parent}")
        return 0
    found = native.status()
    print("the compiled extractor is current" if found.current else found.reason)
    return 0 if found.current else 1


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
        "paths",
        nargs="*",
        type=Path,
        help="article files or folders (default: seeds/, data/inbox/)",
    )
    ingest.add_argument(
        "--manifest", type=Path, default=config.MANIFEST_PATH, help="articles manifest CSV"
    )
    ingest.add_argument(
        "--out", type=Path, default=config.PROCESSED_DIR, help="folder for the Parquet tables"
    )
    ingest.add_argument(
        "--workers", type=int, default=0,
        help="extract on a local Dask cluster of N processes (127.0.0.1; default: in-process)",
    )  # fmt: skip
    ingest.add_argument(
        "--scheduler", default=None, metavar="ADDRESS",
        help="extract on an existing Dask cluster, e.g. tcp://10.0.0.5:8786",
    )  # fmt: skip
    ingest.add_argument(
        "--corrections", type=Path, default=None, help="corrections log (data/corrections.csv)"
    )
    ingest.add_argument(
        "--batch", type=int, default=None, metavar="N",
        help="read, extract and write N articles at a time, so memory is bounded by N "
        "(default: all at once, or 20,000 at a time when the inputs exceed 256 MiB)",
    )  # fmt: skip
    ingest.set_defaults(func=_ingest)

    add = sub.add_parser("add", help="copy new articles into the drop folder, as received")
    add.add_argument("paths", nargs="+", help=".txt, .md (front matter), .html or .csv files")
    add.add_argument("--inbox", type=Path, default=config.INBOX_DIR, help="the drop folder")
    add.add_argument("--manifest", type=Path, default=config.MANIFEST_PATH)
    add.set_defaults(func=_add)

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

    fix = sub.add_parser("correct", help="record a correction of a claim in the log")
    fix.add_argument("action", choices=("accept", "edit", "reject", "add"))
    fix.add_argument("claim_id", nargs="?", default="", help="the claim (not for add)")
    fix.add_argument("--who", required=True, help="your name or initials")
    fix.add_argument("--reason", required=True, help="why, for the audit trail")
    fix.add_argument("--field", help="for edit: metric, party, claimant, qualifier, value_low, ...")
    fix.add_argument("--new", help="for edit: the new value (empty clears it)")
    fix.add_argument("--article", help="for add: the article id")
    fix.add_argument("--figure", help="for add: the figure as written in the article")
    fix.add_argument("--occurrence", type=int, default=1, help="for add: which appearance")
    fix.add_argument("--set", action="append", metavar="FIELD=VALUE", help="for add: a field")
    fix.add_argument("--log", type=Path, default=config.DATA_DIR / "corrections.csv")
    fix.add_argument("--tables", type=Path, default=None)
    fix.set_defaults(func=_correct)

    exp = sub.add_parser("export", help="write a chart and the data behind it for publication")
    exp.add_argument("chart", choices=("troops", "casualties"))
    exp.add_argument(
        "--format", default="png,svg,pdf,html,csv,json", help="comma-separated formats"
    )
    exp.add_argument("--preset", choices=("web", "social", "print"), default="web")
    exp.add_argument("--out", type=Path, required=True, help="output folder")
    exp.add_argument("--name", help="file name stem (default CHART-PRESET)")
    exp.add_argument("--title")
    exp.add_argument("--subtitle")
    exp.add_argument("--notes", help="replaces the note on how hedged figures are drawn")
    exp.add_argument("--byline", help='e.g. "Jane Doe/Data desk"')
    for name in ("outlet", "metric", "party", "claimant"):
        exp.add_argument(f"--{name}", action="append", help=f"only this {name} (repeatable)")
    exp.add_argument("--hedged", choices=("yes", "no"))
    exp.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    exp.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")
    exp.add_argument(
        "--tables", type=Path, default=None, help="processed tables folder (default data/processed)"
    )
    exp.set_defaults(func=_export)

    nat = sub.add_parser("native", help="compile the extractor with mypyc (make native)")
    nat.add_argument("action", choices=("build", "status"))
    nat.set_defaults(func=_native)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = parser().parse_args(argv)
    status: int = args.func(args)
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
