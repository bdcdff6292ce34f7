"""English cues of ACLED's sub-event types: weapons, harm, crowds, force against protesters, and the
prepositions and verbs that start an aside naming some other event (read by acled.py)."""

# first match wins: the most specific weapon or harm first
WEAPON_CUES = (
    ("Sexual violence", {"rape", "raped", "gang-rape", "gang-raped", "sexually", "sexual violence"}),
    ("Abduction/forced disappearance", {"abduct", "abduction", "kidnap", "kidnapping", "hostage"}),
    ("Mob violence", {"mob", "vigilante", "lynch"}),
    ("Suicide bomb", {"suicide"}),
    (
        "Chemical weapon",
        {
            "chemical weapon",
            "chemical attack",
            "chemical agent",
            "chlorine",
            "sarin",
            "toxic gas",
            "nerve agent",
            "poison gas",
        },
    ),
    ("Grenade", {"grenade"}),
    (
        "Remote explosive/landmine/IED",
        {
            "ied",
            "landmine",
            "roadside bomb",
            "car bomb",
            "explosive device",
            "booby",
            "detonate",
            "bomb explode",
            "bomb go",
            "improvised",
            "mine go",
            "mine explode",
            "rcied",
            "vbied",
        },
    ),
    (
        "Air/drone strike",
        {
            "airstrike",
            "air strike",
            "air raid",
            "warplane",
            "drone",
            "helicopter gunship",
            "fighter jet",
            "aerial",
        },
    ),
    (
        "Shelling/artillery/missile attack",
        {"shell", "shelling", "mortar", "rocket", "missile", "artillery", "bombard", "bombardment"},
    ),
)

PROTEST_VIOLENCE = {
    "riot",
    "clash",
    "throw",
    "hurl",
    "torch",
    "burn",
    "loot",
    "vandalize",
    "vandalise",
    "smash",
    "violent",
    "set fire",
    "stone",
    "petrol bomb",
}

PROTEST_INTERVENTION = {
    "tear gas",
    "teargas",
    "disperse",
    "baton",
    "water cannon",
    "rubber bullet",
    "arrest",
    "detain",
    "crackdown",
    "crack down",
    "beat",
}

LETHAL = {"kill", "dead", "shoot dead", "death", "die", "live ammunition", "live fire"}

WEAPONS = {
    "weapon",
    "rifle",
    "gun",
    "ammunition",
    "explosive",
    "grenade",
    "landmine",
    "detonator",
    "bomb",
    "arm cache",
    "weapons cache",
    "rocket launcher",
    "kalashnikov",
    "firearm",
    "pistol",
    "revolver",
}

CROWD = {
    "protest",
    "protester",
    "protestor",
    "demonstrator",
    "demonstration",
    "demonstrate",
    "rally",
    "march",
    "marcher",
    "riot",
    "rioter",
    "mob",
    "crowd",
    "sit-in",
    "strike",
    "striker",
    "vigil",
    "gathering",
}

ASIDE_PREPS = {
    "after",
    "since",
    "following",
    "before",
    "until",
    "amid",
    "despite",
    "because",
    "due",
    "over",
    "about",
    "against",
    "for",
}

ACCUSING = {"accuse", "charge", "suspect", "blame", "convict", "arrest", "detain", "jail"}
