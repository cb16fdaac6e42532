"""Computed documents against stored ones: what a reconcile run reports.

Only fields this project owns are compared (user_stats: section 4 and the V6 counters; never updated_at,
source, _id or the backend's quiz_* fields). Numbers compare as numbers (4 == 4.0), booleans are not numbers, and inside a document a missing key equals
a null value.
"""

from .user_stats import OWNED_FIELDS

NOT_COMPARED = ("updated_at", "source", "_id")
USER_STATS_COMPARED = tuple(f for f in OWNED_FIELDS if f not in NOT_COMPARED)
AFFINITY_COMPARED = ("user_id", "type", "name", "name_key", "count", "sum_voti")
MOVIE_COUNT_COMPARED = ("title", "year", "count")
GLOBAL_COMPARED = ("top_movies", "trending_genres", "genre_counts", "total_users", "total_entries")
MAX_EXAMPLES = 10
_MISSING = object()


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _diff(path, computed, stored, out):
    if _is_number(computed) and _is_number(stored):
        if computed != stored:
            out.append((path, computed, stored))
    elif isinstance(computed, dict) and isinstance(stored, dict):
        for key in list(computed) + [k for k in stored if k not in computed]:
            c, s = computed.get(key, _MISSING), stored.get(key, _MISSING)
            # A key that is absent on one side and null on the other is the same unknown value: Spark's schema
            # inference adds null fields, or drops them, when it reads stored documents.
            if c is not s and (c is None or c is _MISSING) and (s is None or s is _MISSING):
                continue
            _diff("%s.%s" % (path, key) if path else key, c, s, out)
    elif isinstance(computed, list) and isinstance(stored, list):
        for i in range(max(len(computed), len(stored))):
            _diff("%s[%d]" % (path, i), computed[i] if i < len(computed) else _MISSING,
                  stored[i] if i < len(stored) else _MISSING, out)
    elif type(computed) is not type(stored) or computed != stored:
        out.append((path, computed, stored))


def _shown(value):
    return "<missing>" if value is _MISSING else value


def compare_documents(computed, stored, fields):
    """Field-by-field differences [{"field", "computed", "stored"}] over `fields` only; [] when they agree."""
    out = []
    for field in fields:
        _diff(field, (computed or {}).get(field, _MISSING), (stored or {}).get(field, _MISSING), out)
    return [{"field": p, "computed": _shown(c), "stored": _shown(s)} for p, c, s in out]


def holds_owned_fields(stored_stats):
    """Whether a stored user_stats document carries statistics (not only the backend's quiz fields)."""
    return stored_stats is not None and any(f in stored_stats for f in USER_STATS_COMPARED)


def compare_user(user_id, computed_stats, stored_stats, computed_affinities, stored_affinities):
    """One user's drift: status ("ok", "differs", "missing", "extra") and the differences.

    missing: statistics computed but no stored statistics; extra: stored statistics for a user with no present
    entry. Affinities: ids computed but not stored, stored but not computed, and stored with other figures.
    """
    stored_has = holds_owned_fields(stored_stats)
    if computed_stats is None:
        status, differences = ("extra", []) if stored_has else ("ok", [])
    elif not stored_has:
        status, differences = "missing", []
    else:
        differences = compare_documents(computed_stats, stored_stats, USER_STATS_COMPARED)
        status = "differs" if differences else "ok"
    affinity = compare_keyed(computed_affinities, stored_affinities, "_id", AFFINITY_COMPARED)
    return {"user_id": user_id, "status": status, "differences": differences, "affinities": affinity}


def compare_keyed(computed_docs, stored_docs, key, fields):
    """Documents matched by `key`: counts of missing, extra and differing ones, and their differences."""
    computed = {d[key]: d for d in computed_docs}
    stored = {d[key]: d for d in stored_docs}
    differing = {}
    for doc_key in sorted(set(computed) & set(stored)):
        diff = compare_documents(computed[doc_key], stored[doc_key], fields)
        if diff:
            differing[doc_key] = diff
    return {"missing": sorted(set(computed) - set(stored)), "extra": sorted(set(stored) - set(computed)),
            "differing": differing}


def compare_affinities(computed_docs, stored_docs):
    return compare_keyed(computed_docs, stored_docs, "_id", AFFINITY_COMPARED)


def compare_movie_counts(computed_docs, stored_docs):
    return compare_keyed(computed_docs, stored_docs, "_id", MOVIE_COUNT_COMPARED)


class DriftReport:
    """The reconcile_reports document, built from per-user results and the film/global comparisons.

    The cluster sums the per-user counts itself; add_user() is the one-process equivalent, and
    add_user_counts() takes the cluster's sums.
    """

    def __init__(self, run_id, started_at, applied=False):
        self.doc = {
            "_id": run_id, "run_id": run_id, "started_at": started_at, "ended_at": None, "applied": applied,
            "users_checked": 0, "users_differing": 0, "user_stats_missing": 0, "user_stats_extra": 0,
            "affinities_missing": 0, "affinities_extra": 0, "affinities_differing": 0,
            "movie_counts_missing": 0, "movie_counts_extra": 0, "films_differing": 0,
            "global_stats_differs": False, "examples": [],
        }

    def add_example(self, example):
        if len(self.doc["examples"]) < MAX_EXAMPLES:
            self.doc["examples"].append(example)

    def add_user(self, result):
        counts = user_counts(result)
        self.add_user_counts(counts)
        for example in user_examples(result):
            self.add_example(example)

    def add_user_counts(self, counts):
        for name, n in counts.items():
            self.doc[name] += n

    def add_movie_counts(self, comparison):
        self.doc["movie_counts_missing"] += len(comparison["missing"])
        self.doc["movie_counts_extra"] += len(comparison["extra"])
        self.doc["films_differing"] += len(comparison["differing"])
        for film_id in comparison["missing"]:
            self.add_example({"collection": "movie_counts", "_id": film_id, "status": "missing"})
        for film_id in comparison["extra"]:
            self.add_example({"collection": "movie_counts", "_id": film_id, "status": "extra"})
        for film_id, diff in comparison["differing"].items():
            self.add_example({"collection": "movie_counts", "_id": film_id, "status": "differs", "differences": diff})

    def add_global(self, computed, stored):
        diff = compare_documents(computed, stored, GLOBAL_COMPARED) if stored is not None else [
            {"field": "global_stats", "computed": "<document>", "stored": "<missing>"}]
        self.doc["global_stats_differs"] = bool(diff)
        if diff:
            self.add_example({"collection": "global_stats", "status": "differs", "differences": diff[:MAX_EXAMPLES]})

    def finish(self, ended_at):
        self.doc["ended_at"] = ended_at
        return self.doc

    def summary_line(self):
        d = self.doc
        return ("reconcile %s: %d users checked, %d differ, %d missing, %d extra; affinities %d missing, %d extra, "
                "%d differ; movie_counts %d missing, %d extra, %d differ; global_stats %s%s" % (
                    d["run_id"], d["users_checked"], d["users_differing"], d["user_stats_missing"],
                    d["user_stats_extra"], d["affinities_missing"], d["affinities_extra"], d["affinities_differing"],
                    d["movie_counts_missing"], d["movie_counts_extra"], d["films_differing"],
                    "differs" if d["global_stats_differs"] else "agrees", "; corrected" if d["applied"] else ""))


def user_counts(result):
    """A compare_user() result as the numbers the report sums (the cluster sums these columns)."""
    return {
        "users_checked": 1,
        "users_differing": 1 if result["status"] == "differs" else 0,
        "user_stats_missing": 1 if result["status"] == "missing" else 0,
        "user_stats_extra": 1 if result["status"] == "extra" else 0,
        "affinities_missing": len(result["affinities"]["missing"]),
        "affinities_extra": len(result["affinities"]["extra"]),
        "affinities_differing": len(result["affinities"]["differing"]),
    }


def user_examples(result, limit=MAX_EXAMPLES):
    """Up to `limit` example differences of one user, field by field."""
    examples = []
    if result["status"] in ("missing", "extra"):
        examples.append({"collection": "user_stats", "user_id": result["user_id"], "status": result["status"]})
    elif result["differences"]:
        examples.append({"collection": "user_stats", "user_id": result["user_id"], "status": "differs",
                         "differences": result["differences"][:limit]})
    affinity = result["affinities"]
    for doc_id, diff in list(affinity["differing"].items())[:limit]:
        examples.append({"collection": "user_affinities", "_id": doc_id, "status": "differs", "differences": diff})
    for status in ("missing", "extra"):
        for doc_id in affinity[status][:limit]:
            examples.append({"collection": "user_affinities", "_id": doc_id, "status": status})
    return examples[:limit]
