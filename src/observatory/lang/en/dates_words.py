"""English time expressions: the words and patterns dates.py finds and normalises (TIMEX3 values)."""

from __future__ import annotations

import re

from .numbers import CARDINALS, TENS, UNITS_WORD  # noqa: F401  (TENS, UNITS_WORD: read by dates.py)

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NUMBERS: dict[str, int | None] = (
    {"a": 1, "an": 1, "a couple of": 2, "couple of": 2}
    | CARDINALS
    | {"several": None, "few": None, "a few": None}
)
ORDINALS = ["first", "second", "third", "fourth"]
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
UNIT = {
    "day": "D",
    "week": "W",
    "month": "M",
    "year": "Y",
    "decade": "DE",
    "hour": "H",
    "minute": "M",
    "century": "CE",
    "quarter": "Q",
}

# a month's name, or its abbreviation with or without a full stop (a sentence's full stop is not the month's)
MONTH_RE = (
    r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|jun(?:e|\.)?|jul(?:y|\.)?"
    r"|aug(?:ust|\.)?|sep(?:tember|t\.?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
WEEKDAY_RE = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
# a time zone after a clock time ("5 p.m. EST")
TIME_ZONE_RE = r"(?: (?:gmt|utc|[ecmp][sd]t|bst|cet))?"
PART_OF_DAY_RE = r"(?:morning|afternoon|evening|night)"
TENS_RE = r"(?:ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
UNITS_WORD_RE = r"(?:one|two|three|four|five|six|seven|eight|nine)"


def trie_re(words: list[str]) -> str:
    """An alternation of ``words`` as a prefix tree ("seven(?:teen|ty)?"): the patterns that start with a
    count are tried at every word, and a tree rejects a word after its first letters instead of trying each
    number in turn. Longer words are tried first, so "seventeen" is not read as "seven"."""
    if words == [""]:
        return ""
    heads: dict[str, list[str]] = {}
    for w in words:
        if w:
            heads.setdefault(w[0], []).append(w[1:])
    branches = [
        re.escape(c) + trie_re(sorted(rest, key=len, reverse=True)) for c, rest in sorted(heads.items())
    ]
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in words else body


# a count of units: digits, "a couple of", "a few", a compound "twenty-five" or any cardinal word
_CARDINALS_RE = trie_re([w for w in CARDINALS if w != "zero"])
NUMBER_RE = (
    rf"(?:\d+|a(?: couple of| few|n)?|couple of|several|few|{TENS_RE}[- ]{UNITS_WORD_RE}|{_CARDINALS_RE})"
)
MORE_RE = r"(?:more |additional |further |extra )?"  # "20 more years" is still 20 years
UNITS_RE = r"(?:(?:day|week|month|year|decade|hour|minute|century|quarter)s?|centuries)"
ANAPHORIC_RE = (
    r"(?:(?:earlier|later) )?(?:that (?:same )?|the (?:same |following |previous )|the next (?=day|morning))"
    r"(day|morning|afternoon|evening|night|week|month|year)|the day (?:before|after)"
)
# "the nineties": a decade named by its tens word
DECADE_WORDS_RE = r"(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
ORDINAL_RE = r"(?:first|second|third|fourth)"
YEAR_RE = r"(?:1[89]\d\d|20\d\d)"
COUNTED_RE = (
    r"(?:people|troops|persons|soldiers|residents|points|votes|cars|units|shares|workers|refugees"
    r"|families|civilians|fighters|members|tons|barrels|dollars|euros|km|kilometres|miles)\b"
)

PATTERNS: list[tuple[str, str]] = [
    (
        "spelled_year",
        rf"\b(?:(?:the )?({MONTH_RE}|spring|summer|autumn|fall|winter),?(?: of)? "
        r"|(?:the year|in|by) (?=two))?"
        rf"(?:nineteen[- ]({TENS_RE})(?:[- ]({UNITS_WORD_RE}))?|two thousand(?: and ({UNITS_WORD_RE}))?)\b",
    ),
    (  # before the dates, so a date after a clock time is that time's day
        "clock",
        (
            r"\b(?:(\d{1,2})(?::(\d\d))? ?([ap])\.m\.|(?<=at )(\d{1,2})(?::(\d\d))? ?([ap])m\b"
            rf"|(noon|midnight)){TIME_ZONE_RE}"
            rf"(?:(?: \([^()]{{1,24}}\))?,?(?: on)? "
            rf"(?:({WEEKDAY_RE})|({MONTH_RE}) (\d{{1,2}})(?:,? ({YEAR_RE}))?\b))?"
        ),
    ),
    ("range_days", rf"\bbetween (\d{{1,2}}) and (\d{{1,2}}) ({MONTH_RE})(?:,? ({YEAR_RE}))?"),
    ("week_of", rf"\bthe week of ({MONTH_RE}) (\d{{1,2}})(?:st|nd|rd|th)?(?:,? ({YEAR_RE}))?\b"),
    ("weekday_after", rf"\bthe (previous|following|next) ({WEEKDAY_RE})\b"),
    ("mdy", rf"\b({MONTH_RE}) (\d{{1,2}})(?:st|nd|rd|th)?,? ({YEAR_RE})\b"),
    ("dmy", rf"\b(\d{{1,2}})(?:st|nd|rd|th)? ({MONTH_RE}),? ({YEAR_RE})\b"),
    ("iso", rf"\b({YEAR_RE})-(\d\d)-(\d\d)\b"),
    # "5/12/2016", "11/3/17": month, day and year, in the American order of the news this reads
    ("numeric", r"(?<![\d/])\b(1[0-2]|0?[1-9])/(3[01]|[12]\d|0?[1-9])/((?:19|20)?\d\d)\b(?![\d/])"),
    ("decade_span", r"\bthe (?:past|last|previous) (decade|century)\b"),
    (
        "end_of",
        r"\b(?:the )?(?:end|beginning|start|middle) of (?:the |this )(month|year|week)\b",
    ),
    ("wd_md", rf"\b{WEEKDAY_RE},? ({MONTH_RE}) (\d{{1,2}})(?:st|nd|rd|th)?\b(?!,? ?\d)"),
    ("md", rf"\b({MONTH_RE}) (\d{{1,2}})(?:st|nd|rd|th)?\b(?!,? ?\d)"),
    ("dm", rf"\b(\d{{1,2}})(?:(?:st|nd|rd|th)(?: of)?)? ({MONTH_RE})\b"),
    ("my", rf"\b(?:(early|mid|late|mid-) ?)?({MONTH_RE}),? ({YEAR_RE})\b"),
    ("month_of_rel_year", rf"\b({MONTH_RE}),? (?:of )?(last|this|next) year\b"),
    ("q_year", rf"\bQ([1-4])(?: |-|/)?({YEAR_RE})\b"),  # "Q3 2016"
    (
        "year_quarter",
        (
            rf"\b(?:the )?(?:({YEAR_RE})(?:'s)?|(this|last|next) year's)(?: fiscal)? (?:({ORDINAL_RE})[- ])?"
            r"(?:fiscal[- ])?(quarter|period)\b"
        ),
    ),
    (
        "half",
        (
            rf"\b(?:the )?(first|second|last|latter) half of (?:({YEAR_RE})|(?:the|this) (year))\b"
            rf"|\bthe first two quarters of ({YEAR_RE})\b"
        ),
    ),
    (
        "year_ago",
        (
            r"\b(?:the )?(?:comparable |corresponding |same )?(?:year-(?:ago|earlier)(?: (?:quarter|period))?"
            r"|(?:quarter|period) (?:of |in )?(?:last year|a year (?:ago|earlier)))\b"
            r"(?! (?:\w+ )?(?:days|weeks|months))"  # "the year-earlier nine months" is a span of months
        ),
    ),
    ("current_period", r"\bthe current (?:fiscal )?(year|quarter|month)\b"),
    ("recent_span", r"\b(?:in )?(?:recent|the coming|coming) (days|weeks|months|years|decades)\b"),
    (
        "quarter",
        (
            r"\b(?<!every )(?<!each )(?:the )?"
            rf"(?:({ORDINAL_RE}|1st|2nd|3rd|4th|latest|last|past|previous)[- ])?"
            rf"quarter(?!-)(?: of ({YEAR_RE}))?\b|\bthe latest period\b"
        ),
    ),
    (
        "season",
        (
            r"\b(?:(last|this|next|early|late) )?(spring|summer|autumn|winter|(?<=last |this |next )fall)"
            rf"(?: (?:of )?({YEAR_RE}))?\b"
        ),
    ),
    ("weekend", r"\b(?:the|this|last|next) weekend\b"),
    ("anaphoric", rf"\b{ANAPHORIC_RE}\b"),
    ("year_ended", r"\b(?:the|its) (?:fiscal )?year(?= end(?:ed|ing)\b)"),
    (
        "whole_year",
        (
            r"\bthe (?:full |fiscal |full fiscal )year\b"
            r"|(?<=\bfor )the year\b(?!-|,? (?:before|after|of|when|in which))"
            r"|(?:(?<=\bearlier in )|(?<=\blater in ))the year\b"
        ),
    ),
    ("rel_part", r"\b(earlier|later|early|late) (this|last|next) (week|month|year)\b"),
    ("rel", r"\b(last|this|next|past|coming|previous) (week|month|year|weekend)\b"),
    ("ago", rf"\b({NUMBER_RE}) ({UNITS_RE})(?: or so)? (ago|earlier|later|from now)\b"),
    (
        "weekly_day",
        (
            rf"\b(?:(?:(?:every|each) {WEEKDAY_RE}|{WEEKDAY_RE}s)(?: {PART_OF_DAY_RE}s?)?"
            rf"|{WEEKDAY_RE} {PART_OF_DAY_RE}s)\b"
        ),
    ),
    ("yearly_month", rf"\b(?:every|each) ({MONTH_RE})(?! \d)"),
    ("weekday", rf"\b(?:(last|this coming|this|next|coming|on|by|since|until) )?({WEEKDAY_RE})\b"),
    ("part_of_day", r"\b(this|last|tomorrow|yesterday) (morning|afternoon|evening|night)\b|\b(tonight)\b"),
    ("deictic", r"\b(today|yesterday|tomorrow)\b"),
    ("following", r"\b(?:the )?(following|next|previous) (day|week|month|year)\b"),
    ("century", r"\b(?:the )?(\d{1,2})(?:st|nd|rd|th) century\b"),
    (
        "month",
        rf"\b(?:(?:in|since|during|until|by|last|this|next|early|late|mid|of)(?:\s+|-))({MONTH_RE})\b(?! \d)",
    ),
    (
        "bare_month",
        r"\b(January|February|April|June|July|August|September|October|November|December)\b(?! \d)",
    ),
    (
        "year",
        (
            r"\b(?:(in|since|during|until|by|of|from|early|late|mid|pre|post|before|after|to|and|the year"
            rf"|fiscal)(?:\s+|-))({YEAR_RE})\b(?![-\d%/]|,\d| ?{COUNTED_RE})"
        ),
    ),
    ("bare_year", rf"(?<![$#\d.,/-])(?<!No\. )(?<!resolution )\b({YEAR_RE})\b(?![-\d%/]|,\d| ?{COUNTED_RE})"),
    (
        "decade",
        (
            r"\b(?:the )?(?:(?:early|mid|late)[- ]?)?((?:1[89]|20)\d0)s\b"
            r"|\b(?:the )?(?:(?:early|mid|late)[- ]?)?'(\d)0s\b"
            rf"|\bthe (?:(?:early|mid|late)[- ]?)?({DECADE_WORDS_RE})\b"
        ),
    ),
    ("age", rf"\b{NUMBER_RE}[- ](?:day|week|month|year)s?[- ]old\b"),
    ("duration_adj", rf"\b({NUMBER_RE})-(day|week|month|year|decade|hour)(?:-long)?\b"),
    (
        "duration",
        (
            r"\b(?:for|over|in|within|during|the past|the last|the next|past|nearly|almost|about"
            rf"|more than) (?:the )?(?:past |last |next )?({NUMBER_RE}) {MORE_RE}({UNITS_RE})\b"
        ),
    ),
    (  # "twice a year", "three times a week", "every two years": a frequency
        "frequency",
        (
            r"\b(?:(?:once|twice|\w+ times) (?:a|an|per|each|every) (day|week|month|year)"
            rf"|every ({NUMBER_RE}) ({UNITS_RE}))\b"
        ),
    ),
    (
        "set",
        (
            r"\b(every (?:day|week|month|quarter|year)|daily|weekly|monthly|annually|hourly"
            r"|each (?:day|week|month|quarter|year))\b"
        ),
    ),
    ("present", r"\b(now|currently|current|at present|at the moment|nowadays)\b"),
    ("vague_future", r"\b(in future|the (?:near |foreseeable )?future|the (?:near|short) term)\b"),
    ("year_end", r"\b(?:around |by |at )?(?:the )?(?:year[- ]end|end of (?:the|this) year|year's end)\b"),
    (
        "holiday",
        (
            r"\b(?:(last|this|next) )?(Thanksgiving(?: Day)?|Christmas(?: Day| Eve)?"
            r"|New Year's (?:Day|Eve)|Independence Day)\b"
        ),
    ),
    (
        "plural_span",
        (
            r"(?:(?<=\bfor )|(?<=\bover )|(?<=\bin )|(?<=\bwithin )|(?<=\bafter ))"
            r"(days|weeks|months|years|decades|hours|minutes)\b(?! (?:ago|of|later|earlier))"
        ),
    ),
    (
        "past",
        (
            r"\b(recently|recent(?: (?:days|weeks|months|years))?"
            r"|the past(?! (?:\w+ )?(?:decade|century|centuries"
            r"|(?:day|week|month|year|quarter|decade|hour|minute|summer|winter|spring|autumn|fall)s)\b)"
            r"|formerly)\b"
        ),
    ),
    (
        "future",
        r"\b(the future|the coming (?:days|weeks|months|years)|(?:the )?(?:days|weeks|months|years) ahead)\b",
    ),
    (
        "duration_bare",
        (
            r"\b(?:the )?(?:first |past |last |next |previous |coming |latest )?"
            rf"({NUMBER_RE}) {MORE_RE}({UNITS_RE})\b"
        ),
    ),
]
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# words a text must hold for a pattern to match in it (in lower case, any one of them): a text without them
# is not scanned for that pattern, which keeps the many patterns cheap on the texts they cannot match
REQUIRES: dict[str, tuple[str, ...]] = {
    "spelled_year": ("nineteen", "two thousand"),
    "range_days": ("between",),
    "week_of": ("week of",),
    "weekday_after": ("previous", "following", "next"),
    "month_of_rel_year": ("last year", "this year", "next year"),
    "year_quarter": ("quarter", "period"),
    "half": ("half", "quarters"),
    "year_ago": ("year-", "quarter", "period"),
    "current_period": ("current",),
    "recent_span": ("recent", "coming"),
    "quarter": ("quarter", "latest period"),
    "season": ("spring", "summer", "autumn", "winter", "fall"),
    "weekend": ("weekend",),
    "anaphoric": ("that ", "the same", "the following", "the previous", "the next", "the day"),
    "year_ended": ("year end",),
    "weekly_day": _WEEKDAYS,
    "yearly_month": ("every", "each"),
    "frequency": ("once", "twice", "times", "every"),
    "weekday": _WEEKDAYS,
    "wd_md": _WEEKDAYS,
    "part_of_day": ("morning", "afternoon", "evening", "night"),
    "deictic": ("today", "yesterday", "tomorrow"),
    "century": ("century",),
    "decade": ("0s", "ties"),
    "decade_span": ("decade", "century"),
    "end_of": ("end of", "beginning of", "start of", "middle of"),
    "numeric": ("/",),
    "holiday": ("thanksgiving", "christmas", "new year", "independence"),
    "vague_future": ("future", " term"),
    "year_end": ("year end", "year-end", "end of", "year's end"),
    "age": ("old",),
    "set": ("every", "each", "daily", "weekly", "monthly", "annually", "hourly"),
    "following": ("following", "next", "previous"),
    "past": ("recent", "past", "formerly"),
    "future": ("future", "ahead", "coming"),
    "present": ("now", "current", "present", "moment"),
    "ago": ("ago", "earlier", "later", "from now"),
    "duration_adj": ("-",),
    "whole_year": ("the year", "full year", "fiscal year"),
    "plural_span": tuple(
        f"{prep} {unit}"
        for prep in ("for", "over", "in", "within", "after")
        for unit in ("days", "weeks", "months", "years", "decades", "hours", "minutes")
    ),
    "q_year": ("q1", "q2", "q3", "q4"),
}
PREPOSITIONS = {"in", "since", "during", "until", "by", "of", "from", "before", "after"}

# verbs that set a deadline: a date after "postponed ... until" or "gave them until" is still ahead
DEADLINE_VERBS_RE = r"postpon|delay|adjourn|defer|extend|recess|suspend|put off|gave|give|given|giving|grant"

# the auxiliaries and heads that put a clause's time expression in the future
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
FUTURE_HEADS = {
    "expect",
    "plan",
    "schedule",
    "intend",
    "aim",
    "hope",
    "want",
    "agree",
    "decide",
    "vow",
    "promise",
    "set",
    "due",
    "prepare",
    "seek",
    "propose",
    "threaten",
    "pledge",
}


MODALS = {"might", "may", "could", "can", "should", "must"}
SCHEDULED = {"scheduled", "due", "slated", "set", "planned", "expected"}
