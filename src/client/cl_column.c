/*
 * cl_column.c: ember_column builders — the expression half of the plan IR.
 *
 * Every node is immutable once returned and refcounted; builders CONSUME their column
 * arguments (see ember.h). Each builder mirrors one PySpark Column/functions method and produces
 * the expression PySpark's Connect client produces for it (pyspark/sql/connect/column.py,
 * expressions.py, functions/builtin.py): operator names ("==", "and", "isNull", ...), != as
 * not(==), between as (a >= lo) and (a <= hi), when/otherwise as one "when" call, sort orders
 * with PySpark's null ordering, and so on. A NULL argument makes the builder release the other
 * arguments and return NULL.
 */
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "client/cl_int.h"
#include "common/em_mem.h"

ember_column *cl_col_new(cl_col_kind kind)
{
    ember_column *c = em_calloc(1, sizeof *c);
    atomic_init(&c->refcount, 1);
    c->kind = kind;
    return c;
}

ember_column *ember_column_dup(ember_column *c)
{
    if (c)
        atomic_fetch_add(&c->refcount, 1);
    return c;
}

void cl_window_spec_release(cl_window_spec *w)
{
    if (!w)
        return;
    cl_cols_free(w->partition, w->n_partition);
    cl_cols_free(w->order, w->n_order);
    em_free(w->partition);
    em_free(w->order);
    memset(w, 0, sizeof *w);
}

void ember_column_free(ember_column *c)
{
    if (!c || atomic_fetch_sub(&c->refcount, 1) != 1)
        return;
    cl_cols_free(c->args, c->n_args);
    em_free(c->args);
    for (size_t idx = 0; idx < c->n_names; idx++)
        em_free(c->names[idx]);
    em_free(c->names);
    em_free(c->name);
    em_free(c->metadata);
    em_free(c->lit.str);
    if (c->win) {
        cl_window_spec_release(c->win);
        em_free(c->win);
    }
    em_free(c);
}

bool cl_cols_have_null(ember_column *const *cols, size_t n)
{
    for (size_t idx = 0; idx < n; idx++)
        if (!cols[idx])
            return true;
    return false;
}

void cl_cols_free(ember_column **cols, size_t n)
{
    if (!cols)
        return;
    for (size_t idx = 0; idx < n; idx++)
        ember_column_free(cols[idx]);
}

/* A node of kind with n consumed arguments; NULL (releasing all) when any is NULL. */
static ember_column *cl_col_args(cl_col_kind kind, ember_column **args, size_t n)
{
    if (cl_cols_have_null(args, n)) {
        cl_cols_free(args, n);
        return NULL;
    }
    ember_column *c = cl_col_new(kind);
    c->n_args = n;
    c->args = em_calloc(n ? n : 1, sizeof(ember_column *));
    if (n)
        memcpy(c->args, args, n * sizeof(ember_column *));
    return c;
}

static ember_column *cl_fn_node(const char *name, ember_column **args, size_t n, bool distinct)
{
    if (!name) {
        cl_cols_free(args, n);
        return NULL;
    }
    ember_column *c = cl_col_args(CL_C_FUNC, args, n);
    if (c) {
        c->name = em_strdup(name);
        c->flag = distinct;
    }
    return c;
}

static ember_column *cl_fn1(const char *name, ember_column *a)
{
    ember_column *args[1] = {a};
    return cl_fn_node(name, args, 1, false);
}

static ember_column *cl_fn2(const char *name, ember_column *a, ember_column *b)
{
    ember_column *args[2] = {a, b};
    return cl_fn_node(name, args, 2, false);
}

/* ------------------------------------------------------------------------ references ---- */

static ember_column *cl_col_named(const char *name, bool bound, int64_t plan_id, bool metadata)
{
    if (!name)
        return NULL;
    size_t len = strlen(name);
    ember_column *c;
    if (!metadata && strcmp(name, "*") == 0) {
        c = cl_col_new(CL_C_STAR);
    } else if (!metadata && !bound && len > 2 && strcmp(name + len - 2, ".*") == 0) {
        c = cl_col_new(CL_C_STAR);
        c->name = em_strdup(name);
    } else {
        c = cl_col_new(CL_C_ATTR);
        c->name = em_strdup(name);
        c->flag = metadata;
    }
    c->has_plan_id = bound;
    c->plan_id = plan_id;
    return c;
}

ember_column *ember_col(const char *name)
{
    return cl_col_named(name, false, 0, false);
}

ember_column *ember_df_col(ember_dataframe *df, const char *name)
{
    if (!df)
        return NULL;
    return cl_col_named(name, true, df->plan_id, false);
}

ember_column *ember_df_metadata_col(ember_dataframe *df, const char *name)
{
    if (!df)
        return NULL;
    return cl_col_named(name, true, df->plan_id, true);
}

ember_column *ember_expr(const char *sql)
{
    if (!sql)
        return NULL;
    ember_column *c = cl_col_new(CL_C_SQL);
    c->name = em_strdup(sql);
    return c;
}

/* --------------------------------------------------------------------------- literals ---- */

static ember_column *cl_lit_new(cl_lit_kind kind)
{
    ember_column *c = cl_col_new(CL_C_LIT);
    c->lit.kind = kind;
    return c;
}

ember_column *ember_lit_null(void)
{
    return cl_lit_new(CL_L_NULL);
}

ember_column *ember_lit_bool(bool v)
{
    ember_column *c = cl_lit_new(CL_L_BOOL);
    c->lit.b = v;
    return c;
}

ember_column *ember_lit_byte(int8_t v)
{
    ember_column *c = cl_lit_new(CL_L_BYTE);
    c->lit.i64 = v;
    return c;
}

ember_column *ember_lit_short(int16_t v)
{
    ember_column *c = cl_lit_new(CL_L_SHORT);
    c->lit.i64 = v;
    return c;
}

ember_column *ember_lit_int(int32_t v)
{
    ember_column *c = cl_lit_new(CL_L_INT);
    c->lit.i64 = v;
    return c;
}

ember_column *ember_lit_long(int64_t v)
{
    ember_column *c = cl_lit_new(CL_L_LONG);
    c->lit.i64 = v;
    return c;
}

ember_column *ember_lit_integral(int64_t v)
{
    return (v >= INT32_MIN && v <= INT32_MAX) ? ember_lit_int((int32_t)v) : ember_lit_long(v);
}

ember_column *ember_lit_float(float v)
{
    ember_column *c = cl_lit_new(CL_L_FLOAT);
    c->lit.f64 = v;
    return c;
}

ember_column *ember_lit_double(double v)
{
    ember_column *c = cl_lit_new(CL_L_DOUBLE);
    c->lit.f64 = v;
    return c;
}

ember_column *ember_lit_string(const char *v)
{
    if (!v)
        return NULL;
    ember_column *c = cl_lit_new(CL_L_STRING);
    c->lit.str = em_strdup(v);
    c->lit.len = strlen(v);
    return c;
}

ember_column *ember_lit_binary(const void *data, size_t len)
{
    if (!data && len)
        return NULL;
    ember_column *c = cl_lit_new(CL_L_BINARY);
    c->lit.str = em_malloc(len + 1);
    if (len)
        memcpy(c->lit.str, data, len);
    c->lit.str[len] = '\0';
    c->lit.len = len;
    return c;
}

ember_column *ember_lit_decimal(const char *value, int precision, int scale)
{
    if (!value)
        return NULL;
    ember_column *c = cl_lit_new(CL_L_DECIMAL);
    c->lit.str = em_strdup(value);
    c->lit.i32a = precision;
    c->lit.i32b = scale;
    return c;
}

ember_column *ember_lit_date(int32_t days)
{
    ember_column *c = cl_lit_new(CL_L_DATE);
    c->lit.i64 = days;
    return c;
}

ember_column *ember_lit_timestamp(int64_t micros)
{
    ember_column *c = cl_lit_new(CL_L_TIMESTAMP);
    c->lit.i64 = micros;
    return c;
}

ember_column *ember_lit_timestamp_ntz(int64_t micros)
{
    ember_column *c = cl_lit_new(CL_L_TIMESTAMP_NTZ);
    c->lit.i64 = micros;
    return c;
}

ember_column *ember_lit_day_time_interval(int64_t micros)
{
    ember_column *c = cl_lit_new(CL_L_DAY_TIME);
    c->lit.i64 = micros;
    return c;
}

ember_column *ember_lit_year_month_interval(int32_t months)
{
    ember_column *c = cl_lit_new(CL_L_YEAR_MONTH);
    c->lit.i64 = months;
    return c;
}

ember_column *ember_lit_calendar_interval(int32_t months, int32_t days, int64_t micros)
{
    ember_column *c = cl_lit_new(CL_L_CALENDAR);
    c->lit.i32a = months;
    c->lit.i32b = days;
    c->lit.i64 = micros;
    return c;
}

/* -------------------------------------------------------------------------- operators ---- */

ember_column *ember_add(ember_column *a, ember_column *b)
{
    return cl_fn2("+", a, b);
}

ember_column *ember_sub(ember_column *a, ember_column *b)
{
    return cl_fn2("-", a, b);
}

ember_column *ember_mul(ember_column *a, ember_column *b)
{
    return cl_fn2("*", a, b);
}

ember_column *ember_div(ember_column *a, ember_column *b)
{
    return cl_fn2("/", a, b);
}

ember_column *ember_mod(ember_column *a, ember_column *b)
{
    return cl_fn2("%", a, b);
}

ember_column *ember_pow(ember_column *a, ember_column *b)
{
    return cl_fn2("power", a, b);
}

ember_column *ember_eq(ember_column *a, ember_column *b)
{
    return cl_fn2("==", a, b);
}

ember_column *ember_ne(ember_column *a, ember_column *b)
{
    ember_column *eq = cl_fn2("==", a, b);
    return eq ? cl_fn1("not", eq) : NULL;
}

ember_column *ember_lt(ember_column *a, ember_column *b)
{
    return cl_fn2("<", a, b);
}

ember_column *ember_le(ember_column *a, ember_column *b)
{
    return cl_fn2("<=", a, b);
}

ember_column *ember_gt(ember_column *a, ember_column *b)
{
    return cl_fn2(">", a, b);
}

ember_column *ember_ge(ember_column *a, ember_column *b)
{
    return cl_fn2(">=", a, b);
}

ember_column *ember_eq_null_safe(ember_column *a, ember_column *b)
{
    return cl_fn2("<=>", a, b);
}

ember_column *ember_and(ember_column *a, ember_column *b)
{
    return cl_fn2("and", a, b);
}

ember_column *ember_or(ember_column *a, ember_column *b)
{
    return cl_fn2("or", a, b);
}

ember_column *ember_not(ember_column *a)
{
    return cl_fn1("not", a);
}

ember_column *ember_neg(ember_column *a)
{
    return cl_fn1("negative", a);
}

ember_column *ember_bitwise_or(ember_column *a, ember_column *b)
{
    return cl_fn2("|", a, b);
}

ember_column *ember_bitwise_and(ember_column *a, ember_column *b)
{
    return cl_fn2("&", a, b);
}

ember_column *ember_bitwise_xor(ember_column *a, ember_column *b)
{
    return cl_fn2("^", a, b);
}

ember_column *ember_is_null(ember_column *a)
{
    return cl_fn1("isNull", a);
}

ember_column *ember_is_not_null(ember_column *a)
{
    return cl_fn1("isNotNull", a);
}

ember_column *ember_is_nan(ember_column *a)
{
    return cl_fn1("isNaN", a);
}

static ember_column *cl_pattern_op(const char *name, ember_column *a, const char *pattern)
{
    if (!pattern) {
        ember_column_free(a);
        return NULL;
    }
    return cl_fn2(name, a, ember_lit_string(pattern));
}

ember_column *ember_like(ember_column *a, const char *pattern)
{
    return cl_pattern_op("like", a, pattern);
}

ember_column *ember_rlike(ember_column *a, const char *pattern)
{
    return cl_pattern_op("rlike", a, pattern);
}

ember_column *ember_ilike(ember_column *a, const char *pattern)
{
    return cl_pattern_op("ilike", a, pattern);
}

ember_column *ember_contains(ember_column *a, ember_column *b)
{
    return cl_fn2("contains", a, b);
}

ember_column *ember_starts_with(ember_column *a, ember_column *b)
{
    return cl_fn2("startsWith", a, b);
}

ember_column *ember_ends_with(ember_column *a, ember_column *b)
{
    return cl_fn2("endsWith", a, b);
}

ember_column *ember_substr(ember_column *a, ember_column *start, ember_column *length)
{
    ember_column *args[3] = {a, start, length};
    return cl_fn_node("substr", args, 3, false);
}

ember_column *ember_isin(ember_column *a, ember_column **values, size_t n)
{
    if ((!values && n) || !a || cl_cols_have_null(values, n)) {
        ember_column_free(a);
        cl_cols_free(values, n);
        return NULL;
    }
    ember_column **args = em_calloc(n + 1, sizeof(ember_column *));
    args[0] = a;
    if (n)
        memcpy(args + 1, values, n * sizeof(ember_column *));
    ember_column *c = cl_fn_node("in", args, n + 1, false);
    em_free(args);
    return c;
}

ember_column *ember_between(ember_column *a, ember_column *lo, ember_column *hi)
{
    if (!a || !lo || !hi) {
        ember_column_free(a);
        ember_column_free(lo);
        ember_column_free(hi);
        return NULL;
    }
    ember_column *ge = cl_fn2(">=", ember_column_dup(a), lo);
    ember_column *le = cl_fn2("<=", a, hi);
    return cl_fn2("and", ge, le);
}

ember_column *ember_get_item(ember_column *a, ember_column *key)
{
    ember_column *args[2] = {a, key};
    return cl_col_args(CL_C_EXTRACT, args, 2);
}

ember_column *ember_get_field(ember_column *a, const char *name)
{
    if (!name) {
        ember_column_free(a);
        return NULL;
    }
    return ember_get_item(a, ember_lit_string(name));
}

/* ------------------------------------------------------------------ alias, cast, sort ---- */

ember_column *ember_alias_multi(ember_column *a, const char *const *names, size_t n)
{
    bool bad = !names || n == 0;
    for (size_t idx = 0; !bad && idx < n; idx++)
        bad = names[idx] == NULL;
    if (bad || !a) {
        ember_column_free(a);
        return NULL;
    }
    ember_column *args[1] = {a};
    ember_column *c = cl_col_args(CL_C_ALIAS, args, 1);
    c->names = em_calloc(n, sizeof(char *));
    c->n_names = n;
    for (size_t idx = 0; idx < n; idx++)
        c->names[idx] = em_strdup(names[idx]);
    return c;
}

ember_column *ember_alias(ember_column *a, const char *name)
{
    return ember_alias_multi(a, &name, 1);
}

ember_column *ember_alias_with_metadata(ember_column *a, const char *name,
                                        const char *metadata_json)
{
    ember_column *c = ember_alias_multi(a, &name, 1);
    if (c && metadata_json)
        c->metadata = em_strdup(metadata_json);
    return c;
}

static ember_column *cl_cast(ember_column *a, const char *type, int eval_mode)
{
    if (!type || !a) {
        ember_column_free(a);
        return NULL;
    }
    ember_column *args[1] = {a};
    ember_column *c = cl_col_args(CL_C_CAST, args, 1);
    c->name = em_strdup(type);
    c->ival = eval_mode;
    return c;
}

ember_column *ember_cast(ember_column *a, const char *type)
{
    return cl_cast(a, type, 0);
}

ember_column *ember_try_cast(ember_column *a, const char *type)
{
    return cl_cast(a, type, SPARK__CONNECT__EXPRESSION__CAST__EVAL_MODE__EVAL_MODE_TRY);
}

static ember_column *cl_sort(ember_column *a, bool ascending, bool nulls_first)
{
    ember_column *args[1] = {a};
    ember_column *c = cl_col_args(CL_C_SORT, args, 1);
    if (c) {
        c->ival = ascending ? 1 : 2;
        c->ival2 = nulls_first ? 1 : 2;
    }
    return c;
}

ember_column *ember_asc(ember_column *a)
{
    return cl_sort(a, true, true);
}

ember_column *ember_asc_nulls_first(ember_column *a)
{
    return cl_sort(a, true, true);
}

ember_column *ember_asc_nulls_last(ember_column *a)
{
    return cl_sort(a, true, false);
}

ember_column *ember_desc(ember_column *a)
{
    return cl_sort(a, false, false);
}

ember_column *ember_desc_nulls_first(ember_column *a)
{
    return cl_sort(a, false, true);
}

ember_column *ember_desc_nulls_last(ember_column *a)
{
    return cl_sort(a, false, false);
}

ember_column *cl_sort_col(ember_column *c)
{
    if (!c || c->kind == CL_C_SORT)
        return c;
    return ember_asc(c);
}

/* ------------------------------------------------------------------------- when/otherwise -- */

ember_column *ember_when(ember_column *cond, ember_column *value)
{
    ember_column *args[2] = {cond, value};
    return cl_col_args(CL_C_CASE_WHEN, args, 2);
}

/* A copy of case_when's arguments (retained) plus extra (consumed). */
static ember_column *cl_case_extend(ember_column *cw, ember_column **extra, size_t n_extra,
                                    bool is_else)
{
    if (!cw || cw->kind != CL_C_CASE_WHEN || cw->flag || cl_cols_have_null(extra, n_extra)) {
        ember_column_free(cw);
        cl_cols_free(extra, n_extra);
        return NULL;
    }
    ember_column *c = cl_col_new(CL_C_CASE_WHEN);
    c->n_args = cw->n_args + n_extra;
    c->args = em_calloc(c->n_args, sizeof(ember_column *));
    for (size_t idx = 0; idx < cw->n_args; idx++)
        c->args[idx] = ember_column_dup(cw->args[idx]);
    for (size_t idx = 0; idx < n_extra; idx++)
        c->args[cw->n_args + idx] = extra[idx];
    c->flag = is_else;
    ember_column_free(cw);
    return c;
}

ember_column *ember_when_add(ember_column *case_when, ember_column *cond, ember_column *value)
{
    ember_column *extra[2] = {cond, value};
    return cl_case_extend(case_when, extra, 2, false);
}

ember_column *ember_otherwise(ember_column *case_when, ember_column *value)
{
    return cl_case_extend(case_when, &value, 1, true);
}

/* -------------------------------------------------------------------------- functions ---- */

ember_column *ember_fn(const char *name, ember_column **args, size_t n)
{
    if (!args && n)
        return NULL;
    return cl_fn_node(name, args, n, false);
}

ember_column *ember_fn_distinct(const char *name, ember_column **args, size_t n)
{
    if (!args && n)
        return NULL;
    return cl_fn_node(name, args, n, true);
}

ember_column *ember_call(const char *name, ...)
{
    ember_column *buf[64];
    size_t n = 0;
    bool overflow = false;
    va_list ap;
    va_start(ap, name);
    for (ember_column *c; (c = va_arg(ap, ember_column *)) != NULL;) {
        if (n < 64)
            buf[n++] = c;
        else {
            ember_column_free(c);
            overflow = true;
        }
    }
    va_end(ap);
    if (overflow) {
        cl_cols_free(buf, n);
        return NULL;
    }
    return cl_fn_node(name, buf, n, false);
}

ember_column *ember_call_function(const char *name, ember_column **args, size_t n)
{
    if (!name || (!args && n)) {
        cl_cols_free(args, n);
        return NULL;
    }
    ember_column *c = cl_col_args(CL_C_CALL, args, n);
    if (c)
        c->name = em_strdup(name);
    return c;
}

/* ---------------------------------------------------------------------------- windows ---- */

ember_window *ember_window_new(void)
{
    return em_calloc(1, sizeof(ember_window));
}

void ember_window_free(ember_window *w)
{
    if (!w)
        return;
    cl_window_spec_release(&w->spec);
    em_free(w);
}

static int cl_window_append(ember_column ***arr, size_t *n_arr, ember_column **cols, size_t n,
                            bool sort, ember_error *err)
{
    if ((!cols && n) || cl_cols_have_null(cols, n)) {
        cl_cols_free(cols, n);
        return cl_error_set(err, EMBER_EINVAL, NULL, "window columns must not be NULL");
    }
    *arr = em_realloc(*arr, sizeof(ember_column *) * (*n_arr + n + 1));
    for (size_t idx = 0; idx < n; idx++)
        (*arr)[(*n_arr)++] = sort ? cl_sort_col(cols[idx]) : cols[idx];
    return EMBER_OK;
}

int ember_window_partition_by(ember_window *w, ember_column **cols, size_t n, ember_error *err)
{
    if (!w) {
        cl_cols_free(cols, n);
        return cl_error_set(err, EMBER_EINVAL, NULL, "window must not be NULL");
    }
    return cl_window_append(&w->spec.partition, &w->spec.n_partition, cols, n, false, err);
}

int ember_window_order_by(ember_window *w, ember_column **cols, size_t n, ember_error *err)
{
    if (!w) {
        cl_cols_free(cols, n);
        return cl_error_set(err, EMBER_EINVAL, NULL, "window must not be NULL");
    }
    return cl_window_append(&w->spec.order, &w->spec.n_order, cols, n, true, err);
}

void ember_window_rows_between(ember_window *w, int64_t start, int64_t end)
{
    if (!w)
        return;
    w->spec.frame_type = 1;
    w->spec.frame_start = start;
    w->spec.frame_end = end;
}

void ember_window_range_between(ember_window *w, int64_t start, int64_t end)
{
    if (!w)
        return;
    w->spec.frame_type = 2;
    w->spec.frame_start = start;
    w->spec.frame_end = end;
}

ember_column *ember_over(ember_column *a, const ember_window *w)
{
    if (!a || !w) {
        ember_column_free(a);
        return NULL;
    }
    ember_column *args[1] = {a};
    ember_column *c = cl_col_args(CL_C_WINDOW, args, 1);
    c->win = em_calloc(1, sizeof(cl_window_spec));
    const cl_window_spec *src = &w->spec;
    c->win->n_partition = src->n_partition;
    c->win->partition = em_calloc(src->n_partition + 1, sizeof(ember_column *));
    for (size_t idx = 0; idx < src->n_partition; idx++)
        c->win->partition[idx] = ember_column_dup(src->partition[idx]);
    c->win->n_order = src->n_order;
    c->win->order = em_calloc(src->n_order + 1, sizeof(ember_column *));
    for (size_t idx = 0; idx < src->n_order; idx++)
        c->win->order[idx] = ember_column_dup(src->order[idx]);
    c->win->frame_type = src->frame_type;
    c->win->frame_start = src->frame_start;
    c->win->frame_end = src->frame_end;
    return c;
}
