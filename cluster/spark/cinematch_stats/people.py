"""Names in a director or actors field, and genre lists, as CONTRACT sections 4 and 6b count them."""

import re

_SEPARATORS = re.compile(r"[,|]")


def split_people(names):
    """Split on ',' and '|', trim, drop empties; a name listed twice for one film counts once."""
    if not isinstance(names, str):
        return []
    result = []
    for token in _SEPARATORS.split(names):
        token = token.strip()
        if token and token not in result:
            result.append(token)
    return result


def distinct_genres(genres):
    """The film's genres, each once, in the order listed."""
    result = []
    for genre in genres or []:
        if isinstance(genre, str) and genre not in result:
            result.append(genre)
    return result
