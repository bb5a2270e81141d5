/*
 * cl_df.c: ember_dataframe nodes and the transformation builders.
 *
 * Each builder mirrors one PySpark Connect DataFrame method (pyspark/sql/connect/dataframe.py
 * and plan.py) and records the same relation with the same fields set — including the ones
 * PySpark sets explicitly to their default, because proto3 `optional` presence is visible on
 * the wire (e.g. Deduplicate.all_columns_as_keys = false, Sort.is_global, SetOperation's three
 * flags). Nothing is sent here; cl_proto.c serializes the tree when an action runs.
 *
 * DataFrame arguments are borrowed (retained by the new node); column arguments are consumed.
 */
#include <ctype.h>
#include <string.h>

#include "client/cl_int.h"
#include "common/em_mem.h"

static atomic_llong cl_plan_counter;

int64_t cl_next_plan_id(void)
{
    return (int64_t)atomic_fetch_add(&cl_plan_counter, 1);
}

ember_dataframe *cl_df_new(ember_session *s, cl_rel_kind kind, ember_dataframe *in)
{
    ember_dataframe *df = em_calloc(1, sizeof *df);
    atomic_init(&df->refcount, 1);
    df->session = cl_session_retain(s);
    df->kind = kind;
    df->plan_id = cl_next_plan_id();
    em_arena_init(&df->arena, 512);
    if (in)
        df->in[0] = ember_df_dup(in);
    return df;
}

ember_dataframe *ember_df_dup(ember_dataframe *df)
{
    if (df)
        atomic_fetch_add(&df->refcount, 1);
    return df;
}

void ember_df_free(ember_dataframe *df)
{
    if (!df || atomic_fetch_sub(&df->refcount, 1) != 1)
        return;
    ember_df_free(df->in[0]);
    ember_df_free(df->in[1]);
    cl_cols_free(df->cols, df->n_cols);
    cl_cols_free(df->cols2, df->n_cols2);
    cl_cols_free(df->cols3, df->n_cols3);
    ember_column_free(df->cond);
    em_free(df->blob);
    em_arena_release(&df->arena);
    cl_session_release(df->session);
    em_free(df);
}

ember_session *ember_df_session(ember_dataframe *df)
{
    return df ? df->session : NULL;
}

int64_t ember_df_plan_id(const ember_dataframe *df)
{
    return df ? df->plan_id : -1;
}

char **cl_df_strs(ember_dataframe *df, const char *const *strs, size_t n)
{
    char **out = em_arena_alloc(&df->arena, sizeof(char *) * (n + 1));
    for (size_t idx = 0; idx < n; idx++)
        out[idx] = em_arena_strdup(&df->arena, strs[idx]);
    out[n] = NULL;
    return out;
}

ember_column **cl_df_cols(ember_dataframe *df, ember_column **cols, size_t n)
{
    ember_column **out = em_arena_alloc(&df->arena, sizeof(ember_column *) * (n + 1));
    if (n)
        memcpy(out, cols, n * sizeof(ember_column *));
    out[n] = NULL;
    return out;
}

int cl_cols_check(ember_column **cols, size_t n, const char *what, ember_error *err)
{
    if ((!cols && n) || cl_cols_have_null(cols, n)) {
        if (cols)
            cl_cols_free(cols, n);
        return cl_error_set(err, EMBER_EINVAL, NULL, "%s: a column argument is NULL", what);
    }
    return EMBER_OK;
}

int cl_df_check(ember_dataframe *df, ember_error *err)
{
    if (!df)
        return cl_error_set(err, EMBER_EINVAL, NULL, "DataFrame argument is NULL");
    return EMBER_OK;
}

static int cl_strs_check(const char *const *strs, size_t n, const char *what, ember_error *err)
{
    if (!strs && n)
        return cl_error_set(err, EMBER_EINVAL, NULL, "%s: names are NULL", what);
    for (size_t idx = 0; idx < n; idx++)
        if (!strs[idx])
            return cl_error_set(err, EMBER_EINVAL, NULL, "%s: a name is NULL", what);
    return EMBER_OK;
}

/* Checks df + consumed columns; on failure the columns are freed. */
static int cl_df_cols_check(ember_dataframe *df, ember_column **cols, size_t n, const char *what,
                            ember_dataframe **out, ember_error *err)
{
    if (out)
        *out = NULL;
    int rc = cl_cols_check(cols, n, what, err);
    if (rc != EMBER_OK)
        return rc;
    if (!out || !df) {
        cl_cols_free(cols, n);
        return cl_error_set(err, EMBER_EINVAL, NULL, "%s: NULL DataFrame or output", what);
    }
    return EMBER_OK;
}

/* ---------------------------------------------------------------------- projections ----- */

int ember_df_select(ember_dataframe *df, ember_column **cols, size_t n, ember_dataframe **out,
                    ember_error *err)
{
    int rc = cl_df_cols_check(df, cols, n, "select", out, err);
    if (rc != EMBER_OK)
        return rc;
    ember_dataframe *r = cl_df_new(df->session, CL_R_PROJECT, df);
    r->cols = cl_df_cols(r, cols, n);
    r->n_cols = n;
    *out = r;
    return EMBER_OK;
}

int ember_df_select_expr(ember_dataframe *df, const char *const *exprs, size_t n,
                         ember_dataframe **out, ember_error *err)
{
    int rc = cl_strs_check(exprs, n, "selectExpr", err);
    if (rc != EMBER_OK)
        return rc;
    ember_column **cols = em_calloc(n + 1, sizeof(ember_column *));
    for (size_t idx = 0; idx < n; idx++)
        cols[idx] = ember_expr(exprs[idx]);
    rc = ember_df_select(df, cols, n, out, err);
    em_free(cols);
    return rc;
}

int ember_df_filter(ember_dataframe *df, ember_column *cond, ember_dataframe **out,
                    ember_error *err)
{
    int rc = cl_df_cols_check(df, &cond, 1, "filter", out, err);
    if (rc != EMBER_OK)
        return rc;
    ember_dataframe *r = cl_df_new(df->session, CL_R_FILTER, df);
    r->cond = cond;
    *out = r;
    return EMBER_OK;
}

int ember_df_where(ember_dataframe *df, ember_column *cond, ember_dataframe **out, ember_error *err)
{
    return ember_df_filter(df, cond, out, err);
}

int ember_df_filter_expr(ember_dataframe *df, const char *cond, ember_dataframe **out,
                         ember_error *err)
{
    if (!cond)
        return cl_error_set(err, EMBER_EINVAL, NULL, "filter: condition is NULL");
    return ember_df_filter(df, ember_expr(cond), out, err);
}

int ember_df_with_columns(ember_dataframe *df, const char *const *names, ember_column **cols,
                          size_t n, ember_dataframe **out, ember_error *err)
{
    int rc = cl_df_cols_check(df, cols, n, "withColumns", out, err);
    if (rc != EMBER_OK)
        return rc;
    if ((rc = cl_strs_check(names, n, "withColumns", err)) != EMBER_OK || n == 0) {
        cl_cols_free(cols, n);
        return rc != EMBER_OK ? rc
                              : cl_error_set(err, EMBER_EINVAL, NULL, "withColumns: no columns");
    }
    ember_dataframe *r = cl_df_new(df->session, CL_R_WITH_COLUMNS, df);
    r->strs = cl_df_strs(r, names, n);
    r->n_strs = n;
    r->cols = cl_df_cols(r, cols, n);
    r->n_cols = n;
    *out = r;
    return EMBER_OK;
}

int ember_df_with_column(ember_dataframe *df, const char *name, ember_column *col,
                         ember_dataframe **out, ember_error *err)
{
    return ember_df_with_columns(df, &name, &col, 1, out, err);
}

int ember_df_with_columns_renamed(ember_dataframe *df, const char *const *existing,
                                  const char *const *new_names, size_t n, ember_dataframe **out,
                                  ember_error *err)
{
    if (out)
        *out = NULL;
    int rc;
    if ((rc = cl_df_check(df, err)) != EMBER_OK ||
        (rc = cl_strs_check(existing, n, "withColumnsRenamed", err)) != EMBER_OK ||
        (rc = cl_strs_check(new_names, n, "withColumnsRenamed", err)) != EMBER_OK)
        return rc;
    if (!out)
        return cl_error_set(err, EMBER_EINVAL, NULL, "out must not be NULL");
    ember_dataframe *r = cl_df_new(df->session, CL_R_RENAME, df);
    r->strs = cl_df_strs(r, existing, n);
    r->strs2 = cl_df_strs(r, new_names, n);
    r->n_strs = r->n_strs2 = n;
    *out = r;
    return EMBER_OK;
}

int ember_df_with_column_renamed(ember_dataframe *df, const char *existing, const char *new_name,
                                 ember_dataframe **out, ember_error *err)
{
    return ember_df_with_columns_renamed(df, &existing, &new_name, 1, out, err);
}

int ember_df_drop(ember_dataframe *df, const char *const *names, size_t n, ember_dataframe **out,
                  ember_error *err)
{
    if (out)
        *out = NULL;
    int rc;
    if ((rc = cl_df_check(df, err)) != EMBER_OK ||
        (rc = cl_strs_check(names, n, "drop", err)) != EMBER_OK)
        return rc;
    if (!out)
        return cl_error_set(err, EMBER_EINVAL, NULL, "out must not be NULL");
    ember_dataframe *r = cl_df_new(df->session, CL_R_DROP, df);
    r->strs = cl_df_strs(r, names, n);
    r->n_strs = n;
    *out = r;
    return EMBER_OK;
}

int ember_df_drop_columns(ember_dataframe *df, ember_column **cols, size_t n, ember_dataframe **out,
                          ember_error *err)
{
    int rc = cl_df_cols_check(df, cols, n, "drop", out, err);
    if (rc != EMBER_OK)
        return rc;
    ember_dataframe *r = cl_df_new(df->session, CL_R_DROP, df);
    r->cols = cl_df_cols(r, cols, n);
    r->n_cols = n;
    *out = r;
    return EMBER_OK;
}

int ember_df_to_df(ember_dataframe *df, const char *const *names, size_t n, ember_dataframe **out,
                   ember_error *err)
{
    if (out)
        *out = NULL;
    int rc;
    if ((rc = cl_df_check(df, err)) != EMBER_OK ||
        (rc = cl_strs_check(names, n, "toDF", err)) != EMBER_OK)
        return rc;
    if (!out)
        return cl_error_set(err, EMBER_EINVAL, NULL, "out must not be NULL");
    ember_dataframe *r = cl_df_new(df->session, CL_R_TO_DF, df);
    r->strs = cl_df_strs(r, names, n);
    r->n_strs = n;
    *out = r;
    return EMBER_OK;
}

/* ------------------------------------------------------------------- limits, sorting ----- */

static int cl_df_simple(ember_dataframe *df, cl_rel_kind kind, ember_dataframe **out,
                        ember_error *err, ember_dataframe **made)
{
    if (out)
        *out = NULL;
    int rc = cl_df_check(df, err);
    if (rc != EMBER_OK)
        return rc;
    if (!out)
        return cl_error_set(err, EMBER_EINVAL, NULL, "out must not be NULL");
    *made = cl_df_new(df->session, kind, df);
    *out = *made;
    return EMBER_OK;
}

int ember_df_limit(ember_dataframe *df, int32_t n, ember_dataframe **out, ember_error *err)
{
    ember_dataframe *r = NULL;
    int rc = cl_df_simple(df, CL_R_LIMIT, out, err, &r);
    if (rc == EMBER_OK)
        r->i64[0] = n;
    return rc;
}

int ember_df_offset(ember_dataframe *df, int32_t n, ember_dataframe **out, ember_error *err)
{
    ember_dataframe *r = NULL;
    int rc = cl_df_simple(df, CL_R_OFFSET, out, err, &r);
    if (rc == EMBER_OK)
        r->i64[0] = n;
    return rc;
}

static int cl_df_sort_impl(ember_dataframe *df, ember_column **cols, size_t n, bool global,
                           ember_dataframe **out, ember_error *err)
{
    int rc = cl_df_cols_check(df, cols, n, "sort", out, err);
    if (rc != EMBER_OK)
        return rc;
    ember_dataframe *r = cl_df_new(df->session, CL_R_SORT, df);
    r->cols = cl_df_cols(r, cols, n);
    for (size_t idx = 0; idx < n; idx++)
        r->cols[idx] = cl_sort_col(r->cols[idx]);
    r->n_cols = n;
    r->flag = global;
    *out = r;
    return EMBER_OK;
}

int ember_df_sort(ember_dataframe *df, ember_column **cols, size_t n, ember_dataframe **out,
                  ember_error *err)
{
    return cl_df_sort_impl(df, cols, n, true, out, err);
}

int ember_df_order_by(ember_dataframe *df, ember_column **cols, size_t n, ember_dataframe **out,
                      ember_error *err)
{
    return cl_df_sort_impl(df, cols, n, true, out, err);
}

int ember_df_sort_within_partitions(ember_dataframe *df, ember_column **cols, size_t n,
                                    ember_dataframe **out, ember_error *err)
{
    return cl_df_sort_impl(df, cols, n, false, out, err);
}

int ember_df_distinct(ember_dataframe *df, ember_dataframe **out, ember_error *err)
{
    return ember_df_drop_duplicates(df, NULL, 0, out, err);
}

int ember_df_drop_duplicates(ember_dataframe *df, const char *const *names, size_t n,
                             ember_dataframe **out, ember_error *err)
{
    int rc = cl_strs_check(names, n, "dropDuplicates", err);
    if (rc != EMBER_OK)
        return rc;
    ember_dataframe *r = NULL;
    rc = cl_df_simple(df, CL_R_DEDUP, out, err, &r);
    if (rc != EMBER_OK)
        return rc;
    if (!names) {
        r->flag = true; /* all_columns_as_keys; column_names unset */
    } else {
        r->strs = cl_df_strs(r, names, n);
        r->n_strs = n;
    }
    return EMBER_OK;
}

/* ------------------------------------------------------------------------ set operations -- */

static int cl_df_set_op(ember_dataframe *df, ember_dataframe *other, int op, bool all, bool by_name,
                        bool allow_missing, ember_dataframe **out, ember_error *err)
{
    int rc = cl_df_check(other, err);
    if (rc != EMBER_OK)
        return rc;
    if (df && other->session != df->session)
        return cl_error_set(err, EMBER_EINVAL, "SESSION_NOT_SAME",
                            "[SESSION_NOT_SAME] Both Datasets must belong to the same "
                            "SparkSession.");
    ember_dataframe *r = NULL;
    rc = cl_df_simple(df, CL_R_SET_OP, out, err, &r);
    if (rc != EMBER_OK)
        return rc;
    r->in[1] = ember_df_dup(other);
    r->i64[0] = op;
    r->flag = all;
    r->flag2 = by_name;
    r->flag3 = allow_missing;
    return EMBER_OK;
}

int ember_df_union(ember_dataframe *df, ember_dataframe *other, ember_dataframe **out,
                   ember_error *err)
{
    return cl_df_set_op(df, other, SPARK__CONNECT__SET_OPERATION__SET_OP_TYPE__SET_OP_TYPE_UNION,
                        true, false, false, out, err);
}

int ember_df_union_by_name(ember_dataframe *df, ember_dataframe *other, bool allow_missing_columns,
                           ember_dataframe **out, ember_error *err)
{
    return cl_df_set_op(df, other, SPARK__CONNECT__SET_OPERATION__SET_OP_TYPE__SET_OP_TYPE_UNION,
                        true, true, allow_missing_columns, out, err);
}

int ember_df_intersect(ember_dataframe *df, ember_dataframe *other, bool all, ember_dataframe **out,
                       ember_error *err)
{
    return cl_df_set_op(df, other,
                        SPARK__CONNECT__SET_OPERATION__SET_OP_TYPE__SET_OP_TYPE_INTERSECT, all,
                        false, false, out, err);
}

int ember_df_except(ember_dataframe *df, ember_dataframe *other, bool all, ember_dataframe **out,
                    ember_error *err)
{
    return cl_df_set_op(df, other, SPARK__CONNECT__SET_OPERATION__SET_OP_TYPE__SET_OP_TYPE_EXCEPT,
                        all, false, false, out, err);
}

/* --------------------------------------------------------------------------- misc ------ */

int ember_df_alias(ember_dataframe *df, const char *alias, ember_dataframe **out, ember_error *err)
{
    if (!alias)
        return cl_error_set(err, EMBER_EINVAL, NULL, "alias must not be NULL");
    ember_dataframe *r = NULL;
    int rc = cl_df_simple(df, CL_R_ALIAS, out, err, &r);
    if (rc == EMBER_OK)
        r->text = em_arena_strdup(&r->arena, alias);
    return rc;
}

int ember_df_sample(ember_dataframe *df, bool with_replacement, double fraction, int64_t seed,
                    ember_dataframe **out, ember_error *err)
{
    ember_dataframe *r = NULL;
    int rc = cl_df_simple(df, CL_R_SAMPLE, out, err, &r);
    if (rc == EMBER_OK) {
        r->dbl[0] = 0.0;
        r->dbl[1] = fraction;
        r->flag = with_replacement;
        r->i64[0] = seed;
    }
    return rc;
}

int ember_df_hint(ember_dataframe *df, const char *name, ember_column **params, size_t n,
                  ember_dataframe **out, ember_error *err)
{
    int rc = cl_df_cols_check(df, params, n, "hint", out, err);
    if (rc != EMBER_OK)
        return rc;
    if (!name) {
        cl_cols_free(params, n);
        return cl_error_set(err, EMBER_EINVAL, NULL, "hint: name is NULL");
    }
    ember_dataframe *r = cl_df_new(df->session, CL_R_HINT, df);
    r->text = em_arena_strdup(&r->arena, name);
    r->cols = cl_df_cols(r, params, n);
    r->n_cols = n;
    *out = r;
    return EMBER_OK;
}

int ember_df_repartition(ember_dataframe *df, int32_t num_partitions, bool shuffle,
                         ember_dataframe **out, ember_error *err)
{
    ember_dataframe *r = NULL;
    int rc = cl_df_simple(df, CL_R_REPARTITION, out, err, &r);
    if (rc == EMBER_OK) {
        r->i64[0] = num_partitions;
        r->flag = shuffle;
    }
    return rc;
}

/* ------------------------------------------------------------------------------ joins ---- */

/* PySpark's Join: how lower-cased with '_' removed, then mapped. Returns the JoinType or -1. */
static int cl_join_type(const char *how)
{
    if (!how)
        return SPARK__CONNECT__JOIN__JOIN_TYPE__JOIN_TYPE_INNER;
    char norm[32];
    size_t w = 0;
    for (const char *p = how; *p; p++) {
        if (*p == '_')
            continue;
        if (w + 1 >= sizeof norm)
            return -1;
        norm[w++] = (char)tolower((unsigned char)*p);
    }
    norm[w] = '\0';
    static const struct {
        const char *name;
        int type;
    } map[] = {
        {"inner", SPARK__CONNECT__JOIN__JOIN_TYPE__JOIN_TYPE_INNER},
        {"outer", SPARK__CONNECT__JOIN__JOIN_TYPE__JOIN_TYPE_FULL_OUTER},
        {"full", SPARK__CONNECT__JOIN__JOIN_TYPE__JOIN_TYPE_FULL_OUTER},
        {"fullouter", SPARK__CONNECT__JOIN__JOIN_TYPE__JOIN_TYPE_FULL_OUTER},
        {"leftouter", SPARK__CONNECT__JOIN__JOIN_TYPE__JOIN_TYPE_LEFT_OUTER},
        {"left", SPARK__CONNECT__JOIN__JOIN_TYPE__JOIN_TYPE_LEFT_OUTER},
        {"rightouter", SPARK__CONNECT__JOIN__JOIN_TYPE__JOIN_TYPE_RIGHT_OUTER},
        {"right", SPARK__CONNECT__JOIN__JOIN_TYPE__JOIN_TYPE_RIGHT_OUTER},
        {"leftsemi", SPARK__CONNECT__JOIN__JOIN_TYPE__JOIN_TYPE_LEFT_SEMI},
        {"semi", SPARK__CONNECT__JOIN__JOIN_TYPE__JOIN_TYPE_LEFT_SEMI},
        {"leftanti", SPARK__CONNECT__JOIN__JOIN_TYPE__JOIN_TYPE_LEFT_ANTI},
        {"anti", SPARK__CONNECT__JOIN__JOIN_TYPE__JOIN_TYPE_LEFT_ANTI},
        {"cross", SPARK__CONNECT__JOIN__JOIN_TYPE__JOIN_TYPE_CROSS},
    };
    for (size_t idx = 0; idx < sizeof map / sizeof map[0]; idx++)
        if (strcmp(norm, map[idx].name) == 0)
            return map[idx].type;
    return -1;
}

static int cl_join_fail(const char *how, ember_error *err)
{
    static const char supported[] =
        "'inner', 'outer', 'full', 'fullouter', 'full_outer', 'leftouter', 'left', "
        "'left_outer', 'rightouter', 'right', 'right_outer', 'leftsemi', 'left_semi', 'semi', "
        "'leftanti', 'left_anti', 'anti', 'cross'";
    cl_error_set(err, EMBER_EINVAL, "UNSUPPORTED_JOIN_TYPE",
                 "[UNSUPPORTED_JOIN_TYPE] Unsupported join type: '%s'. Supported join types "
                 "include: %s.",
                 how, supported);
    cl_error_param(err, "typ", how);
    cl_error_param(err, "supported", supported);
    if (err)
        cl_strlcpy(err->exception, "AnalysisException", sizeof err->exception);
    return EMBER_EINVAL;
}

static int cl_df_join_impl(ember_dataframe *df, ember_dataframe *other, ember_column *on,
                           const char *const *using_cols, size_t n_using, const char *how,
                           ember_dataframe **out, ember_error *err)
{
    if (out)
        *out = NULL;
    int rc;
    if ((rc = cl_df_check(df, err)) != EMBER_OK || (rc = cl_df_check(other, err)) != EMBER_OK ||
        (rc = cl_strs_check(using_cols, n_using, "join", err)) != EMBER_OK || !out) {
        ember_column_free(on);
        return rc != EMBER_OK ? rc : cl_error_set(err, EMBER_EINVAL, NULL, "out is NULL");
    }
    int type = cl_join_type(how);
    if (type < 0) {
        ember_column_free(on);
        return cl_join_fail(how, err);
    }
    ember_dataframe *r = cl_df_new(df->session, CL_R_JOIN, df);
    r->in[1] = ember_df_dup(other);
    r->cond = on;
    r->i64[0] = type;
    if (using_cols) {
        r->strs = cl_df_strs(r, using_cols, n_using);
        r->n_strs = n_using;
    }
    *out = r;
    return EMBER_OK;
}

int ember_df_join(ember_dataframe *df, ember_dataframe *other, ember_column *on, const char *how,
                  ember_dataframe **out, ember_error *err)
{
    return cl_df_join_impl(df, other, on, NULL, 0, how, out, err);
}

int ember_df_join_using(ember_dataframe *df, ember_dataframe *other, const char *const *cols,
                        size_t n, const char *how, ember_dataframe **out, ember_error *err)
{
    if (!cols && n)
        return cl_error_set(err, EMBER_EINVAL, NULL, "join: columns are NULL");
    static const char *const none[1] = {NULL};
    return cl_df_join_impl(df, other, NULL, cols ? cols : none, n, how, out, err);
}

int ember_df_cross_join(ember_dataframe *df, ember_dataframe *other, ember_dataframe **out,
                        ember_error *err)
{
    return cl_df_join_impl(df, other, NULL, NULL, 0, "cross", out, err);
}

/* ------------------------------------------------------------------------- sources ----- */

int ember_range(ember_session *s, int64_t start, int64_t end, int64_t step, int num_partitions,
                ember_dataframe **out, ember_error *err)
{
    if (!s || !out)
        return cl_error_set(err, EMBER_EINVAL, NULL, "session and out must not be NULL");
    ember_dataframe *r = cl_df_new(s, CL_R_RANGE, NULL);
    r->i64[0] = start;
    r->i64[1] = end;
    r->i64[2] = step;
    r->i64[3] = num_partitions > 0 ? num_partitions : 0;
    *out = r;
    return EMBER_OK;
}

int ember_table(ember_session *s, const char *name, ember_dataframe **out, ember_error *err)
{
    if (!s || !out || !name)
        return cl_error_set(err, EMBER_EINVAL, NULL, "session, name and out must not be NULL");
    ember_dataframe *r = cl_df_new(s, CL_R_TABLE, NULL);
    r->text = em_arena_strdup(&r->arena, name);
    *out = r;
    return EMBER_OK;
}

int ember_read(ember_session *s, const char *format, const char *schema,
               const char *const *option_keys, const char *const *option_values, size_t n_options,
               const char *const *paths, size_t n_paths, ember_dataframe **out, ember_error *err)
{
    if (!s || !out)
        return cl_error_set(err, EMBER_EINVAL, NULL, "session and out must not be NULL");
    int rc;
    if ((rc = cl_strs_check(option_keys, n_options, "read", err)) != EMBER_OK ||
        (rc = cl_strs_check(option_values, n_options, "read", err)) != EMBER_OK ||
        (rc = cl_strs_check(paths, n_paths, "read", err)) != EMBER_OK)
        return rc;
    ember_dataframe *r = cl_df_new(s, CL_R_DATA_SOURCE, NULL);
    r->text = format ? em_arena_strdup(&r->arena, format) : NULL;
    /* DataFrameReader starts with schema "" and always sends it. */
    r->text2 = em_arena_strdup(&r->arena, schema ? schema : "");
    r->strs = cl_df_strs(r, option_keys, n_options);
    r->strs2 = cl_df_strs(r, option_values, n_options);
    r->n_strs = r->n_strs2 = n_options;
    r->strs3 = cl_df_strs(r, paths, n_paths);
    r->n_strs3 = n_paths;
    *out = r;
    return EMBER_OK;
}
