"""The side that lost a place: a capture whose sentence names no loser ("the militants recaptured the border
town") took the place from whoever held it, and an article that reports an earlier capture of the same place
says who that was. Only captures that happened and are dated to the day are read, in date order. Two sides
said to take one place on the same day are rival claims (reports that disagree), not a sequence, so a holder
counts only from an earlier day; and a holder is never its own loser."""

from __future__ import annotations

from .model import Actor, Event

POINT_PRECISIONS = {"point", "near", "admin2"}  # a town or district, not a country or a province


def _captured_place(event: Event) -> str | None:
    place = event.location
    if event.mode != "occupy" or event.status != "occurred" or place is None or event.actor is None:
        return None
    if place.precision not in POINT_PRECISIONS or (event.date or {}).get("precision") != "day":
        return None
    return place.geonameid or (place.name or place.text).lower()


def _side(actor: Actor) -> tuple[str | None, str | None]:
    return (actor.country, actor.sector)


def losers(found: list[Event]) -> list[Event]:
    """Give each capture without a recipient the article's previous holder of its place, in place."""
    captures = [(key, e) for e in found if (key := _captured_place(e)) is not None]
    captures.sort(key=lambda pair: (pair[1].date["start"], pair[1].sent_start))
    holder: dict[str, tuple[str, Actor]] = {}  # place → (day taken, by whom)
    for key, event in captures:
        day, before = holder.get(key, ("", None))
        if event.recipient is None and before is not None and day < event.date["start"]:
            if _side(before) != _side(event.actor):
                event.recipient = before
        holder[key] = (event.date["start"], event.actor)
    return found
