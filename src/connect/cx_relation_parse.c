/*
 * cx_relation_parse: Relation.parse, PySpark's spark.read.json(df) / spark.read.csv(df) over a
 * DataFrame of strings (SparkConnectPlanner.transformParse: DataFrameReader.json / .csv of a
 * Dataset[String], the options case-insensitive, a schema that must be a struct).
 *
 * Spark runs its file readers' parsers over the strings, each string one record (JSON) or one
 * line (CSV), with the same schema inference. Ember does the same with its own readers: the
 * strings are collected (ctx->run_plan), written to a private temporary folder as one
 * part-00000 file, one record per line, and the relation becomes a data-source read of it with
 * the message's options and schema. The folder is removed when the operation's arena is
 * released (after execution). JSON records have their line breaks turned into spaces (a raw
 * line break can only sit between JSON tokens); null strings are skipped, as Spark's readers
 * skip null records.
 *
 * An empty input with a schema is an empty relation of that schema (nothing to read); without
 * a run_plan callback only inputs known to be empty are accepted.
 */
#include "connect/cx.h"

#include "common/em_mem.h"
#include "common/em_str.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct cx_parse_dir {
    char *dir;  /* em_malloc'd */
    char *file; /* em_malloc'd */
} cx_parse_dir;

static void cx_parse_cleanup(void *arg)
{
    cx_parse_dir *d = arg;
    if (d->file) {
        unlink(d->file);
        em_free(d->file);
    }
    if (d->dir) {
        rmdir(d->dir);
        em_free(d->dir);
    }
}

/* Writes the non-null strings of column 0 of local, one per line, into a new temporary folder
   registered for removal with arena a. *dir_out is the folder (owned by a's cleanup). */
static int cx_parse_write(const pl_node *local, bool json, em_arena *a, const char **dir_out,
                          em_error *err)
{
    const char *tmp = getenv("TMPDIR");
    char templ[512];
    snprintf(templ, sizeof templ, "%s/ember-parse-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    if (!mkdtemp(templ))
        return em_error_internal(err, "cannot create a temporary folder for Relation.parse");
    cx_parse_dir *d = em_arena_calloc(a, 1, sizeof *d);
    d->dir = em_strdup(templ);
    em_arena_on_release(a, cx_parse_cleanup, d);
    char path[600];
    snprintf(path, sizeof path, "%s/part-00000.%s", templ, json ? "json" : "csv");
    FILE *f = fopen(path, "wb");
    if (!f)
        return em_error_internal(err, "cannot write a temporary file for Relation.parse");
    d->file = em_strdup(path);
    bool ok = true;
    for (int b = 0; b < local->u.local.n_batches && ok; b++) {
        const vec_batch *batch = local->u.local.batches[b];
        const vec *col = batch->cols[0];
        for (int64_t row = 0; row < batch->n_rows && ok; row++) {
            if (vec_is_null(col, row))
                continue;
            int32_t len;
            const char *p = vec_str(col, row, &len);
            if (json) {
                for (int32_t idx = 0; idx < len && ok; idx++)
                    ok = fputc(p[idx] == '\n' || p[idx] == '\r' ? ' ' : p[idx], f) != EOF;
            } else {
                ok = fwrite(p, 1, (size_t)len, f) == (size_t)len;
            }
            ok = ok && fputc('\n', f) != EOF;
        }
    }
    if (fclose(f) != 0)
        ok = false;
    if (!ok)
        return em_error_internal(err, "cannot write a temporary file for Relation.parse");
    *dir_out = em_arena_strdup(a, templ);
    return EM_OK;
}

int cx_parse(const Spark__Connect__Parse *m, cx_ctx *ctx, pl_node **out, em_error *err)
{
    em_arena *a = ctx->arena;
    bool json;
    if (m->format == SPARK__CONNECT__PARSE__PARSE_FORMAT__PARSE_FORMAT_JSON)
        json = true;
    else if (m->format == SPARK__CONNECT__PARSE__PARSE_FORMAT__PARSE_FORMAT_CSV)
        json = false;
    else
        return cx_invalid_plan(err, "This enum value of Parse.format is invalid");
    if (!m->input)
        return cx_invalid_plan(err, "the relation needs a plan input");
    const ty *schema = NULL;
    if (m->_schema_case) {
        if (cx_data_type(m->schema, a, &schema, err))
            return err ? err->code : EM_EUSER;
        if (schema->kind != TY_STRUCT) {
            em_str s;
            em_str_init(&s, 0);
            em_str_putc(&s, '"'); /* toSQLType */
            ty_sql(schema, &s);
            em_str_putc(&s, '"');
            int rc = em_error_set(err, "INVALID_SCHEMA_TYPE_NON_STRUCT", "dataType", s.data, NULL);
            em_str_release(&s);
            return rc;
        }
    }
    /* Dataset[String]: the input's (only) column as strings */
    pl_node *in = NULL;
    if (cx_relation(m->input, ctx, &in, err))
        return err ? err->code : EM_EUSER;
    pl_node *local = NULL;
    if (ctx->run_plan) {
        if (ctx->run_plan(ctx->cb_ctx, in, a, &local, err))
            return err ? err->code : EM_EUSER;
        const ty *ls = local->u.local.schema;
        if (!ls || ls->n_fields != 1 ||
            (ls->fields[0].type->kind != TY_STRING && ls->fields[0].type->kind != TY_VARCHAR &&
             ls->fields[0].type->kind != TY_CHAR))
            return cx_not_implemented(err, "Relation.parse of an input other than one string "
                                           "column");
    } else if (!(in->kind == PL_LOCAL && in->u.local.n_batches == 0)) {
        return cx_not_implemented(err, "Relation.parse (no executor)");
    }
    int64_t n_rows = 0;
    for (int b = 0; local && b < local->u.local.n_batches; b++)
        n_rows += local->u.local.batches[b]->n_rows;
    if (n_rows == 0 && (schema || !local)) {
        /* Nothing to parse: the schema's columns (nullable, as readers make them), no rows. */
        pl_node *empty = pl_node_new(a, PL_LOCAL, 0);
        if (schema) {
            ty_field *f =
                em_arena_calloc(a, (size_t)(schema->n_fields ? schema->n_fields : 1), sizeof *f);
            for (int idx = 0; idx < schema->n_fields; idx++) {
                f[idx] = schema->fields[idx];
                f[idx].nullable = true;
            }
            empty->u.local.schema = ty_struct(a, schema->n_fields, f);
        } else {
            empty->u.local.schema = ty_struct(a, 0, NULL);
        }
        *out = empty;
        return EM_OK;
    }
    const char *dir = NULL;
    if (cx_parse_write(local, json, a, &dir, err))
        return err->code;
    pl_node *n = pl_node_new(a, PL_READ_SOURCE, 0);
    n->u.read.format = json ? "json" : "csv";
    n->u.read.n_paths = 1;
    n->u.read.paths = em_arena_calloc(a, 1, sizeof(char *));
    n->u.read.paths[0] = dir;
    if (schema) {
        em_str s;
        em_str_init(&s, 0);
        ty_json(schema, &s);
        n->u.read.schema_str = em_arena_strndup(a, s.data, s.len);
        em_str_release(&s);
    }
    n->u.read.n_options = (int)m->n_options;
    n->u.read.options = em_arena_calloc(a, m->n_options ? m->n_options : 1, sizeof(pl_option));
    for (size_t idx = 0; idx < m->n_options; idx++) {
        n->u.read.options[idx].key = em_arena_strdup(a, m->options[idx]->key);
        n->u.read.options[idx].value = em_arena_strdup(a, m->options[idx]->value);
    }
    *out = n;
    return EM_OK;
}
