"""The flat rows the Spark job moves between the cluster and these functions (no Spark imported here).

Input, per user: (kind, json) pairs, kind "movie" (a `movies` document), "stats" (the stored user_stats
document) or "affinity" (a stored user_affinities document). Output: tuples in OUTPUT_COLUMNS order, one kind
per row, that the job sums with groupBy (films, genres, users, drift counters) or collects a few of (examples).
"""

import json

from .drift import user_counts, user_examples
from .pipeline import reconcile_user

OUTPUT_COLUMNS = ("user_id", "kind", "key", "n", "entries", "title", "year", "poster_url", "payload")
# Spark DDL of the same columns, for applyInPandas.
OUTPUT_SCHEMA = ("user_id string, kind string, key string, n long, entries long, title string, year long, "
                 "poster_url string, payload string")


def _row(user_id, kind, key=None, n=0, entries=0, title=None, year=None, poster_url=None, payload=None):
    return (user_id, kind, key, n, entries, title, year, poster_url, payload)


def user_rows(user_id, inputs, index, now, max_examples=10):
    """All output rows of one user from their input rows."""
    movies, stored_stats, stored_affinities = [], None, []
    for kind, text in inputs:
        doc = json.loads(text)
        if kind == "movie":
            movies.append(doc)
        elif kind == "stats":
            stored_stats = doc  # unique index on user_id: at most one
        elif kind == "affinity":
            stored_affinities.append(doc)
    run = reconcile_user(user_id, movies, stored_stats, stored_affinities, index, now)
    contribution = run["contribution"]
    rows = [_row(user_id, "user", n=contribution["users"], entries=contribution["entries"])]
    for key, held in contribution["films"].items():
        label = held["label"]
        rows.append(_row(user_id, "film", key, held["users"], held["entries"], label["title"], label["year"],
                         label["poster_url"]))
    rows.extend(_row(user_id, "genre", genre, n) for genre, n in contribution["genres"].items())
    rows.extend(_row(user_id, "count", name, n) for name, n in user_counts(run["result"]).items() if n)
    rows.extend(_row(user_id, "example", payload=json.dumps(e)) for e in user_examples(run["result"], max_examples))
    rows.extend(_row(user_id, "op", payload=json.dumps(op)) for op in run["ops"])
    return rows
