"""English facts that tell a reported political action from a word that only looks like one: a forgone
alternative, a shared opinion, a published message, a source's wish to stay unnamed, a quantity idiom, and an
accident."""

# "attacked the town instead of negotiating", "shelled the city rather than negotiate": the alternative named
# after these markers is what was not done (marker word, the preposition or conjunction it goes with)
CONTRAST_MARKERS = {("instead", "of"), ("rather", "than")}

# "agrees with the CIA's conclusion": agreeing with a view shares an opinion, it settles nothing between
# parties
OPINION_NOUNS = {
    "conclusion",
    "assessment",
    "view",
    "finding",
    "analysis",
    "opinion",
    "idea",
    "notion",
    "argument",
    "belief",
    "verdict",
    "judgment",
    "judgement",
    "evaluation",
    "estimate",
    "interpretation",
    "sentiment",
    "statement",
    "comment",
    "remark",
    "observation",
    "point",
}

# "released a statement", "issued a communique": the object is a message, so the verb is a speech act (the
# message's content is what may report an event), not a release of prisoners or a concession
MESSAGE_NOUNS = {
    "statement",
    "communique",
    "communiqué",
    "message",
    "report",
    "video",
    "footage",
    "recording",
    "audio",
    "photo",
    "photograph",
    "picture",
    "image",
    "document",
    "transcript",
    "letter",
    "note",
    "memo",
    "tweet",
    "post",
    "release",
    "bulletin",
    "announcement",
    "declaration",
    "figure",
    "data",
    "result",
    "detail",
    "list",
    "map",
    "audiotape",
    "videotape",
}

# "an official who asked not to be named": a source asking for anonymity, the newsroom's convention, no
# request between parties
ANONYMITY_VERBS = {"name", "identify", "quote", "cite"}

# "…, diplomats quoted a declaration as saying": the clause that reports a sentence, not what the sentence
# demands or threatens
REPORTING_VERBS = {"say", "tell", "report", "quote", "cite", "add", "announce", "state", "confirm", "write"}

# what one side puts to another ("rejected rebel demands", "accepted opposition proposals"): a party
# modifying such a noun is its author, the other side of the event
PROPOSAL_NOUNS = {
    "demand",
    "call",
    "request",
    "proposal",
    "offer",
    "plan",
    "ultimatum",
    "appeal",
    "condition",
    "term",
    "accusation",
    "charge",
    "threat",
    "warning",
    "plea",
    "overture",
    "initiative",
}

# what is imposed on a place and so on the people there ("a curfew in Algiers", "a state of siege in Haiti")
RESTRICTION_NOUNS = {"curfew", "siege", "lockdown", "blockade", "emergency", "embargo"}

# "unless Baghdad accepts the terms": the party a conditional threat or demand leaves the choice to
CONDITION_MARKS = {"unless"}

# "a great deal of money": a quantity, not an agreement
QUANTITY_IDIOMS = {("great", "deal"), ("good", "deal")}

# what nature strikes with; a story of one tells of its blows without naming it again ("five villages were
# badly hit")
NATURAL_HAZARDS = {
    "earthquake",
    "quake",
    "tremor",
    "aftershock",
    "tsunami",
    "flood",
    "flooding",
    "storm",
    "cyclone",
    "hurricane",
    "typhoon",
    "tornado",
    "landslide",
    "mudslide",
    "avalanche",
    "wildfire",
    "eruption",
    "drought",
    "heatwave",
    "lightning",
    "rain",
}
# what kills or strikes without anyone doing it: nature, accidents, and the vehicles of accidents
HAZARDS = NATURAL_HAZARDS | {
    "fire",
    "blaze",
    "leak",
    "crash",
    "accident",
    "collision",
    "derailment",
    "disease",
    "epidemic",
    "outbreak",
    "virus",
    "pandemic",
    "poisoning",
    "stampede",
    "collapse",
}
VEHICLES = {
    "bus",
    "plane",
    "aircraft",
    "airliner",
    "car",
    "train",
    "truck",
    "lorry",
    "boat",
    "ferry",
    "vehicle",
    "ship",
}
# a blast or fire is an accident when what exploded or burned is industrial or domestic plant ("a gas
# explosion", "a boiler blast", "an explosion at a chemical factory"); with a weapon named it is an attack
BLASTS = {"explosion", "blast", "fire", "blaze", "inferno", "detonation"}
PLANT_NOUNS = {
    "gas",
    "boiler",
    "cylinder",
    "pipeline",
    "pipe",
    "chemical",
    "chemicals",
    "factory",
    "plant",
    "refinery",
    "warehouse",
    "depot",
    "colliery",
    "methane",
    "firework",
    "fireworks",
    "tanker",
    "reactor",
    "furnace",
    "kitchen",
    "stove",
    "workshop",
    "industrial",
    "electrical",
}
# the verbs that put a message out
PUBLISH_VERBS = {"release", "issue", "publish", "post", "broadcast", "air", "circulate", "distribute", "put"}

# nouns of acts done to someone, whose possessor is the one it was done to ("Karlov's assassination", "the
# journalist's arrest"), unlike "Russia's attack", whose possessor did it
PATIENT_NOMINALS = {
    "assassination",
    "murder",
    "killing",
    "death",
    "execution",
    "arrest",
    "detention",
    "abduction",
    "kidnapping",
    "capture",
    "imprisonment",
    "jailing",
    "extradition",
    "deportation",
    "expulsion",
    "release",
    "rescue",
    "torture",
    "beating",
    "conviction",
    "sentencing",
    "trial",
    "prosecution",
    "ouster",
    "overthrow",
    "removal",
    "dismissal",
    "impeachment",
}

# a response vowed to a wrong ("promised a proportional response to the hacking", "vowed revenge") is a threat
RETALIATION_NOUNS = {
    "response",
    "retaliation",
    "revenge",
    "reprisal",
    "retribution",
    "consequence",
    "punishment",
    "vengeance",
    "countermeasure",
}

# "described the killing as an attempt to thwart the talks": what follows "as" is the speaker's reading of an
# event, not a further event
CHARACTERISING_VERBS = {
    "describe",
    "characterise",
    "characterize",
    "call",
    "brand",
    "label",
    "term",
    "portray",
    "depict",
    "paint",
    "cast",
    "denounce",
    "condemn",
    "view",
    "see",
    "regard",
    "consider",
    "dismiss",
    "interpret",
    "perceive",
}

# verbs of a standing relation between parties: in the simple present ("Iran backs Assad", "Turkey supports
# the rebels") they describe what holds, the background of the news, not a happening
STANDING_VERBS = {
    "back",
    "support",
    "oppose",
    "fund",
    "finance",
    "arm",
    "sponsor",
    "recognise",
    "recognize",
    "control",
    "occupy",
    "ally",
    "favour",
    "favor",
    "host",
    "shelter",
    "harbour",
    "harbor",
    "protect",
    "govern",
    "rule",
    "administer",
    "dominate",
    "besiege",
}

# verbs of feeling, liking, wanting, knowing and seeming: their subject holds a state of mind, it does not act
# ("he loves to play guitar", "she enjoys the work", "Paris knows the risks")
MENTAL_VERBS = {
    "love",
    "like",
    "enjoy",
    "hate",
    "dislike",
    "prefer",
    "adore",
    "admire",
    "want",
    "wish",
    "hope",
    "desire",
    "believe",
    "think",
    "feel",
    "know",
    "understand",
    "remember",
    "forget",
    "worry",
    "wonder",
    "doubt",
    "suppose",
    "imagine",
    "seem",
    "appear",
    "sound",
    "look",
    "mean",
    "need",
    "deserve",
    "care",
    "mind",
    "miss",
    "dream",
    "realise",
    "realize",
    "learn",
    "play",
    "sing",
}

# verbs whose protest sense is intransitive: with an object they mean showing or gathering ("demonstrated
# good skills", "rallied support")
INTRANSITIVE_PROTEST_VERBS = {"demonstrate", "rally"}

# what a political event's actor is: a state organ, an armed or opposition group, a party, an international
# body (CAMEO sectors); a private person doing something is no political event unless the lexicon says so
POLITICAL_SECTORS = {"GOV", "MIL", "COP", "REB", "OPP", "LEG", "JUD", "IGO", "PTY", "NGO", "SPY", "INS"}

# what a vehicle, a building or a person does in an accident ("killed after crashing his car", "drowned when
# the boat capsized"); unlike "fire" or "storm", none of these is also a verb of attack
ACCIDENT_VERBS = {
    "crash",
    "collide",
    "derail",
    "capsize",
    "overturn",
    "collapse",
    "sink",
    "plunge",
    "skid",
    "drown",
    "fall",
    "slip",
    "swerve",
}

# verbs of fighting that take a cause as readily as a foe: "fought the project in court", "battled cancer",
# "combat corruption" are no violence; only a party (or a place) fought is one
CONTEST_VERBS = {"fight", "battle", "combat", "tackle", "wage"}

# what is signed when signing is agreeing (CAMEO 057): an accord or an instrument between parties, not a note
SIGNED_DOCUMENTS = {
    "agreement",
    "accord",
    "deal",
    "treaty",
    "pact",
    "convention",
    "protocol",
    "memorandum",
    "mou",
    "contract",
    "declaration",
    "charter",
    "ceasefire",
    "truce",
    "armistice",
    "settlement",
    "communique",
    "communiqué",
    "document",
    "law",
    "bill",
    "decree",
    "order",
    "legislation",
    "resolution",
    "petition",
    "framework",
    "roadmap",
    "plan",
    "arrangement",
    "partnership",
    "alliance",
    "understanding",
    "letter",
    "statement",
}

# "a lot to offer", "nothing to lose", "enough money to fund a recount": an infinitive measuring what is
# available or sufficient says what could be done, not what was
CAPACITY_WORDS = {"lot", "much", "plenty", "nothing", "something", "anything", "little", "enough", "too"}

# verbs whose subject is a happening ("the attack occurred on Sunday", "the meeting took place in Oslo",
# "clashes broke out", "the talks ended"): their time and place are the happening's
OCCURRENCE_VERBS = {"take", "end", "occur", "happen", "unfold", "erupt", "break", "start", "begin", "resume"}
# verbs that class or describe their subject: an event noun that is their subject in the present tense names
# a kind of happening, not one that happened ("Threats to Turkey include …")
CLASSING_VERBS = {"include", "comprise", "involve", "represent", "pose", "mean"}
# verbs of one happening becoming another: "the vigil turned into a riot", "protests escalated into clashes"
BECOMING_VERBS = {"turn", "devolve", "escalate", "descend", "spiral", "degenerate", "erupt", "explode"}

# verbs whose subject loses ground: "ISIL lost more territory as Iraqi forces captured villages" (the loser of
# the capture the clause tells of)
LOSING_VERBS = {"lose", "cede", "surrender", "abandon", "forfeit"}

# a participle of questioning opening a sentence is the reporter's question, no request ("Asked about the
# appeal, the prosecutor said …", "Pressed on the deal, she declined to comment")
PRESS_QUESTION_VERBS = {"ask", "question", "press"}

# what makes an act someone "has" part of their record ("had a previous arrest", "has prior convictions")
RECORD_ADJECTIVES = {"previous", "prior", "past", "earlier"}

# verbs whose agentless passive with "to" summons someone to a scene ("police were called to the home"), no
# demand of a party
SUMMONS_VERBS = {"call", "summon"}

MUTUAL_OBJECTS = {"tie", "ties", "relation", "relations"}  # "X and Y upgraded (or severed) ties": X → Y

# "claimed responsibility for the bombing": the nouns of claiming an attack
CLAIM_NOUNS = {"responsibility", "credit"}

# weapons and armed attackers: a blow dealt with or by one of these is no accident
WEAPON_WORDS = {
    "bullet",
    "bomb",
    "grenade",
    "landmine",
    "mine",
    "ied",
    "missile",
    "rocket",
    "mortar",
    "shell",
    "shelling",
    "artillery",
    "airstrike",
    "air strike",
    "drone strike",
    "gunman",
    "gunmen",
    "militant",
    "ambush",
    "explosive device",
    "sniper",
    "gunfire",
    "chlorine",
    "sarin",
}

# military exercises: held by the forces of two states together, they are military cooperation
EXERCISES = {"exercise", "drill", "game", "manoeuvre", "maneuver", "wargame"}

# the words before an infinitive of purpose ("closed the road in order to let crews work")
PURPOSE_PHRASES = {("in", "order")}

# prepositions that name another happening as a landmark in time or a reason ("a week after the bombing")
# where a blow lands: "shells landed in Aleppo", "a rocket crashed into a house", "struck near the border"
LANDING_PREPS = {"in", "on", "into", "onto", "near", "at"}
LANDMARK_PREPS = {"since", "after", "before", "following", "until", "amid", "despite", "because", "due"}
# verbs of a blow that are an attack only when an armed party or a weapon deals it ("police beat protesters",
# not "the senator beat his rival")
ARMED_BLOWS = {"beat"}
NO_BLOW_PARTICLES = {"down", "off", "out"}  # "struck down the law", "struck off the list", "struck out"

# a whole conflict, months or years long: what it "has killed" is a tally ("the war has killed 9,000 people")
LONG_CONFLICTS = {
    "war",
    "conflict",
    "insurgency",
    "uprising",
    "rebellion",
    "revolution",
    "occupation",
    "crisis",
}
# a time after these opens a span: a state's or a count's in the perfect, else a noun's ("actions since
# Sept. 1", "the deadliest attack since 2015")
SPAN_OPENERS = {"since"}
# prepositions that give the span a count runs over ("has killed 20,000 in its eight-year insurgency")
SPAN_PREPS = {"in", "over", "during", "since", "throughout", "across"}

# words (lemmas) only sport reports use: a story with several of them tells of games, where "hit", "attack",
# "fight" and "pulled out" are the play, not violence or politics
SPORT_WORDS = {
    "referee",
    "umpire",
    "playoff",
    "playoffs",
    "quarterback",
    "touchdown",
    "knockout",
    "heavyweight",
    "middleweight",
    "inning",
    "innings",
    "goalkeeper",
    "midfielder",
    "halftime",
    "half-time",
    "tournament",
    "championship",
    "teammate",
    "rookie",
    "kickoff",
    "olympic",
    "scorer",
    "finalist",
    "semifinalist",
    "semifinal",
    "quarterfinal",
}
SPORT_STORY_WORDS = 3  # distinct sport words that make a story a sport report

# "a wave of rioting", "a spate of attacks": a noun naming a run of happenings, which are what it is about
SERIES_NOUNS = {"wave", "spate", "series", "string", "round", "outbreak", "surge", "upsurge", "flurry"}

# nouns of ending: "the collapse of the truce", "the end of the agreement", "the breakdown of talks" tell that
# something stopped, not that it was made or held
ENDINGS = {
    "end",
    "collapse",
    "expiry",
    "expiration",
    "breakdown",
    "termination",
    "lapse",
    "demise",
    "cancellation",
    "scrapping",
    "abandonment",
    "failure",
}

# verbs of punishment: the noun after "for" is the offence punished ("serving life for assault", "sentenced to
# 20 years for the bombing"), a record of the past, not a happening reported
PUNISHING = {"serve", "sentence", "jail", "imprison", "convict", "fine", "punish", "execute", "hang"}

# verbs of attack that a politician uses with words: "attacked the plan", "attacked her rival"
WORD_ATTACKS = {"attack", "assail"}
# who attacks with words: office holders, legislators, party figures, judges
POLITICIAN_SECTORS = {"GOV", "LEG", "PTY", "JUD", "OPP"}

# A warning threatens the party warned; with no one warned it is a comment on what may come (CAMEO 012), as
# "economists warned that growth could slow", "the UN warned of famine".
WARNINGS = {"warn"}
