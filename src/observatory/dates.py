"""Dates: find time expressions, normalise them to TIMEX3 values against the publication date."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from typing import Any

from .lang.en.dates_words import (
    ANAPHORIC_RE,
    DEADLINE_VERBS_RE,
    FUTURE_AUX,
    FUTURE_HEADS,
    MODALS,
    MONTH_ABBR,
    NUMBER_RE,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    PATTERNS,
    PREPOSITIONS,
    REQUIRES,
    SCHEDULED,
    SEASONS,
    TENS,
    UNIT,
    UNITS_RE,
    UNITS_WORD,
    WEEKDAY_RE,
    WEEKDAYS,
)
from .model import TimeExpr


def _lowered(pattern: str) -> str:
    """The pattern for lower-cased text: its literal letters lower-cased, escapes (``\\S``, ``\\D``) kept."""
    return re.sub(
        r"\\.|[A-Z]", lambda m: m.group(0) if m.group(0)[0] == "\\" else m.group(0).lower(), pattern
    )


# each kind: its pattern, and the same pattern for the lower-cased text, scanned without IGNORECASE (much
# faster); a match found there is matched again at its place in the text itself, for the case its rules read
_COMPILED = [
    (kind, re.compile(pattern, re.IGNORECASE), re.compile(_lowered(pattern))) for kind, pattern in PATTERNS
]


def _month(text: str) -> int:
    return MONTH_ABBR[
        text.lower().rstrip(".")[:4] if text.lower().startswith("sept") else text.lower().rstrip(".")[:3]
    ]


def _num(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    tens, _, units = text.lower().replace("-", " ").partition(" ")
    if units in UNITS_WORD and tens in TENS:  # "twenty-five"
        return NUMBERS[tens] + NUMBERS[units]
    return NUMBERS.get(text.lower())


def _unit(text: str) -> str:
    """The singular of a unit word: "centuries" is "century"."""
    return "century" if text == "centuries" else text.rstrip("s")


def _week(d: date) -> tuple[str, date, date]:
    year, week, _ = d.isocalendar()
    monday = d - timedelta(days=d.weekday())
    return f"{year}-W{week:02d}", monday, monday + timedelta(days=6)


def _month_bounds(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    total = year * 12 + month - 1 + delta
    return total // 12, total % 12 + 1


def _dateparser(text: str, anchor: date, tense: str) -> date | None:
    import dateparser

    prefer = {"past": "past", "future": "future"}.get(tense, "current_period")
    from datetime import datetime

    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "RELATIVE_BASE": datetime(anchor.year, anchor.month, anchor.day),
            "PREFER_DATES_FROM": prefer,
            "REQUIRE_PARTS": ["day", "month"],
            "STRICT_PARSING": False,
        },
    )
    return parsed.date() if parsed else None


def _year_for_month(month: int, anchor: date, tense: str) -> int:
    """The year of a bare month name: the latest past one, the next future one, else the nearest."""
    if tense == "past":
        return anchor.year - 1 if month > anchor.month + 1 else anchor.year
    if tense == "future":
        return anchor.year + 1 if month < anchor.month else anchor.year
    return min(
        (anchor.year - 1, anchor.year, anchor.year + 1),
        key=lambda y: abs((y * 12 + month) - (anchor.year * 12 + anchor.month)),
    )


def _year_of_day(parsed: date, anchor: date, tense: str) -> date:
    """A month and day with no year: the latest one in past-tense reports (or one shortly ahead), the next one
    in the future tense, else the nearest."""
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(parsed.replace(year=year))
        except ValueError:
            pass
    if tense == "past":
        before = [d for d in options if d <= anchor + timedelta(days=60)]
        return max(before) if before else parsed
    if tense == "future":
        after = [d for d in options if d >= anchor - timedelta(days=1)]
        return min(after) if after else parsed
    return min(options, key=lambda d: abs((d - anchor).days))


def _weekday_date(target: int, which: str, anchor: date, tense: str, possessive: bool = False) -> date:
    """The date of weekday ``target`` (0 is Monday) said with ``which`` ("last", "next", "on", ...)."""
    back, ahead = (anchor.weekday() - target) % 7, (target - anchor.weekday()) % 7
    if which in ("next", "coming", "this coming") or (tense == "future" and which not in ("last", "since")):
        return anchor + timedelta(days=ahead or (7 if which == "next" else 0))
    if tense == "present" and not which and not possessive and ahead < back:
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=back or (7 if which == "last" else 0))


def _day(d: date, text: str, s: int, e: int) -> TimeExpr:
    iso = d.isoformat()
    return TimeExpr(text, s, e, "DATE", iso, iso, iso, "day")


def _weekday(m: re.Match[str], g: list[str | None], anchor: date, tense: str) -> TimeExpr:
    """A weekday: the latest one in past-tense reports, the next one in future or "this coming"; in the
    present tense the nearest one (a possessive "Friday's" is always a past one)."""
    which = g[0] or ""
    d = _weekday_date(WEEKDAYS.index(g[1]), which, anchor, tense, m.string.startswith("'s", m.end()))
    expr = _day(d, m.group(0), m.start(), m.end())
    if which in ("on", "by", "since", "until"):
        cut = len(which) + 1
        expr.text, expr.start = expr.text[cut:], expr.start + cut
    return expr


def _normalise(kind: str, m: re.Match[str], anchor: date | None, tense: str) -> TimeExpr | None:
    text, s, e = m.group(0), m.start(), m.end()
    g = [x.lower() if x else x for x in m.groups()]
    if kind == "set":
        unit = re.search(r"day|week|month|quarter|year", g[0])
        if g[0] in ("quarterly", "hourly"):
            return TimeExpr(text, s, e, "SET", "P3M" if g[0] == "quarterly" else "PT1H", precision="unknown")
        code = {"daily": "D", "weekly": "W", "monthly": "M", "annually": "Y"}.get(g[0]) or UNIT[unit.group(0)]
        return TimeExpr(text, s, e, "SET", f"P1{code}", precision="unknown")
    if kind == "frequency":
        n, unit = (1, g[0]) if g[0] else (_num(g[1]), _unit(g[2]))
        value = f"P{n if n is not None else 'X'}{UNIT.get(unit, 'X')}"
        if unit in ("hour", "minute"):
            value = "PT" + value[1:]
        return TimeExpr(text, s, e, "SET", value, precision="unknown")
    if kind == "q_year":
        return TimeExpr(text, s, e, "DATE", f"{g[1]}-Q{g[0]}", precision="unknown")
    if kind == "weekly_day":  # "every Thursday", "on Tuesdays", "Friday nights": that day of every week
        words = text.lower().split()
        day = next(i + 1 for i, d in enumerate(WEEKDAYS) if any(w.startswith(d) for w in words))
        part = next((f"T{code}" for p, code in PARTS_OF_DAY.items() if words[-1].startswith(p)), "")
        return TimeExpr(text, s, e, "SET", f"XXXX-WXX-{day}{part}", precision="unknown")
    if kind == "yearly_month":  # "each July": that month of every year
        return TimeExpr(text, s, e, "SET", f"XXXX-{_month(g[0]):02d}", precision="unknown")
    if kind in ("duration", "duration_adj"):
        n, unit = _num(g[0]), _unit(g[1])
        if unit == "decade" and n is not None:
            return TimeExpr(text, s, e, "DURATION", f"P{n * 10}Y", precision="unknown")
        value = f"P{n if n is not None else 'X'}{UNIT.get(unit, 'X')}"
        if unit in ("hour", "minute"):
            value = f"PT{n if n is not None else 'X'}{UNIT[unit]}"
        return TimeExpr(text, s, e, "DURATION", value, precision="unknown")
    if kind == "recent_span":
        unit = {"days": "D", "weeks": "W", "months": "M", "years": "Y", "decades": "DE"}[g[0]]
        return TimeExpr(text, s, e, "DURATION", f"PX{unit}", precision="unknown")
    if kind == "clock":
        if anchor is None:
            return TimeExpr(text, s, e, "TIME", None, precision="unknown")
        hour_text, minute_text, half = (g[0], g[1], g[2]) if g[0] else (g[3], g[4], g[5])
        if g[6]:
            hour, minute = (12 if g[6] == "noon" else 24), 0  # TIMEX3 writes midnight as the end of its day
        else:
            if int(hour_text) > 12:
                return None
            hour, minute = int(hour_text) % 12 + (12 if half == "p" else 0), int(minute_text or 0)
        if "(" in text:  # the day after a parenthesis is an expression of its own; the clock time is on it
            text = text[: text.index("(")].rstrip()
            e = s + len(text)
        day = anchor
        if g[7]:  # "9 a.m. Tuesday", "10:35 a.m. (0735 GMT) Friday": that weekday, as a weekday alone
            day = _weekday_date(WEEKDAYS.index(g[7]), "", anchor, tense)
        elif g[8]:  # "5 p.m. EST, Nov. 6"
            try:
                day = date(int(g[10] or anchor.year), _month(g[8]), int(g[9]))
                day = day if g[10] else _year_of_day(day, anchor, tense)
            except ValueError:
                return None
        return TimeExpr(
            text,
            s,
            e,
            "TIME",
            f"{day.isoformat()}T{hour:02d}:{minute:02d}",
            day.isoformat(),
            day.isoformat(),
            "day",
        )
    if kind == "part_of_day":
        if anchor is None:
            return TimeExpr(text, s, e, "TIME", None, precision="unknown")
        which, part = (g[0], g[1]) if g[0] else ("this", "night")
        day = anchor + timedelta(
            days={"last": -1 if part == "night" else 0, "yesterday": -1, "tomorrow": 1}.get(which, 0)
        )
        if which == "last" and part != "night":
            day = anchor - timedelta(days=1)
        code = PARTS_OF_DAY[part]
        return TimeExpr(
            text, s, e, "TIME", f"{day.isoformat()}T{code}", day.isoformat(), day.isoformat(), "day"
        )
    if kind == "year_end" and anchor is not None:
        return TimeExpr(
            text, s, e, "DATE", str(anchor.year), f"{anchor.year}-12-01", f"{anchor.year}-12-31", "month"
        )
    if (
        kind == "spelled_year"
    ):  # "nineteen ninety-six", "January nineteen ninety-seven", "the year two thousand"
        counted = re.match(r"\s+[a-z]", m.string[m.end() : m.end() + 2]) and not text.lower().startswith(
            "the year"
        )
        if not g[1] and not g[0] and (counted or not text.lower().startswith(("the year", "in ", "by "))):
            return None  # "two thousand" alone, or counting something ("in two thousand troops"), is a number
        year = 1900 + 10 * (TENS.index(g[1]) + 1) if g[1] else 2000
        year += UNITS_WORD.index(g[2] or g[3]) + 1 if (g[2] or g[3]) else 0
        if g[0] and g[0] in SEASONS:
            return TimeExpr(text, s, e, "DATE", f"{year}-{SEASONS[g[0]]}", precision="unknown")
        if g[0]:
            first, last = _month_bounds(year, _month(g[0]))
            return TimeExpr(
                text, s, e, "DATE", f"{year}-{first.month:02d}", first.isoformat(), last.isoformat(), "month"
            )
        if text.lower().startswith(("in ", "by ")):
            text, s = text[3:], s + 3
        return TimeExpr(text, s, e, "DATE", str(year), f"{year}-01-01", f"{year}-12-31", "year")
    if kind == "holiday" and anchor is not None:
        name = g[1].lower()

        def on(year: int) -> date:
            if name.startswith("thanksgiving"):
                first = date(year, 11, 1)
                return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
            if name.startswith("christmas"):
                return date(year, 12, 24 if name.endswith("eve") else 25)
            if name.startswith("independence"):
                return date(year, 7, 4)
            return date(year, 12, 31) if name.endswith("eve") else date(year, 1, 1)

        which = (g[0] or "").lower()
        day = on(anchor.year)
        if which == "last" or (not which and tense == "past" and day > anchor):
            day = on(anchor.year - 1) if day >= anchor else day
        elif which == "next" or (not which and tense == "future" and day < anchor):
            day = on(anchor.year + 1) if day <= anchor else day
        return _day(day, text, s, e)
    if kind == "plural_span":
        return TimeExpr(
            text,
            s,
            e,
            "DURATION",
            {"hours": "PTXH", "minutes": "PTXM"}.get(g[0])
            or f"PX{ {'days': 'D', 'weeks': 'W', 'months': 'M', 'years': 'Y', 'decades': 'DE'}[g[0]] }",
            precision="unknown",
        )
    if kind == "bare_year":
        year = int(g[0])
        if anchor is not None and not (1900 <= year <= anchor.year + 10):
            return None
        return TimeExpr(text, s, e, "DATE", str(year), f"{year}-01-01", f"{year}-12-31", "year")
    if kind == "vague_future":
        return TimeExpr(text, s, e, "DATE", "FUTURE_REF", precision="unknown")
    if kind == "year_quarter":
        year = (
            int(g[0])
            if g[0]
            else (anchor.year + {"last": -1, "this": 0, "next": 1}[g[1]] if anchor else None)
        )
        if year is None:
            return TimeExpr(text, s, e, "DATE", None, precision="unknown")
        q = (
            ORDINALS.index(g[2]) + 1 if g[2] else "?"
        )  # "the 1988 period": the quarter in focus, resolved later
        return TimeExpr(text, s, e, "DATE", f"{year}-Q{q}", precision="unknown")
    if kind == "half":
        year = g[1] or g[3] or (anchor.year if anchor else None)
        if year is None:
            return TimeExpr(text, s, e, "DATE", None, precision="unknown")
        half = 1 if g[0] == "first" or g[3] else 2
        return TimeExpr(text, s, e, "DATE", f"{year}-H{half}", precision="unknown")
    if kind == "current_period" and anchor is not None:
        if g[0] == "year":
            return TimeExpr(
                text, s, e, "DATE", str(anchor.year), f"{anchor.year}-01-01", f"{anchor.year}-12-31", "year"
            )
        if g[0] == "month":
            first, last = _month_bounds(anchor.year, anchor.month)
            return TimeExpr(
                text, s, e, "DATE", first.isoformat()[:7], first.isoformat(), last.isoformat(), "month"
            )
        return TimeExpr(
            text, s, e, "DATE", f"{anchor.year}-Q{(anchor.month - 1) // 3 + 1}", precision="unknown"
        )
    if kind == "year_ago" and anchor is not None:
        current = (anchor.month - 1) // 3 + 1
        year, q = (anchor.year, current - 1) if current > 1 else (anchor.year - 1, 4)
        return TimeExpr(text, s, e, "DATE", f"{year - 1}-Q{q}", precision="unknown")
    if kind == "weekend" and anchor is not None:
        which = g_all[0] if (g_all := text.lower().split()) else "the"
        delta = {"last": -1, "next": 1}.get(
            which, 1 if tense == "future" else (-1 if anchor.weekday() < 5 and tense == "past" else 0)
        )
        value, first, last = _week(anchor + timedelta(weeks=delta))
        return TimeExpr(
            text,
            s,
            e,
            "DATE",
            value + "-WE",
            (last - timedelta(days=1)).isoformat(),
            last.isoformat(),
            "week",
        )
    if kind == "future":
        return TimeExpr(text, s, e, "DATE", "FUTURE_REF", precision="unknown")
    if kind == "duration_bare":
        n, unit = _num(g[0]), _unit(g[1])
        if unit == "decade" and n is not None:
            return TimeExpr(text, s, e, "DURATION", f"P{n * 10}Y", precision="unknown")
        if unit in ("hour", "minute"):
            return TimeExpr(
                text, s, e, "DURATION", f"PT{n if n is not None else 'X'}{UNIT[unit]}", precision="unknown"
            )
        return TimeExpr(
            text,
            s,
            e,
            "DURATION",
            f"P{n if n is not None else 'X'}{UNIT.get(unit, 'X')}",
            precision="unknown",
        )
    if kind == "present":
        return TimeExpr(text, s, e, "DATE", "PRESENT_REF", precision="unknown")
    if kind == "past":
        return TimeExpr(text, s, e, "DATE", "PAST_REF", precision="unknown")
    if kind == "decade":  # TIMEX3 writes a decade as its first three digits: "the 1990s" is "199"
        if g[0]:
            first = int(g[0])
        elif g[1]:  # "the '80s": the latest such decade that has begun by the publication date
            first = 1900 + 10 * int(g[1])
            if anchor is not None and first + 100 <= anchor.year:
                first += 100
        else:
            first = 1900 + 10 * (TENS.index(g[2][:-3] + "y") + 1)
        if first % 100 == 0 and first < 2000:  # "the 1800s" is a century, written as its first two digits
            return TimeExpr(
                text, s, e, "DATE", str(first)[:2], f"{first}-01-01", f"{first + 99}-12-31", "year"
            )
        return TimeExpr(text, s, e, "DATE", str(first)[:3], f"{first}-01-01", f"{first + 9}-12-31", "year")
    if kind in ("mdy", "dmy", "iso"):
        if kind == "iso":
            year, month, day = int(g[0]), int(g[1]), int(g[2])
        elif kind == "mdy":
            month, day, year = _month(g[0]), int(g[1]), int(g[2])
        else:
            day, month, year = int(g[0]), _month(g[1]), int(g[2])
        try:
            return _day(date(year, month, day), text, s, e)
        except ValueError:
            return None
    if kind == "my":
        year, month = int(g[2]), _month(g[1])
        first, last = _month_bounds(year, month)
        return TimeExpr(
            text, s, e, "DATE", f"{year}-{month:02d}", first.isoformat(), last.isoformat(), "month"
        )
    if kind == "year":
        year = int(g[1])
        if g[0] in PREPOSITIONS or g[0] in ("and", "to"):
            text, s = m.group(2), m.start(2)
        return TimeExpr(text, s, e, "DATE", str(year), f"{year}-01-01", f"{year}-12-31", "year")
    if kind == "quarter":
        if not g[0] or g[0] in ("latest", "last", "past", "previous"):
            if anchor is None:
                return TimeExpr(text, s, e, "DATE", None, precision="unknown")
            current = (anchor.month - 1) // 3 + 1
            year, q = (anchor.year, current - 1) if current > 1 else (anchor.year - 1, 4)
            return TimeExpr(text, s, e, "DATE", f"{year}-Q{q}", precision="unknown")
        q = int({"first": "1", "second": "2", "third": "3", "fourth": "4"}.get(g[0], g[0][0]))
        if g[1]:
            year = g[1]
        elif anchor is not None:
            year = str(anchor.year if q <= (anchor.month - 1) // 3 + 1 else anchor.year - 1)
        else:
            year = "XXXX"
        return TimeExpr(text, s, e, "DATE", f"{year}-Q{q}", precision="unknown")
    if kind == "numeric":
        year = int(g[2]) if len(g[2]) == 4 else 2000 + int(g[2])
        if len(g[2]) == 2 and year > (anchor.year if anchor else date.today().year) + 10:
            year -= 100
        try:
            return _day(date(year, int(g[0]), int(g[1])), text, s, e)
        except ValueError:
            return None
    if kind == "decade_span":  # "the past decade": the ten years up to now
        return TimeExpr(text, s, e, "DURATION", "P10Y" if g[0] == "decade" else "P100Y", precision="unknown")
    if anchor is None:
        return TimeExpr(text, s, e, "DATE", None, precision="unknown")
    if kind == "end_of":  # "the end of the month": a part of the current month, written as that month
        if g[0] == "year":
            return TimeExpr(
                text, s, e, "DATE", str(anchor.year), f"{anchor.year}-01-01", f"{anchor.year}-12-31", "year"
            )
        if g[0] == "week":
            value, first, last = _week(anchor)
            return TimeExpr(text, s, e, "DATE", value, first.isoformat(), last.isoformat(), "week")
        first, last = _month_bounds(anchor.year, anchor.month)
        return TimeExpr(
            text, s, e, "DATE", first.isoformat()[:7], first.isoformat(), last.isoformat(), "month"
        )
    if kind == "week_of":  # "the week of March 6": the week holding that day
        try:
            day = date(int(g[2] or anchor.year), _month(g[0]), int(g[1]))
        except ValueError:
            return None
        value, first, last = _week(day if g[2] else _year_of_day(day, anchor, tense))
        return TimeExpr(text, s, e, "DATE", value, first.isoformat(), last.isoformat(), "week")
    if kind == "weekday_after":  # resolved against the day the story last mentioned, in _resolve_anaphora
        return TimeExpr(text, s, e, "DATE", None, precision="unknown")
    if kind == "range_days":
        month = _month(g[2])
        year = int(g[3]) if g[3] else _year_for_month(month, anchor, tense)
        try:
            a, b = date(year, month, int(g[0])), date(year, month, int(g[1]))
        except ValueError:
            return None
        return TimeExpr(text, s, e, "DATE", a.isoformat(), a.isoformat(), b.isoformat(), "day")
    if kind in ("md", "dm", "wd_md"):
        parsed = _dateparser(f"{g[0]} {g[1]}" if kind == "wd_md" else text, anchor, tense)
        if not parsed:
            return None
        return _day(_year_of_day(parsed, anchor, tense), text, s, e)
    if kind == "bare_month":
        month = _month(g[0])
        year = _year_for_month(month, anchor, tense)
        first, last = _month_bounds(year, month)
        return TimeExpr(
            text, s, e, "DATE", f"{year}-{month:02d}", first.isoformat(), last.isoformat(), "month"
        )
    if kind == "month_of_rel_year":  # "June last year", "January this year"
        month, year = _month(g[0]), anchor.year + {"last": -1, "this": 0, "next": 1}[g[1]]
        first, last = _month_bounds(year, month)
        return TimeExpr(
            text, s, e, "DATE", f"{year}-{month:02d}", first.isoformat(), last.isoformat(), "month"
        )
    if kind == "month":
        month = _month(g[0])
        word = text.split()[0].lower()
        if word == "last":
            year = anchor.year if month < anchor.month else anchor.year - 1
        elif word == "next":
            year = anchor.year if month > anchor.month else anchor.year + 1
        elif word == "this":
            year = anchor.year
        else:
            year = _year_for_month(month, anchor, tense)
        first, last = _month_bounds(year, month)
        if word in PREPOSITIONS:
            text, s = text[len(word) + 1 :].lstrip(), s + len(text) - len(text[len(word) + 1 :].lstrip())
        return TimeExpr(
            text, s, e, "DATE", f"{year}-{month:02d}", first.isoformat(), last.isoformat(), "month"
        )
    if kind == "season":
        year = int(g[2]) if g[2] else anchor.year - (g[0] == "last") + (g[0] == "next")
        return TimeExpr(text, s, e, "DATE", f"{year}-{SEASONS[g[1]]}", precision="unknown")
    if kind in ("rel", "rel_part"):
        which, unit = (g[0], g[1]) if kind == "rel" else (g[1], g[2])
        delta = {"last": -1, "past": -1, "previous": -1, "this": 0, "coming": 1, "next": 1}[which]
        if unit in ("week", "weekend"):
            value, first, last = _week(anchor + timedelta(weeks=delta))
            if unit == "weekend":
                value, first = value + "-WE", last - timedelta(days=1)
            return TimeExpr(text, s, e, "DATE", value, first.isoformat(), last.isoformat(), "week")
        if unit == "month":
            year, month = _shift_month(anchor.year, anchor.month, delta)
            first, last = _month_bounds(year, month)
            return TimeExpr(
                text, s, e, "DATE", f"{year}-{month:02d}", first.isoformat(), last.isoformat(), "month"
            )
        year = anchor.year + delta
        return TimeExpr(text, s, e, "DATE", str(year), f"{year}-01-01", f"{year}-12-31", "year")
    if kind == "ago":
        n = _num(g[0])
        unit = _unit(g[1])
        sign = 1 if g[2] in ("later", "from now") else -1
        if n is None:
            return TimeExpr(text, s, e, "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", precision="unknown")
        if unit in ("hour", "minute"):  # "two hours later": no clock time to count from, so its length
            return TimeExpr(text, s, e, "DURATION", f"PT{n}{UNIT[unit]}", precision="unknown")
        if unit == "day":
            return _day(anchor + timedelta(days=sign * n), text, s, e)
        if unit == "week":
            value, first, last = _week(anchor + timedelta(weeks=sign * n))
            return TimeExpr(text, s, e, "DATE", value, first.isoformat(), last.isoformat(), "week")
        if unit == "month":
            year, month = _shift_month(anchor.year, anchor.month, sign * n)
            first, last = _month_bounds(year, month)
            return TimeExpr(
                text, s, e, "DATE", f"{year}-{month:02d}", first.isoformat(), last.isoformat(), "month"
            )
        if unit in ("year", "decade", "century"):  # "a decade ago": the year ten years back
            year = anchor.year + sign * n * {"year": 1, "decade": 10, "century": 100}[unit]
            return TimeExpr(text, s, e, "DATE", str(year), f"{year}-01-01", f"{year}-12-31", "year")
        return TimeExpr(text, s, e, "DATE", None, precision="unknown")
    if kind == "weekday":
        return _weekday(m, g, anchor, tense)
    if kind == "deictic":
        offset = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(g[0], 0)
        return _day(anchor + timedelta(days=offset), text, s, e)
    if kind == "anaphoric":  # resolved against the date the story last mentioned, in _resolve_anaphora
        return TimeExpr(text, s, e, "DATE", None, precision="unknown")
    if kind == "year_ended":  # "the year ended March 31": a twelve-month period
        return TimeExpr(text, s, e, "DURATION", "P1Y", precision="unknown")
    if kind == "whole_year":  # "for the year", "the full year": the current (reporting) year
        return TimeExpr(
            text, s, e, "DATE", str(anchor.year), f"{anchor.year}-01-01", f"{anchor.year}-12-31", "year"
        )
    if kind == "century":  # TIMEX3 writes a century as its first two digits: "the 20th century" is "19"
        return TimeExpr(text, s, e, "DATE", f"{int(g[0]) - 1:02d}", precision="unknown")
    if kind == "following":
        unit = g[1] or "day"
        sign = -1 if g[0] == "previous" else 1
        if unit == "day":
            return _day(anchor + timedelta(days=sign), text, s, e)
        return TimeExpr(text, s, e, "DATE", None, precision="unknown")
    return None


_FEAST = re.compile(rf"^(?:{dict(PATTERNS)['holiday']})$", re.IGNORECASE)
_TIME_WORDS = {*UNIT, *PARTS_OF_DAY, *SEASONS, "eve", "season", "holiday", "weekend", "period", "break"}


def is_feast(text: str) -> bool:
    """A feast day's name ("Christmas", "Thanksgiving Day")."""
    return bool(_FEAST.match(text))


def is_time_word(lemma: str) -> bool:
    """A noun for a stretch of time ("day", "week", "season", "morning")."""
    return lemma in _TIME_WORDS


def is_day(value: str) -> bool:
    """A TIMEX3 value naming one calendar day ("2016-12-11")."""
    return bool(_DAY.fullmatch(value))


def find(text: str, anchor: date | None, tense_at: Any = None) -> list[TimeExpr]:
    """All time expressions in ``text``; ``tense_at(start, end)`` gives 'past' | 'future' | 'present'."""
    taken = [False] * (len(text) + 1)
    out: list[TimeExpr] = []
    lowered = text.lower()
    aligned = len(lowered) == len(text)
    for kind, regex, fast in _COMPILED:
        if (words := REQUIRES.get(kind)) and not any(w in lowered for w in words):
            continue
        found = (
            (regex.match(text, f.start()) for f in fast.finditer(lowered))
            if aligned
            else regex.finditer(text)
        )
        for m in found:
            if m is None:
                continue
            if any(taken[m.start() : m.end()]):
                continue
            if (
                kind in ("month", "md")
                and m.group(0).split()[-1 if kind == "month" else 0].lower().rstrip(".") == "may"
                and not m.group(0)[m.group(0).lower().rfind("may")].isupper()
            ):
                continue
            if kind in ("month", "month_of_rel_year") and m.group(1)[:1].islower():
                continue  # a month is capitalised: "may" and "march" in lower case are verbs
            if kind == "quarter" and m.group(0).lower() == "quarter":
                continue  # "a quarter", "in a quarter that lost money": no particular quarter
            if kind.startswith("duration") and re.search(r"\ban? quarter\b", m.group(0), re.I):
                continue  # "a quarter of the vote", "a quarter-century": a fraction, not three months
            if kind == "age":  # "a 6-year-old boy": an age, not a time expression
                for i in range(m.start(), m.end()):
                    taken[i] = True
                continue
            tense = tense_at(m.start(), m.end()) if tense_at else "past"
            before = text[max(0, m.start() - 80) : m.start()]
            if _DEADLINE.search(before + ("until " if m.group(0).lower().startswith("until ") else "")):
                tense = "future"  # "postponed until Tuesday", "given until 9 a.m. Friday": a deadline ahead
            expr = _normalise(kind, m, anchor, tense)
            if expr:
                # a clock time before a parenthesis ("10:35 a.m. (0735 GMT) Friday") leaves the day after it
                # an expression of its own
                for i in range(m.start(), expr.end if kind == "clock" else m.end()):
                    taken[i] = True
                out.append(expr)
    out.sort(key=lambda t: t.start)
    out = _resolve_anaphora(_quarter_comparisons(_counted_from_last_date(out, anchor), text), anchor)
    for t in out:
        if t.value and t.value.endswith("-Q?"):  # "the 1988 period" with no quarter in focus: that year
            t.value = t.value[:4]
    return out


_DEADLINE = re.compile(rf"\b(?:{DEADLINE_VERBS_RE})\w*\b[^.;!?]{{0,60}}?\buntil\s+$", re.I)
_COUNTED_BACK = re.compile(rf"^({NUMBER_RE}) ({UNITS_RE})(?: or so)? (earlier|later)$", re.I)


def _base_date(value: str, unit: str) -> date:
    """The date a value stands for at the grain of ``unit``: its year for years ("2016", "2016-Q3"), its month
    for months, its day for weeks and days."""
    if unit == "year":
        return date(int(value[:4]), 1, 1)
    if unit == "month":
        return date(int(value[:4]), int(value[5:7]), 1)
    return date.fromisoformat(value[:10])


def _set_shifted(t: TimeExpr, unit: str, base: date, step: int) -> None:
    """Make ``t`` the day, week, month or year ``step`` units from the one ``base`` falls in."""
    if unit == "year":
        year = base.year + step
        t.value, t.range_start, t.range_end, t.precision = str(year), f"{year}-01-01", f"{year}-12-31", "year"
    elif unit == "month":
        first, last = _month_bounds(*_shift_month(base.year, base.month, step))
        t.value, t.range_start, t.range_end = first.isoformat()[:7], first.isoformat(), last.isoformat()
        t.precision = "month"
    elif unit == "week":
        t.value, first, last = _week(base + timedelta(weeks=step))
        t.range_start, t.range_end, t.precision = first.isoformat(), last.isoformat(), "week"
    else:
        day = base + timedelta(days=step)
        t.value = t.range_start = t.range_end = day.isoformat()
        t.precision = "day"


def _counted_from_last_date(found: list[TimeExpr], anchor: date | None) -> list[TimeExpr]:
    """ "Two years earlier", "three days later": counted from the date the story last named at that grain
    (a year for years, a month for months, a day for days and weeks), not from the publication date, which
    "ago" counts from. With no such date the publication date stays the base."""
    for i, t in enumerate(found):
        m = _COUNTED_BACK.match(t.text)
        if not m or anchor is None:
            continue
        n, unit = _num(m.group(1)), _unit(m.group(2).lower())
        grain = {"day": _DAY, "week": _DAY, "month": re.compile(r"\d{4}-\d\d(?!-W)"), "year": _YEAR}.get(unit)
        if n is None or grain is None:
            continue
        base = next((u.value for u in reversed(found[:i]) if u.value and grain.match(u.value)), None)
        if base is None:
            continue
        sign = 1 if m.group(3).lower() == "later" else -1
        _set_shifted(t, unit, _base_date(base, unit), sign * n)
    return found


_YEAR = re.compile(r"\d{4}(?!\d)")
_ANAPHORIC_TEXT = re.compile(rf"^{ANAPHORIC_RE}$", re.I)
_WEEKDAY_AFTER = re.compile(rf"^the (previous|following|next) ({WEEKDAY_RE})$", re.I)
_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_GRAIN = {"year": r"\d{4}", "month": r"\d{4}-\d\d", "week": r"\d{4}-\d\d-\d\d", "day": r"\d{4}-\d\d-\d\d"}


def _resolve_anaphora(found: list[TimeExpr], anchor: date | None) -> list[TimeExpr]:
    """ "That year", "later that day", "the following month", "the next morning": relative to the last date
    the story mentioned at that grain (the publication date when there is none)."""
    for i, t in enumerate(found):
        if w := _WEEKDAY_AFTER.match(t.text):  # "the previous Friday": the Friday before the day last named
            base = next((u.value for u in reversed(found[:i]) if u.value and _DAY.match(u.value)), None)
            day = date.fromisoformat(base[:10]) if base else anchor
            if day is None:
                continue
            target = WEEKDAYS.index(w.group(2).lower())
            if w.group(1).lower() == "previous":
                day -= timedelta(days=(day.weekday() - target) % 7 or 7)
            else:
                day += timedelta(days=(target - day.weekday()) % 7 or 7)
            _set_shifted(t, "day", day, 0)
            continue
        m = _ANAPHORIC_TEXT.match(t.text)
        if not m:
            continue
        unit = m.group(1).lower() if (m.group(1) or "day").lower() in ("week", "month", "year") else "day"
        step = (
            1
            if re.search(r"following|next|after", t.text, re.I)
            else -1
            if re.search(r"previous|before", t.text, re.I)
            else 0
        )
        grain = re.compile(_GRAIN[unit])
        base = next((u.value for u in reversed(found[:i]) if u.value and grain.match(u.value)), None)
        if (
            m.group(1) is None
            and i + 1 < len(found)
            and found[i + 1].start - t.end <= 1
            and found[i + 1].value
            and grain.match(found[i + 1].value)
        ):
            base = found[i + 1].value  # "the day before Tuesday's hearing"
        if base is None and anchor is None:
            continue
        _set_shifted(t, unit, _base_date(base, unit) if base else anchor, step)
    return found


_YEAR_BACK = re.compile(
    r"^(?:a year (?:ago|earlier|before)|(?:the )?(?:comparable |corresponding |same )?"
    r"(?:year-(?:ago|earlier)(?: (?:quarter|period))?|(?:quarter|period) (?:of |in )?"
    r"(?:last year|a year (?:ago|earlier))))$",
    re.I,
)
_FOCUS_QUARTER = re.compile(r"^(?:the |that )?(?:latest )?(?:quarter|period)$", re.I)
_QUARTER = re.compile(r"^(\d{4})-Q(\d)$")
_YEAR_LONG_PERIOD = re.compile(
    r"\b(?:six|nine|\d+) months\b|\bhalf\b|\bfull year\b|\byear (?:ended|ending|to date)\b", re.I
)
_SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-Z\"'`])|\n")


def _sentence(text: str, start: int) -> tuple[int, int]:
    """Rough bounds of the sentence around ``start`` (enough to group a comparison with its period)."""
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start + 1) if m.end() <= start), default=0)
    after = _SENTENCE_END.search(text, start)
    return begin, after.start() if after else len(text)


def _quarter_comparisons(found: list[TimeExpr], text: str = "") -> list[TimeExpr]:
    """In a report about a quarter, "the quarter", "the latest period" and "the 1988 period" are the quarter
    in focus (the one named most), and "a year ago" / "year-earlier" is the period of its sentence a year
    before: the quarter named there or in focus, or the year when the sentence is about nine months or half
    a year."""

    def explicit(t: TimeExpr) -> bool:
        return (
            bool(t.value and _QUARTER.match(t.value))
            and not _YEAR_BACK.match(t.text)
            and not _FOCUS_QUARTER.match(t.text)
        )

    quarters = [t.value for t in found if explicit(t)]
    if not quarters:
        return found
    focus = Counter(quarters).most_common(1)[0][0]
    for t in found:
        if t.value and t.value.endswith("-Q?"):
            t.value = f"{t.value[:4]}-Q{focus[-1]}"
        elif _FOCUS_QUARTER.match(t.text) and t.value and _QUARTER.match(t.value):
            t.value = focus
        elif _YEAR_BACK.match(t.text):
            begin, end = _sentence(text, t.start)
            before = [u.value for u in found if begin <= u.start < t.start and explicit(u)]
            after = [u.value for u in found if t.start < u.start < end and explicit(u)]
            period = (before[-1:] or after[:1] or [focus])[0]
            # a quarter already in an earlier year ("the 1988 second quarter") is the comparison period itself
            year = int(period[:4]) - (int(period[:4]) >= int(focus[:4]))
            t.value = str(year) if _YEAR_LONG_PERIOD.search(text, begin, end) else f"{year}{period[4:]}"
            t.range_start = t.range_end = None
            t.precision = "unknown"
    return found


def tense_of(token: Any, _depth: int = 0) -> str:
    """Tense of the clause governing ``token``: 'future', 'past' or 'present'."""
    head = token
    for _ in range(6):
        if head.pos_ in ("VERB", "AUX") or head.dep_ == "ROOT":
            break
        head = head.head
    aux = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    if "have" in aux and aux & (MODALS | {"would"}):
        return "past"  # "may have been", "would have closed": a perfect looks back
    if aux & FUTURE_AUX or aux & MODALS:
        return "future"
    if head.lower_ in SCHEDULED and aux & {"is", "are", "be", "'s", "'re"}:
        return "future"  # "talks are scheduled for Monday"
    if "would" in aux and head.dep_ in ("ccomp", "xcomp", "conj"):  # reported future: "said they would march"
        return "future"
    if "to" in aux and head.tag_ == "VB":  # infinitive: "expected to close on Nov. 16"
        governor = head.head
        clause = (
            governor if governor.pos_ in ("VERB", "AUX") else governor.head
        )  # "had been due to": the verb
        if "had" in {c.lower_ for c in clause.children if c.dep_ == "aux"}:
            return "past"  # "it had been due to expire Friday": a deadline already passed
        if (
            governor.lemma_.lower() in FUTURE_HEADS
            or governor.tag_ in ("VBZ", "VBP", "VB")
            or {c.lower_ for c in governor.children if c.dep_ == "aux"} & (FUTURE_AUX | MODALS)
        ):
            return "future"
    if any(c.lower_ == "going" for c in head.children) and "to" in aux:
        return "future"
    if head.tag_ == "VBG" and not aux and head.head is not head and _depth < 2:
        return tense_of(
            head.head, _depth + 1
        )  # "…, with the vanguard arriving Tuesday": the main clause's tense
    if head.tag_ == "VBN" and aux & {"is", "are", "am", "'re"} and not aux & {"has", "have", "been"}:
        return "present"  # a present passive ("the case is heard in May") is not a past participle's past
    if head.tag_ in ("VBD", "VBN") or aux & {"had", "was", "were", "did", "has", "have"}:
        return "past"
    return "present"
