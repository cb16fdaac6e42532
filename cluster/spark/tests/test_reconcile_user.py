"""The per-user step of the reconcile job (what each Spark task runs): from `movies` to drift and corrective writes."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from cinematch_stats.catalog import CatalogIndex  # noqa: E402
from cinematch_stats.pipeline import reconcile_user  # noqa: E402
from cinematch_stats.replay import replay  # noqa: E402
from cinematch_stats.rows import OUTPUT_COLUMNS, user_rows  # noqa: E402
from golden import expected_path, read_json, read_jsonl, scenarios  # noqa: E402

NOW = "2026-01-19T21:04:11.532871+01:00"
NO_CATALOG = CatalogIndex([])


def movie(name, added_at, **fields):
    return dict({"user_id": "u1", "name": name, "year": 2000, "added_at": added_at}, **fields)


MOVIES = [movie("Alien", "2026-01-01T10:00:00+01:00", rating=4, genres=["Horror"], director="Ridley Scott"),
          movie("Heat", "2026-01-02T10:00:00+01:00", rating=5, genres=["Crime"], duration=170)]


class GoldenThroughMoviesTest(unittest.TestCase):
    """Each golden user's final list stored as `movies` documents: reconcile must find the expected documents
    exact (no drift, no write), and must rebuild every one of them into an empty database."""

    def test_expected_documents_show_no_drift(self):
        for name, folder in scenarios().items():
            with self.subTest(scenario=name):
                with open(os.path.join(folder, "events.jsonl"), "rb") as f:
                    lists, _, _ = replay(f.read().split(b"\n"))
                index = CatalogIndex(read_json(os.path.join(folder, "catalog.json")))
                stored = {d["user_id"]: d for d in read_jsonl(expected_path(name, folder, "user_stats.jsonl"))}
                for v6 in read_jsonl(expected_path(name, folder, "user_stats_v6.jsonl")):
                    stored[v6["user_id"]].update(v6)
                affinities = {}
                for doc in read_jsonl(expected_path(name, folder, "user_affinities.jsonl")):
                    affinities.setdefault(doc["user_id"], []).append(doc)
                for user_id, entries in sorted(lists.items()):
                    # Ids in reverse list order, documents shuffled: only added_at gives the order.
                    docs = [dict(e, user_id=user_id, _id="%s-%04d" % (user_id, 9999 - i),
                                 added_at="2026-01-01T00:%02d:%02d+01:00" % divmod(i, 60))
                            for i, e in enumerate(entries)]
                    docs = docs[1::2] + docs[0::2]
                    run = reconcile_user(user_id, docs, stored.get(user_id), affinities.get(user_id, []), index, NOW)
                    self.assertEqual(("ok", []), (run["result"]["status"], run["ops"]), user_id)
                    empty = reconcile_user(user_id, docs, None, [], index, NOW)
                    expected_status = "missing" if user_id in stored else "ok"
                    self.assertEqual(expected_status, empty["result"]["status"], user_id)
                    self.assertEqual(len(affinities.get(user_id, [])),
                                     sum(op["collection"] == "user_affinities" for op in empty["ops"]), user_id)


class CorrectiveWritesTest(unittest.TestCase):
    def test_missing_statistics_are_set_field_by_field_with_source_reconcile(self):
        run = reconcile_user("u1", MOVIES, {"user_id": "u1", "quiz_correct_count": 2}, [], NO_CATALOG, NOW)
        stats_op = run["ops"][0]
        self.assertEqual(("user_stats", "update", {"user_id": "u1"}, True),
                         (stats_op["collection"], stats_op["op"], stats_op["filter"], stats_op["upsert"]))
        self.assertEqual(["$set"], list(stats_op["update"]))
        fields = stats_op["update"]["$set"]
        self.assertEqual(("reconcile", NOW, 2, 9), (fields["source"], fields["updated_at"],
                                                   fields["total_watched"], fields["sum_ratings"]))
        self.assertNotIn("quiz_correct_count", fields)

    def test_a_stored_count_that_drifted_is_rewritten_and_one_that_agrees_is_not(self):
        first = reconcile_user("u1", MOVIES, None, [], NO_CATALOG, NOW)
        stored = dict(first["ops"][0]["update"]["$set"], user_id="u1", quiz_total_attempts=7)
        affinities = [dict(op["update"]["$set"], _id=op["filter"]["_id"]) for op in first["ops"][1:]]
        self.assertEqual([], reconcile_user("u1", MOVIES, stored, affinities, NO_CATALOG, NOW)["ops"])
        stored["total_watched"] = 3
        again = reconcile_user("u1", MOVIES, stored, affinities, NO_CATALOG, NOW)
        self.assertEqual([{"field": "total_watched", "computed": 2, "stored": 3}], again["result"]["differences"])
        self.assertEqual(["user_stats"], [op["collection"] for op in again["ops"]])

    def test_an_emptied_list_unsets_our_fields_then_deletes_only_a_document_left_with_nothing_else(self):
        stored = dict(reconcile_user("u1", MOVIES, None, [], NO_CATALOG, NOW)["ops"][0]["update"]["$set"],
                      user_id="u1", quiz_correct_count=2)
        ops = reconcile_user("u1", [], stored, [{"_id": "u1_genre_Horror", "count": 1}], NO_CATALOG, NOW)["ops"]
        self.assertEqual([("user_stats", "update"), ("user_stats", "delete"), ("user_affinities", "delete")],
                         [(op["collection"], op["op"]) for op in ops])
        unset = ops[0]["update"]["$unset"]
        self.assertTrue({"total_watched", "sum_ratings", "monthly_counts", "updated_at", "source"} <= set(unset))
        self.assertFalse([field for field in unset if field.startswith("quiz") or field in ("_id", "user_id")])
        # The server deletes only a document whose fields are _id and user_id: the quiz fields keep this one.
        self.assertEqual({"user_id": "u1", "$expr": {"$eq": [{"$size": {"$objectToArray": "$$ROOT"}}, 2]}},
                         ops[1]["filter"])
        self.assertEqual({"_id": "u1_genre_Horror"}, ops[2]["filter"])

    def test_no_statistics_and_no_film_is_no_write(self):
        self.assertEqual([], reconcile_user("u1", [], {"user_id": "u1", "quiz_correct_count": 2}, [], NO_CATALOG, NOW)["ops"])


class SparkRowsTest(unittest.TestCase):
    """The rows each Spark task returns: what the cluster sums into the global counts and the report."""

    def test_rows_carry_the_contribution_the_drift_counters_and_the_writes(self):
        import json
        inputs = [("movie", json.dumps(m)) for m in MOVIES + [movie("Heat", "2026-01-03T10:00:00+01:00")]]
        inputs.append(("affinity", json.dumps({"_id": "u1_actor_Gone", "user_id": "u1", "count": 1})))
        rows = [dict(zip(OUTPUT_COLUMNS, row)) for row in user_rows("u1", inputs, NO_CATALOG, NOW)]
        by_kind = {}
        for row in rows:
            by_kind.setdefault(row["kind"], []).append(row)
        self.assertEqual([(1, 2)], [(r["n"], r["entries"]) for r in by_kind["user"]])
        self.assertEqual({("alien|2000", 1, 1, "Alien"), ("heat|2000", 1, 1, "Heat")},
                         {(r["key"], r["n"], r["entries"], r["title"]) for r in by_kind["film"]})
        self.assertEqual({"Horror": 1, "Crime": 1}, {r["key"]: r["n"] for r in by_kind["genre"]})
        self.assertEqual({"users_checked": 1, "user_stats_missing": 1, "affinities_missing": 3, "affinities_extra": 1},
                         {r["key"]: r["n"] for r in by_kind["count"]})
        ops = [json.loads(r["payload"]) for r in by_kind["op"]]
        self.assertEqual([("user_stats", "update")] + [("user_affinities", "update")] * 3 + [("user_affinities", "delete")],
                         [(op["collection"], op["op"]) for op in ops])
        self.assertTrue(all(json.loads(r["payload"])["status"] in ("missing", "extra") for r in by_kind["example"]))


if __name__ == "__main__":
    unittest.main()
