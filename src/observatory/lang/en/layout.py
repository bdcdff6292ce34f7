"""How English text is laid out in lines: what ends a sentence at a line break, and what cannot."""

# A line ending in one of these may end a sentence or a headline.
LINE_END_MARKS = frozenset(".!?:;\"'”’)]…")

# Penn Treebank tags of words a sentence never ends on (articles, prepositions, conjunctions, modals,
# possessives, commas, hyphens): a line break after one is a hard wrap inside a sentence.
RUN_ON_TAGS = frozenset({"DT", "IN", "CC", "TO", "PRP$", "MD", "POS", "WDT", "WP$", ",", "HYPH"})
