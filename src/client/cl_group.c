/*
 * cl_group.c: GroupedData — groupBy / rollup / cube / pivot followed by agg, as PySpark's
 * pyspark/sql/connect/group.py builds them: an Aggregate relation with the group type, the
 * grouping expressions, the aggregate expressions, and for pivot the pivot column (bound to the
 * DataFrame like df[col]) and its literal values.
 *
 * Note on names: PySpark's groupBy("a") uses F.col("a") but rollup("a")/cube("a") use df["a"]
 * (a plan-id-bound column). libember takes columns, so callers pick ember_col or ember_df_col
 * to match.
 */
#include <string.h>

#include "client/cl_int.h"
#include "common/em_mem.h"

struct ember_grouped {
    ember_dataframe *df;
    int type; /* Aggregate.GroupType */
    ember_column **cols;
    size_t n_cols;
    ember_column *pivot_col;
    ember_column **values;
    size_t n_values;
};

static int cl_grouped_new(ember_dataframe *df, int type, ember_column **cols, size_t n,
                          ember_grouped **out, ember_error *err)
{
    if (out)
        *out = NULL;
    int rc = cl_cols_check(cols, n, "groupBy", err);
    if (rc != EMBER_OK)
        return rc;
    if (!df || !out) {
        cl_cols_free(cols, n);
        return cl_error_set(err, EMBER_EINVAL, NULL, "groupBy: NULL DataFrame or output");
    }
    ember_grouped *g = em_calloc(1, sizeof *g);
    g->df = ember_df_dup(df);
    g->type = type;
    g->cols = em_calloc(n + 1, sizeof(ember_column *));
    if (n)
        memcpy(g->cols, cols, n * sizeof(ember_column *));
    g->n_cols = n;
    *out = g;
    return EMBER_OK;
}

int ember_df_group_by(ember_dataframe *df, ember_column **cols, size_t n, ember_grouped **out,
                      ember_error *err)
{
    return cl_grouped_new(df, SPARK__CONNECT__AGGREGATE__GROUP_TYPE__GROUP_TYPE_GROUPBY, cols, n,
                          out, err);
}

int ember_df_rollup(ember_dataframe *df, ember_column **cols, size_t n, ember_grouped **out,
                    ember_error *err)
{
    return cl_grouped_new(df, SPARK__CONNECT__AGGREGATE__GROUP_TYPE__GROUP_TYPE_ROLLUP, cols, n,
                          out, err);
}

int ember_df_cube(ember_dataframe *df, ember_column **cols, size_t n, ember_grouped **out,
                  ember_error *err)
{
    return cl_grouped_new(df, SPARK__CONNECT__AGGREGATE__GROUP_TYPE__GROUP_TYPE_CUBE, cols, n, out,
                          err);
}

void ember_grouped_free(ember_grouped *g)
{
    if (!g)
        return;
    cl_cols_free(g->cols, g->n_cols);
    em_free(g->cols);
    ember_column_free(g->pivot_col);
    cl_cols_free(g->values, g->n_values);
    em_free(g->values);
    ember_df_free(g->df);
    em_free(g);
}

static ember_column **cl_cols_dup(ember_column *const *cols, size_t n)
{
    ember_column **out = em_calloc(n + 1, sizeof(ember_column *));
    for (size_t idx = 0; idx < n; idx++)
        out[idx] = ember_column_dup(cols[idx]);
    return out;
}

int ember_grouped_pivot(ember_grouped *g, const char *col, ember_column **values, size_t n,
                        ember_grouped **out, ember_error *err)
{
    if (out)
        *out = NULL;
    int rc = cl_cols_check(values, n, "pivot", err);
    if (rc != EMBER_OK)
        return rc;
    if (!g || !col || !out) {
        cl_cols_free(values, n);
        return cl_error_set(err, EMBER_EINVAL, NULL, "pivot: NULL argument");
    }
    for (size_t idx = 0; idx < n; idx++) {
        if (values[idx]->kind != CL_C_LIT) {
            cl_cols_free(values, n);
            return cl_error_set(err, EMBER_EINVAL, "NOT_BOOL_OR_FLOAT_OR_INT_OR_STR",
                                "[NOT_BOOL_OR_FLOAT_OR_INT_OR_STR] pivot values must be "
                                "literals");
        }
    }
    if (g->type != SPARK__CONNECT__AGGREGATE__GROUP_TYPE__GROUP_TYPE_GROUPBY) {
        cl_cols_free(values, n);
        const char *what = g->type == SPARK__CONNECT__AGGREGATE__GROUP_TYPE__GROUP_TYPE_PIVOT
                               ? "Repeated PIVOT operation"
                           : g->type == SPARK__CONNECT__AGGREGATE__GROUP_TYPE__GROUP_TYPE_ROLLUP
                               ? "PIVOT after ROLLUP"
                               : "PIVOT after CUBE";
        rc = cl_error_set(err, EMBER_EINVAL, "UNSUPPORTED_OPERATION",
                          "[UNSUPPORTED_OPERATION] The operation %s is not supported.", what);
        cl_error_param(err, "operation", what);
        return rc;
    }
    ember_grouped *p = em_calloc(1, sizeof *p);
    p->df = ember_df_dup(g->df);
    p->type = SPARK__CONNECT__AGGREGATE__GROUP_TYPE__GROUP_TYPE_PIVOT;
    p->cols = cl_cols_dup(g->cols, g->n_cols);
    p->n_cols = g->n_cols;
    p->pivot_col = ember_df_col(g->df, col);
    p->values = em_calloc(n + 1, sizeof(ember_column *));
    if (n)
        memcpy(p->values, values, n * sizeof(ember_column *));
    p->n_values = n;
    *out = p;
    return EMBER_OK;
}

int ember_grouped_agg(ember_grouped *g, ember_column **cols, size_t n, ember_dataframe **out,
                      ember_error *err)
{
    if (out)
        *out = NULL;
    int rc = cl_cols_check(cols, n, "agg", err);
    if (rc != EMBER_OK)
        return rc;
    if (!g || !out || n == 0) {
        cl_cols_free(cols, n);
        return cl_error_set(err, EMBER_EINVAL, n == 0 ? "CANNOT_BE_EMPTY" : NULL,
                            n == 0 ? "[CANNOT_BE_EMPTY] At least one exprs must be specified."
                                   : "agg: NULL argument");
    }
    ember_dataframe *r = cl_df_new(g->df->session, CL_R_AGGREGATE, g->df);
    r->i64[0] = g->type;
    ember_column **grouping = cl_cols_dup(g->cols, g->n_cols);
    r->cols = cl_df_cols(r, grouping, g->n_cols);
    r->n_cols = g->n_cols;
    em_free(grouping);
    r->cols2 = cl_df_cols(r, cols, n);
    r->n_cols2 = n;
    if (g->pivot_col) {
        r->cond = ember_column_dup(g->pivot_col);
        ember_column **vals = cl_cols_dup(g->values, g->n_values);
        r->cols3 = cl_df_cols(r, vals, g->n_values);
        r->n_cols3 = g->n_values;
        em_free(vals);
    }
    *out = r;
    return EMBER_OK;
}

int ember_grouped_count(ember_grouped *g, ember_dataframe **out, ember_error *err)
{
    ember_column *one = ember_lit_int(1);
    ember_column *c = ember_alias(ember_fn("count", &one, 1), "count");
    return ember_grouped_agg(g, &c, 1, out, err);
}

int ember_grouped_agg_columns(ember_grouped *g, const char *function, const char *const *names,
                              size_t n, ember_dataframe **out, ember_error *err)
{
    if (!function || !names || n == 0)
        return cl_error_set(err, EMBER_EINVAL, NULL,
                            "agg_columns: function and at least one column name are required");
    for (size_t idx = 0; idx < n; idx++)
        if (!names[idx])
            return cl_error_set(err, EMBER_EINVAL, NULL, "agg_columns: a name is NULL");
    ember_column **cols = em_calloc(n + 1, sizeof(ember_column *));
    for (size_t idx = 0; idx < n; idx++) {
        ember_column *arg = ember_col(names[idx]);
        cols[idx] = ember_fn(function, &arg, 1);
    }
    int rc = ember_grouped_agg(g, cols, n, out, err);
    em_free(cols);
    return rc;
}

int ember_df_agg(ember_dataframe *df, ember_column **cols, size_t n, ember_dataframe **out,
                 ember_error *err)
{
    ember_grouped *g = NULL;
    int rc = ember_df_group_by(df, NULL, 0, &g, err);
    if (rc != EMBER_OK) {
        cl_cols_free(cols, n);
        return rc;
    }
    rc = ember_grouped_agg(g, cols, n, out, err);
    ember_grouped_free(g);
    return rc;
}
