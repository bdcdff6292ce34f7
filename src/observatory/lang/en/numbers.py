"""English number words, shared by the stages that read counts (casualties) and durations (dates)."""

from __future__ import annotations

UNITS_WORD = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["ten", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

# "zero" … "nineteen", and the tens
CARDINALS = (
    {"zero": 0}
    | {w: i + 1 for i, w in enumerate(UNITS_WORD)}
    | {w: i + 10 for i, w in enumerate(TEENS)}
    | {w: 10 * (i + 1) for i, w in enumerate(TENS)}
)
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
