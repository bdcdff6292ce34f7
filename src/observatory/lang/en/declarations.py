"""English words of declared action: intentions, refusals, beliefs and the frames of a demand (read by
events.py)."""

from .modality import SPEECH_VERBS

# verbs of refusing: "refused to meet" is itself a rejection (CAMEO 12x)
REFUSALS = {"refuse", "reject"}

# verbs declaring one's own future action: "vowed to retaliate", "pledged to send troops"
INTENT_VERBS = {
    "plan",
    "intend",
    "prepare",
    "prepared",
    "promise",
    "vow",
    "pledge",
    "decide",
    "offer",
    "swear",
    "ready",
    "willing",
    "determined",
}

# verbs of belief and expectation: "analysts believe Russia will invade" is no declaration of Russia's
BELIEF_VERBS = {
    "fear",
    "expect",
    "predict",
    "believe",
    "think",
    "suspect",
    "worry",
    "hope",
    "doubt",
    "estimate",
    "forecast",
    "speculate",
    "assume",
    "reckon",
    "warn",
}

# verbs under which "X must …" is the speaker's demand on X
DEMAND_FRAMES = SPEECH_VERBS | {"conclude", "stress", "warn", "urge", "add"}
