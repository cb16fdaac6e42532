"""Catalog matching and enrichment (CONTRACT section 3) and the film key (section 5)."""

import math
import re
import unicodedata

_FOLDS = {
    "ā": "a", "ē": "e", "ī": "i", "ō": "o", "ū": "u",
    "Ā": "A", "Ē": "E", "Ī": "I", "Ō": "O", "Ū": "U",
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE",
    "œ": "oe", "Œ": "OE", "ß": "ss", "ẞ": "SS", "đ": "d", "Đ": "D",
    "ñ": "n", "Ñ": "N", "ç": "c", "Ç": "C",
}
_NOT_KEPT = re.compile(r"[^A-Za-z0-9]")


def normalize(text):
    """normalize(t) of CONTRACT section 3: lower-case ASCII letters, digits and single spaces."""
    if not isinstance(text, str) or not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text)
    folded = "".join(_FOLDS.get(c, c) for c in decomposed if not unicodedata.combining(c))
    # Everything that is not an ASCII letter or digit (white space included) becomes a space, then runs collapse.
    return " ".join(_NOT_KEPT.sub(" ", folded).split()).lower()


def text_value(value):
    """A string field as the contract reads it: blank or not a string is no value."""
    return value if isinstance(value, str) and value.strip() else None


def _imdb_key(imdb_id):
    text = text_value(imdb_id)
    return text.strip().lower() if text else None


def integer(value):
    """An integral number (1998, 1998.0) as int; anything else (booleans, 4.5, NaN, strings) is None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not (math.isfinite(value) and value == int(value)):
        return None
    return int(value)


class CatalogIndex:
    """The catalog indexed for the three match rules; ties go to the first film in catalog order."""

    def __init__(self, catalog_docs):
        self._by_imdb = {}
        self._by_title_year = {}
        self._newest_by_title = {}
        for doc in catalog_docs:
            self._add(doc)

    def _add(self, doc):
        key = _imdb_key(doc.get("imdb_id"))
        if key is not None:
            self._by_imdb.setdefault(key, doc)
        year = integer(doc.get("year"))
        titles = []
        for field in ("title", "original_title", "normalized_title", "normalized_original_title"):
            title = normalize(doc.get(field))
            if title and title not in titles:
                titles.append(title)
        for title in titles:
            if year is not None:
                self._by_title_year.setdefault((title, year), doc)
            known = self._newest_by_title.get(title)
            # Strictly newer wins, so an equal year keeps the first film; a film without a year loses to any with one.
            if known is None or (year is not None and (integer(known.get("year")) is None or year > integer(known.get("year")))):
                self._newest_by_title[title] = doc

    def match(self, name, year, imdb_id):
        """The catalog document for an entry, or None (rules 1-3 of CONTRACT section 3)."""
        key = _imdb_key(imdb_id)
        if key is not None and key in self._by_imdb:
            return self._by_imdb[key]
        title = normalize(name)
        if not title:
            return None
        if year is not None and (title, year) in self._by_title_year:
            return self._by_title_year[(title, year)]
        return self._newest_by_title.get(title)


def title_key(title, year):
    """normalize(title)|year; an unknown year is written as nothing (alien|)."""
    return normalize(title) + "|" + ("" if year is None else str(year))


def film_key(entry, match):
    """The film's identity for the global counts (CONTRACT section 5)."""
    if match is not None:
        return _imdb_key(match.get("imdb_id")) or title_key(match.get("title") or "", integer(match.get("year")))
    return _imdb_key(entry.get("imdb_id")) or title_key(entry["name"], entry.get("year"))


def enrich(entry, index):
    """The entry joined with its catalog film: a new dict with every movie-item field plus film_key and label.

    entry: {name, year, rating, date, imdb_id, genres, duration, director, actors[, poster_url]}.
    """
    match = index.match(entry["name"], entry.get("year"), entry.get("imdb_id"))
    film = {
        "name": entry["name"],
        "year": entry.get("year"),
        "sent_year": entry.get("year"),
        "rating": entry.get("rating"),
        "date": entry.get("date"),
        "imdb_id": text_value(entry.get("imdb_id")),
        "genres": list(entry.get("genres") or []),
        "director": text_value(entry.get("director")),
        "actors": text_value(entry.get("actors")),
        "duration": entry.get("duration"),
        "poster_url": text_value(entry.get("poster_url")),
        "avg_vote": None,
        "description": None,
        "film_key": film_key(entry, match),
        "label": {"title": entry["name"], "year": entry.get("year"), "poster_url": None},
    }
    if match is None:
        return film
    genres = match.get("genres")
    if isinstance(genres, list) and genres:
        film["genres"] = [g for g in genres if isinstance(g, str)]
    for field in ("director", "actors", "imdb_id", "description"):
        if text_value(match.get(field)) is not None:
            film[field] = match[field]
    duration = integer(match.get("duration"))
    if duration is not None:
        film["duration"] = duration
    film["avg_vote"] = match.get("avg_vote")
    # The year the user sent is part of the entry's identity: the catalog only fills a gap; likewise the poster.
    if film["year"] is None:
        film["year"] = integer(match.get("year"))
    if film["poster_url"] is None:
        film["poster_url"] = text_value(match.get("poster_url"))
    title = text_value(match.get("title")) or text_value(match.get("original_title")) or entry["name"]
    film["label"] = {"title": title, "year": integer(match.get("year")),
                     "poster_url": text_value(match.get("poster_url"))}
    return film
