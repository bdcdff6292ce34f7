"""English frames that make an action wished for or possible rather than done or declared."""

# "isn't afraid to fight", "is able to strike", "wants to attack", "hopes to capture": the complement is
# neither reported nor a declared intention, so it is no event at all
WISH_FRAMES = {
    "able",
    "unable",
    "afraid",
    "eager",
    "keen",
    "capable",
    "want",
    "wish",
    "hope",
    "desire",
    "dream",
    "like",
    "love",
    "would-be",
    "aspire",
    "long",
    "yearn",
    "tempt",
    "tempted",
    "free",
}
# the same said with a noun: "their determination to defeat ISIL", "the ability to strike"
WISH_NOUNS = {
    "determination",
    "resolve",
    "desire",
    "wish",
    "hope",
    "ambition",
    "willingness",
    "readiness",
    "ability",
    "capability",
    "capacity",
    "eagerness",
    "dream",
    "right",
}

# words that put an action in the future: "scheduled to meet", "plans to visit", "will sign"
SCHEDULE_WORDS = {
    "schedule",
    "plan",
    "due",
    "expect",
    "set",
    "slate",
    "will",
    "shall",
    "intend",
    "prepare",
    "aim",
}


# verbs whose complement did not happen: "refused to meet", "failed to attack"
# adverbs and conjunctions that negate the verb they modify ("never met", "neither met nor spoke")
NEGATION_WORDS = {"never", "neither"}

NEGATORS = {"refuse", "decline", "fail", "reject", "deny", "avoid", "halt", "cancel", "stop"}


# modals that make an action possible, not done
HYPOTHETICAL_MODALS = {"could", "would", "might", "may", "should", "can"}


# verbs of attempting: an attack tried is an attack made, whether or not it did what it was meant to
# ("tried to blow up a market": the bomb failed to go off)
ATTEMPT_VERBS = {"try", "attempt"}


# conjunctions that open a clause asking whether a thing happened, asserting neither ("unclear whether it
# was an attack", "asked if troops had fired")
OPEN_QUESTION_MARKS = {"whether", "if"}


# verbs that make their complement possible, not done ("allowed the convoy to pass", "to let crews start")
PERMISSION_VERBS = {"allow", "let", "permit", "enable"}


# verbs, adjectives and nouns whose complement is threatened, wished, asked for, permitted or conditional
HYPOTHETICAL_HEADS = PERMISSION_VERBS | {
    "threaten",
    "vow",
    "determination",
    "pledge",
    "promise",
    "want",
    "seek",
    "try",
    "warn",
    "hope",
    "ready",
    "able",
    "demand",
    "urge",
    "call",
    "ask",
    "order",
    "need",
    "must",
}


# adverbs of frequency: with a verb in the simple present they tell a habit, not a happening ("rebels often
# attack convoys")
HABITUAL_ADVERBS = {
    "often",
    "usually",
    "regularly",
    "routinely",
    "frequently",
    "sometimes",
    "always",
    "typically",
    "generally",
    "normally",
    "occasionally",
    "rarely",
    "seldom",
}

# verbs that set a gathering for later: "called a general strike for Monday", "announced new rallies"
CALLING_VERBS = {"call", "announce"}

# verbs of saying: their complement is what a source reports
# "told / ordered Russia to withdraw": a verb that, with a party and what it is to do, demands it (CAMEO 100)
DIRECTIVE_VERBS = {"tell", "order", "instruct", "command", "direct"}

SPEECH_VERBS = {
    "say",
    "tell",
    "report",
    "claim",
    "announce",
    "state",
    "add",
    "confirm",
    "allege",
    "insist",
    "write",
    "quote",
    "note",
    "declare",
}


# what introduces the source of a report: "according to X", "citing X", "quoting X"
SOURCE_PREPOSITIONS = {("according", "to")}
CITING_VERBS = {"cite", "quote"}

# quotation marks of English typography and of PTB-style tokenised text ("``" … "''"); the straight '"'
# opens and closes alike
OPENING_QUOTES = {"“", "``", "‘‘"}
CLOSING_QUOTES = {"”", "''", "’’"}
