"""English words of who does what to whom: pronouns, light verbs, crowds and quantities, the prepositions of
recipients and places, and verbs whose subject undergoes or arrives (read by roles.py)."""

PRONOUNS = {
    "they",
    "it",
    "he",
    "she",
    "we",
    "its",
    "their",
    "his",
    "her",
    "him",
    "them",
    "who",
    "which",
    "that",
}

SINGULAR_PRONOUNS = {"he", "she", "his", "her", "him"}  # one person

# "rebel-held areas", "ISIS-controlled villages": the party before the hyphen holds the place struck
HOLDING_PARTICIPLES = {"held", "controlled", "occupied", "run", "dominated", "administered"}

RECIPIENT_PREPS = {"with", "against", "on", "to", "over", "at", "from", "between", "among"}

LIGHT_VERBS = {
    "impose",
    "hold",
    "launch",
    "carry",
    "conduct",
    "stage",
    "sign",
    "reach",
    "issue",
    "have",
    "begin",
    "start",
    "resume",
    "announce",
    "mount",
    "make",
    "attend",
    "join",
    "lead",
    "wage",
    "lay",
    "organize",
    "organise",
    "call",
    "host",
    "continue",
    "intensify",
    "step",
    "order",
    "sponsor",
    "broker",
    "mediate",
    "convene",
    "chair",
    "extend",
    "declare",
    "enforce",
    "renew",
    "expand",
    "lodge",
}

CROWDS = {
    "thousand",
    "thousands",
    "hundred",
    "hundreds",
    "dozens",
    "crowd",
    "crowds",
}  # people, when said alone

QUANTITIES = {
    "thousand",
    "thousands",
    "hundred",
    "hundreds",
    "dozen",
    "dozens",
    "million",
    "millions",
    "number",
    "group",
    "crowd",
    "band",
    "unit",
    "contingent",
    "battalion",
    "squad",
    "team",
    "some",
    "many",
    "most",
    "member",
    "members",
    "third",
    "half",
    "quarter",
    "majority",
    "part",
    "rest",
    "lot",
    "cache",
    "stockpile",
    "quantity",
    "amount",
    "batch",
    "consignment",
    "haul",
    "stash",
}  # "dozens of rifles": the rifles

THEME_OBJECTS = {
    "MOBILIZE",
    "AID",
}  # "deployed troops", "sent aid": the object is what moves, not a recipient

LOCATIVE_PREPS = {
    "in",
    "near",
    "at",
    "outside",
    "around",
    "on",
    "into",
    "across",
    "inside",
    "along",
    "over",
    "off",
    "within",
    "throughout",
    "towards",
    "toward",
    "between",
}

COLLECTIVES = {"group", "faction", "band", "unit", "contingent", "movement", "camp", "bloc"}

# What is owned: taken by a capture verb, it is property confiscated ("seized the family's home"), not
# territory
PROPERTY_NOUNS = {
    "property",
    "home",
    "house",
    "land",
    "farm",
    "asset",
    "estate",
    "building",
    "business",
    "company",
    "factory",
    "vehicle",
    "car",
    "truck",
    "boat",
    "ship",
    "vessel",
    "cargo",
    "tanker",
    "aircraft",
    "passport",
    "account",
    "fund",
    "equipment",
    "livestock",
    "newspaper",
}

# Verbs that name the charge after their object ("charged him with fraud", "jailed them for life"): the
# charge's preposition with no object before it marks a headline's passive, whatever the tagger reads
# ("Brennan charged with arson")
CHARGE_PREPOSITIONS = {
    "charge": "with",
    "accuse": "of",
    "convict": "of",
    "suspect": "of",
    "indict": "on",
    "sentence": "to",
    "jail": "for",
    "arrest": "for",
    "detain": "for",
    "fine": "for",
}

CALLED_OFF = {"cancel", "postpone"}  # verbs whose object event keeps its parties ("postponed her visit")

# verbs of going somewhere for an event ("arrived on a visit", "converged for a rally"): the goer takes part
ARRIVAL_VERBS = {
    "arrive",
    "come",
    "go",
    "travel",
    "fly",
    "head",
    "leave",
    "return",
    "embark",
    "converge",
    "gather",
    "assemble",
    "flock",
}

# verbs whose subject undergoes the event their object names ("received aid", "faced a crackdown")
RECEIVING_VERBS = {
    "receive",
    "get",
    "win",
    "gain",
    "obtain",
    "secure",
    "face",
    "suffer",
    "endure",
    "draw",
    "attract",
    "earn",
    "incur",
}
