"""ISO-8601 dates and date-times as the backend writes them (Python isoformat(), JavaScript toISOString())."""

import re
from datetime import datetime, timedelta

# Date, then optionally 'T' or ' ', hours:minutes, optional seconds with up to 7 fractional digits (the event
# parser of the streaming path accepts 100 ns ticks), optional offset Z, +hh:mm or +hhmm.
_DATE_TIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(Z|[+-]\d{2}:?\d{2})?)?$")

TICKS_PER_SECOND = 10_000_000
_EPOCH = datetime(1, 1, 1)


def _parts(text):
    m = _DATE_TIME.match(text)
    if not m:
        return None
    year, month, day, hour, minute, second, fraction, offset = m.groups()
    try:
        clock = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        return None
    ticks = int((fraction or "").ljust(7, "0"))
    return clock, ticks, hour is not None, offset


def parse_watch_date(text):
    """The watch date as the clock read where it was written (offset dropped, nothing converted), or None.

    CONTRACT section 4: YYYY-MM-DD or an ISO-8601 date-time; anything else is no date. The result is a sort key
    (naive datetime, 100 ns ticks) from which year and month are read.
    """
    if not isinstance(text, str):
        return None
    parts = _parts(text.strip())
    if parts is None:
        return None
    clock, ticks, _, _ = parts
    return clock, ticks


def parse_event_time(text):
    """An event timestamp as UTC ticks since 0001-01-01, or None. A date alone is rejected; no offset means UTC."""
    if not isinstance(text, str):
        return None
    parts = _parts(text)
    if parts is None or not parts[2]:
        return None
    clock, ticks, _, offset = parts
    shift = timedelta(0)
    if offset and offset != "Z":
        digits = offset[1:].replace(":", "")
        shift = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        if offset[0] == "-":
            shift = -shift
    utc = clock - shift
    seconds = (utc - _EPOCH) // timedelta(seconds=1)
    return seconds * TICKS_PER_SECOND + ticks


def rome_now_iso(zone_name="Europe/Rome"):
    """updated_at as the backend compares it (CONTRACT 6b): local isoformat() with offset, .ffffff left out when 0."""
    # No fallback on purpose: without a time-zone database any other offset would leave users "syncing".
    from zoneinfo import ZoneInfo
    return datetime.now(ZoneInfo(zone_name)).isoformat()
