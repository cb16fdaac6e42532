"""Every golden scenario, end to end through the pure functions: events -> lists -> documents.

The expected documents come from an independent implementation (test/golden/README.md); numbers compare as
numbers (4 equals 4.0), which Python's == already does for int and float.
"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from cinematch_stats.catalog import CatalogIndex  # noqa: E402
from cinematch_stats.pipeline import compute_all  # noqa: E402
from cinematch_stats.replay import replay  # noqa: E402
from cinematch_stats.user_stats import V6_FIELDS  # noqa: E402
from golden import expected_path, read_json, read_jsonl, scenarios  # noqa: E402


def _first_difference(expected, actual, path=""):
    """The path of the first difference, for a failure message a person can act on."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in list(expected) + [k for k in actual if k not in expected]:
            if key not in expected or key not in actual:
                return "%s.%s (only in %s)" % (path, key, "expected" if key in expected else "computed")
            found = _first_difference(expected[key], actual[key], "%s.%s" % (path, key))
            if found:
                return found
        return None
    if isinstance(expected, list) and isinstance(actual, list):
        for i, (e, a) in enumerate(zip(expected, actual)):
            found = _first_difference(e, a, "%s[%d]" % (path, i))
            if found:
                return found
        return None if len(expected) == len(actual) else "%s: %d items expected, %d computed" % (
            path, len(expected), len(actual))
    return None if expected == actual and isinstance(expected, bool) == isinstance(actual, bool) else \
        "%s: expected %r, computed %r" % (path, expected, actual)


class GoldenScenarioTest(unittest.TestCase):
    """One subTest per scenario and expected file."""

    @classmethod
    def setUpClass(cls):
        cls.runs = {}
        for name, folder in scenarios().items():
            with open(os.path.join(folder, "events.jsonl"), "rb") as f:
                lines = f.read().split(b"\n")
            lists, dead, late = replay(lines)
            documents = compute_all(lists, CatalogIndex(read_json(os.path.join(folder, "catalog.json"))))
            cls.runs[name] = (folder, documents, dead, late)

    def test_there_is_a_scenario(self):
        self.assertTrue(self.runs, "no golden scenario found (test/golden/ or CINEMATCH_GOLDEN_DIR)")

    def expected(self, name, file_name):
        path = expected_path(name, self.runs[name][0], file_name)
        self.assertIsNotNone(path, "%s: expected/%s not found in any golden directory" % (name, file_name))
        return read_json(path) if file_name.endswith(".json") else read_jsonl(path)

    def assert_documents(self, expected, actual, what):
        self.assertEqual(len(expected), len(actual), "%s: number of documents" % what)
        for e, a in zip(expected, actual):
            self.assertIsNone(_first_difference(e, a), "%s, document %s" % (what, e.get("_id", e.get("user_id"))))

    def test_user_stats(self):
        for name, (_, documents, _, _) in self.runs.items():
            with self.subTest(scenario=name):
                computed = [{k: v for k, v in d.items() if k not in V6_FIELDS or k == "total_watched"}
                            for d in documents["user_stats"]]
                self.assert_documents(self.expected(name, "user_stats.jsonl"), computed, name + " user_stats")

    def test_user_stats_v6_fields(self):
        for name, (_, documents, _, _) in self.runs.items():
            with self.subTest(scenario=name):
                computed = [{k: d[k] for k in ("user_id",) + V6_FIELDS} for d in documents["user_stats"]]
                self.assert_documents(self.expected(name, "user_stats_v6.jsonl"), computed, name + " V6 fields")

    def test_user_affinities(self):
        for name, (_, documents, _, _) in self.runs.items():
            with self.subTest(scenario=name):
                self.assert_documents(self.expected(name, "user_affinities.jsonl"), documents["user_affinities"],
                                      name + " user_affinities")

    def test_movie_counts(self):
        for name, (_, documents, _, _) in self.runs.items():
            with self.subTest(scenario=name):
                self.assert_documents(self.expected(name, "movie_counts.jsonl"), documents["movie_counts"],
                                      name + " movie_counts")

    def test_global_stats(self):
        for name, (_, documents, _, _) in self.runs.items():
            with self.subTest(scenario=name):
                self.assertIsNone(_first_difference(self.expected(name, "global_stats.json"), documents["global_stats"]),
                                  name + " global_stats")

    def test_dead_letters_name_the_bad_part(self):
        for name, (_, _, dead, _) in self.runs.items():
            with self.subTest(scenario=name):
                expected = self.expected(name, "dead_letters.jsonl")
                self.assertEqual([e["offset"] for e in expected], [d["offset"] for d in dead], name + " dead-letter offsets")
                for e, d in zip(expected, dead):
                    self.assertIn(e["problem"].lower(), d["reason"].lower(), "%s offset %d" % (name, e["offset"]))

    def test_late_events(self):
        for name, (_, _, _, late) in self.runs.items():
            with self.subTest(scenario=name):
                self.assertEqual([e["offset"] for e in self.expected(name, "late_events.jsonl")],
                                 [e["offset"] for e in late], name + " late-event offsets")


if __name__ == "__main__":
    unittest.main()
