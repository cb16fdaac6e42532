"""The event log of CONTRACT sections 1, 2 and 6 turned into each user's list (used by the tests only).

The reconcile job never reads events: it reads `movies`. This module exists so that the golden scenarios, which
are event logs, can be checked end to end through the same pure functions.
"""

import json

from .catalog import integer, text_value
from .dates import TICKS_PER_SECOND, parse_event_time

EVENT_TYPES = ("ADD", "DELETE", "UPDATE_RATING", "BULK_IMPORT", "RECALCULATE")
PRESENCE_TYPES = ("ADD", "BULK_IMPORT", "RECALCULATE")
ATTRIBUTES = ("rating", "date", "imdb_id", "genres", "duration", "director", "actors")
ALLOWED_LATENESS_TICKS = 3600 * TICKS_PER_SECOND


class BadEvent(Exception):
    """A record that goes to the dead-letter store; the message names the part that is bad."""


def _reject_constant(name):
    raise ValueError("not JSON: " + name)


def _required_string(obj, name, path):
    value = obj.get(name)
    if value is None:
        raise BadEvent("missing " + path)
    if not isinstance(value, str):
        raise BadEvent(path + ": expected a string")
    if not value.strip():
        raise BadEvent(path + ": empty")
    return value


def _is_int32(value):
    # 4.0 is accepted as 4 (section 1); booleans, strings and 4.5 are wrong types. 32-bit, as the streaming path.
    number = integer(value)
    return number is not None and -2**31 <= number <= 2**31 - 1


def _is_strings(value):
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


_OPTIONAL_KINDS = {
    "string": (lambda v: isinstance(v, str), text_value),
    "integer": (_is_int32, integer),
    "array of strings": (_is_strings, list),
}


def _optional(movie, name, kind):
    """A movie field that may be missing or null; a value of the wrong type is a bad event."""
    value = movie.get(name)
    if value is None:
        return None
    accepts, convert = _OPTIONAL_KINDS[kind]
    if not accepts(value):
        raise BadEvent("movie.%s: expected %s %s" % (name, "an" if kind[0] in "ai" else "a", kind))
    return convert(value)


def parse_event(raw):
    """One record (bytes or str) as {type, user_id, movie, ticks}; raises BadEvent with the reason."""
    if isinstance(raw, bytes):
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise BadEvent("not JSON: not UTF-8")
    try:
        root = json.loads(raw, parse_constant=_reject_constant)
    except ValueError as e:
        raise BadEvent("not JSON: %s" % e)
    if not isinstance(root, dict):
        raise BadEvent("not an object: got %s" % type(root).__name__)
    kind = _required_string(root, "event_type", "event_type")
    if kind.upper() not in EVENT_TYPES:
        raise BadEvent("unknown event_type %r" % kind)
    user_id = _required_string(root, "user_id", "user_id")
    movie = root.get("movie")
    if movie is None:
        raise BadEvent("missing movie")
    if not isinstance(movie, dict):
        raise BadEvent("movie: expected an object")
    parsed = {
        "name": _required_string(movie, "name", "movie.name"),
        "year": _optional(movie, "year", "integer"),
        "rating": _optional(movie, "rating", "integer"),
        "imdb_id": _optional(movie, "imdb_id", "string"),
        "genres": _optional(movie, "genres", "array of strings"),
        "duration": _optional(movie, "duration", "integer"),
        "director": _optional(movie, "director", "string"),
        "actors": _optional(movie, "actors", "string"),
        "date": _optional(movie, "date", "string"),
        "old_rating": _optional(movie, "old_rating", "integer"),
        "new_rating": _optional(movie, "new_rating", "integer"),
    }
    timestamp = _required_string(root, "timestamp", "timestamp")
    ticks = parse_event_time(timestamp)
    if ticks is None:
        raise BadEvent("timestamp: not an ISO-8601 date-time: %r" % timestamp[:40])
    return {"type": kind.upper(), "user_id": user_id, "movie": parsed, "ticks": ticks}


class _Entry:
    """One film of a list, identified by (name, year): presence and last-writer-wins registers."""

    def __init__(self, name, year):
        self.name, self.year = name, year
        self.latest_presence = None   # (stamp, is_delete)
        self.latest_delete = None
        self.adds_since_delete = set()
        self.registers = {}           # attribute -> (stamp, value)

    def apply(self, kind, movie, stamp):
        if kind in PRESENCE_TYPES or kind == "DELETE":
            if self.latest_presence is None or stamp > self.latest_presence[0]:
                self.latest_presence = (stamp, kind == "DELETE")
        if kind in PRESENCE_TYPES:
            if self.latest_delete is None or stamp > self.latest_delete:
                self.adds_since_delete.add(stamp)
            for field in ATTRIBUTES:
                self._write(field, movie[field], stamp)
        elif kind == "DELETE":
            if self.latest_delete is None or stamp > self.latest_delete:
                self.latest_delete = stamp
                self.adds_since_delete = {s for s in self.adds_since_delete if s > stamp}
        else:  # UPDATE_RATING creates the entry absent when unknown, holding the rating
            rating = movie["new_rating"] if movie["new_rating"] is not None else movie["rating"]
            self._write("rating", rating, stamp)

    def _write(self, field, value, stamp):
        if value is None:
            return
        known = self.registers.get(field)
        if known is None or stamp > known[0]:
            self.registers[field] = (stamp, value)

    @property
    def present(self):
        return self.latest_presence is not None and not self.latest_presence[1]

    def as_entry(self):
        entry = {"name": self.name, "year": self.year}
        for field in ATTRIBUTES:
            held = self.registers.get(field)
            # Only writes stamped after the latest DELETE count: a film deleted and added again starts afresh.
            fresh = held is not None and (self.latest_delete is None or held[0] > self.latest_delete)
            entry[field] = held[1] if fresh else None
        entry["genres"] = entry["genres"] or []
        return entry


class UserList:
    """One user's list; events applied one at a time, in log order, with the watermark of section 2."""

    def __init__(self, allowed_lateness_ticks=ALLOWED_LATENESS_TICKS):
        self.entries = {}
        self.latest_ticks = None
        self.allowed_lateness_ticks = allowed_lateness_ticks

    def watermark(self):
        return None if self.latest_ticks is None else self.latest_ticks - self.allowed_lateness_ticks

    def apply(self, event, sequence):
        """Applies the event; returns False when it is late (older than the watermark) and was not applied."""
        mark = self.watermark()
        if mark is not None and event["ticks"] < mark:
            return False
        movie = event["movie"]
        key = (movie["name"], movie["year"])
        entry = self.entries.get(key)
        if entry is None:
            entry = self.entries[key] = _Entry(*key)
        entry.apply(event["type"], movie, (event["ticks"], sequence))
        self.latest_ticks = event["ticks"] if self.latest_ticks is None else max(self.latest_ticks, event["ticks"])
        return True

    def present_entries(self):
        """The present entries in list order: by the stamp of their first add since their latest delete."""
        present = [e for e in self.entries.values() if e.present]
        present.sort(key=lambda e: min(e.adds_since_delete))
        return [e.as_entry() for e in present]


def replay(lines):
    """Runs a log (one record a line, offset = line number) and returns (lists, dead_letters, late_events).

    lists: {user_id: [entries in list order]}; dead_letters: [{"offset", "reason"}]; late_events: [{"offset"}].
    A blank line is skipped, as the replay command skips it.
    """
    users, dead, late = {}, [], []
    for offset, raw in enumerate(lines):
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
        if not text.strip():
            continue
        try:
            event = parse_event(raw)
        except BadEvent as e:
            dead.append({"offset": offset, "reason": str(e)})
            continue
        user = users.setdefault(event["user_id"], UserList())
        if not user.apply(event, offset):
            late.append({"offset": offset})
    lists = {user_id: user.present_entries() for user_id, user in users.items()}
    return lists, dead, late
