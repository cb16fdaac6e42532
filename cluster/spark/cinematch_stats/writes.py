"""The corrective writes of a reconcile run, as plain operation dicts (the job hands them to pymongo).

An operation is {"collection", "op": "update" | "replace" | "delete", "filter", "update"?, "upsert"?}. Every
operation is an idempotent $set/$unset/replace or delete, so a retried task or a second run is harmless.
"""

from .user_stats import OWNED_FIELDS

SOURCE = "reconcile"
# A document left with nothing but _id and user_id: tested by the server, so a field another writer (the
# backend's quiz_* fields, or any field we do not know) put there meanwhile keeps the document.
ONLY_ID_AND_USER = {"$expr": {"$eq": [{"$size": {"$objectToArray": "$$ROOT"}}, 2]}}


def user_stats_ops(user_id, computed_stats, status, now):
    """$set of our fields (upsert by user_id) when the stored statistics are missing or differ; for a user with no
    present entry (CONTRACT 6b), $unset of our fields, then a delete only if nothing else is left.
    The two must run in this order (the job's bulk writes are ordered)."""
    if status in ("missing", "differs"):
        fields = {k: v for k, v in computed_stats.items() if k != "user_id"}
        fields.update({"updated_at": now, "source": SOURCE})
        return [{"collection": "user_stats", "op": "update", "filter": {"user_id": user_id},
                 "update": {"$set": fields}, "upsert": True}]
    if status != "extra":
        return []
    return [{"collection": "user_stats", "op": "update", "filter": {"user_id": user_id},
             "update": {"$unset": {field: "" for field in OWNED_FIELDS}}, "upsert": False},
            {"collection": "user_stats", "op": "delete", "filter": dict(ONLY_ID_AND_USER, user_id=user_id)}]


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
