"""Readers: files and directories in, normalised ``Article`` objects out, one error per bad file."""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import settings
from .model import Article, content_id

SUFFIXES = {".txt", ".html", ".htm", ".jsonl"}

# Same-length replacements keep every character offset valid against the stored text.
_SPACES = dict.fromkeys(
    map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u3000\t\x0b\x0c"), " "
)
_SPACES.update({ord("\u200b"): " ", ord("\ufeff"): " ", ord("\r"): "\n"})

_BOILERPLATE = re.compile(
    r"^[ \t]*(read more|related( articles| stories| coverage)?|more on this( story)?|see also|"
    r"recommended|you may also like|most read|trending|follow us|share this( article)?"
    r"|sign up)\b[^\n]{0,40}$",
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
    """Normalise a metadata-given date to ISO; raise ReadError on nonsense. A date without a year
    ("yesterday", "Monday") is refused: read against the clock it would say when the file was read, not
    when the article was published."""
    if not value:
        return None
    if not re.search(r"\d{4}", str(value)):
        raise ReadError(f"cannot understand the date {value!r}: no year")
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


def _clean(name: str, value: object) -> str | None:
    """A metadata field as a string without NUL characters; anything but a string, number or null is refused,
    and so is text no UTF-8 file or database could hold (a lone surrogate, e.g. from a JSON "\\ud800")."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ReadError(f"'{name}' must be a string, not {type(value).__name__}")
    text = str(value).replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ReadError(f"'{name}' is not valid Unicode (lone surrogate at character {exc.start})") from None
    return text


def make_article(
    text: str,
    *,
    id: str | None = None,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
    source: str | None = None,
    path: str | None = None,
) -> Article:
    """Normalise and check one article's text and metadata; NUL characters are dropped."""
    text = normalise(_clean("text", text) or "")
    id, title, url, source = (
        _clean(k, v) for k, v in (("id", id), ("title", title), ("url", url), ("source", source))
    )
    published = _clean("published", published)
    if not text.strip():
        raise ReadError("empty: no text to read")
    if len(text) > settings.MAX_ARTICLE_CHARS:
        raise ReadError(
            f"too long for a news article ({len(text):,} characters > {settings.MAX_ARTICLE_CHARS:,})"
        )
    if _looks_non_english(text):
        raise ReadError("not English: Observatory reads English news only")
    inferred = False
    pub = parse_date(published)
    if pub is None:
        pub = infer_published(text)
        inferred = pub is not None
    return Article(
        id=id or content_id(text),
        text=text,
        title=title,
        published=pub,
        published_inferred=inferred,
        url=url,
        source=source,
        path=path,
        body_end=body_end(text),
    )


# Languages whose stop words (spaCy's lists) are weighed against English's; scripts other than Latin are told
# apart by their letters alone.
OTHER_LANGUAGES = ("de", "fr", "es", "it", "pt", "nl", "tr", "id", "sv", "pl")


def _looks_non_english(text: str) -> bool:
    """Not English when most letters are not Latin, or when another language's stop words outnumber
    English's and English's are rare: terse English (headlines, wire briefs) has few stop words, but other
    languages' texts have fewer of English's."""
    import importlib

    from spacy.lang.en.stop_words import STOP_WORDS

    words = re.findall(r"[^\W\d_]+", text[:20000].lower())
    letters = sum(len(w) for w in words)
    if not letters:
        return False
    latin = sum(len(w) for w in words if w.isascii() or all(c <= "\u024f" for c in w))
    if latin / letters < 0.5:
        return True
    if len(words) < 12:
        return False
    english = sum(w in STOP_WORDS for w in words) / len(words)
    if english >= 0.15:
        return False
    for code in OTHER_LANGUAGES:
        stop = importlib.import_module(f"spacy.lang.{code}.stop_words").STOP_WORDS
        if sum(w in stop and w not in STOP_WORDS for w in words) / len(words) > english:
            return True
    return False


def _decode(raw: bytes) -> str:
    """UTF-8 text without NUL bytes; a file whose start is thick with NULs, or not UTF-8 there, is binary."""
    nuls = raw[:8192].count(b"\x00")
    if nuls and (nuls * 100 > len(raw[:8192]) or not _utf8_prefix(raw[:8192])):
        raise ReadError("binary file, not text")
    raw = raw.replace(b"\x00", b"") if nuls or b"\x00" in raw else raw
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(f"not valid UTF-8 (byte {exc.start})") from None


def _utf8_prefix(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start > len(raw) - 4  # a character cut at the end of the sample
    return True


def _read_bytes(path: Path) -> bytes:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ReadError("not a regular file (a pipe, socket or device): not read")
        size = info.st_size
        if size > settings.MAX_FILE_BYTES and path.suffix.lower() != ".jsonl":
            raise ReadError(f"too large ({size // 2**20} MB > {settings.MAX_FILE_BYTES // 2**20} MB)")
        return path.read_bytes()
    except PermissionError:
        raise ReadError("permission denied") from None
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc)) from None


def read_txt(path: Path, published: str | None = None, force: bool = False) -> Iterator[Article]:
    """A text file; its first non-empty line is the headline. A text file carries no date metadata, so
    ``published`` (given by the user) applies, forced or not."""
    text = _decode(_read_bytes(path))
    title = next((line.strip() for line in text.splitlines() if line.strip()), None)
    yield make_article(text, title=title, published=published, path=str(path))


def read_html(path: Path, published: str | None = None, force: bool = False) -> Iterator[Article]:
    """An HTML page; main text, title and date through trafilatura. The page's own date wins over
    ``published`` unless ``force``."""
    import trafilatura

    raw = _read_bytes(path)
    html = _decode(raw)
    extracted = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, favor_precision=True
    )
    if not extracted or not getattr(extracted, "text", None):
        raise ReadError("no article text found in the HTML")
    title = extracted.title
    text = f"{title}\n\n{extracted.text}" if title else extracted.text
    date_ = published if force else extracted.date or published
    yield make_article(
        text, title=title, published=date_, url=extracted.url, source=extracted.sitename, path=str(path)
    )


def _jsonl_lines(path: Path) -> Iterator[tuple[int, str | ReadError]]:
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise ReadError("not a regular file (a pipe, socket or device): not read")
        with path.open("rb") as handle:
            for number, raw in enumerate(handle, 1):
                raw = raw.replace(b"\x00", b"")
                if raw.strip():
                    try:
                        yield number, _decode(raw)
                    except ReadError as exc:
                        yield number, exc
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc)) from None


def read_jsonl(path: Path, published: str | None = None, force: bool = False) -> Iterator[Article | Problem]:
    """One article per line: ``id``, ``text``, optional ``published``, ``title``, ``url``, ``source``; the
    line's ``published`` wins over ``published`` unless ``force``. A bad line is a ``Problem``; the next
    goes on."""
    for number, line in _jsonl_lines(path):
        where = f"{path}:{number}"
        try:
            if isinstance(line, ReadError):
                raise line
            obj = json.loads(line.rstrip())
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise ReadError("each line must be a JSON object with a 'text' string")
            body = obj["text"]
            title = _clean("title", obj.get("title"))
            if title and not body.startswith(title):
                body = f"{title}\n\n{body}"
            date_ = published if force and published else obj.get("published") or published
            yield make_article(
                body,
                id=obj.get("id"),
                title=title,
                published=date_,
                url=obj.get("url"),
                source=obj.get("source"),
                path=where,
            )
        except json.JSONDecodeError as exc:
            yield Problem(
                where, f"invalid JSON: {exc.msg} at column {exc.colno}; each line must be one JSON object"
            )
        except RecursionError:
            yield Problem(where, "invalid JSON: nested too deeply to read")
        except ReadError as exc:
            yield Problem(where, str(exc))


READERS = {".txt": read_txt, ".html": read_html, ".htm": read_html, ".jsonl": read_jsonl}


def _walk(root: Path) -> Iterator[Path | Problem]:
    """Files under ``root``, sorted, hidden ones (".git", ".DS_Store") left out, linked folders followed once;
    an unreadable subdirectory is a problem, its siblings are still read."""
    problems: list[Problem] = []

    def unreadable(exc: OSError) -> None:
        problems.append(Problem(str(exc.filename or root), f"directory not read: {exc.strerror or exc}"))

    seen: set[str] = set()
    for folder, dirs, files in os.walk(root, onerror=unreadable, followlinks=True):
        yield from problems
        problems.clear()
        real = os.path.realpath(folder)
        if real in seen:  # a link back into a folder already read
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(folder) / name
    yield from problems


def iter_files(paths: list[str]) -> Iterator[Path | Problem]:
    """Expand directories recursively; unknown paths, unsupported types and special files become problems."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for child in _walk(path):
                if isinstance(child, Problem):
                    yield child
                elif child.suffix.lower() not in SUFFIXES:
                    kinds = ", ".join(sorted(SUFFIXES))
                    yield Problem(str(child), f"skipped: not a type Observatory reads ({kinds})")
                elif child.is_file():
                    yield child
                elif child.is_symlink() and not child.exists():
                    yield Problem(str(child), "broken link: its target does not exist")
                else:
                    yield Problem(str(child), "not a regular file (a pipe, socket or device): not read")
        elif path.is_file():
            yield path
        elif path.exists():
            yield Problem(name, "not a regular file (a pipe, socket or device): not read")
        elif path.is_symlink():
            yield Problem(name, "broken link: its target does not exist")
        else:
            yield Problem(name, "no such file or directory")


def read_all(
    paths: list[str], published: str | None = None, force: bool = False
) -> Iterator[Article | Problem]:
    """Every article under ``paths``; a bad file yields a ``Problem`` and the rest goes on. ``published`` is
    for inputs that carry no date of their own; with ``force`` it replaces theirs."""
    for item in iter_files(paths):
        if isinstance(item, Problem):
            yield item
            continue
        reader = READERS.get(item.suffix.lower(), read_txt)
        try:
            yield from reader(item, published, force)
        except ReadError as exc:
            yield Problem(str(item), str(exc))
