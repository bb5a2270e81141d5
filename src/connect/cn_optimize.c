/*
 * cn_optimize: the optimizer's call site for a session (cn_plan_optimize, cn_plan.h): reads
 * spark.ember.optimizer.enabled (default true; the environment variable EMBER_OPTIMIZER=0
 * makes the default false, for the optimizer-off test permutation of `make test-all`) and gives
 * the optimizer the row counts of data-source scans (Parquet footers' row counts, else the
 * files' sizes over an assumed row width) and the distinct counts of integral columns (max - min
 * + 1 from the Parquet row-group statistics), which order joins.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "common/em_mem.h"
#include "connect/cn_plan.h"
#include "io/parquet/pq.h"
#include "io/source.h"
#include "optimizer/opt.h"

static int cn_opt_hex(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* A local path from a file URI ("file:/a%20b" -> "/a b"), in arena. */
static const char *cn_opt_uri_path(em_arena *a, const char *uri)
{
    const char *p = uri;
    if (strncmp(p, "file:", 5) == 0) {
        p += 5;
        while (p[0] == '/' && p[1] == '/')
            p++;
    }
    size_t len = strlen(p);
    char *out = em_arena_alloc(a, len + 1);
    size_t n = 0;
    for (size_t idx = 0; idx < len; idx++) {
        int hi, lo;
        if (p[idx] == '%' && idx + 2 < len && (hi = cn_opt_hex(p[idx + 1])) >= 0 &&
            (lo = cn_opt_hex(p[idx + 2])) >= 0) {
            out[n++] = (char)(hi * 16 + lo);
            idx += 2;
        } else {
            out[n++] = p[idx];
        }
    }
    out[n] = '\0';
    return out;
}

static int64_t cn_opt_source_rows(void *ctx, const pl_node *read)
{
    cn_plan_ctx *pc = ctx;
    const io_source *src = read->u.read.source;
    if (!src)
        return -1;
    int n_files = io_source_num_files(src);
    int n_cols = io_source_schema_of(src)->n_fields;
    int64_t rows = 0;
    int sampled = n_files < 256 ? n_files : 256;
    for (int idx = 0; idx < sampled; idx++) {
        const char *path = cn_opt_uri_path(pc->arena, io_source_file_uri(src, idx));
        pq_file *f = NULL;
        em_error err;
        em_error_clear(&err);
        if (pq_file_open(path, NULL, NULL, &f, &err) == EM_OK) {
            rows += pq_file_num_rows(f);
            pq_file_close(f);
            continue;
        }
        struct stat st;
        if (stat(path, &st) == 0)
            rows += (int64_t)st.st_size / (8 * (int64_t)(n_cols ? n_cols : 1) + 8);
    }
    if (sampled < n_files && sampled > 0)
        rows = rows / sampled * n_files;
    return rows;
}

static bool cn_opt_integral(ty_kind k)
{
    return k == TY_BYTE || k == TY_SHORT || k == TY_INT || k == TY_LONG || k == TY_DATE;
}

/* max - min + 1 over the Parquet row-group statistics of an integral or date column. */
static int64_t cn_opt_column_ndv(void *ctx, const pl_node *read, int col)
{
    cn_plan_ctx *pc = ctx;
    const io_source *src = read->u.read.source;
    if (!src || col < 0 || col >= io_source_schema_of(src)->n_fields)
        return -1;
    const ty_field *field = &io_source_schema_of(src)->fields[col];
    if (!cn_opt_integral(field->type->kind))
        return -1;
    int n_files = io_source_num_files(src);
    if (n_files <= 0 || n_files > 64)
        return -1;
    bool any = false;
    int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (int idx = 0; idx < n_files; idx++) {
        const char *path = cn_opt_uri_path(pc->arena, io_source_file_uri(src, idx));
        pq_file *f = NULL;
        em_error err;
        em_error_clear(&err);
        if (pq_file_open(path, NULL, NULL, &f, &err) != EM_OK)
            return -1;
        const ty *schema = pq_file_schema(f);
        int top = -1;
        for (int k = 0; k < schema->n_fields && top < 0; k++)
            if (strcasecmp(schema->fields[k].name, field->name) == 0)
                top = k;
        int first = 0, n_leaves = 0;
        if (top >= 0)
            pq_file_column_leaves(f, top, &first, &n_leaves);
        bool ok = n_leaves == 1 && cn_opt_integral(pq_file_leaf(f, first)->type->kind);
        for (int rg = 0; ok && rg < pq_file_num_row_groups(f); rg++) {
            pq_stats st;
            pq_value vlo, vhi;
            ok = pq_file_column_stats(f, rg, first, &st, &err) == EM_OK && st.has_min_max &&
                 pq_stats_decode(f, first, st.min, st.min_len, &vlo, &err) == EM_OK &&
                 pq_stats_decode(f, first, st.max, st.max_len, &vhi, &err) == EM_OK;
            if (ok) {
                lo = vlo.v.i64 < lo ? vlo.v.i64 : lo;
                hi = vhi.v.i64 > hi ? vhi.v.i64 : hi;
                any = true;
            }
        }
        pq_file_close(f);
        if (!ok)
            return -1;
    }
    if (!any || hi < lo || hi - lo >= INT64_MAX - 1)
        return -1;
    return hi - lo + 1;
}

int cn_plan_optimize(cn_plan_ctx *ctx, pl_node **root, em_error *err)
{
    const char *env = getenv("EMBER_OPTIMIZER");
    const char *dflt = env && strcmp(env, "0") == 0 ? "false" : "true";
    char *v = cn_conf_get_with_default(&ctx->session->conf, "spark.ember.optimizer.enabled", dflt);
    bool enabled = !v || strcasecmp(v, "false") != 0;
    em_free(v);
    if (!enabled || !*root)
        return EM_OK;
    opt_env oenv = {.opts = &ctx->opts,
                    .source_rows = cn_opt_source_rows,
                    .column_ndv = cn_opt_column_ndv,
                    .source_ctx = ctx};
    pl_node *out = NULL;
    if (opt_optimize(&oenv, ctx->arena, *root, &out, err))
        return err->code ? err->code : EM_EINTERNAL;
    *root = out;
    return EM_OK;
}
