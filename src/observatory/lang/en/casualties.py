"""English words that state deaths and injuries (number words: numbers.py)."""

from .numbers import CARDINALS, SCALES  # noqa: F401  (SCALES: read by casualties.py)

# verbs whose object (or passive subject) is the dead: "killing five fighters", "30 were killed"
KILL_VERBS = {
    "kill",
    "slay",
    "murder",
    "massacre",
    "execute",
    "behead",
    "assassinate",
    "slaughter",
    "gun",
    "shoot",
    "lynch",
    "hang",
    "stab",
    "claim",
}
# "shoot" and "gun" kill only with "dead"/"down", "stab" only "to death" (as any of them may: "shot to
# death"); "claim" only with a life noun ("claimed 12 lives")
NEEDS_PARTICLE = {"shoot": {"dead"}, "gun": {"down"}, "stab": set()}
LIFE_NOUNS = {"life", "lives"}
# "fatally shot", "fatally stabbed": the victim died of it
FATAL_ADVERBS = {"fatally"}
# verbs whose subject is the dead: "24 civilians died"
DIE_VERBS = {"die", "perish", "drown"}
# nouns that count the dead: "30 deaths", "left 10 dead", "the death toll rose to 30"
DEATH_NOUNS = {"death", "fatality", "dead", "body", "corpse", "life"}
TOLL_NOUNS = {"toll"}  # a toll states its figure through a verb: "rose to", "stood at", "reached"
INJURY_NOUNS = {"injury", "injured", "wounded", "casualty"}
# verbs whose object (or passive subject) is the injured: "wounding 12", "a dozen were wounded"
INJURE_VERBS = {"wound", "injure", "hurt", "maim"}
TOLL_PREPS = {"to", "at", "of"}

UNITS = CARDINALS | {"a": 1, "an": 1, "single": 1}
# ACLED's convention for counts stated vaguely: the lowest figure the words allow, flagged as approximate
VAGUE = {
    "dozen": 12,
    "dozens": 12,
    "score": 20,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1000,
    "several": 10,
    "many": 10,
    "numerous": 10,
}
