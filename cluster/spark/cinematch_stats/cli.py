"""Command line entry for checks from other programs (the C# "one truth" test): the documents of a `movies` dump.

    python3 -m cinematch_stats.cli --movies MOVIES.jsonl --catalog CATALOG.json --out DIR

MOVIES.jsonl holds `movies` documents, one JSON object a line (any order; `added_at` as an ISO string). Writes to
DIR, as the golden scenarios lay them out: user_stats.jsonl (section 4 fields and user_id), user_stats_v6.jsonl,
user_affinities.jsonl, movie_counts.jsonl and global_stats.json. Standard library only.
"""

import argparse
import json
import os

from .catalog import CatalogIndex
from .movies import entries_from_movies
from .pipeline import compute_all
from .user_stats import SECTION4_FIELDS, V6_FIELDS


def _write_lines(path, documents):
    with open(path, "w", encoding="utf-8") as f:
        for doc in documents:
            f.write(json.dumps(doc, ensure_ascii=False) + "\n")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--movies", required=True)
    parser.add_argument("--catalog", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)

    by_user = {}
    with open(args.movies, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                doc = json.loads(line)
                by_user.setdefault(doc["user_id"], []).append(doc)
    with open(args.catalog, encoding="utf-8") as f:
        index = CatalogIndex(json.load(f))
    documents = compute_all({user: entries_from_movies(docs) for user, docs in by_user.items()}, index)

    os.makedirs(args.out, exist_ok=True)
    stats = documents["user_stats"]
    _write_lines(os.path.join(args.out, "user_stats.jsonl"),
                 [dict({"user_id": s["user_id"]}, **{k: s[k] for k in SECTION4_FIELDS}) for s in stats])
    _write_lines(os.path.join(args.out, "user_stats_v6.jsonl"),
                 [dict({"user_id": s["user_id"]}, **{k: s[k] for k in V6_FIELDS}) for s in stats])
    _write_lines(os.path.join(args.out, "user_affinities.jsonl"), documents["user_affinities"])
    _write_lines(os.path.join(args.out, "movie_counts.jsonl"), documents["movie_counts"])
    with open(os.path.join(args.out, "global_stats.json"), "w", encoding="utf-8") as f:
        f.write(json.dumps(documents["global_stats"], ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
