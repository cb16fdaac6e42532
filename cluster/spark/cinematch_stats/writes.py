"""The corrective writes of a reconcile run, as plain operation dicts (the job hands them to pymongo).

An operation is {"collection", "op": "update" | "replace" | "delete", "filter", "update"?, "upsert"?}. Every operation is an
idempotent $set/$unset or delete, so a retried task or a second run is harmless (CONTRACT section 5).
"""

from .user_stats import OWNED_FIELDS

SOURCE = "reconcile"
# The backend's own fields in user_stats (CONTRACT 6b): a document that holds any of them is never deleted.
BACKEND_FIELDS = ("quiz_correct_count", "quiz_wrong_count", "quiz_total_attempts", "last_quiz_date")


def user_stats_ops(user_id, computed_stats, stored_stats, status, now):
    """$set of our fields (upsert by user_id) when the stored statistics are missing or differ; for a user with no
    present entry, $unset of our fields, or a delete when nothing but ours is left."""
    if status in ("missing", "differs"):
        fields = {k: v for k, v in computed_stats.items() if k != "user_id"}
        fields.update({"updated_at": now, "source": SOURCE})
        return [{"collection": "user_stats", "op": "update", "filter": {"user_id": user_id},
                 "update": {"$set": fields}, "upsert": True}]
    if status != "extra":
        return []
    others = set(stored_stats or {}) - set(OWNED_FIELDS) - {"_id", "user_id"}
    if not others:
        # Guarded so that a quiz answer the backend upserted meanwhile keeps its document.
        guard = {field: {"$exists": False} for field in BACKEND_FIELDS}
        return [{"collection": "user_stats", "op": "delete", "filter": dict(guard, user_id=user_id)}]
    return [{"collection": "user_stats", "op": "update", "filter": {"user_id": user_id},
             "update": {"$unset": {field: "" for field in OWNED_FIELDS if field in stored_stats}}, "upsert": False}]


def affinity_ops(computed_affinities, comparison, now):
    """Upserts of the affinity documents that are missing or differ; deletes of those no longer present."""
    wanted = set(comparison["missing"]) | set(comparison["differing"])
    ops = [{"collection": "user_affinities", "op": "update", "filter": {"_id": doc["_id"]},
            "update": {"$set": dict({k: v for k, v in doc.items() if k != "_id"}, updated_at=now)}, "upsert": True}
           for doc in computed_affinities if doc["_id"] in wanted]
    ops.extend({"collection": "user_affinities", "op": "delete", "filter": {"_id": doc_id}}
               for doc_id in comparison["extra"])
    return ops


def movie_count_ops(computed_doc, stored_id, now):
    """The movie_counts document replaced (upsert), or deleted when the film has no count any more."""
    if computed_doc is None:
        return [{"collection": "movie_counts", "op": "delete", "filter": {"_id": stored_id}}]
    return [{"collection": "movie_counts", "op": "replace", "filter": {"_id": computed_doc["_id"]},
             "update": dict(computed_doc, updated_at=now), "upsert": True}]


def global_stats_op(computed_global, now):
    return {"collection": "global_stats", "op": "replace", "filter": {"type": "global_trends"},
            "update": dict(computed_global, updated_at=now, source=SOURCE), "upsert": True}
