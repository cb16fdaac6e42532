#!/usr/bin/env python3
"""Converts the Vega movies dataset (BSD-3-Clause) into data/catalog.json, in the shape of
the movies_catalog collection (CONTRACT section 3). Run once; the output is committed.

    python3 tools/convert-vega-catalog.py ../shared/data/vega-movies.json data/catalog.json
"""
import json
import re
import sys
import unicodedata
from datetime import datetime

# Vega's "Major Genre" values, mapped onto the genre names the dashboard colours.
GENRES = {
    "Thriller/Suspense": ["Thriller"],
    "Romantic Comedy": ["Romance", "Comedy"],
    "Black Comedy": ["Comedy"],
    "Concert/Performance": ["Music"],
}

FOLDS = str.maketrans({"ā": "a", "ē": "e", "ī": "i", "ō": "o", "ū": "u", "Ā": "A", "Ē": "E", "Ī": "I",
                       "Ō": "O", "Ū": "U", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE",
                       "œ": "oe", "Œ": "OE", "ß": "ss", "đ": "d", "Đ": "D", "ñ": "n", "Ñ": "N", "ç": "c", "Ç": "C"})


def normalize(text):
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    text = text.translate(FOLDS)
    text = re.sub(r"[^A-Za-z0-9\s]", " ", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def convert(row):
    title = row["Title"]
    if title is None:
        return None
    title = str(title)
    year = None
    if row["Release Date"]:
        year = datetime.strptime(row["Release Date"], "%b %d %Y").year
    genre = row["Major Genre"]
    return {
        "imdb_id": None,
        "title": title,
        "original_title": title,
        "normalized_title": normalize(title),
        "normalized_original_title": normalize(title),
        "year": year,
        "genres": GENRES.get(genre, [genre]) if genre else [],
        "duration": row["Running Time min"],
        "director": row["Director"],
        "actors": None,
        "avg_vote": row["IMDB Rating"],
        "poster_url": None,
        "description": None,
    }


def main(source, target):
    with open(source, encoding="utf-8") as f:
        rows = json.load(f)
    films = [film for film in map(convert, rows) if film is not None]
    with open(target, "w", encoding="utf-8") as f:
        json.dump(films, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{len(films)} films written to {target}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
