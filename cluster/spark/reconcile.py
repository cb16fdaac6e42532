#!/usr/bin/env python3
"""CineMatch reconcile: recompute every statistics document from `movies`, report the drift, optionally correct it.

    spark-submit --packages org.mongodb.spark:mongo-spark-connector_2.12:10.4.0 \
        --py-files cinematch_stats.zip reconcile.py --mongo mongodb://host:27017 --db cinematch_db [--apply]

All formulas live in the cinematch_stats package (standard library only, unit-tested against the golden
scenarios). This file is only the Spark wiring, and it has NOT been run: Spark, the MongoDB Spark connector,
pandas/pyarrow and pymongo are not installed on the machine it was written on (see README.md).

Data flow (nothing of the whole data set reaches the driver):
* `movies`, `user_stats` and `user_affinities` are read with the MongoDB connector, tagged, and grouped by
  user_id; each group (one user's documents) goes through cinematch_stats.rows.user_rows in applyInPandas.
* The per-user rows are summed by Spark: film counts (groupBy film key), genre counts, totals, drift counters.
* The driver collects only: the catalog (broadcast; bounded by the catalog's size), the genre counts and the
  Top 10 (bounded by the number of genres / 10 rows), the 7 drift counters and at most 10 example differences.
* With --apply, corrections are written from the executors with pymongo (idempotent $set/$unset/replace/delete),
  and the global_trends document from the driver.
"""

import argparse
import json
import sys
import uuid

from cinematch_stats.catalog import CatalogIndex
from cinematch_stats.dates import rome_now_iso
from cinematch_stats.drift import MAX_EXAMPLES, DriftReport
from cinematch_stats.rows import OUTPUT_COLUMNS, OUTPUT_SCHEMA, user_rows
from cinematch_stats.trends import global_stats
from cinematch_stats.writes import global_stats_op, movie_count_ops

_INDEX_CACHE = {}

# user_stats is read with this schema, not an inferred one: the connector infers from a sample of documents, and
# keys that vary per document (monthly_counts years and months, rating_distribution, best_rated_* thresholds)
# would become struct fields that a document outside the sample may lack, which is false drift. They are maps
# here. Numbers are doubles, so that 4 and 4.0 both read (they compare as numbers). Fields not listed, such as the
# backend's quiz_* fields, are not read: they are never compared nor written.
_MOVIE_ITEM = ("struct<name:string,year:double,rating:double,date:string,imdb_id:string,genres:array<string>,"
               "director:string,actors:string,duration:double,poster_url:string,avg_vote:double>")
_PERSON = "struct<name:string,count:double,avg_rating:double>"
USER_STATS_SCHEMA = ", ".join([
    "user_id string", "total_watched double", "avg_rating double",
    "rating_chart_data array<struct<rating:string,count:double,stars:double>>",
    "top_rated_movies array<%s>" % _MOVIE_ITEM, "recent_movies array<%s>" % _MOVIE_ITEM,
    "year_data array<struct<year:double,monthly_data:array<struct<month:string,films:double>>,total_films:double>>",
    "available_years array<double>", "top_years array<struct<year:double,count:double>>",
    "genre_data array<struct<name:string,value:double,color:string,count:double>>", "favorite_genre string",
    "watch_time_hours double", "avg_duration double",
    "most_watched_directors array<%s>" % _PERSON, "best_rated_directors map<string,array<%s>>" % _PERSON,
    "most_watched_actors array<%s>" % _PERSON, "best_rated_actors map<string,array<%s>>" % _PERSON,
    "stats_version string", "sum_ratings double", "watch_time_minutes double",
    "rating_distribution map<string,double>", "monthly_counts map<string,map<string,double>>",
])
SCHEMAS = {"user_stats": USER_STATS_SCHEMA}


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mongo", required=True, help="MongoDB connection URI")
    parser.add_argument("--db", default="cinematch_db")
    parser.add_argument("--apply", action="store_true", help="write the corrected documents")
    parser.add_argument("--users", help="comma-separated user ids: check (and correct) only these users; "
                                        "movie_counts and global_stats are then neither checked nor written")
    parser.add_argument("--zone", default="Europe/Rome", help="time zone of updated_at (CONTRACT 6b)")
    parser.add_argument("--write-batch", type=int, default=1000, help="operations per bulk write")
    return parser.parse_args(argv)


def catalog_index(broadcast):
    """The catalog index, built once per Python worker from the broadcast catalog documents."""
    if broadcast.id not in _INDEX_CACHE:
        _INDEX_CACHE[broadcast.id] = CatalogIndex(broadcast.value)
    return _INDEX_CACHE[broadcast.id]


def per_user_function(catalog_broadcast, now):
    """applyInPandas function: one user's tagged documents in, that user's output rows out."""
    def per_user(frame):
        import pandas as pd
        rows = user_rows(frame["user_id"].iloc[0], zip(frame["kind"], frame["doc"]), catalog_index(catalog_broadcast), now)
        columns = list(zip(*rows)) if rows else [[] for _ in OUTPUT_COLUMNS]
        # Object columns keep Python ints and None as they are (a float column would turn a missing year into NaN).
        return pd.DataFrame({name: pd.Series(values, dtype="object") for name, values in zip(OUTPUT_COLUMNS, columns)})
    return per_user


def write_model(op, pymongo):
    if op["op"] == "update":
        return pymongo.UpdateOne(op["filter"], op["update"], upsert=op.get("upsert", False))
    if op["op"] == "replace":
        return pymongo.ReplaceOne(op["filter"], op["update"], upsert=op.get("upsert", False))
    return pymongo.DeleteOne(op["filter"])


def write_ops(ops, uri, db_name, batch):
    """Bulk-writes operation dicts (cinematch_stats.writes), in order: a user's $unset must precede the guarded
    delete that follows it."""
    import pymongo
    client = pymongo.MongoClient(uri)
    try:
        pending = {}
        for op in ops:
            models = pending.setdefault(op["collection"], [])
            models.append(write_model(op, pymongo))
            if len(models) >= batch:
                client[db_name][op["collection"]].bulk_write(models, ordered=True)
                models.clear()
        for collection, models in pending.items():
            if models:
                client[db_name][collection].bulk_write(models, ordered=True)
    finally:
        client.close()


def partition_writer(uri, db_name, batch, to_ops):
    def write_partition(rows):
        write_ops((op for row in rows for op in to_ops(row)), uri, db_name, batch)
    return write_partition


class Job:
    def __init__(self, args):
        from pyspark.sql import SparkSession
        self.args = args
        self.users = [u.strip() for u in args.users.split(",") if u.strip()] if args.users else None
        # UTC, so that BSON dates reach the pure functions as ...Z strings whatever the cluster's zone.
        self.spark = (SparkSession.builder.appName("cinematch-reconcile")
                      .config("spark.sql.session.timeZone", "UTC").getOrCreate())

    def read(self, collection):
        from pyspark.sql import functions as F
        reader = (self.spark.read.format("mongodb").option("connection.uri", self.args.mongo)
                  .option("database", self.args.db).option("collection", collection))
        if collection in SCHEMAS:
            reader = reader.schema(SCHEMAS[collection])
        else:  # fixed field sets: inference is enough, but from a large sample, so that rare fields are seen
            reader = reader.option("sampleSize", "100000")
        frame = reader.load()
        if self.users is not None and "user_id" in frame.columns:
            frame = frame.where(F.col("user_id").isin(self.users))  # pushed down to MongoDB as $match
        return frame

    def tagged(self, collection, kind):
        """(user_id, kind, doc as JSON) for every document of the collection; none when it is empty."""
        from pyspark.sql import functions as F
        frame = self.read(collection)
        if "user_id" not in frame.columns:
            return None
        document = F.to_json(F.struct(*[F.col("`%s`" % c) for c in frame.columns]))
        return frame.where(F.col("user_id").isNotNull()).select(
            F.col("user_id").cast("string").alias("user_id"), F.lit(kind).alias("kind"), document.alias("doc"))

    def per_user_rows(self, now):
        catalog = [json.loads(text) for text in self.read("movies_catalog").toJSON().collect()]
        broadcast = self.spark.sparkContext.broadcast(catalog)
        parts = [p for p in (self.tagged("movies", "movie"), self.tagged("user_stats", "stats"),
                             self.tagged("user_affinities", "affinity")) if p is not None]
        if not parts:
            return None
        inputs = parts[0]
        for part in parts[1:]:
            inputs = inputs.unionByName(part)
        from pyspark import StorageLevel
        return (inputs.groupBy("user_id").applyInPandas(per_user_function(broadcast, now), OUTPUT_SCHEMA)
                .persist(StorageLevel.MEMORY_AND_DISK))

    def film_comparison(self, rows):
        """Computed film counts full-outer-joined with the stored movie_counts, with a status per film."""
        from pyspark.sql import functions as F
        label = F.min(F.struct(F.coalesce("title", F.lit("")).alias("t"), F.coalesce("year", F.lit(-1)).alias("y"),
                               F.coalesce("poster_url", F.lit("")).alias("p"))).alias("label")
        films = (rows.where(F.col("kind") == "film").groupBy("key").agg(F.sum("n").alias("count"), label)
                 .select("key", "count",
                         F.coalesce(F.when(F.col("label.t") != "", F.col("label.t")), F.col("key")).alias("title"),
                         F.when(F.col("label.y") != -1, F.col("label.y")).alias("year"),
                         F.when(F.col("label.p") != "", F.col("label.p")).alias("poster_url")))
        stored = self.read("movie_counts")
        if "_id" in stored.columns:
            for column in ("title", "year", "count"):
                if column not in stored.columns:
                    stored = stored.withColumn(column, F.lit(None).cast("string"))
            stored = stored.select(F.col("_id").cast("string").alias("key"), F.col("title").cast("string").alias("s_title"),
                                   F.col("year").cast("double").alias("s_year"),
                                   F.col("count").cast("double").alias("s_count"))
        else:  # no movie_counts yet: every film is missing
            stored = self.spark.createDataFrame([], "key string, s_title string, s_year double, s_count double")
        same = (F.col("title").eqNullSafe(F.col("s_title")) & F.col("year").cast("double").eqNullSafe(F.col("s_year"))
                & F.col("count").cast("double").eqNullSafe(F.col("s_count")))
        status = (F.when(F.col("count").isNull(), "extra").when(F.col("s_count").isNull(), "missing")
                  .when(same, "ok").otherwise("differs"))
        return films.join(stored, "key", "full_outer").withColumn("status", status), films

    def run(self):
        from pyspark.sql import functions as F
        args = self.args
        started = rome_now_iso(args.zone)
        report = DriftReport("reconcile-%s" % uuid.uuid4().hex, started, applied=args.apply)
        report.doc["scope"] = self.users or "all"
        rows = self.per_user_rows(started)
        if rows is not None:
            counts = rows.where(F.col("kind") == "count").groupBy("key").agg(F.sum("n").alias("n")).collect()
            report.add_user_counts({r["key"]: r["n"] for r in counts})
            for r in rows.where(F.col("kind") == "example").limit(MAX_EXAMPLES).collect():
                report.add_example(json.loads(r["payload"]))
        if self.users is None and rows is not None:
            self.check_trends(rows, report, started)
        if args.apply and rows is not None:
            self.ensure_indexes()
            rows.where(F.col("kind") == "op").select("payload").foreachPartition(
                partition_writer(args.mongo, args.db, args.write_batch, lambda row: [json.loads(row["payload"])]))
        doc = report.finish(rome_now_iso(args.zone))
        write_ops([{"collection": "reconcile_reports", "op": "replace", "filter": {"_id": doc["_id"]},
                    "update": doc, "upsert": True}], args.mongo, args.db, 1)
        print(report.summary_line())
        if rows is not None:
            rows.unpersist()

    def check_trends(self, rows, report, now):
        from pyspark.sql import functions as F
        args = self.args
        joined, films = self.film_comparison(rows)
        joined = joined.persist()
        by_status = {r["status"]: r["count"] for r in joined.groupBy("status").count().collect()}
        report.add_user_counts({"movie_counts_missing": by_status.get("missing", 0),
                                "movie_counts_extra": by_status.get("extra", 0),
                                "films_differing": by_status.get("differs", 0)})
        for r in joined.where(F.col("status") != "ok").limit(MAX_EXAMPLES).collect():
            report.add_example({"collection": "movie_counts", "_id": r["key"], "status": r["status"],
                                "computed": {"title": r["title"], "year": r["year"], "count": r["count"]},
                                "stored": {"title": r["s_title"], "year": r["s_year"], "count": r["s_count"]}})
        top = films.orderBy(F.desc("count"), F.asc("title"), F.asc("key")).limit(10).collect()
        film_counts = {r["key"]: {"count": r["count"], "label": {"title": r["title"], "year": r["year"],
                                                                 "poster_url": r["poster_url"]}} for r in top}
        genre_counts = {r["key"]: r["n"] for r in
                        rows.where(F.col("kind") == "genre").groupBy("key").agg(F.sum("n").alias("n")).collect()}
        totals = rows.where(F.col("kind") == "user").agg(F.sum("n").alias("users"), F.sum("entries").alias("entries")).first()
        computed = global_stats(film_counts, genre_counts, totals["users"] or 0, totals["entries"] or 0)
        stored_frame = self.read("global_stats")
        stored = None
        if "type" in stored_frame.columns:
            found = stored_frame.where(F.col("type") == "global_trends").toJSON().take(1)
            stored = json.loads(found[0]) if found else None
        report.add_global(computed, stored)
        if args.apply:
            def ops(row):
                doc = None if row["count"] is None else {"_id": row["key"], "title": row["title"],
                                                        "year": row["year"], "count": row["count"]}
                return movie_count_ops(doc, row["key"], now)
            joined.where(F.col("status") != "ok").foreachPartition(
                partition_writer(args.mongo, args.db, args.write_batch, ops))
            write_ops([global_stats_op(computed, now)], args.mongo, args.db, 1)
        joined.unpersist()

    def ensure_indexes(self):
        """The index every affinity reader uses (CONTRACT-V6 section 3.6); creating it twice is harmless."""
        import pymongo
        client = pymongo.MongoClient(self.args.mongo)
        try:
            client[self.args.db]["user_affinities"].create_index(
                [("user_id", 1), ("type", 1), ("count", -1)], name="idx_user_type_count")
        finally:
            client.close()


def main(argv=None):
    Job(parse_args(sys.argv[1:] if argv is None else argv)).run()


if __name__ == "__main__":
    main()
