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
