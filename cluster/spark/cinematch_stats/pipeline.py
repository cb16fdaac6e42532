"""Every document for one user, and for a whole (small) data set: the composition the job and the tests share."""

from .catalog import enrich
from .drift import compare_user
from .movies import entries_from_movies
from .trends import aggregate_contributions, global_stats, movie_count_docs, user_contributions
from .user_stats import user_affinities, user_stats, user_stats_v6
from .writes import affinity_ops, user_stats_ops


def compute_user(user_id, entries, index):
    """{"stats": section 4 + V6 fields or None, "affinities": [...], "contribution": {...}} for one user."""
    films = [enrich(entry, index) for entry in entries]
    stats = user_stats(user_id, films)
    if stats is not None:
        stats.update(user_stats_v6(user_id, films))
    return {"stats": stats, "affinities": user_affinities(user_id, films), "contribution": user_contributions(films)}


def compute_all(lists, index):
    """All documents for {user_id: entries}: what the cluster computes, in one process."""
    users = {user_id: compute_user(user_id, entries, index) for user_id, entries in sorted(lists.items())}
    totals = aggregate_contributions(u["contribution"] for u in users.values())
    return {
        "user_stats": [u["stats"] for u in users.values() if u["stats"] is not None],
        "user_affinities": sorted((a for u in users.values() for a in u["affinities"]), key=lambda a: a["_id"]),
        "movie_counts": movie_count_docs(totals["films"]),
        "global_stats": global_stats(totals["films"], totals["genres"], totals["total_users"], totals["total_entries"]),
    }


def reconcile_user(user_id, movie_docs, stored_stats, stored_affinities, index, now):
    """One user's part of a reconcile run, from their `movies` documents and what is stored for them.

    Returns {"contribution", "result" (drift.compare_user), "ops" (writes.* operations that correct the drift)}.
    """
    computed = compute_user(user_id, entries_from_movies(movie_docs), index)
    result = compare_user(user_id, computed["stats"], stored_stats, computed["affinities"], stored_affinities)
    ops = user_stats_ops(user_id, computed["stats"], result["status"], now)
    ops += affinity_ops(computed["affinities"], result["affinities"], now)
    return {"contribution": computed["contribution"], "result": result, "ops": ops}
