/*
 * fn_util: helpers shared by the function families: arity and type errors with Spark's
 * parameters, implicit casts, Expression.sql rendering, and small kernel utilities.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "functions/fn_int.h"
#include "types/ty_cast.h"
#include "types/ty_format.h"

const char *fn_ordinal(int i)
{
    static const char *const names[] = {"first", "second",  "third",  "fourth", "fifth",
                                        "sixth", "seventh", "eighth", "ninth",  "tenth"};
    return i >= 0 && i < 10 ? names[i] : "nth";
}

pl_expr *fn_cast_new(em_arena *arena, pl_expr *e, const ty *to)
{
    if (ty_equals(e->type, to))
        return e;
    pl_expr *c = pl_expr_new(arena, PX_CAST, 1);
    c->args[0] = e;
    c->cast_type = to;
    c->type = to;
    c->eval_mode = PX_EVAL_UNSPECIFIED;
    c->nullable = e->nullable || ty_cast_force_nullable(e->type, to);
    c->resolved = true;
    c->is_implicit = true;
    c->src_start = e->src_start;
    c->src_stop = e->src_stop;
    return c;
}

void fn_cast_arg(em_arena *arena, pl_expr *call, int i, const ty *to)
{
    call->args[i] = fn_cast_new(arena, call->args[i], to);
}

bool fn_any_nullable(const pl_expr *call)
{
    for (int i = 0; i < call->n_args; i++)
        if (call->args[i]->nullable)
            return true;
    return false;
}

static void fn_quoted_sql(const pl_expr *e, em_str *out)
{
    em_str_putc(out, '"');
    fn_expr_sql(e, out);
    em_str_putc(out, '"');
}

static const char *fn_call_name(const pl_expr *call, char *buf, size_t cap)
{
    const char *n = call->name ? call->name : (call->fn ? call->fn->name : "?");
    size_t i = 0;
    for (; n[i] && i + 1 < cap; i++)
        buf[i] = (char)tolower((unsigned char)n[i]);
    buf[i] = '\0';
    return buf;
}

int fn_check_arity(const pl_expr *call, int min, int max, const char *expected, em_error *err)
{
    if (call->n_args >= min && (max < 0 || call->n_args <= max))
        return EM_OK;
    char name[128], fname[140], actual[16];
    fn_call_name(call, name, sizeof name);
    snprintf(fname, sizeof fname, "`%s`", name);
    snprintf(actual, sizeof actual, "%d", call->n_args);
    return em_error_set(err, "WRONG_NUM_ARGS.WITHOUT_SUGGESTION", "functionName", fname,
                        "expectedNum", expected, "actualNum", actual, "docroot",
                        "https://spark.apache.org/docs/latest", NULL);
}

int fn_err_unexpected_input(const pl_expr *call, int i, const char *required, em_error *err)
{
    em_str sql, isql, ity;
    em_str_init(&sql, 4096);
    em_str_init(&isql, 4096);
    em_str_init(&ity, 1024);
    fn_quoted_sql(call, &sql);
    fn_quoted_sql(call->args[i], &isql);
    ty_sql_type_quoted(call->args[i]->type, &ity);
    char idx[32];
    snprintf(idx, sizeof idx, "%s", fn_ordinal(i));
    int rc = em_error_set(err, "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", "sqlExpr",
                          sql.data ? sql.data : "", "paramIndex", idx, "requiredType", required,
                          "inputSql", isql.data ? isql.data : "", "inputType",
                          ity.data ? ity.data : "", NULL);
    em_str_release(&sql);
    em_str_release(&isql);
    em_str_release(&ity);
    return rc;
}

int fn_err_binary_diff(const pl_expr *call, em_error *err)
{
    em_str sql, l, r;
    em_str_init(&sql, 4096);
    em_str_init(&l, 1024);
    em_str_init(&r, 1024);
    fn_quoted_sql(call, &sql);
    ty_sql_type_quoted(call->args[0]->type, &l);
    ty_sql_type_quoted(call->args[1]->type, &r);
    int rc = em_error_set(err, "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES", "sqlExpr",
                          sql.data ? sql.data : "", "left", l.data ? l.data : "", "right",
                          r.data ? r.data : "", NULL);
    em_str_release(&sql);
    em_str_release(&l);
    em_str_release(&r);
    return rc;
}

int fn_err_binary_wrong(const pl_expr *call, const char *input_type, const ty *actual,
                        em_error *err)
{
    em_str sql, a;
    em_str_init(&sql, 4096);
    em_str_init(&a, 1024);
    fn_quoted_sql(call, &sql);
    ty_sql_type_quoted(actual, &a);
    int rc = em_error_set(err, "DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE", "sqlExpr",
                          sql.data ? sql.data : "", "inputType", input_type, "actualDataType",
                          a.data ? a.data : "", NULL);
    em_str_release(&sql);
    em_str_release(&a);
    return rc;
}

int fn_err_arith_overflow(em_error *err, const char *message, const char *try_fn)
{
    char alt[128] = "";
    if (try_fn)
        snprintf(alt, sizeof alt, " Use '%s' to tolerate overflow and return NULL instead.",
                 try_fn);
    return em_error_set(err, "ARITHMETIC_OVERFLOW", "message", message, "alternative", alt,
                        "config", "\"spark.sql.ansi.enabled\"", NULL);
}

int fn_err_divide_by_zero(em_error *err)
{
    return em_error_set(err, "DIVIDE_BY_ZERO", "config", "\"spark.sql.ansi.enabled\"", NULL);
}

int fn_err_remainder_by_zero(em_error *err)
{
    return em_error_set(err, "REMAINDER_BY_ZERO", "config", "\"spark.sql.ansi.enabled\"", NULL);
}

int fn_err_decimal_overflow(em_error *err, const char *plain, int p, int s)
{
    char ps[8], ss[8];
    snprintf(ps, sizeof ps, "%d", p);
    snprintf(ss, sizeof ss, "%d", s);
    return em_error_set(err, "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", "value", plain,
                        "precision", ps, "scale", ss, "config", "\"spark.sql.ansi.enabled\"", NULL);
}

vec *fn_vec_fixed(const ty *t, int64_t n)
{
    vec *v = vec_new(t, n);
    int w = ty_fixed_width(t);
    if (w && n)
        memset(v->values, 0, (size_t)(n * w));
    v->len = n;
    return v;
}

bool fn_propagate_nulls(vec *out, vec *const *args, int n_args, int64_t n)
{
    bool any = false;
    for (int a = 0; a < n_args; a++) {
        const vec *v = args[a];
        if (v->type->kind == TY_NULL) {
            for (int64_t r = 0; r < n; r++)
                vec_set_null(out, r);
            return true;
        }
        if (!v->validity)
            continue;
        for (int64_t r = 0; r < n; r++)
            if (vec_is_null(v, r)) {
                vec_set_null(out, r);
                any = true;
            }
    }
    return any;
}

/* ------------------------------------------------------------------------------------------ */
/* Expression.sql (pretty form: literals unquoted, implicit casts hidden)                      */

static void fn_sql_args(const pl_expr *e, int from, em_str *out)
{
    for (int i = from; i < e->n_args; i++) {
        if (i > from)
            em_str_puts(out, ", ");
        fn_expr_sql(e->args[i], out);
    }
}

static void fn_sql_call(const pl_expr *e, em_str *out)
{
    if (e->sql && e->kind == PX_CALL) {
        em_str_puts(out, e->sql); /* precomputed by the bind step (as the analyzer prints it) */
        return;
    }
    char name[128];
    fn_call_name(e, name, sizeof name);
    const char *sym = e->fn ? e->fn->sql_symbol : NULL;
    if ((strcmp(name, "!=") == 0 || strcmp(name, "<>") == 0) && e->n_args == 2) {
        em_str_puts(out, "(NOT (");
        fn_expr_sql(e->args[0], out);
        em_str_puts(out, " = ");
        fn_expr_sql(e->args[1], out);
        em_str_puts(out, "))");
        return;
    }
    if ((strcmp(name, "isnull") == 0 || strcmp(name, "isnotnull") == 0) && e->n_args == 1) {
        em_str_putc(out, '(');
        fn_expr_sql(e->args[0], out);
        em_str_puts(out, name[2] == 'n' && name[3] == 'o' ? " IS NOT NULL)" : " IS NULL)");
        return;
    }
    if (strcmp(name, "in") == 0 && e->n_args >= 1) {
        em_str_putc(out, '(');
        fn_expr_sql(e->args[0], out);
        em_str_puts(out, " IN (");
        fn_sql_args(e, 1, out);
        em_str_puts(out, "))");
        return;
    }
    if ((strcmp(name, "when") == 0 || strcmp(name, "casewhen") == 0) && e->n_args >= 2) {
        em_str_puts(out, "CASE");
        int i = 0;
        for (; i + 1 < e->n_args; i += 2) {
            em_str_puts(out, " WHEN ");
            fn_expr_sql(e->args[i], out);
            em_str_puts(out, " THEN ");
            fn_expr_sql(e->args[i + 1], out);
        }
        if (i < e->n_args) {
            em_str_puts(out, " ELSE ");
            fn_expr_sql(e->args[i], out);
        }
        em_str_puts(out, " END");
        return;
    }
    if (sym && e->n_args == 2) {
        em_str_putc(out, '(');
        fn_expr_sql(e->args[0], out);
        em_str_putc(out, ' ');
        em_str_puts(out, sym);
        em_str_putc(out, ' ');
        fn_expr_sql(e->args[1], out);
        em_str_putc(out, ')');
        return;
    }
    if (sym && e->n_args == 1) {
        em_str_putc(out, '(');
        em_str_puts(out, sym);
        em_str_putc(out, ' ');
        fn_expr_sql(e->args[0], out);
        em_str_putc(out, ')');
        return;
    }
    const char *pretty = e->fn && e->fn->pretty_name ? e->fn->pretty_name : name;
    em_str_puts(out, pretty);
    em_str_putc(out, '(');
    if (e->is_distinct)
        em_str_puts(out, "DISTINCT ");
    fn_sql_args(e, 0, out);
    em_str_putc(out, ')');
}

void fn_expr_sql(const pl_expr *e, em_str *out)
{
    if (!e) {
        em_str_puts(out, "?");
        return;
    }
    switch (e->kind) {
    case PX_LITERAL: {
        if (!e->lit || e->lit->type->kind == TY_NULL || vec_is_null(e->lit, 0)) {
            em_str_puts(out, "NULL");
            return;
        }
        ty_kind k = e->lit->type->kind;
        if (k == TY_DATE || k == TY_TIMESTAMP || k == TY_TIMESTAMP_NTZ ||
            k == TY_DAYTIME_INTERVAL || k == TY_YEARMONTH_INTERVAL || k == TY_CALENDAR_INTERVAL) {
            /* toPrettySQL keeps Literal.sql for these: DATE '...', INTERVAL '...' ... */
            ty_sql_value_append(e->lit, 0, NULL, out);
            return;
        }
        ty_format_opts fo = {.pretty = false, .decimal_plain = false, .tz = ty_tz_utc()};
        ty_format_cell(e->lit, 0, &fo, out);
        return;
    }
    case PX_COLREF:
    case PX_ATTR:
        if (e->name)
            em_str_puts(out, e->name);
        else if (e->n_parts > 0)
            em_str_puts(out, e->parts[e->n_parts - 1]);
        else
            em_str_printf(out, "col%d", e->col_index);
        return;
    case PX_ALIAS:
        fn_expr_sql(e->n_args ? e->args[0] : NULL, out);
        return;
    case PX_CAST:
        if (e->is_implicit) {
            fn_expr_sql(e->args[0], out);
            return;
        }
        em_str_puts(out, "CAST(");
        fn_expr_sql(e->args[0], out);
        em_str_puts(out, " AS ");
        if (e->cast_type)
            ty_sql(e->cast_type, out);
        else if (e->cast_type_str)
            em_str_puts(out, e->cast_type_str);
        em_str_putc(out, ')');
        return;
    case PX_CALL:
    case PX_AGG_CALL:
    case PX_FUNC:
    case PX_WINDOW_CALL:
        fn_sql_call(e, out);
        return;
    case PX_LAMBDA:
        /* LambdaFunction.sql (added for the higher-order functions) */
        em_str_puts(out, "lambdafunction(");
        fn_sql_args(e, 0, out);
        em_str_putc(out, ')');
        return;
    case PX_LAMBDA_VAR:
        em_str_puts(out, "namedlambdavariable()");
        return;
    case PX_EXTRACT:
        fn_expr_sql(e->n_args ? e->args[0] : NULL, out);
        if (e->ordinal >= 0 && e->n_args && e->args[0]->type) {
            const ty *st =
                e->args[0]->type->kind == TY_ARRAY ? e->args[0]->type->elem : e->args[0]->type;
            if (st->kind == TY_STRUCT && e->ordinal < st->n_fields) {
                em_str_putc(out, '.');
                em_str_puts(out, st->fields[e->ordinal].name);
                return;
            }
        }
        em_str_putc(out, '[');
        fn_expr_sql(e->n_args > 1 ? e->args[1] : NULL, out);
        em_str_putc(out, ']');
        return;
    case PX_STAR:
        em_str_putc(out, '*');
        return;
    default:
        em_str_puts(out, e->sql ? e->sql : "?");
        return;
    }
}
