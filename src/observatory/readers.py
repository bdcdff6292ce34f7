"""Readers: files and directories in, normalised ``Article`` objects out, one error per bad file."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import settings
from .model import Article, content_id

SUFFIXES = {".txt", ".html", ".htm", ".jsonl"}

# Same-length replacements keep every character offset valid against the stored text.
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u3000\t\x0b\x0c"), " ")
_SPACES.update({ord("\u200b"): " ", ord("\ufeff"): " ", ord("\r"): "\n"})

_BOILERPLATE = re.compile(
    r"^[ \t]*(read more|related( articles| stories| coverage)?|more on this( story)?|see also|"
    r"recommended|you may also like|most read|trending|follow us|share this( article)?|sign up)\b[^\n]{0,40}$",
    re.IGNORECASE | re.MULTILINE,
)
_DATELINE = re.compile(
    r"\b((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2},? \d{4}|"
    r"\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]* \d{4}|\d{4}-\d{2}-\d{2})\b"
)


class ReadError(Exception):
    """A user's file that cannot be read; the message is shown as is."""


@dataclass
class Problem:
    path: str
    message: str


def normalise(text: str) -> str:
    """Replace exotic white space one-for-one so offsets stay valid."""
    return text.translate(_SPACES)


def body_end(text: str) -> int | None:
    """Offset where a trailing link list or boilerplate block starts, or None if there is none.

    A marker line ("Read more:", "Related stories", …) counts only when what follows it is a short
    tail of the article, so a stray "see also" mid-text does not cut the report.
    """
    for match in _BOILERPLATE.finditer(text):
        tail = len(text) - match.start()
        if match.start() > len(text) * 0.3 and tail < max(800, len(text) * 0.25):
            return match.start()
    return None


def infer_published(text: str) -> str | None:
    """A publication date from a dateline or dated caption near the top, ISO or None."""
    import dateparser

    for match in _DATELINE.finditer(text[:3000]):
        parsed = dateparser.parse(match.group(1), languages=["en"], settings={"STRICT_PARSING": True})
        if parsed and 1900 < parsed.year <= date.today().year + 1:
            return parsed.date().isoformat()
    return None


def parse_date(value: str | None) -> str | None:
    """Normalise a user- or metadata-given date to ISO; raise ReadError on nonsense."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(str(value), languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})
    if parsed:
        return parsed.date().isoformat()
    found = infer_published(str(value))  # "Nov 22, 2016 4:30 PM MT": the date part alone
    if not found:
        raise ReadError(f"cannot understand the date {value!r}")
    return found


def make_article(text: str, *, id: str | None = None, title: str | None = None, published: str | None = None,
                 url: str | None = None, source: str | None = None, path: str | None = None) -> Article:
    """Normalise and check one article's text and metadata."""
    text = normalise(text)
    if not text.strip():
        raise ReadError("empty: no text to read")
    if len(text) > settings.MAX_ARTICLE_CHARS:
        raise ReadError(f"too long for a news article ({len(text):,} characters > {settings.MAX_ARTICLE_CHARS:,})")
    if _looks_non_english(text):
        raise ReadError("not English: Observatory reads English news only")
    inferred = False
    pub = parse_date(published)
    if pub is None:
        pub = infer_published(text)
        inferred = pub is not None
    return Article(id=id or content_id(text), text=text, title=title, published=pub, published_inferred=inferred,
                   url=url, source=source, path=path, body_end=body_end(text))


def _looks_non_english(text: str) -> bool:
    """English news is about 40 % stop words; other languages share few of them. Short texts are not judged."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = re.findall(r"[^\W\d_]+", text[:20000].lower())
    if len(words) < 30:
        return False
    return sum(w in STOP_WORDS for w in words) / len(words) < 0.15


def _decode(raw: bytes) -> str:
    if b"\x00" in raw[:8192]:
        raise ReadError("binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"not valid UTF-8 (byte {exc.start})") from None


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > settings.MAX_FILE_BYTES and path.suffix.lower() != ".jsonl":
            raise ReadError(f"too large ({size // 2**20} MB > {settings.MAX_FILE_BYTES // 2**20} MB)")
        return path.read_bytes()
    except PermissionError:
        raise ReadError("permission denied") from None
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc)) from None


def read_txt(path: Path, published: str | None = None) -> Iterator[Article]:
    """A text file; its first non-empty line is the headline."""
    text = _decode(_read_bytes(path))
    title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    yield make_article(text, title=title, published=published, path=str(path))


def read_html(path: Path, published: str | None = None) -> Iterator[Article]:
    """An HTML page; main text, title and date through trafilatura."""
    import trafilatura

    raw = _read_bytes(path)
    html = _decode(raw)
    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    if not extracted or not getattr(extracted, "text", None):
        raise ReadError("no article text found in the HTML")
    title = extracted.title
    text = f"{title}\n\n{extracted.text}" if title else extracted.text
    yield make_article(text, title=title, published=published or extracted.date, url=extracted.url,
                       source=extracted.sitename, path=str(path))


def _jsonl_lines(path: Path) -> Iterator[tuple[int, str | ReadError]]:
    try:
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, 1):
                if raw.strip():
                    try:
                        yield number, _decode(raw)
                    except ReadError as exc:
                        yield number, exc
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc)) from None


def read_jsonl(path: Path, published: str | None = None) -> Iterator[Article | Problem]:
    """One article per line: ``id``, ``text``, optional ``published``, ``title``, ``url``, ``source``."""
    for number, line in _jsonl_lines(path):
        where = f"{path}:{number}"
        try:
            if isinstance(line, ReadError):
                raise line
            obj = json.loads(line)
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise ReadError("each line must be a JSON object with a 'text' string")
            body = obj["text"]
            if obj.get("title") and not body.startswith(str(obj["title"])):
                body = f"{obj['title']}\n\n{body}"
            yield make_article(body, id=str(obj["id"]) if obj.get("id") is not None else None, title=obj.get("title"),
                               published=obj.get("published") or published, url=obj.get("url"),
                               source=obj.get("source"), path=where)
        except json.JSONDecodeError as exc:
            yield Problem(where, f"invalid JSON ({exc.msg})")
        except ReadError as exc:
            yield Problem(where, str(exc))


READERS = {".txt": read_txt, ".html": read_html, ".htm": read_html, ".jsonl": read_jsonl}


def iter_files(paths: list[str]) -> Iterator[Path | Problem]:
    """Expand directories recursively; unknown paths become problems."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            try:
                children = sorted(path.rglob("*"))
            except OSError as exc:
                yield Problem(name, exc.strerror or str(exc))
                continue
            for child in children:
                if child.suffix.lower() not in SUFFIXES:
                    continue
                if child.is_file():
                    yield child
                elif child.is_symlink():
                    yield Problem(str(child), "broken link: its target does not exist")
        elif path.is_file():
            yield path
        else:
            yield Problem(name, "no such file or directory")


def read_all(paths: list[str], published: str | None = None) -> Iterator[Article | Problem]:
    """Every article under ``paths``; a bad file yields a ``Problem`` and the rest goes on."""
    for item in iter_files(paths):
        if isinstance(item, Problem):
            yield item
            continue
        reader = READERS.get(item.suffix.lower(), read_txt)
        try:
            yield from reader(item, published)
        except ReadError as exc:
            yield Problem(str(item), str(exc))
