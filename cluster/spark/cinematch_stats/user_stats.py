"""The user_stats document (CONTRACT section 4), its V6 flat fields and user_affinities (CONTRACT-V6, section 6b).

Every function takes the user's present entries in list order, already enriched (catalog.enrich). All sorts are
Python's stable sorts, so ties keep list order as the contract requires.
"""

import math
import re

from .dates import parse_watch_date
from .people import distinct_genres, split_people

STATS_VERSION = "3.2"
NO_FAVORITE_GENRE = "Nessuno"
MONTH_NAMES = ["Gen", "Feb", "Mar", "Apr", "Mag", "Giu", "Lug", "Ago", "Set", "Ott", "Nov", "Dic"]
BEST_RATED_THRESHOLDS = (1, 2, 3, 5)
MOVIE_ITEM_FIELDS = ("name", "year", "rating", "date", "imdb_id", "genres", "director", "actors",
                     "duration", "poster_url", "avg_vote")
V6_FIELDS = ("total_watched", "sum_ratings", "watch_time_minutes", "rating_distribution", "monthly_counts")
SECTION4_FIELDS = ("total_watched", "avg_rating", "rating_chart_data", "top_rated_movies", "recent_movies",
                   "year_data", "available_years", "top_years", "genre_data", "favorite_genre",
                   "watch_time_hours", "avg_duration", "most_watched_directors", "best_rated_directors",
                   "most_watched_actors", "best_rated_actors", "stats_version")
# The fields of user_stats this project writes (section 4 + the V6 flat counters); anything else in the document
# (the backend's quiz_* fields, _id) belongs to someone else and is never compared, set or unset.
OWNED_FIELDS = tuple(dict.fromkeys(SECTION4_FIELDS + V6_FIELDS + ("updated_at", "source")))

_GENRE_COLORS = {
    "drama": "#E50914", "dramma": "#E50914", "comedy": "#FF6B35", "commedia": "#FF6B35",
    "action": "#00529B", "azione": "#00529B", "thriller": "#8B5CF6", "horror": "#6B21A8",
    "romance": "#EC4899", "sci-fi": "#06B6D4", "fantascienza": "#06B6D4", "adventure": "#10B981",
    "avventura": "#10B981", "crime": "#F59E0B", "fantasy": "#8B5CF6", "family": "#F472B6",
    "mystery": "#4B5563", "history": "#92400E", "war": "#7F1D1D", "music": "#DB2777",
    "documentary": "#059669", "western": "#D97706", "animation": "#FBBF24", "animazione": "#FBBF24",
    "giallo": "#F59E0B", "biography": "#4B5563", "biografia": "#4B5563", "sport": "#EF4444",
    "musical": "#DB2777", "film-noir": "#111827", "noir": "#111827",
}
OTHER_COLOR = "#9CA3AF"


def genre_color(genre):
    # Case-insensitive, as the streaming path does: "drama" from a hand-written CSV is still Drama's red.
    return _GENRE_COLORS.get(genre.lower(), OTHER_COLOR)


def _has_duration(film):
    # A duration of 0 is no duration (the old job's `if dur:`).
    return isinstance(film.get("duration"), int) and film["duration"] != 0


def movie_item(film):
    item = {field: film.get(field) for field in MOVIE_ITEM_FIELDS}
    item["genres"] = list(film.get("genres") or [])
    return item


def _counts_in_order(keys):
    counts = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    return counts


def _genre_data(films):
    counts = _counts_in_order(g for film in films for g in distinct_genres(film.get("genres")))
    total = sum(counts.values())
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)[:8]
    return [{"name": name, "value": round(count / total * 100, 1), "color": genre_color(name), "count": count}
            for name, count in ranked]


def _people(films, field):
    ratings = {}
    for film in films:
        if film.get("rating") is None:
            continue
        for person in split_people(film.get(field)):
            ratings.setdefault(person, []).append(film["rating"])
    people = [{"name": name, "count": len(r), "avg_rating": round(sum(r) / len(r), 1)} for name, r in ratings.items()]
    most_watched = sorted(people, key=lambda p: p["count"], reverse=True)[:15]
    # Sorted on the rounded avg_rating that is stored, as the old job did.
    best_rated = {str(k): sorted((p for p in people if p["count"] >= k),
                                 key=lambda p: (p["avg_rating"], p["count"]), reverse=True)[:10]
                  for k in BEST_RATED_THRESHOLDS}
    return most_watched, best_rated


def _year_data(films):
    by_year = {}
    for film in films:
        parsed = parse_watch_date(film.get("date"))
        if parsed is not None:
            months = by_year.setdefault(parsed[0].year, [0] * 12)
            months[parsed[0].month - 1] += 1
    return [{"year": year,
             "monthly_data": [{"month": MONTH_NAMES[i], "films": n} for i, n in enumerate(by_year[year])],
             "total_films": sum(by_year[year])}
            for year in sorted(by_year, reverse=True)]


def _recent_key(film):
    parsed = parse_watch_date(film.get("date"))
    return (True, parsed) if parsed is not None else (False, ())


def user_stats(user_id, films):
    """The section 4 fields (without updated_at and source), or None when the user has no present entry."""
    if not films:
        return None
    rated = [f["rating"] for f in films if f.get("rating") is not None]
    genre_data = _genre_data(films)
    directors = _people(films, "director")
    actors = _people(films, "actors")
    year_data = _year_data(films)
    durations = [f["duration"] for f in films if _has_duration(f)]
    release_years = _counts_in_order(f["sent_year"] for f in films if f.get("sent_year") is not None)
    return {
        "user_id": user_id,
        "total_watched": len(films),
        "avg_rating": round(sum(rated) / len(rated), 2) if rated else 0,
        "rating_chart_data": [{"rating": "⭐%d" % i, "count": sum(1 for f in films if f.get("rating") == i), "stars": i}
                              for i in range(1, 6)],
        "top_rated_movies": [movie_item(f) for f in sorted(
            (f for f in films if (f.get("rating") or 0) >= 4), key=lambda f: f.get("rating") or 0, reverse=True)[:10]],
        "recent_movies": [movie_item(f) for f in sorted(films, key=_recent_key, reverse=True)[:10]],
        "year_data": year_data,
        "available_years": [y["year"] for y in year_data],
        "top_years": [{"year": y, "count": n}
                      for y, n in sorted(release_years.items(), key=lambda item: item[1], reverse=True)[:5]],
        "genre_data": genre_data,
        "favorite_genre": genre_data[0]["name"] if genre_data else NO_FAVORITE_GENRE,
        "watch_time_hours": math.floor(sum(f["duration"] for f in films if _has_duration(f)) / 60),
        "avg_duration": round(sum(durations) / len(durations)) if durations else 0,
        "most_watched_directors": directors[0],
        "best_rated_directors": directors[1],
        "most_watched_actors": actors[0],
        "best_rated_actors": actors[1],
        "stats_version": STATS_VERSION,
    }


_MONTH_PREFIX = re.compile(r"^\d{4}-\d{2}")


def user_stats_v6(user_id, films):
    """The V6 flat counters (CONTRACT-V6 section 2.2, canonical form of 2.5) as absolute values."""
    distribution = {}
    monthly = {}
    for film in films:
        rating = film.get("rating")
        if isinstance(rating, int) and 1 <= rating <= 5:
            distribution[str(rating)] = distribution.get(str(rating), 0) + 1
        date = film.get("date")
        # B5 guard: only dates that start YYYY-MM give a month; junk never makes an empty or odd key.
        if isinstance(date, str) and _MONTH_PREFIX.match(date):
            months = monthly.setdefault(date[:4], {})
            months[date[5:7]] = months.get(date[5:7], 0) + 1
    return {
        "user_id": user_id,
        "total_watched": len(films),
        "sum_ratings": sum(f.get("rating") or 0 for f in films),
        "watch_time_minutes": sum(f["duration"] for f in films if isinstance(f.get("duration"), int)),
        "rating_distribution": distribution,
        "monthly_counts": monthly,
    }


def clean_key(name):
    """CONTRACT-V6 section 1.4: strip, then '.', '$' and ' ' become '_'."""
    return name.strip().replace(".", "_").replace("$", "_").replace(" ", "_")


def _affinity_names(film):
    return (("director", split_people(film.get("director"))[:2], True),
            ("actor", split_people(film.get("actors"))[:15], True),
            ("genre", [g for g in distinct_genres(film.get("genres")) if g.strip()], False))


def user_affinities(user_id, films):
    """The user_affinities documents (without updated_at), sorted by _id; only keys with count > 0 exist."""
    docs = {}
    for film in films:
        rating = film.get("rating") or 0
        for kind, names, rated in _affinity_names(film):
            for name in names:
                key = clean_key(name)
                doc_id = "%s_%s_%s" % (user_id, kind, key)
                # On a key collision (Q6) the first display name in list order stays.
                doc = docs.setdefault(doc_id, {"_id": doc_id, "user_id": user_id, "type": kind, "name": name,
                                               "name_key": key, "count": 0, "sum_voti": 0})
                doc["count"] += 1
                if rated:
                    doc["sum_voti"] += rating
    return [docs[k] for k in sorted(docs)]
