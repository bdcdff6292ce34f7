"""The ``observatory`` command line: extract, ingest, query, export, places, dates."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import Any

import click

from . import __version__, export, readers, settings, validate
from .model import Article
from .store import Store, StoreError, open_store

BATCH = 32


def plural(n: int, word: str) -> str:
    """'1 article', '2 articles'."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only."""
    import ipaddress

    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _problem(problem: readers.Problem) -> None:
    click.echo(f"observatory: {problem.path}: {problem.message}", err=True)


def _batches(paths: tuple[str, ...], published: str | None, force: bool = False) -> Iterator[list[Article]]:
    """Articles in batches; each bad file reported once on stderr."""
    batch: list[Article] = []
    for item in readers.read_all(list(paths), published, force):
        if isinstance(item, readers.Problem):
            _problem(item)
            continue
        batch.append(item)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _results(paths: tuple[str, ...], published: str | None, force: bool = False) -> Iterator[Any]:
    """Pipeline results for every readable article; an article that fails is reported and skipped."""
    from . import nlp, pipeline

    try:
        nlp.load()
    except nlp.ModelMissing as exc:
        raise click.ClickException(str(exc)) from None
    from rich.progress import Progress

    def failed(article: Any, exc: Exception) -> None:
        _problem(
            readers.Problem(
                article.path or article.id, f"could not extract events ({exc.__class__.__name__}: {exc})"
            )
        )

    with Progress(transient=True, disable=not sys.stderr.isatty()) as progress:
        task = progress.add_task("articles", total=None)
        for batch in _batches(paths, published, force):
            for result in pipeline.run(batch, on_error=failed):
                yield result
                progress.advance(task)


def _published(value: str | None) -> str | None:
    try:
        return validate.day(value)
    except validate.Invalid as exc:
        raise click.BadParameter(str(exc), param_hint="--published") from None


def _filters(
    country: str | None, event_type: str | None, since: str | None, until: str | None
) -> tuple[str | None, str | None, str | None, str | None]:
    """``events``' filters through the validation layer the API uses; a relative date is echoed as read."""
    try:
        found_country = validate.country(country) if country else None
    except validate.Invalid as exc:
        raise click.BadParameter(str(exc), param_hint="--country") from None
    try:
        found_type = validate.event_types(event_type)[0] if event_type else None
    except validate.Invalid as exc:
        raise click.BadParameter(str(exc), param_hint="--type") from None
    for name, value in (("--since", since), ("--until", until)):
        try:
            day = validate.day(value, relative=True)
        except validate.Invalid as exc:
            raise click.BadParameter(str(exc), param_hint=name) from None
        if day and day != value:
            click.echo(f"observatory: {name} {value} read as {day}", err=True)
    try:
        start, end = validate.date_range(since, until)
    except validate.Invalid as exc:
        raise click.BadParameter(str(exc), param_hint="--since/--until") from None
    return found_country, found_type, start, end


def _print_records(records: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "table":
        from rich.console import Console

        # piped output keeps wide rows unless COLUMNS says otherwise; a terminal uses its own width
        wide = not sys.stdout.isatty() and not os.environ.get("COLUMNS")
        console = Console(width=200 if wide else None)
        console.print(export.table(records, title=plural(len(records), "event"), width=console.width))
    else:
        export.WRITERS[fmt](records, sys.stdout)


@click.group()
@click.version_option(__version__, prog_name="observatory")
def cli() -> None:
    """Observatory: news articles in, coded, located, dated political events out."""
    settings.configure(**settings.from_environ(os.environ))  # the only place the environment is read


published_option = click.option(
    "--published",
    help="Publication date (YYYY-MM-DD) for inputs that carry "
    "none; a date in the input's own metadata wins unless --published-force.",
)
force_option = click.option(
    "--published-force",
    "force",
    is_flag=True,
    help="Use --published for every input, even those that carry their own date.",
)
# unreadable files are reported by the readers, one line each, so the good files named with them still go on
files_argument = click.argument("files", nargs=-1, required=True, type=click.Path(readable=False))


@cli.command()
@files_argument
@published_option
@force_option
@click.option(
    "--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True
)
def extract(files: tuple[str, ...], published: str | None, force: bool, fmt: str) -> None:
    """Print the events in FILES (.txt, .html, .jsonl or directories) without storing them."""
    records, articles = [], 0
    for result in _results(files, _published(published), force):
        articles += 1
        records.extend(e.record() for e in result.events)
    if not articles:
        raise click.ClickException("no article could be read")
    _print_records(records, fmt)


def _articles(paths: tuple[str, ...], published: str | None, force: bool = False) -> Iterator[Article]:
    """Every readable article, streamed; each bad file reported once on stderr."""
    for item in readers.read_all(list(paths), published, force):
        if isinstance(item, readers.Problem):
            _problem(item)
        else:
            yield item


db_option = click.option(
    "--db",
    default=settings.DEFAULT_DB,
    show_default=True,
    help="SQLite file, or a postgresql://user@host/dbname URL.",
)


@cli.command()
@files_argument
@db_option
@published_option
@force_option
@click.option(
    "--workers",
    type=click.IntRange(1, 256),
    default=None,
    help="Processes analysing articles (a local Dask cluster); default: the number of cores.",
)
@click.option(
    "--scheduler", metavar="ADDRESS", help="Run on an existing Dask cluster (e.g. tcp://10.0.0.5:8786)."
)
@click.option(
    "--fuse/--no-fuse",
    "fuse_after",
    default=True,
    show_default=True,
    help="Fuse the new events into incidents after each stored batch (see `observatory fuse`).",
)
def ingest(
    files: tuple[str, ...],
    db: str,
    published: str | None,
    force: bool,
    workers: int | None,
    scheduler: str | None,
    fuse_after: bool,
) -> None:
    """Extract events from FILES and store them; re-ingesting an article replaces its events, an article
    stored unchanged is skipped (so a run that was interrupted can simply be run again)."""
    import time

    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from . import incidents, nlp
    from . import ingest as ingesting

    store = _connect(db)
    store.on_wait = lambda message: click.echo(message, err=True)
    try:
        nlp.load()
    except nlp.ModelMissing as exc:
        raise click.ClickException(str(exc)) from None
    count = ingesting.default_workers() if workers is None else workers
    started = time.perf_counter()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[line]}"),
        TimeElapsedColumn(),
        transient=True,
        disable=not sys.stderr.isatty(),
    ) as progress:
        task = progress.add_task("ingest", total=None, line="")

        def show(t: ingesting.Totals) -> None:
            rate = t.articles / max(1e-9, time.perf_counter() - started)
            progress.update(
                task,
                completed=t.articles + t.skipped,
                line=f"{t.articles} articles ({rate:.1f}/s), {t.events} events, {t.skipped} unchanged",
            )

        def failed(article: Article, why: str) -> None:
            _problem(readers.Problem(article.path or article.id, why))

        try:
            fused = {"events": 0}

            def fuse() -> None:
                fused["events"] += incidents.fuse_pending(store)["events"]

            totals = ingesting.run(
                store,
                _articles(files, _published(published), force),
                workers=count,
                scheduler=scheduler,
                progress=show,
                on_failed=failed,
                after_save=fuse if fuse_after else None,
            )
            if fuse_after and not totals.articles:
                fuse()  # a rerun after a kill: what was stored but not yet fused
        except StoreError as exc:
            raise click.ClickException(str(exc)) from None
    if not totals.articles and not totals.skipped:
        raise click.ClickException("no article could be read")
    skipped = f" ({totals.skipped:,} stored already, unchanged)" if totals.skipped else ""
    click.echo(
        f"ingested {plural(totals.articles, 'article')}, {plural(totals.events, 'event')} into "
        f"{store.name}{skipped}",
        err=True,
    )
    if fuse_after and fused["events"]:
        click.echo(f"fused {plural(fused['events'], 'event')} into incidents", err=True)


def _connect(db: str) -> Store:
    try:
        return open_store(db)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


def _near(value: str | None) -> tuple[float, float, float] | None:
    if not value:
        return None
    try:
        lat, lon, km = (float(x) for x in value.split(","))
    except ValueError:
        raise click.BadParameter("expected LAT,LON,KM, e.g. 34.45,40.92,50", param_hint="--near") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
        raise click.BadParameter("latitude, longitude or radius out of range", param_hint="--near")
    return lat, lon, km


def _existing(db: str) -> Store:
    import os

    from .store import is_url

    if not is_url(db) and not os.path.isfile(db):
        raise click.BadParameter(f"{db}: no such database", param_hint="--db")
    return _connect(db)


@cli.command()
@db_option
@click.option(
    "--country",
    help="Country or group of the place or of either party: a code (SYR, ISIL) or a name (Syria).",
)
@click.option("--type", "event_type", help="PLOVER event type, e.g. ASSAULT.")
@click.option("--actor", help="Text, name or country code of either party.")
@click.option(
    "--since",
    help="Events ending on or after this date: YYYY-MM-DD, or today, yesterday, N days ago, N weeks ago.",
)
@click.option("--until", help="Events starting on or before this date (same forms as --since).")
@click.option("--near", help="LAT,LON,KM: events within KM kilometres of a point.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True
)
@click.option("--limit", type=click.IntRange(min=1), help="At most this many events (oldest first).")
def events(
    db: str,
    country: str | None,
    event_type: str | None,
    actor: str | None,
    since: str | None,
    until: str | None,
    near: str | None,
    fmt: str,
    limit: int | None,
) -> None:
    """Query stored events; jsonl and csv are written as they are read, whatever their number."""
    country, event_type, since, until = _filters(country, event_type, since, until)
    found = _existing(db).query(
        country=country,
        event_type=event_type,
        actor=actor,
        since=since,
        until=until,
        near=_near(near),
        limit=limit,
    )
    if fmt == "table":
        _print_records(list(found), fmt)
    else:
        export.WRITERS[fmt](found, sys.stdout)


@cli.command(name="export")
@db_option
@click.option("--format", "fmt", type=click.Choice(sorted(export.WRITERS)), required=True)
@click.argument("out", type=click.File("w", encoding="utf-8"))
def export_command(db: str, fmt: str, out: Any) -> None:
    """Write every stored event to OUT ('-' for standard output)."""
    n = export.WRITERS[fmt](_existing(db).query(), out)
    click.echo(f"wrote {plural(n, 'event')} as {fmt}", err=True)


@cli.command()
@files_argument
@published_option
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option(
    "--given",
    is_flag=True,
    help="Resolve the names each JSONL line lists in 'mentions' "
    '([{"start": int, "end": int}], offsets into \'text\') instead of finding names.',
)
def places(files: tuple[str, ...], published: str | None, fmt: str, given: bool) -> None:
    """One JSON line per place mention in FILES, resolved to GeoNames."""
    import json

    def line(article_id: Any, p: Any) -> str:
        return json.dumps(
            {
                "article_id": article_id,
                "text": p.text,
                "start": p.start,
                "end": p.end,
                "name": p.name,
                "country": p.country,
                "admin1": p.admin1,
                "lat": p.lat,
                "lon": p.lon,
                "geonameid": p.geonameid,
                "feature": p.feature,
                "score": p.score,
            },
            ensure_ascii=False,
        )

    if given:
        for article_id, found in _given_places(files, _published(published)):
            for p in found:
                click.echo(line(article_id, p))
        return
    for result in _results(files, _published(published)):
        for p in result.places:
            click.echo(line(result.article.id, p))


def _given_places(paths: tuple[str, ...], published: str | None) -> Iterator[tuple[Any, list[Any]]]:
    """(article id, places) for every JSONL line with a 'text' and its 'mentions'; bad lines are reported."""
    import json

    from . import actors, nlp
    from . import places as places_stage

    try:
        nlp.load()
    except nlp.ModelMissing as exc:
        raise click.ClickException(str(exc)) from None
    for path in paths:
        try:
            lines = open(path, encoding="utf-8").read().splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            _problem(readers.Problem(path, f"could not read ({exc.__class__.__name__})"))
            continue
        for number, raw in enumerate(lines, 1):
            if not raw.strip():
                continue
            where = f"{path}:{number}"
            try:
                obj = json.loads(raw)
                text = obj["text"]
                spans = [(int(m["start"]), int(m["end"])) for m in obj["mentions"]]
                if not isinstance(text, str) or any(not 0 <= s < e <= len(text) for s, e in spans):
                    raise ValueError("each mention needs 0 <= start < end <= len(text)")
                article = readers.make_article(
                    text, id=str(obj.get("id", number)), published=obj.get("published") or published
                )
            except (ValueError, KeyError, TypeError, readers.ReadError) as exc:
                _problem(
                    readers.Problem(
                        where, f"each line needs 'text' and 'mentions' [{{\"start\", \"end\"}}] ({exc})"
                    )
                )
                continue
            doc = next(iter(nlp.parse([article.text])))
            yield article.id, places_stage.resolve_given(doc, spans, actors.scan(doc, article.published))


@cli.command()
@files_argument
@published_option
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
def dates(files: tuple[str, ...], published: str | None, fmt: str) -> None:
    """One JSON line per time expression in FILES, normalised against the publication date."""
    import json

    for result in _results(files, _published(published)):
        for t in result.times:
            click.echo(
                json.dumps(
                    {
                        "article_id": result.article.id,
                        "text": t.text,
                        "start": t.start,
                        "end": t.end,
                        "type": t.type,
                        "value": t.value,
                    },
                    ensure_ascii=False,
                )
            )


@cli.command()
@click.option(
    "--db",
    default=settings.DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="SQLite database to serve (must exist unless --token is given).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; only this one (0.0.0.0 would expose it on every interface).",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--token",
    envvar="OBSERVATORY_TOKEN",
    help="Accept POST /api/articles from requests carrying "
    "'Authorization: Bearer TOKEN'. Better from $OBSERVATORY_TOKEN or --token-file: a command line "
    "is visible to every user in `ps`. Without a token the server is read-only.",
)
@click.option(
    "--token-file",
    type=click.File("r", encoding="utf-8"),
    help="Read the token from the first line of this file.",
)
@click.option(
    "--max-body",
    type=click.IntRange(1024),
    help="Largest request body accepted, in bytes (larger "
    "ones get a 413); default 8 MiB or $OBSERVATORY_MAX_REQUEST_BYTES.",
)
@click.pass_context
def serve(
    ctx: click.Context,
    db: str,
    host: str,
    port: int,
    token: str | None,
    token_file: Any,
    max_body: int | None,
) -> None:
    """Serve the API (/api/…, /openapi.json) and the dashboard (/) over DB."""
    import uvicorn

    from . import api
    from .store import is_url

    if token_file is not None:
        if token:
            raise click.BadParameter(
                "give the token once: --token (or $OBSERVATORY_TOKEN) or --token-file",
                param_hint="--token-file",
            )
        token = token_file.readline().strip()
        if not token:
            raise click.BadParameter(
                f"{token_file.name}: no token on its first line", param_hint="--token-file"
            )
    elif token and ctx.get_parameter_source("token") == click.core.ParameterSource.COMMANDLINE:
        click.echo(
            "observatory: warning: --token on the command line is visible to other users (ps); prefer "
            "$OBSERVATORY_TOKEN or --token-file",
            err=True,
        )
    if not _loopback(host) and not token:
        click.echo(
            f"observatory: WARNING: listening on {host} without a token: anyone who can reach this "
            "machine can read every stored article and event. Use --host 127.0.0.1 unless that is "
            "intended.",
            err=True,
        )
    if not token and not is_url(db) and not os.path.exists(db):
        raise click.BadParameter(
            f"{db}: no such database (ingest first, or give --token to start an empty one)", param_hint="--db"
        )
    try:
        app = api.create_app(
            _connect(db) if token or is_url(db) else _existing(db), token=token, max_body=max_body
        )
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None
    missing = api.assets_missing()
    if missing:
        click.echo(
            f"observatory: the dashboard needs {', '.join(missing)} under {settings.NODE_MODULES}: "
            "run `npm ci` "
            "(part of `make install`); the API works without them",
            err=True,
        )
    click.echo(
        (
            f"observatory: serving {db} on http://{host}:{port}/ "
            f"({'writable with the token' if token else 'read-only'})"
        ),
        err=True,
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.command(name="classify")
@click.option("--scheme", type=click.Choice(["plover", "cameo", "acled"]), required=True)
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def classify_command(scheme: str, file: str) -> None:
    """Type the main event of each {"id", "text"} JSON line in FILE: {"id", "label", "score"} lines out."""
    from . import classify as learned

    try:
        learned.classify_file(file, sys.stdout, scheme)
    except (ValueError, learned.ClassifierMissing, learned.embed.EmbeddingModelMissing) as exc:
        raise click.ClickException(str(exc)) from None


# ------------------------------------------------------------------------------------------------------------
# Fusion: incidents, territorial control, given-mention linking


@cli.command(name="fuse")
@db_option
def fuse_command(db: str) -> None:
    """Re-fuse every stored event into incidents (ingest fuses new events by itself)."""
    from . import incidents

    done = incidents.refuse(_existing(db))
    click.echo(
        f"fused {done['events']} events into {done['incidents']} incidents "
        f"({done['copies']} syndicated copies)",
        err=True,
    )


INCIDENT_COLUMNS = (
    "incident_id",
    "event_type",
    "start",
    "end",
    "location",
    "actors",
    "n_sources",
    "sources",
    "fatalities",
    "contradictions",
)


def _incident_cell(rec: dict[str, Any], column: str) -> str:
    value = rec.get(column)
    if column == "location":
        return (value or {}).get("name") or ""
    if column == "fatalities":
        return (
            ""
            if not value
            else (f"{value['min']}" if value["min"] == value["max"] else f"{value['min']}-{value['max']}")
        )
    if column == "contradictions":
        return ", ".join(c["kind"] for c in value or [])
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)


@cli.command(name="incidents")
@db_option
@click.option("--type", "event_type", help="PLOVER event type, e.g. ASSAULT.")
@click.option("--country", help="ISO 3166-1 alpha-3 code of the incident's place.")
@click.option("--place", help="Name of the incident's place.")
@click.option("--since", help="Incidents ending on or after this date.")
@click.option("--until", help="Incidents starting on or before this date.")
@click.option(
    "--min-sources", type=click.IntRange(1), help="Incidents reported by at least this many outlets."
)
@click.option("--limit", type=click.IntRange(1), help="At most this many incidents.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True
)
def incidents_command(
    db: str,
    event_type: str | None,
    country: str | None,
    place: str | None,
    since: str | None,
    until: str | None,
    min_sources: int | None,
    limit: int | None,
    fmt: str,
) -> None:
    """Stored incidents: events fused across reports, with their sources and contradictions."""
    import csv
    import json

    from . import incidents

    country, event_type, since, until = _filters(country, event_type, since, until)
    records = incidents.incidents(
        _existing(db),
        event_type=event_type,
        country=country,
        place=place,
        since=since,
        until=until,
        min_sources=min_sources,
        limit=limit,
    )
    if fmt == "jsonl":
        for rec in records:
            click.echo(json.dumps(rec, ensure_ascii=False))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        columns = INCIDENT_COLUMNS[:6] + ("event_ids", "article_ids") + INCIDENT_COLUMNS[6:]
        writer.writerow(columns)
        for rec in records:
            writer.writerow([_incident_cell(rec, c) for c in columns])
    else:
        from rich.console import Console
        from rich.table import Table

        rows = list(records)
        table = Table(title=f"{len(rows)} incident{'s' if len(rows) != 1 else ''}")
        for c in INCIDENT_COLUMNS:
            table.add_column(c)
        for rec in rows:
            table.add_row(*(_incident_cell(rec, c) for c in INCIDENT_COLUMNS))
        Console(width=200 if not sys.stdout.isatty() else None).print(table)


@cli.command(name="control")
@click.argument("place")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def control_command(place: str, db: str, fmt: str) -> None:
    """Who took or held PLACE, when, and according to whom; contradicting reports marked."""
    import json

    from . import incidents

    timeline = incidents.control(_existing(db), place)
    if fmt == "json":
        click.echo(json.dumps(timeline, ensure_ascii=False, indent=1))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"control of {timeline['place']}")
    for c in ("date", "holder", "how", "according to", "contradicted by"):
        table.add_column(c)
    for e in timeline["timeline"]:
        against = "; ".join(f"{c['holder']} ({', '.join(c['according_to'])})" for c in e["contradicted_by"])
        if not against and e["contradicted"]:
            against = "reports of this incident disagree on who"
        table.add_row(
            e["date"] or "?",
            e["holder"],
            e["how"],
            ", ".join(e["according_to"]),
            ("CONTRADICTED: " + against) if e["contradicted"] else "",
        )
    Console(width=200 if not sys.stdout.isatty() else None).print(table)


@cli.command(name="link")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
def link_command(file: Any, fmt: str) -> None:
    """Link the given event mentions of FILE's documents into incidents: {"id", "incident"} lines out.

    Each line of FILE is {"id", "text", "published"?, "mentions": [{"id", "start", "end"}]}."""
    import json

    from . import link as linker
    from . import nlp

    try:
        docs = list(linker.read(file))
        nlp.load()
        assigned = linker.link(docs)
    except (linker.LinkInputError, nlp.ModelMissing) as exc:
        raise click.ClickException(str(exc)) from None
    for d in docs:
        for m in d.mentions:
            click.echo(json.dumps({"id": m.id, "incident": assigned[m.id]}))


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
