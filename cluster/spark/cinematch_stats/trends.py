"""Global trends (CONTRACT section 5) split so that a cluster can sum them.

user_contributions() is what one user adds to the counts; the sums over users (Spark groupBy/sum, or
aggregate_contributions() here) are small (one row per film and per genre), and global_stats() builds the
global_trends document from those sums only.
"""

from .people import distinct_genres


def user_contributions(films):
    """What one user's present entries add to the global counts.

    Returns {"films": {film_key: {"users": 1, "entries": n, "label": {...}}}, "genres": {genre: entries},
    "users": 0 or 1, "entries": n}. A film's count is the number of users holding it, so a user with two
    entries for one film (two spellings matched to the same catalog film) counts once there.
    """
    films_by_key = {}
    genres = {}
    for film in films:
        held = films_by_key.setdefault(film["film_key"], {"users": 1, "entries": 0, "label": film["label"]})
        held["entries"] += 1
        for genre in distinct_genres(film.get("genres")):
            genres[genre] = genres.get(genre, 0) + 1
    return {"films": films_by_key, "genres": genres, "users": 1 if films else 0, "entries": len(films)}


def choose_label(a, b):
    """The label a film shows when users' entries disagree (only for films without a catalog match):
    the smallest (title, year, poster_url), so that the result never depends on the order of users."""
    if a is None:
        return b
    if b is None:
        return a
    return min(a, b, key=label_sort_key)


def label_sort_key(label):
    return (label.get("title") or "", label.get("year") if label.get("year") is not None else -1,
            label.get("poster_url") or "")


def aggregate_contributions(contributions):
    """The sums Spark computes with groupBy/sum, for a list of user_contributions() (tests and small runs)."""
    films, genres, users, entries = {}, {}, 0, 0
    for c in contributions:
        users += c["users"]
        entries += c["entries"]
        for key, held in c["films"].items():
            total = films.setdefault(key, {"count": 0, "label": None})
            total["count"] += held["users"]
            total["label"] = choose_label(total["label"], held["label"])
        for genre, n in c["genres"].items():
            genres[genre] = genres.get(genre, 0) + n
    return {"films": films, "genres": genres, "total_users": users, "total_entries": entries}


def movie_count_docs(film_counts):
    """movie_counts documents {_id, title, year, count} (without updated_at), sorted by _id, count > 0 only."""
    return [{"_id": key, "title": film["label"]["title"] if film["label"] else key,
             "year": film["label"]["year"] if film["label"] else None, "count": film["count"]}
            for key, film in sorted(film_counts.items()) if film["count"] > 0]


def top_movies(film_counts, limit=10):
    """Top 10 by count descending, ties by title then film key (ordinal)."""
    ranked = sorted(((film["count"], film["label"]["title"] if film["label"] else key, key, film["label"])
                     for key, film in film_counts.items() if film["count"] > 0),
                    key=lambda item: (-item[0], item[1], item[2]))
    return [{"title": title, "poster_path": label["poster_url"] if label else None, "count": count}
            for count, title, _, label in ranked[:limit]]


def global_stats(film_counts, genre_counts, total_users, total_entries):
    """The global_trends document (without updated_at and source) from aggregated counts.

    film_counts: {film_key: {"count": users, "label": {title, year, poster_url}}} — only the top 10 is read, so a
    caller may pass just the candidates; genre_counts: {genre: entries}.
    """
    genres = sorted(((g, n) for g, n in genre_counts.items() if n > 0), key=lambda item: (-item[1], item[0]))
    total = sum(n for _, n in genres)
    return {
        "type": "global_trends",
        "top_movies": top_movies(film_counts),
        "trending_genres": [{"genre": g, "count": n, "percentage": round(n / total * 100, 1)} for g, n in genres[:10]],
        "genre_counts": dict(genres),
        "total_users": total_users,
        "total_entries": total_entries,
    }
