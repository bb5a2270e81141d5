/*
 * fn_scalar_test: helpers shared by the scalar family tests (test_fn_math.c, test_fn_text.c,
 * test_fn_regex.c, test_fn_hash.c): evaluate one bound expression over one row or over a
 * column, render results as show() does, read error parameters and result types.
 * Header-only, on top of ../exec/ex_test_util.h.
 */
#ifndef FN_SCALAR_TEST_H
#define FN_SCALAR_TEST_H

/* CHECK_EQ_STR copies both strings into a fixed message buffer; optimized builds warn that long
   results may be cut in the failure message, which is fine for a test report. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wformat-truncation"
#endif

#include "../exec/ex_test_util.h"
#include "types/ty_dec.h"

/* SELECT e (one row); "(bind error)" / "(error)" with T.err set on failure. */
static inline const char *s_eval(pl_expr *e)
{
    static char buf[4096];
    if (!e)
        return "(bind error)";
    pl_node *one = pl_node_new(&T.a, PL_ONE_ROW, 0);
    one->resolved = true;
    pl_expr *ex[] = {e};
    vec_batch *b = t_run(t_project(one, 1, ex, NULL));
    if (!b)
        return "(error)";
    snprintf(buf, sizeof buf, "%s", t_cell(b, 0, 0));
    vec_batch_free(b);
    return buf;
}

/* SELECT e FROM child, rows rendered "a|b|c". */
static inline const char *s_eval_rows(pl_node *child, pl_expr *e)
{
    static char buf[16384];
    if (!e)
        return "(bind error)";
    pl_expr *ex[] = {e};
    vec_batch *b = t_run(t_project(child, 1, ex, NULL));
    if (!b)
        return "(error)";
    snprintf(buf, sizeof buf, "%s", t_rows(b));
    vec_batch_free(b);
    return buf;
}

/* A one-column LocalRelation of strings (NULL entries are NULL). */
static inline pl_node *s_strings(int n, const char *const *vals)
{
    vec *v = t_strs(n, vals);
    const char *names[] = {"s"};
    return t_local(1, names, &v);
}

static inline const char *s_param(const char *name)
{
    const char *v = em_error_param_get(&T.err, name);
    return v ? v : "(missing)";
}

/* simpleString of a bound expression's type. */
static inline const char *s_type(const pl_expr *e)
{
    static char buf[256];
    if (!e)
        return "(bind error)";
    em_str s;
    em_str_init(&s, 0);
    ty_simple_string(e->type, &s);
    snprintf(buf, sizeof buf, "%s", s.data ? s.data : "");
    em_str_release(&s);
    return buf;
}

/* The generated column name (Expression.sql pretty form) of a bound expression. */
static inline const char *s_sql(const pl_expr *e)
{
    static char buf[1024];
    em_str s;
    em_str_init(&s, 0);
    fn_expr_sql(e, &s);
    snprintf(buf, sizeof buf, "%s", s.data ? s.data : "");
    em_str_release(&s);
    return buf;
}

static inline pl_expr *s_lit_float(float f)
{
    vec *v = vec_new(ty_float(), 1);
    VEC_VALUES(v, float)[0] = f;
    v->len = 1;
    return pl_lit_new(&T.a, v);
}

static inline pl_expr *s_lit_bin(const char *s, int64_t len)
{
    vec *v = vec_new(ty_binary(), 1);
    vec_append_str(v, s, len, NULL);
    return pl_lit_new(&T.a, v);
}

/* A decimal literal from its plain text with the given precision and scale. */
static inline pl_expr *s_lit_dec(const char *text, int p, int s)
{
    const ty *t = ty_decimal(&T.a, p, s);
    vec *v = vec_new(t, 1);
    ty_i128 x = 0;
    ty_dec_parse(text, strlen(text), p, s, &x);
    VEC_VALUES(v, ty_i128)[0] = x;
    v->len = 1;
    return pl_lit_new(&T.a, v);
}

#endif
