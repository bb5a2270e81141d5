/*
 * cl_df_stat: df.stat (crosstab, freqItems, approxQuantile, cov, corr, sampleBy), unpivot / melt
 * and tail. The relations are built as PySpark's Connect client builds them (defaults included:
 * freqItems' support 0.01, corr's method "pearson"); the actions (approxQuantile, cov, corr,
 * tail) run them and read the one-row answers the server sends.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client/cl_int.h"
#include "common/em_mem.h"

static int cl_stat_two_cols(ember_dataframe *df, cl_rel_kind kind, const char *col1,
                            const char *col2, const char *what, ember_dataframe **out,
                            ember_error *err)
{
    if (out)
        *out = NULL;
    if (!df || !out || !col1 || !col2)
        return cl_error_set(err, EMBER_EINVAL, NULL, "%s: NULL argument", what);
    ember_dataframe *r = cl_df_new(df->session, kind, df);
    r->text = em_arena_strdup(&r->arena, col1);
    r->text2 = em_arena_strdup(&r->arena, col2);
    *out = r;
    return EMBER_OK;
}

static int cl_stat_names(const char *const *names, size_t n, const char *what, ember_error *err)
{
    if (n == 0 || !names)
        return cl_error_set(err, EMBER_EINVAL, NULL, "%s: no column", what);
    for (size_t idx = 0; idx < n; idx++)
        if (!names[idx])
            return cl_error_set(err, EMBER_EINVAL, NULL, "%s: a column name is NULL", what);
    return EMBER_OK;
}

int ember_df_crosstab(ember_dataframe *df, const char *col1, const char *col2,
                      ember_dataframe **out, ember_error *err)
{
    return cl_stat_two_cols(df, CL_R_CROSSTAB, col1, col2, "crosstab", out, err);
}

int ember_df_freq_items(ember_dataframe *df, const char *const *cols, size_t n, double support,
                        ember_dataframe **out, ember_error *err)
{
    if (out)
        *out = NULL;
    if (!df || !out)
        return cl_error_set(err, EMBER_EINVAL, NULL, "freqItems: NULL DataFrame or output");
    int rc = cl_stat_names(cols, n, "freqItems", err);
    if (rc != EMBER_OK)
        return rc;
    ember_dataframe *r = cl_df_new(df->session, CL_R_FREQ_ITEMS, df);
    r->strs = cl_df_strs(r, cols, n);
    r->n_strs = n;
    r->dbl[0] = support > 0 ? support : 0.01; /* PySpark: `if not support: support = 0.01` */
    *out = r;
    return EMBER_OK;
}

/* Runs df and returns its first batch, which must hold one row and at least one column. */
static int cl_stat_one_row(ember_dataframe *df, const char *what, struct ArrowArray *arr,
                           struct ArrowSchema *sch, ember_error *err)
{
    int rc = cl_first_batch(df, arr, sch, err);
    if (rc != EMBER_OK)
        return rc;
    if (!arr->release || arr->length < 1 || arr->n_children < 1) {
        if (arr->release)
            arr->release(arr);
        sch->release(sch);
        return cl_error_set(err, EMBER_EPROTOCOL, NULL, "%s: the server answered no row", what);
    }
    return EMBER_OK;
}

static void cl_stat_release(struct ArrowArray *arr, struct ArrowSchema *sch)
{
    if (arr->release)
        arr->release(arr);
    if (sch->release)
        sch->release(sch);
}

/* cov / corr: a one-row double answer. */
static int cl_stat_double(ember_dataframe *r, const char *what, double *out, ember_error *err)
{
    struct ArrowArray arr;
    struct ArrowSchema sch;
    int rc = cl_stat_one_row(r, what, &arr, &sch, err);
    ember_df_free(r);
    if (rc != EMBER_OK)
        return rc;
    const struct ArrowArray *c = arr.children[0];
    if (strcmp(sch.children[0]->format, "g") != 0) {
        rc = cl_error_set(err, EMBER_EPROTOCOL, NULL, "%s: the answer is not a double", what);
    } else {
        const uint8_t *valid = c->null_count != 0 ? c->buffers[0] : NULL;
        int64_t at = c->offset + arr.offset;
        if (valid && !(valid[at >> 3] & (1u << (at & 7))))
            *out = NAN;
        else
            *out = ((const double *)c->buffers[1])[at];
    }
    cl_stat_release(&arr, &sch);
    return rc;
}

int ember_df_cov(ember_dataframe *df, const char *col1, const char *col2, double *out,
                 ember_error *err)
{
    if (!out)
        return cl_error_set(err, EMBER_EINVAL, NULL, "cov: NULL output");
    ember_dataframe *r = NULL;
    int rc = cl_stat_two_cols(df, CL_R_COV, col1, col2, "cov", &r, err);
    return rc != EMBER_OK ? rc : cl_stat_double(r, "cov", out, err);
}

int ember_df_corr(ember_dataframe *df, const char *col1, const char *col2, double *out,
                  ember_error *err)
{
    if (!out)
        return cl_error_set(err, EMBER_EINVAL, NULL, "corr: NULL output");
    ember_dataframe *r = NULL;
    int rc = cl_stat_two_cols(df, CL_R_CORR, col1, col2, "corr", &r, err);
    if (rc != EMBER_OK)
        return rc;
    r->text3 = em_arena_strdup(&r->arena, "pearson");
    return cl_stat_double(r, "corr", out, err);
}

/* The int32 offsets of list array a at logical row i: [start, end). */
static void cl_stat_list_range(const struct ArrowArray *a, int64_t i, int32_t *start, int32_t *end)
{
    const int32_t *off = a->buffers[1];
    *start = off[a->offset + i];
    *end = off[a->offset + i + 1];
}

int ember_df_approx_quantile(ember_dataframe *df, const char *const *cols, size_t n_cols,
                             const double *probabilities, size_t n_probabilities,
                             double relative_error, double *out, ember_error *err)
{
    if (!df || !out || (!probabilities && n_probabilities))
        return cl_error_set(err, EMBER_EINVAL, NULL, "approxQuantile: NULL argument");
    int rc = cl_stat_names(cols, n_cols, "approxQuantile", err);
    if (rc != EMBER_OK)
        return rc;
    for (size_t idx = 0; idx < n_probabilities; idx++)
        if (!(probabilities[idx] >= 0 && probabilities[idx] <= 1))
            return cl_error_set(err, EMBER_EINVAL, NULL,
                                "approxQuantile: probabilities must be in [0, 1]");
    if (!(relative_error >= 0))
        return cl_error_set(err, EMBER_EINVAL, NULL,
                            "approxQuantile: relativeError must be non-negative");
    ember_dataframe *r = cl_df_new(df->session, CL_R_APPROX_QUANTILE, df);
    r->strs = cl_df_strs(r, cols, n_cols);
    r->n_strs = n_cols;
    r->dbls = em_arena_alloc(&r->arena, sizeof(double) * (n_probabilities + 1));
    if (n_probabilities)
        memcpy(r->dbls, probabilities, sizeof(double) * n_probabilities);
    r->n_dbls = n_probabilities;
    r->dbl[0] = relative_error;
    for (size_t idx = 0; idx < n_cols * n_probabilities; idx++)
        out[idx] = NAN;
    struct ArrowArray arr;
    struct ArrowSchema sch;
    rc = cl_stat_one_row(r, "approxQuantile", &arr, &sch, err);
    ember_df_free(r);
    if (rc != EMBER_OK)
        return rc;
    /* One cell: array<array<double>>, one inner array per column (empty when it had no
       values). */
    const struct ArrowArray *outer = arr.children[0];
    const struct ArrowSchema *os = sch.children[0];
    if (strcmp(os->format, "+l") != 0 || os->n_children != 1 ||
        strcmp(os->children[0]->format, "+l") != 0 ||
        strcmp(os->children[0]->children[0]->format, "g") != 0) {
        cl_stat_release(&arr, &sch);
        return cl_error_set(err, EMBER_EPROTOCOL, NULL,
                            "approxQuantile: the answer is not array<array<double>>");
    }
    const struct ArrowArray *inner = outer->children[0];
    const struct ArrowArray *vals = inner->children[0];
    int32_t o0, o1;
    cl_stat_list_range(outer, arr.offset, &o0, &o1);
    if ((size_t)(o1 - o0) != n_cols) {
        cl_stat_release(&arr, &sch);
        return cl_error_set(err, EMBER_EPROTOCOL, NULL,
                            "approxQuantile: %d quantile lists for %zu columns", (int)(o1 - o0),
                            n_cols);
    }
    for (size_t c = 0; c < n_cols; c++) {
        int32_t i0, i1;
        cl_stat_list_range(inner, o0 + (int64_t)c, &i0, &i1);
        if (i1 - i0 == 0)
            continue;
        if ((size_t)(i1 - i0) != n_probabilities) {
            rc = cl_error_set(err, EMBER_EPROTOCOL, NULL,
                              "approxQuantile: %d quantiles for %zu probabilities", (int)(i1 - i0),
                              n_probabilities);
            break;
        }
        const double *v = vals->buffers[1];
        for (size_t p = 0; p < n_probabilities; p++)
            out[c * n_probabilities + p] = v[vals->offset + i0 + (int64_t)p];
    }
    cl_stat_release(&arr, &sch);
    return rc;
}

int ember_df_sample_by(ember_dataframe *df, ember_column *col, ember_column **strata,
                       const double *fractions, size_t n, const int64_t *seed,
                       ember_dataframe **out, ember_error *err)
{
    if (out)
        *out = NULL;
    int rc = cl_cols_check(strata, n, "sampleBy", err);
    if (rc != EMBER_OK) {
        ember_column_free(col);
        return rc;
    }
    if (!df || !out || !col || (n && !fractions)) {
        ember_column_free(col);
        cl_cols_free(strata, n);
        return cl_error_set(err, EMBER_EINVAL, NULL, "sampleBy: NULL argument");
    }
    for (size_t idx = 0; idx < n; idx++) {
        if (strata[idx]->kind != CL_C_LIT) {
            ember_column_free(col);
            cl_cols_free(strata, n);
            return cl_error_set(err, EMBER_EINVAL, NULL, "sampleBy: a stratum is not a literal");
        }
    }
    ember_dataframe *r = cl_df_new(df->session, CL_R_SAMPLE_BY, df);
    r->cond = col;
    r->cols = cl_df_cols(r, strata, n);
    r->n_cols = n;
    r->dbls = em_arena_alloc(&r->arena, sizeof(double) * (n + 1));
    if (n)
        memcpy(r->dbls, fractions, sizeof(double) * n);
    r->n_dbls = n;
    /* PySpark draws a random seed when none is given. */
    if (seed) {
        r->i64[0] = *seed;
    } else {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        uint64_t x = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 20) ^ (uint64_t)(uintptr_t)r;
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdULL;
        x ^= x >> 33;
        r->i64[0] = (int64_t)(x & INT64_MAX);
    }
    *out = r;
    return EMBER_OK;
}

int ember_df_unpivot(ember_dataframe *df, ember_column **ids, size_t n_ids, ember_column **values,
                     size_t n_values, bool values_given, const char *variable_column_name,
                     const char *value_column_name, ember_dataframe **out, ember_error *err)
{
    if (out)
        *out = NULL;
    int rc = cl_cols_check(ids, n_ids, "unpivot", err);
    if (rc != EMBER_OK) {
        cl_cols_free(values, n_values);
        return rc;
    }
    if ((rc = cl_cols_check(values, n_values, "unpivot", err)) != EMBER_OK) {
        cl_cols_free(ids, n_ids);
        return rc;
    }
    if (!df || !out || !variable_column_name || !value_column_name) {
        cl_cols_free(ids, n_ids);
        cl_cols_free(values, n_values);
        return cl_error_set(err, EMBER_EINVAL, NULL, "unpivot: NULL argument");
    }
    ember_dataframe *r = cl_df_new(df->session, CL_R_UNPIVOT, df);
    r->cols = cl_df_cols(r, ids, n_ids);
    r->n_cols = n_ids;
    r->cols2 = cl_df_cols(r, values, n_values);
    r->n_cols2 = n_values;
    r->flag = values_given;
    r->text = em_arena_strdup(&r->arena, variable_column_name);
    r->text2 = em_arena_strdup(&r->arena, value_column_name);
    *out = r;
    return EMBER_OK;
}

int ember_df_tail(ember_dataframe *df, int32_t n, struct ArrowArrayStream *out, ember_error *err)
{
    if (out)
        memset(out, 0, sizeof *out);
    if (!df || !out)
        return cl_error_set(err, EMBER_EINVAL, NULL, "tail: NULL argument");
    ember_dataframe *r = cl_df_new(df->session, CL_R_TAIL, df);
    r->i64[0] = n;
    int rc = ember_df_collect(r, out, err);
    ember_df_free(r);
    return rc;
}
