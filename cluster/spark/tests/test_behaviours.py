"""Focused behaviours of the pure functions that the reconcile job relies on."""

import os
import sys
import unittest
from datetime import datetime, timezone

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from cinematch_stats.catalog import CatalogIndex  # noqa: E402
from cinematch_stats.drift import DriftReport, compare_user  # noqa: E402
from cinematch_stats.movies import entries_from_movies  # noqa: E402
from cinematch_stats.pipeline import compute_all, compute_user  # noqa: E402

NO_CATALOG = CatalogIndex([])


def entry(name, **fields):
    base = {"name": name, "year": 2000, "rating": None, "date": None, "imdb_id": None, "genres": [],
            "duration": None, "director": None, "actors": None}
    base.update(fields)
    return base


class DriftComparisonTest(unittest.TestCase):
    def setUp(self):
        self.computed = compute_user("u1", [entry("Alien", rating=4, genres=["Horror"], duration=117,
                                                  director="Ridley Scott")], NO_CATALOG)
        self.stored = dict(self.computed["stats"])

    def test_updated_at_source_and_quiz_fields_are_not_drift(self):
        self.stored.update({"_id": "65a0", "updated_at": "2020-01-01T00:00:00+01:00", "source": "orleans",
                            "quiz_correct_count": 3, "quiz_wrong_count": 1, "quiz_total_attempts": 4,
                            "last_quiz_date": "2026-01-01"})
        result = compare_user("u1", self.computed["stats"], self.stored, self.computed["affinities"],
                              list(self.computed["affinities"]))
        self.assertEqual("ok", result["status"], result["differences"])

    def test_a_stored_float_equals_the_computed_integer(self):
        self.stored["total_watched"] = 1.0
        self.stored["rating_distribution"] = {"4": 1.0}
        result = compare_user("u1", self.computed["stats"], self.stored, [], [])
        self.assertEqual("ok", result["status"], result["differences"])

    def test_a_null_field_added_by_schema_inference_is_not_drift(self):
        self.stored["rating_distribution"] = {"1": None, "4": 1}
        self.stored["top_rated_movies"] = [dict(self.stored["top_rated_movies"][0])]
        del self.stored["top_rated_movies"][0]["actors"]
        result = compare_user("u1", self.computed["stats"], self.stored, [], [])
        self.assertEqual("ok", result["status"], result["differences"])

    def test_a_changed_count_is_reported_field_by_field(self):
        self.stored["rating_distribution"] = {"4": 2}
        self.stored["rating_chart_data"] = [dict(bar) for bar in self.stored["rating_chart_data"]]
        self.stored["rating_chart_data"][3]["count"] = 2
        result = compare_user("u1", self.computed["stats"], self.stored, [], [])
        self.assertEqual("differs", result["status"])
        self.assertEqual([("rating_chart_data[3].count", 1, 2), ("rating_distribution.4", 1, 2)],
                         [(d["field"], d["computed"], d["stored"]) for d in result["differences"]])

    def test_missing_extra_and_affinity_drift_are_counted_in_the_report(self):
        report = DriftReport("run-1", "2026-01-01T00:00:00+01:00")
        stale_affinity = dict(self.computed["affinities"][0], count=5)
        report.add_user(compare_user("u1", self.computed["stats"], self.stored, self.computed["affinities"],
                                     [stale_affinity, {"_id": "u1_actor_Gone", "count": 1}]))
        report.add_user(compare_user("u2", self.computed["stats"], {"quiz_correct_count": 2}, [], []))
        report.add_user(compare_user("u3", None, self.stored, [], []))
        doc = report.finish("2026-01-01T00:01:00+01:00")
        self.assertEqual((3, 0, 1, 1), (doc["users_checked"], doc["users_differing"], doc["user_stats_missing"],
                                        doc["user_stats_extra"]))
        self.assertEqual((len(self.computed["affinities"]) - 1, 1, 1),
                         (doc["affinities_missing"], doc["affinities_extra"], doc["affinities_differing"]))
        self.assertIn("3 users checked, 0 differ, 1 missing, 1 extra", report.summary_line())


class EntriesFromMoviesTest(unittest.TestCase):
    def test_list_order_is_added_at_whatever_order_the_documents_and_ids_come_in(self):
        docs = [
            {"_id": "a", "user_id": "u", "name": "Third", "year": 2001, "added_at": "2026-01-03T10:00:00+01:00"},
            {"_id": "b", "user_id": "u", "name": "No time", "year": 2001},
            {"_id": "z", "user_id": "u", "name": "First", "year": 2001,
             "added_at": datetime(2026, 1, 1, 9, 0, tzinfo=timezone.utc)},
            {"_id": "c", "user_id": "u", "name": "Second", "year": 2001, "added_at": "2026-01-02T10:00:00+01:00"},
            {"_id": "n", "user_id": "u", "name": "", "year": 2001, "added_at": "2026-01-01T00:00:00+01:00"},
        ]
        self.assertEqual(["First", "Second", "Third", "No time"], [e["name"] for e in entries_from_movies(docs)])

    def test_the_same_film_twice_is_one_entry_in_its_first_place_with_the_latest_values(self):
        docs = [
            {"_id": "2", "name": "Alien", "year": 1979, "rating": 5.0, "added_at": "2026-01-05T10:00:00+01:00"},
            {"_id": "1", "name": "Alien", "year": 1979, "rating": 3, "date": "2025-01-01",
             "added_at": "2026-01-01T10:00:00+01:00"},
            {"_id": "3", "name": "Heat", "year": 1995, "added_at": "2026-01-02T10:00:00+01:00"},
        ]
        entries = entries_from_movies(docs)
        self.assertEqual([("Alien", 5, "2025-01-01"), ("Heat", None, None)],
                         [(e["name"], e["rating"], e["date"]) for e in entries])


class DurationAndGenreTest(unittest.TestCase):
    def test_a_zero_minute_duration_is_no_duration(self):
        stats = compute_user("u", [entry("A", duration=100), entry("B", duration=0), entry("C", duration=121)],
                             NO_CATALOG)["stats"]
        self.assertEqual(110, stats["avg_duration"])      # (100 + 121) / 2 = 110.5, half to even
        self.assertEqual(3, stats["watch_time_hours"])
        self.assertEqual(221, stats["watch_time_minutes"])

    def test_a_genre_listed_twice_for_one_film_counts_once(self):
        lists = {"u": [entry("A", genres=["Drama", "Drama", "War"]), entry("B", genres=["Drama"])]}
        documents = compute_all(lists, NO_CATALOG)
        stats = documents["user_stats"][0]
        self.assertEqual([("Drama", 2, 66.7), ("War", 1, 33.3)],
                         [(g["name"], g["count"], g["value"]) for g in stats["genre_data"]])
        self.assertEqual({"Drama": 2, "War": 1}, documents["global_stats"]["genre_counts"])
        genre_affinities = {a["name"]: a["count"] for a in documents["user_affinities"] if a["type"] == "genre"}
        self.assertEqual({"Drama": 2, "War": 1}, genre_affinities)

    def test_a_film_counts_users_not_entries(self):
        catalog = CatalogIndex([{"imdb_id": "tt1", "title": "Alien", "year": 1979, "genres": ["Horror"]}])
        lists = {"u": [entry("Alien", year=1979), entry("ALIEN!", year=None)], "v": [entry("alien", year=1979)]}
        documents = compute_all(lists, catalog)
        self.assertEqual([{"_id": "tt1", "title": "Alien", "year": 1979, "count": 2}], documents["movie_counts"])
        self.assertEqual((2, 3, {"Horror": 3}), (documents["global_stats"]["total_users"],
                                                 documents["global_stats"]["total_entries"],
                                                 documents["global_stats"]["genre_counts"]))


if __name__ == "__main__":
    unittest.main()
