/* df.write / df.writeTo and spark.read: files and tables round trip.
 * Exits 77 when the server lacks something shown (the checks that ran still count). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ember.h"

static int failed, skipped;

/* rc must be EMBER_OK; a server that lacks the feature (UNSUPPORTED_FEATURE) is noted. */
static bool ok(int rc, const ember_error *err, const char *what)
{
    if (rc == EMBER_OK)
        return true;
    if (strncmp(err->error_class, "UNSUPPORTED_FEATURE", 19) == 0) {
        printf("skipped %s: this server says: %s\n", what, err->message);
        skipped = 1;
    } else {
        fprintf(stderr, "FAIL %s: [%s] %s\n", what, err->error_class, err->message);
        failed = 1;
    }
    return false;
}

/* Compares df.show() text with Spark's rendering of the expected rows. */
static void expect_show(ember_dataframe *df, const char *want, const char *what)
{
    char *got = NULL;
    ember_error err;
    if (ok(ember_df_show_string(df, 20, 20, false, &got, &err), &err, what) &&
        strcmp(got, want) != 0) {
        fprintf(stderr, "FAIL %s:\n%s\nwanted:\n%s\n", what, got, want);
        failed = 1;
    }
    ember_free(got);
}

static void expect_count(ember_session *s, const char *table, int64_t want)
{
    ember_dataframe *t = NULL;
    ember_error err;
    int64_t n = -1;
    ember_table(s, table, &t, &err);
    if (ok(ember_df_count(t, &n, &err), &err, table) && n != want) {
        fprintf(stderr, "FAIL %s has %lld rows, wanted %lld\n", table, (long long)n,
                (long long)want);
        failed = 1;
    }
    ember_df_free(t);
}

static void run_sql(ember_session *s, const char *query)
{
    ember_dataframe *df = NULL;
    ember_error err;
    ok(ember_sql(s, query, NULL, 0, &df, &err), &err, query);
    ember_df_free(df);
}

static const char *const ids_0_3 = "+---+\n| id|\n+---+\n|  0|\n|  1|\n|  2|\n+---+\n";

int main(void)
{
    ember_session *s = NULL;
    ember_error err;
    if (ember_session_open(NULL, &s, &err) != EMBER_OK)
        return 1;
    char dir[] = "/tmp/ember_doc_XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char path[256];
    snprintf(path, sizeof path, "%s/ids", dir);
    const char *paths[1] = {path};

    /* spark.range(3).write.format("parquet").mode("overwrite").option(...).save(path) */
    ember_dataframe *r = NULL, *back = NULL, *sorted = NULL, *withp = NULL;
    ember_range(s, 0, 3, 1, 0, &r, &err);
    ember_writer *w = NULL;
    ember_df_write(r, &w, &err);
    ember_writer_format(w, "parquet", &err);
    ember_writer_mode(w, "overwrite", &err);
    ember_writer_option(w, "compression", "snappy", &err);
    if (ok(ember_writer_save(w, path, &err), &err, "save")) {
        /* spark.read.format("parquet").load(path).orderBy("id") */
        ember_read(s, "parquet", NULL, NULL, NULL, 0, paths, 1, &back, &err);
        ember_column *by[1] = {ember_col("id")};
        ember_df_order_by(back, by, 1, &sorted, &err);
        expect_show(sorted, ids_0_3, "parquet round trip");
        ember_df_free(sorted);
        ember_df_free(back);
    }
    ember_writer_free(w);

    /* CSV with a header, partitioned by p = id % 2; read back with a DDL schema. */
    snprintf(path, sizeof path, "%s/parts", dir);
    ember_df_with_column(r, "p", ember_mod(ember_col("id"), ember_lit_int(2)), &withp, &err);
    ember_df_write(withp, &w, &err);
    const char *keys[1] = {"header"}, *values[1] = {"true"}, *part[1] = {"p"};
    ember_writer_options(w, keys, values, 1, &err);
    ember_writer_partition_by(w, part, 1, &err);
    ember_writer_format(w, "csv", &err);
    if (ok(ember_writer_save(w, path, &err), &err, "partitioned csv save")) {
        ember_read(s, "csv", "id INT, p INT", keys, values, 1, paths, 1, &back, &err);
        ember_column *by2[2] = {ember_col("p"), ember_col("id")};
        ember_df_order_by(back, by2, 2, &sorted, &err);
        expect_show(sorted,
                    "+---+---+\n| id|  p|\n+---+---+\n|  0|  0|\n|  2|  0|\n|  1|  1|\n+---+---+\n",
                    "partitioned csv read back");
        ember_df_free(sorted);
        ember_df_free(back);
    }
    ember_writer_free(w);

    /* clusterBy (PySpark's DataFrameWriter.clusterBy docstring writes a path this way). */
    snprintf(path, sizeof path, "%s/clustered", dir);
    ember_df_write(r, &w, &err);
    const char *cluster[1] = {"id"};
    ember_writer_cluster_by(w, cluster, 1, &err);
    ember_writer_mode(w, "overwrite", &err);
    ember_writer_format(w, "parquet", &err);
    ok(ember_writer_save(w, path, &err), &err, "clusterBy save");
    ember_writer_free(w);

    /* Tables: saveAsTable, insertInto(overwrite=False) appends, spark.table reads. */
    run_sql(s, "DROP TABLE IF EXISTS doc_ids");
    ember_df_write(r, &w, &err);
    if (ok(ember_writer_save_as_table(w, "doc_ids", &err), &err, "saveAsTable")) {
        ember_writer *w2 = NULL;
        ember_df_write(r, &w2, &err);
        if (ok(ember_writer_insert_into(w2, "doc_ids", 0, &err), &err, "insertInto"))
            expect_count(s, "doc_ids", 6);
        ember_writer_free(w2);
    }
    ember_writer_free(w);
    run_sql(s, "DROP TABLE IF EXISTS doc_ids");
    /* Bucketed and sorted within buckets: bucketBy(2, "id").sortBy("id"). */
    run_sql(s, "DROP TABLE IF EXISTS doc_bucketed");
    ember_df_write(r, &w, &err);
    const char *bucket[1] = {"id"};
    ember_writer_bucket_by(w, 2, bucket, 1, &err);
    ember_writer_sort_by(w, bucket, 1, &err);
    if (ok(ember_writer_save_as_table(w, "doc_bucketed", &err), &err, "bucketed saveAsTable"))
        expect_count(s, "doc_bucketed", 3);
    ember_writer_free(w);
    run_sql(s, "DROP TABLE IF EXISTS doc_bucketed");

    /* DataFrameWriterV2 on (id, p) partitioned by p: create, append, createOrReplace, replace. */
    ember_writer_v2 *v2 = NULL;
    run_sql(s, "DROP TABLE IF EXISTS doc_v2");
    ember_df_write_to(withp, "doc_v2", &v2, &err);
    ember_writer_v2_using(v2, "parquet", &err);
    ember_writer_v2_option(v2, "compression", "snappy", &err);
    ember_writer_v2_table_property(v2, "owner", "docs", &err);
    ember_column *pcols[1] = {ember_col("p")};
    ember_writer_v2_partitioned_by(v2, pcols, 1, &err);
    if (ok(ember_writer_v2_create(v2, &err), &err, "writeTo.create") &&
        ok(ember_writer_v2_append(v2, &err), &err, "writeTo.append")) {
        expect_count(s, "doc_v2", 6);
        /* Overwriting by a condition or by partitions needs a table that supports it; Spark's
         * file tables in the session catalog do not: OK or a server error, never a local one. */
        int o1 = ember_writer_v2_overwrite(v2, ember_ge(ember_col("id"), ember_lit_int(1)), &err);
        int o2 = ember_writer_v2_overwrite_partitions(v2, &err);
        if ((o1 != EMBER_OK && o1 != EMBER_ESERVER) || (o2 != EMBER_OK && o2 != EMBER_ESERVER))
            failed = 1;
        if (ok(ember_writer_v2_create_or_replace(v2, &err), &err, "writeTo.createOrReplace"))
            expect_count(s, "doc_v2", 3);
    }
    ember_writer_v2_free(v2);
    ember_df_write_to(r, "doc_v2", &v2, &err);
    if (ok(ember_writer_v2_replace(v2, &err), &err, "writeTo.replace")) {
        ember_dataframe *t = NULL;
        ember_table(s, "doc_v2", &t, &err);
        ember_df_order_by(t, (ember_column *[]){ember_col("id")}, 1, &sorted, &err);
        expect_show(sorted, ids_0_3, "writeTo(...).replace() then spark.table");
        ember_df_free(sorted);
        ember_df_free(t);
    }
    ember_writer_v2_free(v2);
    /* clusterBy: clustering columns of a new table. */
    ember_df_write_to(r, "doc_v2", &v2, &err);
    ember_writer_v2_cluster_by(v2, cluster, 1, &err);
    ok(ember_writer_v2_create_or_replace(v2, &err), &err, "writeTo.clusterBy.createOrReplace");
    ember_writer_v2_free(v2);
    run_sql(s, "DROP TABLE IF EXISTS doc_v2");

    ember_df_free(withp);
    ember_df_free(r);
    ember_session_free(s);
    return failed ? 1 : skipped ? 77 : 0;
}
