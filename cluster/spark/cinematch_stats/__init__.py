"""CineMatch statistics as pure functions over plain lists and dicts (standard library only).

The reconcile job (../reconcile.py) calls these from Spark; the tests call them directly. Nothing here
imports Spark, pymongo or anything outside the standard library, so every formula is testable with the
machine's python3.
"""

from .catalog import CatalogIndex, enrich, film_key, normalize
from .movies import entries_from_movies
from .user_stats import user_stats, user_stats_v6, user_affinities, OWNED_FIELDS
from .trends import user_contributions, aggregate_contributions, global_stats, movie_count_docs
from .drift import compare_documents, compare_affinities, compare_movie_counts, DriftReport

__all__ = [
    "CatalogIndex", "enrich", "film_key", "normalize", "entries_from_movies",
    "user_stats", "user_stats_v6", "user_affinities", "OWNED_FIELDS",
    "user_contributions", "aggregate_contributions", "global_stats", "movie_count_docs",
    "compare_documents", "compare_affinities", "compare_movie_counts", "DriftReport",
]
