"""A user's list from the backend's `movies` documents (the source of truth in MongoDB mode)."""

from datetime import datetime, timezone

from .catalog import integer, text_value
from .dates import TICKS_PER_SECOND, parse_event_time

def _strings(value):
    """genres as stored: an array of strings, or one string of items separated by '|' or ','."""
    if isinstance(value, list):
        return [v.strip() for v in value if isinstance(v, str) and v.strip()]
    if isinstance(value, str):
        return [v.strip() for v in value.replace("|", ",").split(",") if v.strip()]
    return None


def _number(value):
    """A number as other programs store it: 4, 4.0 or "4"; anything else (NaN, "", None) is no number."""
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return None
    return integer(value)


def _added_at(doc):
    """The order key in UTC ticks: added_at (a datetime or an ISO string), else the creation time inside an
    ObjectId _id (as the streaming path's history source does), else None (sorted last)."""
    value = doc.get("added_at")
    if isinstance(value, datetime):
        return parse_event_time(value.isoformat())
    ticks = parse_event_time(value) if isinstance(value, str) else None
    if ticks is not None:
        return ticks
    object_id = str(doc.get("_id", ""))
    if len(object_id) == 24 and all(c in "0123456789abcdefABCDEF" for c in object_id):
        return parse_event_time("1970-01-01T00:00:00Z") + int(object_id[:8], 16) * TICKS_PER_SECOND
    return None


def _watch_date(value):
    # A BSON date becomes its UTC day; a string stands as written.
    if isinstance(value, datetime):
        value = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc).strftime("%Y-%m-%d")
    return text_value(value)


def entries_from_movies(movie_docs):
    """The user's list in list order (by added_at, then _id) from their `movies` documents.

    Documents without a name are skipped. Documents for the same (name, year), which the backend should not
    hold but may, make one entry, as the resend of the list (RECALCULATE events stamped with added_at) makes it
    in the streaming path: its place is the earliest, each field the latest non-null value.
    """
    def order(doc):
        added = _added_at(doc)
        return (added is None, added or 0, str(doc.get("_id", "")))

    entries = {}
    for doc in sorted(movie_docs, key=order):
        name = text_value(doc.get("name"))
        if name is None:
            continue
        fields = {
            "rating": _number(doc.get("rating")),
            "date": _watch_date(doc.get("date")),
            "imdb_id": text_value(doc.get("imdb_id")),
            "genres": _strings(doc.get("genres")),
            "duration": _number(doc.get("duration")),
            "director": text_value(doc.get("director")),
            "actors": text_value(doc.get("actors")),
            "poster_url": text_value(doc.get("poster_url")),
        }
        year = _number(doc.get("year"))
        entry = entries.setdefault((name, year), {"name": name, "year": year})
        entry.update({k: v for k, v in fields.items() if v is not None})
    result = []
    for entry in entries.values():
        entry.setdefault("genres", [])
        for field in ("rating", "date", "imdb_id", "duration", "director", "actors", "poster_url"):
            entry.setdefault(field, None)
        result.append(entry)
    return result
