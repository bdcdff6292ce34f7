"""English words that name who does an action when the text leaves the doer out."""

# an arrest or detention is made by the police: "a man was arrested", "two suspects were detained"
ARREST_VERBS = {"arrest", "detain", "apprehend", "handcuff", "nab", "round"}
# verdicts a court gives: their doer when none is named ("was sentenced to life", "was jailed for six years")
VERDICT_VERBS = {"sentence", "convict", "jail", "imprison", "acquit", "remand"}
# charges the prosecution brings: their doer when none is named ("was charged with murder", "was indicted")
CHARGE_VERBS = {"charge", "indict"}
# sectors of generic agents that belong to the country a report is about when it names no other ("police",
# "protesters", "rebels", "residents", "parties", "farmers", "clerics"): domestic news speaks of its own
# people without a country
LOCAL_SECTORS = {
    "GOV",
    "MIL",
    "COP",
    "OPP",
    "REB",
    "CVL",
    "JUD",
    "LEG",
    "EDU",
    "MED",
    "BUS",
    "LAB",
    "HLH",
    "PTY",
    "AGR",
    "REL",
}
# prepositions that frame a meeting as the setting of another verb ("said during talks with", "agreed at a
# summit with"): the verb's subject took part in it
FRAMING_PREPS = {"during", "in", "at"}
# coming together for a protest: the subject of "gathered at a rally", "marched in a protest", "joined the
# strike" took part in it
GATHERING_VERBS = {"gather", "assemble", "congregate", "converge", "march", "join", "attend", "rally"}
GATHERING_PREPS = {"at", "in", "for", "to", "into"}
# means of a conversation at a distance: "spoke by telephone", "met by video link"
MEDIA = {"telephone", "phone", "video", "videoconference", "videolink", "link", "teleconference", "letter"}
# private persons named by what they are, not by office or group: a civilian of the place when nothing else
# codes them ("a man stabbed 11 students", "officers shot the teen", "two teenagers were arrested")
# people the law seeks or holds: taken by no one named, they were taken by the authorities
WANTED_NOUNS = {"suspect", "fugitive", "offender", "escapee", "convict", "inmate", "prisoner", "gunman"}
# bodies that act through people but are no person: "he" or "she" never stands for one ("the newspaper
# reported … He was charged")
INSTITUTION_NOUNS = {
    "newspaper",
    "paper",
    "magazine",
    "agency",
    "ministry",
    "department",
    "government",
    "administration",
    "company",
    "firm",
    "party",
    "court",
    "council",
    "committee",
    "commission",
    "board",
    "army",
    "police",
    "parliament",
    "congress",
    "senate",
    "assembly",
    "office",
    "authority",
    "organisation",
    "organization",
    "group",
    "union",
    "network",
    "channel",
    "station",
    "website",
    "university",
    "bank",
}

PERSON_NOUNS = {
    "member",
    "inmate",
    "prisoner",
    "fugitive",
    "convict",
    "offender",
    "detainee",
    "hostage",
    "captive",
    "escapee",
    "man",
    "woman",
    "boy",
    "girl",
    "teen",
    "teenager",
    "youngster",
    "adult",
    "suspect",
    "victim",
    "passer-by",
    "passerby",
    "bystander",
    "pedestrian",
    "driver",
    "passenger",
    "shopper",
    "customer",
    "player",
    "neighbour",
    "neighbor",
    "resident",
    "villager",
    "local",
    "father",
    "mother",
    "son",
    "daughter",
    "husband",
    "wife",
    "brother",
    "sister",
    "family",
    "relative",
    "assailant",
    "attacker",
    "gunman",
    "shooter",
    "knifeman",
    "stranger",
    "individual",
    "male",
    "female",
    "old",
}
# who strikes in the sense of a walkout: "workers went on strike", "cabin crew are preparing to strike"
LABOUR_NOUNS = {
    "worker",
    "employee",
    "staff",
    "crew",
    "union",
    "unionist",
    "labour",
    "labor",
    "teacher",
    "nurse",
    "doctor",
    "pilot",
    "miner",
    "docker",
    "dockworker",
    "driver",
    "firefighter",
    "controller",
    "porter",
    "cleaner",
    "attendant",
    "guard",
    "conductor",
    "lecturer",
    "journalist",
    "farmer",
    "trucker",
    "member",
}
# verbs of entering an encounter: their subject takes part in it ("got into a shootout with police")
ENTERING_VERBS = {"get", "engage", "enter", "become", "join", "draw", "embroil", "lock"}
# settlements and divisions that, as the doer of a verb acting on something, stand for their government ("the
# city urged residents", "the county sued the drug makers", "the state accused …"): places do not speak or sue
GOVERNED_PLACES = {"city", "town", "county", "state", "province", "municipality", "borough"}
