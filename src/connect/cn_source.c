/*
 * cn_source: the analyzer's data-source callback for a session (an_env.source_resolve). It
 * gathers what Spark's SparkConnectPlanner.transformReadRel and DataFrameReader hand to
 * DataSource - the format, the options, the paths, the user schema (DDL or JSON, which must be a
 * struct) - and the session settings the readers depend on, then lets io/ resolve the read
 * (io_source_resolve: format lookup, listing, partitions, inference).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/em_mem.h"
#include "connect/cn_plan.h"
#include "io/source.h"
#include "sql/sql.h"

/* A session setting as a string in the arena (dflt when unset). */
static const char *cn_source_conf_str(cn_session *s, em_arena *a, const char *key, const char *dflt)
{
    char *v = cn_conf_get_option(&s->conf, key);
    const char *r = v ? em_arena_strdup(a, v) : dflt;
    em_free(v);
    return r;
}

static void cn_source_conf(cn_plan_ctx *ctx, em_arena *a, io_source_conf *c)
{
    cn_session *s = ctx->session;
    io_source_conf_init(c);
    c->default_format = cn_source_conf_str(s, a, "spark.sql.sources.default", "parquet");
    c->time_zone = ctx->opts.time_zone ? ctx->opts.time_zone : "UTC";
    c->case_sensitive = ctx->opts.case_sensitive;
    c->corrupt_record =
        cn_source_conf_str(s, a, "spark.sql.columnNameOfCorruptRecord", "_corrupt_record");
    c->csv_column_pruning =
        cn_conf_bool(&s->conf, "spark.sql.csv.parser.columnPruning.enabled", true);
    c->partition_type_inference =
        cn_conf_bool(&s->conf, "spark.sql.sources.partitionColumnTypeInference.enabled", true);
    c->validate_partition_columns =
        cn_conf_bool(&s->conf, "spark.sql.sources.validatePartitionColumns", true);
    c->ignore_invalid_partition_paths =
        cn_conf_bool(&s->conf, "spark.sql.files.ignoreInvalidPartitionPaths", false);
    const char *tt = cn_source_conf_str(s, a, "spark.sql.timestampType", "TIMESTAMP_LTZ");
    c->timestamp_ntz = strcasecmp(tt, "TIMESTAMP_NTZ") == 0;
    c->ignore_corrupt_files = cn_conf_bool(&s->conf, "spark.sql.files.ignoreCorruptFiles", false);
    c->ignore_missing_files = cn_conf_bool(&s->conf, "spark.sql.files.ignoreMissingFiles", false);
    c->parquet_binary_as_string = cn_conf_bool(&s->conf, "spark.sql.parquet.binaryAsString", false);
    c->parquet_int96_as_timestamp =
        cn_conf_bool(&s->conf, "spark.sql.parquet.int96AsTimestamp", true);
    c->parquet_infer_timestamp_ntz =
        cn_conf_bool(&s->conf, "spark.sql.parquet.inferTimestampNTZ.enabled", true);
    c->parquet_merge_schema = cn_conf_bool(&s->conf, "spark.sql.parquet.mergeSchema", false);
    c->json_partial_results = cn_conf_bool(&s->conf, "spark.sql.json.enablePartialResults", true);
    c->json_allow_empty_string =
        cn_conf_bool(&s->conf, "spark.sql.legacy.json.allowEmptyString.enabled", false);
    c->now_micros = ctx->opts.now_micros;
}

int cn_source_resolve(void *cb, const pl_node *read, em_arena *a, const ty **schema,
                      const void **source, em_error *err)
{
    cn_plan_ctx *ctx = cb;
    *schema = NULL;
    *source = NULL;
    if (read->u.read.is_streaming)
        return em_error_set(err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "streaming data source reads", NULL);
    const ty *user = NULL;
    const char *ss = read->u.read.schema_str;
    if (ss && ss[0]) {
        if (sql_parse_schema_any(ss, a, &user, err))
            return err->code;
        if (user->kind != TY_STRUCT) {
            em_str t;
            em_str_init(&t, 1 << 16);
            ty_sql(user, &t);
            int rc = em_error_set(err, "INVALID_SCHEMA.NON_STRUCT_TYPE", "inputSchema", ss,
                                  "dataType", t.data ? t.data : "", NULL);
            em_str_release(&t);
            return rc;
        }
    }
    io_source_conf conf;
    cn_source_conf(ctx, a, &conf);
    /* pl_option and io_option have the same layout (key, value). */
    io_option *opts = em_arena_calloc(a, (size_t)read->u.read.n_options + 1, sizeof *opts);
    for (int i = 0; i < read->u.read.n_options; i++) {
        opts[i].key = read->u.read.options[i].key;
        opts[i].value = read->u.read.options[i].value;
    }
    io_source *src = NULL;
    if (io_source_resolve(a, &conf, read->u.read.format, read->u.read.n_paths,
                          (const char *const *)read->u.read.paths, read->u.read.n_options, opts,
                          user, &src, err))
        return err->code ? err->code : em_error_internal(err, "data source resolution failed");
    *schema = io_source_schema(src);
    *source = src;
    return EM_OK;
}
