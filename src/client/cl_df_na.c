/*
 * cl_df_na.c: the DataFrame builders that take literal values or name lists rather than
 * expressions — df.na.fill / drop / replace, describe, summary — and repartition by
 * expressions (repartition(n, *cols), repartitionByRange). Each records the relation PySpark's
 * Connect DataFrame records (pyspark/sql/connect/dataframe.py, NAFill / NADrop / NAReplace /
 * StatDescribe / StatSummary / RepartitionByExpression in plan.py), with PySpark's value
 * conversions: fill values are sent as long / double / string / boolean literals, replace values
 * turn integers into doubles (a bool stays a bool), and a replacement value may be null.
 */
#include <string.h>

#include "client/cl_int.h"
#include "common/em_mem.h"

/* Validates names (NULL list only with n 0, no NULL entry). */
static int cl_na_names(const char *const *names, size_t n, const char *what, ember_error *err)
{
    if (!names && n)
        return cl_error_set(err, EMBER_EINVAL, NULL, "%s: names are NULL", what);
    for (size_t idx = 0; idx < n; idx++)
        if (!names[idx])
            return cl_error_set(err, EMBER_EINVAL, NULL, "%s: a name is NULL", what);
    return EMBER_OK;
}

/* Fails unless every column is a literal; frees the columns on failure. */
static int cl_na_literals(ember_column **cols, size_t n, bool allow_null, const char *what,
                          ember_error *err)
{
    for (size_t idx = 0; idx < n; idx++) {
        if (cols[idx]->kind == CL_C_LIT && (allow_null || cols[idx]->lit.kind != CL_L_NULL))
            continue;
        cl_cols_free(cols, n);
        return cl_error_set(err, EMBER_EINVAL, NULL,
                            "%s: values must be literals (bool, number or string)", what);
    }
    return EMBER_OK;
}

/*
 * A literal column re-typed the way PySpark converts a Python value: to_double turns integers
 * into doubles (replace), otherwise integers become long and floats double (fill). Consumes c.
 */
static ember_column *cl_na_convert(ember_column *c, bool to_double)
{
    cl_lit l = c->lit;
    switch (l.kind) {
    case CL_L_BYTE:
    case CL_L_SHORT:
    case CL_L_INT:
    case CL_L_LONG:
        ember_column_free(c);
        return to_double ? ember_lit_double((double)l.i64) : ember_lit_long(l.i64);
    case CL_L_FLOAT:
        ember_column_free(c);
        return ember_lit_double(l.f64);
    default:
        return c;
    }
}

int ember_df_fillna(ember_dataframe *df, ember_column **values, size_t n_values,
                    const char *const *cols, size_t n_cols, ember_dataframe **out, ember_error *err)
{
    if (out)
        *out = NULL;
    int rc = cl_cols_check(values, n_values, "fillna", err);
    if (rc != EMBER_OK)
        return rc;
    if (!df || !out || n_values == 0 || (n_values > 1 && n_values != n_cols)) {
        cl_cols_free(values, n_values);
        return cl_error_set(err, EMBER_EINVAL, NULL,
                            "fillna: one value, or one value per column, is needed");
    }
    if ((rc = cl_na_names(cols, n_cols, "fillna", err)) != EMBER_OK) {
        cl_cols_free(values, n_values);
        return rc;
    }
    if ((rc = cl_na_literals(values, n_values, false, "fillna", err)) != EMBER_OK)
        return rc;
    ember_dataframe *r = cl_df_new(df->session, CL_R_NA_FILL, df);
    r->cols = cl_df_cols(r, values, n_values);
    for (size_t idx = 0; idx < n_values; idx++)
        r->cols[idx] = cl_na_convert(r->cols[idx], false);
    r->n_cols = n_values;
    r->strs = cl_df_strs(r, cols, n_cols);
    r->n_strs = n_cols;
    *out = r;
    return EMBER_OK;
}

int ember_df_dropna(ember_dataframe *df, const char *how, int32_t thresh, const char *const *cols,
                    size_t n_cols, ember_dataframe **out, ember_error *err)
{
    if (out)
        *out = NULL;
    if (!df || !out)
        return cl_error_set(err, EMBER_EINVAL, NULL, "dropna: NULL DataFrame or output");
    int rc = cl_na_names(cols, n_cols, "dropna", err);
    if (rc != EMBER_OK)
        return rc;
    int64_t min_non_nulls = -1; /* how="any": unset */
    if (how && strcmp(how, "all") == 0) {
        min_non_nulls = 1;
    } else if (how && strcmp(how, "any") != 0) {
        /* PySpark raises CANNOT_BE_EMPTY with these parameters for an unknown how. */
        rc = cl_error_set(err, EMBER_EINVAL, "CANNOT_BE_EMPTY",
                          "[CANNOT_BE_EMPTY] At least one how must be specified.");
        cl_error_param(err, "arg_name", "how");
        cl_error_param(err, "arg_value", how);
        if (err)
            cl_strlcpy(err->exception, "PySparkValueError", sizeof err->exception);
        return rc;
    }
    if (thresh >= 0)
        min_non_nulls = thresh; /* thresh overrides how */
    ember_dataframe *r = cl_df_new(df->session, CL_R_NA_DROP, df);
    r->strs = cl_df_strs(r, cols, n_cols);
    r->n_strs = n_cols;
    r->i64[0] = min_non_nulls;
    *out = r;
    return EMBER_OK;
}

int ember_df_replace(ember_dataframe *df, ember_column **old_values, ember_column **new_values,
                     size_t n, const char *const *cols, size_t n_cols, ember_dataframe **out,
                     ember_error *err)
{
    if (out)
        *out = NULL;
    int rc = cl_cols_check(old_values, n, "replace", err);
    if (rc != EMBER_OK) {
        if (new_values)
            cl_cols_free(new_values, n);
        return rc;
    }
    if ((rc = cl_cols_check(new_values, n, "replace", err)) != EMBER_OK) {
        cl_cols_free(old_values, n);
        return rc;
    }
    if (!df || !out || n == 0 || (rc = cl_na_names(cols, n_cols, "replace", err)) != EMBER_OK) {
        cl_cols_free(old_values, n);
        cl_cols_free(new_values, n);
        return rc != EMBER_OK ? rc
                              : cl_error_set(err, EMBER_EINVAL, NULL,
                                             "replace: NULL argument or no replacement");
    }
    if ((rc = cl_na_literals(old_values, n, false, "replace", err)) != EMBER_OK) {
        cl_cols_free(new_values, n);
        return rc;
    }
    if ((rc = cl_na_literals(new_values, n, true, "replace", err)) != EMBER_OK) {
        cl_cols_free(old_values, n);
        return rc;
    }
    ember_dataframe *r = cl_df_new(df->session, CL_R_NA_REPLACE, df);
    r->cols = cl_df_cols(r, old_values, n);
    r->cols2 = cl_df_cols(r, new_values, n);
    for (size_t idx = 0; idx < n; idx++) {
        r->cols[idx] = cl_na_convert(r->cols[idx], true);
        r->cols2[idx] = cl_na_convert(r->cols2[idx], true);
    }
    r->n_cols = r->n_cols2 = n;
    r->strs = cl_df_strs(r, cols, n_cols);
    r->n_strs = n_cols;
    *out = r;
    return EMBER_OK;
}

/* describe(*cols) / summary(*statistics): a relation with a name list. */
static int cl_df_names_rel(ember_dataframe *df, cl_rel_kind kind, const char *const *names,
                           size_t n, const char *what, ember_dataframe **out, ember_error *err)
{
    if (out)
        *out = NULL;
    if (!df || !out)
        return cl_error_set(err, EMBER_EINVAL, NULL, "%s: NULL DataFrame or output", what);
    int rc = cl_na_names(names, n, what, err);
    if (rc != EMBER_OK)
        return rc;
    ember_dataframe *r = cl_df_new(df->session, kind, df);
    r->strs = cl_df_strs(r, names, n);
    r->n_strs = n;
    *out = r;
    return EMBER_OK;
}

int ember_df_describe(ember_dataframe *df, const char *const *cols, size_t n, ember_dataframe **out,
                      ember_error *err)
{
    return cl_df_names_rel(df, CL_R_DESCRIBE, cols, n, "describe", out, err);
}

int ember_df_summary(ember_dataframe *df, const char *const *statistics, size_t n,
                     ember_dataframe **out, ember_error *err)
{
    return cl_df_names_rel(df, CL_R_SUMMARY, statistics, n, "summary", out, err);
}

int ember_df_repartition_by(ember_dataframe *df, int32_t num_partitions, ember_column **cols,
                            size_t n, bool by_range, ember_dataframe **out, ember_error *err)
{
    if (out)
        *out = NULL;
    int rc = cl_cols_check(cols, n, "repartition", err);
    if (rc != EMBER_OK)
        return rc;
    if (!df || !out || n == 0) {
        cl_cols_free(cols, n);
        return cl_error_set(err, EMBER_EINVAL, NULL,
                            "repartition: NULL DataFrame or output, or no column");
    }
    ember_dataframe *r = cl_df_new(df->session, CL_R_REPART_EXPR, df);
    r->cols = cl_df_cols(r, cols, n);
    if (by_range) /* repartitionByRange sorts: F._sort_col on every column */
        for (size_t idx = 0; idx < n; idx++)
            r->cols[idx] = cl_sort_col(r->cols[idx]);
    r->n_cols = n;
    r->i64[0] = num_partitions > 0 ? num_partitions : 0;
    *out = r;
    return EMBER_OK;
}
