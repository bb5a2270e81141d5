/*
 * an_name: the text Spark shows for a resolved expression: toPrettySQL (generated column
 * names such as "(id + 1)", "count(1)", "CAST(a AS DOUBLE)", "(a IS NULL)") and
 * Expression.sql (inside error parameters). The rules come from Spark's expression classes:
 *  - pretty form: attributes by name, string literals raw, numeric literals by value, NULL,
 *    casts Spark inserted itself hidden (is_implicit); other literals as Literal.sql;
 *  - operators as "(l op r)" with Spark's symbols ("=" for ==, AND, OR), prefix/postfix
 *    forms for NOT, IS [NOT] NULL, IN, LIKE, CASE WHEN;
 *  - a function as prettyName(args): the name it was called by, lower-case, except the
 *    classes whose prettyName is fixed (the math functions print upper-case, "ACOS"; a few
 *    names print their canonical function, e.g. array_agg -> collect_list);
 *  - aggregates with DISTINCT as "count(DISTINCT a, b)".
 */
#include "analyzer/an_int.h"
#include "types/ty_format.h"
#include "types/ty_time.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------------------------------ */
/* Numbers as Java prints them                                                                 */

/* Java's Double.toString / Float.toString: shortest round-trip digits; plain notation for
   1e-3 <= |v| < 1e7, else d.dddE[-]n. */
static void an_java_float(em_str *out, double v, bool is_float)
{
    if (isnan(v)) {
        em_str_puts(out, "NaN");
        return;
    }
    if (isinf(v)) {
        em_str_puts(out, v > 0 ? "Infinity" : "-Infinity");
        return;
    }
    if (v == 0) {
        em_str_puts(out, signbit(v) ? "-0.0" : "0.0");
        return;
    }
    char buf[64];
    int prec;
    for (prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
        if (is_float ? (float)strtod(buf, NULL) == (float)v : strtod(buf, NULL) == v)
            break;
    }
    /* buf = [-]d[.ddd]e[+-]xx */
    char digits[32];
    int nd = 0, exp10;
    const char *p = buf;
    bool neg = *p == '-';
    if (neg)
        p++;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9')
            digits[nd++] = *p;
    exp10 = atoi(p + 1);
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    if (neg)
        em_str_putc(out, '-');
    if (exp10 >= -3 && exp10 < 7) {
        if (exp10 < 0) {
            em_str_puts(out, "0.");
            for (int k = 0; k < -exp10 - 1; k++)
                em_str_putc(out, '0');
            em_str_append(out, digits, (size_t)nd);
        } else {
            for (int k = 0; k <= exp10; k++)
                em_str_putc(out, k < nd ? digits[k] : '0');
            em_str_putc(out, '.');
            if (nd > exp10 + 1)
                em_str_append(out, digits + exp10 + 1, (size_t)(nd - exp10 - 1));
            else
                em_str_putc(out, '0');
        }
    } else {
        em_str_putc(out, digits[0]);
        em_str_putc(out, '.');
        if (nd > 1)
            em_str_append(out, digits + 1, (size_t)(nd - 1));
        else
            em_str_putc(out, '0');
        em_str_printf(out, "E%d", exp10);
    }
}

static void an_int128(em_str *out, __int128 v)
{
    char buf[48];
    int n = 0;
    bool neg = v < 0;
    unsigned __int128 u = neg ? (unsigned __int128)(-(v + 1)) + 1 : (unsigned __int128)v;
    do {
        buf[n++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u);
    if (neg)
        em_str_putc(out, '-');
    while (n)
        em_str_putc(out, buf[--n]);
}

/* Java BigDecimal.toString of unscaled * 10^-scale. */
static void an_decimal(em_str *out, __int128 unscaled, int scale)
{
    em_str d;
    em_str_init(&d, 0);
    bool neg = unscaled < 0;
    an_int128(&d, unscaled);
    const char *digits = d.data + (neg ? 1 : 0);
    int nd = (int)strlen(digits);
    int adjusted = nd - 1 - scale;
    if (neg)
        em_str_putc(out, '-');
    if (scale == 0) {
        em_str_puts(out, digits);
    } else if (scale > 0 && adjusted >= -6) {
        if (nd > scale) {
            em_str_append(out, digits, (size_t)(nd - scale));
            em_str_putc(out, '.');
            em_str_puts(out, digits + nd - scale);
        } else {
            em_str_puts(out, "0.");
            for (int k = 0; k < scale - nd; k++)
                em_str_putc(out, '0');
            em_str_puts(out, digits);
        }
    } else {
        em_str_putc(out, digits[0]);
        if (nd > 1) {
            em_str_putc(out, '.');
            em_str_puts(out, digits + 1);
        }
        em_str_printf(out, "E%s%d", adjusted >= 0 ? "+" : "", adjusted);
    }
    em_str_release(&d);
}

/* ------------------------------------------------------------------------------------------ */
/* Literals                                                                                    */

static void an_lit_value(an_ctx *c, em_str *out, const vec *v, int64_t row, bool pretty);

static void an_quoted_string(em_str *out, const char *s, int32_t len)
{
    em_str_putc(out, '\'');
    for (int32_t k = 0; k < len; k++) {
        if (s[k] == '\\' || s[k] == '\'')
            em_str_putc(out, '\\');
        em_str_putc(out, s[k]);
    }
    em_str_putc(out, '\'');
}

/* Literal.sql (pretty = false) or the toPrettySQL form of one value of v. */
static void an_lit_value(an_ctx *c, em_str *out, const vec *v, int64_t row, bool pretty)
{
    const ty *t = v->type;
    if (t->kind == TY_NULL || vec_is_null(v, row)) {
        if (pretty || t->kind == TY_NULL || ty_is_nested(t)) {
            em_str_puts(out, "NULL");
        } else {
            em_str_puts(out, "CAST(NULL AS ");
            ty_sql(t, out);
            em_str_putc(out, ')');
        }
        return;
    }
    switch (t->kind) {
    case TY_BOOLEAN:
        em_str_puts(out, VEC_VALUES(v, uint8_t)[row] ? "true" : "false");
        return;
    case TY_BYTE:
        em_str_printf(out, pretty ? "%d" : "%dY", VEC_VALUES(v, int8_t)[row]);
        return;
    case TY_SHORT:
        em_str_printf(out, pretty ? "%d" : "%dS", VEC_VALUES(v, int16_t)[row]);
        return;
    case TY_INT:
        em_str_printf(out, "%d", VEC_VALUES(v, int32_t)[row]);
        return;
    case TY_LONG:
        em_str_printf(out, pretty ? "%lld" : "%lldL", (long long)VEC_VALUES(v, int64_t)[row]);
        return;
    case TY_FLOAT: {
        float f = VEC_VALUES(v, float)[row];
        if (pretty) {
            an_java_float(out, f, true);
        } else {
            em_str_puts(out, "CAST(");
            if (isnan(f) || isinf(f)) {
                em_str_putc(out, '\'');
                an_java_float(out, f, true);
                em_str_putc(out, '\'');
            } else {
                em_str_putc(out, '\'');
                an_java_float(out, f, true);
                em_str_putc(out, '\'');
            }
            em_str_puts(out, " AS FLOAT)");
        }
        return;
    }
    case TY_DOUBLE: {
        double d = VEC_VALUES(v, double)[row];
        if (pretty) {
            an_java_float(out, d, false);
        } else if (isnan(d) || isinf(d)) {
            em_str_puts(out, "CAST('");
            an_java_float(out, d, false);
            em_str_puts(out, "' AS DOUBLE)");
        } else {
            an_java_float(out, d, false);
            em_str_putc(out, 'D');
        }
        return;
    }
    case TY_DECIMAL:
        an_decimal(out, VEC_VALUES(v, __int128)[row], t->scale);
        if (!pretty)
            em_str_puts(out, "BD");
        return;
    case TY_STRING:
    case TY_CHAR:
    case TY_VARCHAR: {
        int32_t len;
        const char *s = vec_str(v, row, &len);
        if (pretty)
            em_str_append(out, s, (size_t)len);
        else
            an_quoted_string(out, s, len);
        return;
    }
    case TY_BINARY: {
        int32_t len;
        const char *s = vec_str(v, row, &len);
        em_str_puts(out, "X'");
        for (int32_t k = 0; k < len; k++)
            em_str_printf(out, "%02X", (unsigned char)s[k]);
        em_str_putc(out, '\'');
        return;
    }
    case TY_DATE:
        em_str_puts(out, "DATE '");
        ty_date_append(VEC_VALUES(v, int32_t)[row], out);
        em_str_putc(out, '\'');
        return;
    case TY_TIMESTAMP:
        em_str_puts(out, "TIMESTAMP '");
        ty_timestamp_append(VEC_VALUES(v, int64_t)[row], ty_session_tz(c->opts), out);
        em_str_putc(out, '\'');
        return;
    case TY_TIMESTAMP_NTZ:
        em_str_puts(out, "TIMESTAMP_NTZ '");
        ty_timestamp_append(VEC_VALUES(v, int64_t)[row], NULL, out);
        em_str_putc(out, '\'');
        return;
    case TY_DAYTIME_INTERVAL:
        ty_dt_interval_append(VEC_VALUES(v, int64_t)[row], t->start_field, t->end_field, out);
        return;
    case TY_YEARMONTH_INTERVAL:
        ty_ym_interval_append(VEC_VALUES(v, int32_t)[row], t->start_field, t->end_field, out);
        return;
    case TY_CALENDAR_INTERVAL:
        em_str_puts(out, "INTERVAL '");
        ty_calendar_interval_append(&VEC_VALUES(v, ty_calendar_interval)[row], out);
        em_str_putc(out, '\'');
        return;
    case TY_ARRAY: {
        const vec *child = v->children[0];
        em_str_puts(out, "ARRAY(");
        for (int32_t k = v->offsets[row]; k < v->offsets[row + 1]; k++) {
            if (k > v->offsets[row])
                em_str_puts(out, ", ");
            an_lit_value(c, out, child, k, false);
        }
        em_str_putc(out, ')');
        return;
    }
    case TY_MAP: {
        em_str_puts(out, "MAP(");
        for (int32_t k = v->offsets[row]; k < v->offsets[row + 1]; k++) {
            if (k > v->offsets[row])
                em_str_puts(out, ", ");
            an_lit_value(c, out, v->children[0], k, false);
            em_str_puts(out, ", ");
            an_lit_value(c, out, v->children[1], k, false);
        }
        em_str_putc(out, ')');
        return;
    }
    case TY_STRUCT:
        em_str_puts(out, "NAMED_STRUCT(");
        for (int f = 0; f < t->n_fields; f++) {
            if (f)
                em_str_puts(out, ", ");
            em_str_printf(out, "'%s', ", t->fields[f].name);
            an_lit_value(c, out, v->children[f], row, false);
        }
        em_str_putc(out, ')');
        return;
    default:
        em_str_puts(out, "<literal>");
        return;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Functions                                                                                   */

typedef enum an_style {
    AN_CALL,    /* display(args) */
    AN_BINOP,   /* (a op b) */
    AN_NOT,     /* (NOT a) */
    AN_NEQ,     /* (NOT (a = b)) */
    AN_POSTFIX, /* (a IS NULL) */
    AN_PREFIX,  /* (op a) */
    AN_TILDE,   /* ~a */
    AN_IN,      /* (a IN (b, c)) */
    AN_LIKE,    /* a LIKE b [ESCAPE 'c'] */
    AN_CASE,    /* CASE WHEN ... END */
    AN_IF,      /* (IF(c, a, b)) */
    AN_EXTRACT, /* name(field FROM source) */
    AN_TRIM,    /* TRIM(LEADING|TRAILING|BOTH t FROM s) with two arguments */
    AN_LAGLEAD, /* lag(x, offset = 1, default = NULL) */
    AN_NTH,     /* nth_value(x, n) [ignore nulls] */
} an_style;

typedef struct an_fn_name {
    const char *name; /* as called, lower case */
    an_style style;
    const char *display; /* operator symbol or printed function name */
    int n_args;          /* applies only with this many arguments; -1 = any */
    int n_show;          /* AN_CALL: arguments shown (the rest are not children in Spark); 0 all */
} an_fn_name;

/* Facts from Spark's expression classes (sql / prettyName overrides, FunctionRegistry
   aliases registered without setAlias). */
static const an_fn_name an_fn_names[] = {
    {"+", AN_BINOP, "+", 2, 0},
    {"-", AN_BINOP, "-", 2, 0},
    {"*", AN_BINOP, "*", 2, 0},
    {"/", AN_BINOP, "/", 2, 0},
    {"%", AN_BINOP, "%", 2, 0},
    {"&", AN_BINOP, "&", 2, 0},
    {"|", AN_BINOP, "|", 2, 0},
    {"^", AN_BINOP, "^", 2, 0},
    {"div", AN_BINOP, "div", 2, 0},
    {"=", AN_BINOP, "=", 2, 0},
    {"==", AN_BINOP, "=", 2, 0},
    {"<=>", AN_BINOP, "<=>", 2, 0},
    {"<", AN_BINOP, "<", 2, 0},
    {"<=", AN_BINOP, "<=", 2, 0},
    {">", AN_BINOP, ">", 2, 0},
    {">=", AN_BINOP, ">=", 2, 0},
    {"and", AN_BINOP, "AND", 2, 0},
    {"or", AN_BINOP, "OR", 2, 0},
    {"!=", AN_NEQ, NULL, 2, 0},
    {"<>", AN_NEQ, NULL, 2, 0},
    {"not", AN_NOT, NULL, 1, 0},
    {"!", AN_NOT, NULL, 1, 0},
    {"-", AN_PREFIX, "-", 1, 0},
    {"+", AN_PREFIX, "+", 1, 0},
    {"positive", AN_PREFIX, "+", 1, 0},
    {"isnull", AN_POSTFIX, "IS NULL", 1, 0},
    {"isnotnull", AN_POSTFIX, "IS NOT NULL", 1, 0},
    {"~", AN_TILDE, NULL, 1, 0},
    {"in", AN_IN, NULL, -1, 0},
    {"like", AN_LIKE, "LIKE", -1, 0},
    {"when", AN_CASE, NULL, -1, 0},
    {"case_when", AN_CASE, NULL, -1, 0},
    {"if", AN_IF, NULL, 3, 0},
    {"iff", AN_IF, NULL, 3, 0},
    {"extract", AN_EXTRACT, "extract", 2, 0},
    {"datepart", AN_EXTRACT, "datepart", 2, 0},
    {"lag", AN_LAGLEAD, "lag", -1, 0},
    {"lead", AN_LAGLEAD, "lead", -1, 0},
    {"nth_value", AN_NTH, "nth_value", -1, 0},
    /* RankLike.sql: the upper-case name. */
    {"rank", AN_CALL, "RANK", -1, 0},
    {"dense_rank", AN_CALL, "DENSE_RANK", -1, 0},
    {"percent_rank", AN_CALL, "PERCENT_RANK", -1, 0},
    {"ltrim", AN_TRIM, "LEADING", 2, 0},
    {"rtrim", AN_TRIM, "TRAILING", 2, 0},
    {"trim", AN_TRIM, "BOTH", 2, 0},
    /* UnaryMathExpression / BinaryMathExpression / LeafMathExpression names. */
    {"acos", AN_CALL, "ACOS", -1, 0},
    {"acosh", AN_CALL, "ACOSH", -1, 0},
    {"asin", AN_CALL, "ASIN", -1, 0},
    {"asinh", AN_CALL, "ASINH", -1, 0},
    {"atan", AN_CALL, "ATAN", -1, 0},
    {"atanh", AN_CALL, "ATANH", -1, 0},
    {"cbrt", AN_CALL, "CBRT", -1, 0},
    {"ceil", AN_CALL, "CEIL", 1, 0},
    {"cos", AN_CALL, "COS", -1, 0},
    {"cosh", AN_CALL, "COSH", -1, 0},
    {"cot", AN_CALL, "COT", -1, 0},
    {"csc", AN_CALL, "CSC", -1, 0},
    {"sec", AN_CALL, "SEC", -1, 0},
    {"degrees", AN_CALL, "DEGREES", -1, 0},
    {"radians", AN_CALL, "RADIANS", -1, 0},
    {"exp", AN_CALL, "EXP", -1, 0},
    {"expm1", AN_CALL, "EXPM1", -1, 0},
    {"floor", AN_CALL, "FLOOR", 1, 0},
    {"log10", AN_CALL, "LOG10", -1, 0},
    {"log1p", AN_CALL, "LOG1P", -1, 0},
    {"log2", AN_CALL, "LOG2", -1, 0},
    {"log", AN_CALL, "ln", 1, 0},
    {"log", AN_CALL, "LOG", 2, 0},
    {"signum", AN_CALL, "SIGNUM", -1, 0},
    {"sin", AN_CALL, "SIN", -1, 0},
    {"sinh", AN_CALL, "SINH", -1, 0},
    {"sqrt", AN_CALL, "SQRT", -1, 0},
    {"tan", AN_CALL, "TAN", -1, 0},
    {"tanh", AN_CALL, "TANH", -1, 0},
    {"atan2", AN_CALL, "ATAN2", -1, 0},
    {"hypot", AN_CALL, "HYPOT", -1, 0},
    {"pow", AN_CALL, "POWER", -1, 0},
    {"power", AN_CALL, "POWER", -1, 0},
    {"e", AN_CALL, "E", -1, 0},
    {"pi", AN_CALL, "PI", -1, 0},
    {"spark_partition_id", AN_CALL, "SPARK_PARTITION_ID", -1, 0},
    {"rlike", AN_CALL, "RLIKE", -1, 0},
    /* ILike(left, right, escapeChar): the escape character is a parameter, not a child. */
    {"ilike", AN_CALL, NULL, -1, 2},
    {"regexp", AN_CALL, "REGEXP", -1, 0},
    {"regexp_like", AN_CALL, "REGEXP_LIKE", -1, 0},
    /* Arguments Spark keeps as constructor parameters, not children (First(child,
       ignoreNulls), HyperLogLogPlusPlus(child, relativeSD), ...), are not shown. */
    {"first", AN_CALL, NULL, 2, 1},
    {"last", AN_CALL, NULL, 2, 1},
    {"first_value", AN_CALL, NULL, 2, 1},
    {"last_value", AN_CALL, NULL, 2, 1},
    {"any_value", AN_CALL, NULL, 2, 1},
    {"approx_count_distinct", AN_CALL, NULL, 2, 1},
    /* Names registered for another function's class, without keeping the alias. */
    {"array_agg", AN_CALL, "collect_list", -1, 0},
    {"mean", AN_CALL, "avg", -1, 0},
    {"random", AN_CALL, "rand", -1, 0},
    {"curdate", AN_CALL, "current_date", -1, 0},
    {"current_database", AN_CALL, "current_schema", -1, 0},
};

static const an_fn_name *an_fn_lookup(const char *name, int n_args)
{
    for (size_t idx = 0; idx < sizeof an_fn_names / sizeof an_fn_names[0]; idx++) {
        const an_fn_name *f = &an_fn_names[idx];
        if (strcasecmp(f->name, name) == 0 && (f->n_args < 0 || f->n_args == n_args))
            return f;
    }
    return NULL;
}

static void an_sql_rec(an_ctx *c, const pl_expr *e, em_str *out, bool pretty);

static void an_args(an_ctx *c, const pl_expr *e, int from, em_str *out, bool pretty)
{
    for (int idx = from; idx < e->n_args; idx++) {
        if (idx > from)
            em_str_puts(out, ", ");
        an_sql_rec(c, e->args[idx], out, pretty);
    }
}

static void an_lower(em_str *out, const char *s)
{
    for (; *s; s++)
        em_str_putc(out, (*s >= 'A' && *s <= 'Z') ? (char)(*s - 'A' + 'a') : *s);
}

static void an_call_sql(an_ctx *c, const pl_expr *e, em_str *out, bool pretty)
{
    if (e->sql && (e->kind == PX_CALL || e->kind == PX_AGG_CALL)) {
        em_str_puts(out, e->sql); /* precomputed (struct) */
        return;
    }
    const char *name = e->name ? e->name : (e->fn ? e->fn->name : "?");
    const an_fn_name *f = an_fn_lookup(name, e->n_args);
    an_style style = f ? f->style : AN_CALL;
    an_fn_name from_def; /* the registry's own rendering when this table has none */
    /* The operator form only when called by the operator itself: negative(a) called by name
       prints "negative(a)" (Spark keeps the function alias), "-a" prints "(- a)". */
    bool by_symbol = e->fn && e->fn->sql_symbol &&
                     (strcasecmp(name, e->fn->sql_symbol) == 0 ||
                      !((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z')));
    if (!f && by_symbol && (e->n_args == 1 || e->n_args == 2)) {
        from_def = (an_fn_name){name, e->n_args == 2 ? AN_BINOP : AN_PREFIX, e->fn->sql_symbol,
                                e->n_args, 0};
        if (e->n_args == 1 && strcasecmp(e->fn->sql_symbol, "NOT") == 0)
            from_def.style = AN_NOT;
        f = &from_def;
        style = f->style;
    } else if (!f && e->fn && e->fn->pretty_name) {
        from_def = (an_fn_name){name, AN_CALL, e->fn->pretty_name, -1, 0};
        f = &from_def;
    }
    const pl_expr *const *a = (const pl_expr *const *)e->args;
    switch (style) {
    case AN_BINOP:
        em_str_putc(out, '(');
        an_sql_rec(c, a[0], out, pretty);
        em_str_printf(out, " %s ", f->display);
        an_sql_rec(c, a[1], out, pretty);
        em_str_putc(out, ')');
        return;
    case AN_NEQ:
        em_str_puts(out, "(NOT (");
        an_sql_rec(c, a[0], out, pretty);
        em_str_puts(out, " = ");
        an_sql_rec(c, a[1], out, pretty);
        em_str_puts(out, "))");
        return;
    case AN_NOT:
        em_str_puts(out, "(NOT ");
        an_sql_rec(c, a[0], out, pretty);
        em_str_putc(out, ')');
        return;
    case AN_PREFIX:
        em_str_printf(out, "(%s ", f->display);
        an_sql_rec(c, a[0], out, pretty);
        em_str_putc(out, ')');
        return;
    case AN_POSTFIX:
        em_str_putc(out, '(');
        an_sql_rec(c, a[0], out, pretty);
        em_str_printf(out, " %s)", f->display);
        return;
    case AN_TILDE:
        em_str_putc(out, '~');
        an_sql_rec(c, a[0], out, pretty);
        return;
    case AN_IN:
        if (e->n_args < 1)
            break;
        em_str_putc(out, '(');
        an_sql_rec(c, a[0], out, pretty);
        em_str_puts(out, " IN (");
        an_args(c, e, 1, out, pretty);
        em_str_puts(out, "))");
        return;
    case AN_LIKE:
        if (e->n_args < 2)
            break;
        an_sql_rec(c, a[0], out, pretty);
        em_str_puts(out, " LIKE ");
        an_sql_rec(c, a[1], out, pretty);
        if (e->n_args > 2 && a[2]->kind == PX_LITERAL && ty_is_string(a[2]->type) &&
            !vec_is_null(a[2]->lit, 0)) {
            int32_t len;
            const char *s = vec_str(a[2]->lit, 0, &len);
            if (!(len == 1 && s[0] == '\\')) {
                em_str_puts(out, " ESCAPE ");
                an_quoted_string(out, s, len);
            }
        }
        return;
    case AN_CASE: {
        em_str_puts(out, "CASE");
        int k = 0;
        for (; k + 1 < e->n_args; k += 2) {
            em_str_puts(out, " WHEN ");
            an_sql_rec(c, a[k], out, pretty);
            em_str_puts(out, " THEN ");
            an_sql_rec(c, a[k + 1], out, pretty);
        }
        if (k < e->n_args) {
            em_str_puts(out, " ELSE ");
            an_sql_rec(c, a[k], out, pretty);
        }
        em_str_puts(out, " END");
        return;
    }
    case AN_IF:
        em_str_puts(out, "(IF(");
        an_args(c, e, 0, out, pretty);
        em_str_puts(out, "))");
        return;
    case AN_EXTRACT:
        em_str_printf(out, "%s(", f->display);
        an_sql_rec(c, a[0], out, true);
        em_str_puts(out, " FROM ");
        an_sql_rec(c, a[1], out, pretty);
        em_str_putc(out, ')');
        return;
    case AN_TRIM:
        em_str_printf(out, "TRIM(%s ", f->display);
        an_sql_rec(c, a[0], out, pretty);
        em_str_puts(out, " FROM ");
        an_sql_rec(c, a[1], out, pretty);
        em_str_putc(out, ')');
        return;
    case AN_LAGLEAD:
        em_str_printf(out, "%s(", f->display);
        an_args(c, e, 0, out, pretty);
        if (e->n_args < 2)
            em_str_puts(out, ", 1");
        if (e->n_args < 3)
            em_str_puts(out, ", NULL");
        em_str_putc(out, ')');
        return;
    case AN_NTH: {
        em_str_puts(out, "nth_value(");
        for (int idx = 0; idx < e->n_args && idx < 2; idx++) {
            if (idx)
                em_str_puts(out, ", ");
            an_sql_rec(c, a[idx], out, pretty);
        }
        em_str_putc(out, ')');
        if (e->n_args > 2 && a[2]->kind == PX_LITERAL && a[2]->lit->type->kind == TY_BOOLEAN &&
            !vec_is_null(a[2]->lit, 0) && VEC_VALUES(a[2]->lit, uint8_t)[0])
            em_str_puts(out, " ignore nulls");
        return;
    }
    case AN_CALL:
        break;
    }
    if (f && f->display)
        em_str_puts(out, f->display);
    else
        an_lower(out, name);
    em_str_putc(out, '(');
    if (e->is_distinct)
        em_str_puts(out, "DISTINCT ");
    int shown = f && f->n_show > 0 && f->n_show < e->n_args ? f->n_show : e->n_args;
    for (int idx = 0; idx < shown; idx++) {
        if (idx)
            em_str_puts(out, ", ");
        an_sql_rec(c, e->args[idx], out, pretty);
    }
    em_str_putc(out, ')');
}

static void an_bound_sql(an_ctx *c, const pl_frame_bound *b, bool lower, em_str *out, bool pretty)
{
    switch (b->kind) {
    case PX_BOUND_UNBOUNDED:
        em_str_puts(out, lower ? "UNBOUNDED PRECEDING" : "UNBOUNDED FOLLOWING");
        return;
    case PX_BOUND_CURRENT_ROW:
        em_str_puts(out, "CURRENT ROW");
        return;
    case PX_BOUND_VALUE: {
        /* SpecifiedWindowFrame.boundarySql: UnaryMinus(n) is "n PRECEDING", any other value
           "v FOLLOWING" (a literal -1 prints "-1 FOLLOWING"). */
        const pl_expr *v = b->value;
        if (v && (v->kind == PX_CALL) && v->n_args == 1 && v->name &&
            (strcmp(v->name, "-") == 0 || strcasecmp(v->name, "negative") == 0)) {
            an_sql_rec(c, v->args[0], out, pretty);
            em_str_puts(out, " PRECEDING");
            return;
        }
        an_sql_rec(c, v, out, pretty);
        em_str_puts(out, " FOLLOWING");
        return;
    }
    }
}

/* WindowSpecDefinition.sql: "(PARTITION BY .. ORDER BY .. frame)". */
static void an_spec_sql(an_ctx *c, const pl_window_spec *w, em_str *out, bool pretty)
{
    em_str_putc(out, '(');
    if (w->n_partition) {
        em_str_puts(out, "PARTITION BY ");
        for (int idx = 0; idx < w->n_partition; idx++) {
            if (idx)
                em_str_puts(out, ", ");
            an_sql_rec(c, w->partition[idx], out, pretty);
        }
        em_str_putc(out, ' ');
    }
    if (w->n_order) {
        em_str_puts(out, "ORDER BY ");
        for (int idx = 0; idx < w->n_order; idx++) {
            if (idx)
                em_str_puts(out, ", ");
            an_sql_rec(c, w->order[idx], out, pretty);
        }
        em_str_putc(out, ' ');
    }
    if (w->has_frame) {
        em_str_puts(out, w->frame_type == PX_FRAME_RANGE ? "RANGE BETWEEN " : "ROWS BETWEEN ");
        an_bound_sql(c, &w->lower, true, out, pretty);
        em_str_puts(out, " AND ");
        an_bound_sql(c, &w->upper, false, out, pretty);
    } else if (out->len && out->data[out->len - 1] == ' ') {
        out->len--;
        out->data[out->len] = '\0';
    }
    em_str_putc(out, ')');
}

/* WindowExpression.sql: " OVER " + the spec. */
static void an_window_sql(an_ctx *c, const pl_window_spec *w, em_str *out, bool pretty)
{
    em_str_puts(out, " OVER ");
    an_spec_sql(c, w, out, pretty);
}

void an_frame_sql(an_ctx *c, const pl_window_spec *w, em_str *out)
{
    em_str_puts(out, w->frame_type == PX_FRAME_RANGE ? "RANGE BETWEEN " : "ROWS BETWEEN ");
    an_bound_sql(c, &w->lower, true, out, true);
    em_str_puts(out, " AND ");
    an_bound_sql(c, &w->upper, false, out, true);
}

void an_window_spec_sql(an_ctx *c, const pl_window_spec *w, em_str *out)
{
    an_spec_sql(c, w, out, true);
}

static void an_sql_rec(an_ctx *c, const pl_expr *e, em_str *out, bool pretty)
{
    if (!e) {
        em_str_puts(out, "?");
        return;
    }
    switch (e->kind) {
    case PX_COLREF:
        if (pretty)
            em_str_puts(out, e->name ? e->name : "?");
        else
            pl_quote_if_needed(out, e->name ? e->name : "?");
        return;
    case PX_LAMBDA_VAR:
        em_str_puts(out, "namedlambdavariable()");
        return;
    case PX_LAMBDA:
        /* LambdaFunction.sql: lambdafunction(body, params...) */
        em_str_puts(out, "lambdafunction(");
        an_args(c, e, 0, out, pretty);
        em_str_putc(out, ')');
        return;
    case PX_LITERAL:
        an_lit_value(c, out, e->lit, 0, pretty);
        return;
    case PX_CAST:
        if (pretty && e->is_implicit) {
            an_sql_rec(c, e->args[0], out, pretty);
            return;
        }
        if (ty_is_nested(e->type)) {
            an_sql_rec(c, e->args[0], out, pretty);
            return;
        }
        em_str_puts(out, e->eval_mode == PX_EVAL_TRY ? "TRY_CAST(" : "CAST(");
        an_sql_rec(c, e->args[0], out, pretty);
        em_str_puts(out, " AS ");
        ty_sql(e->type, out);
        em_str_putc(out, ')');
        return;
    case PX_EXTRACT:
        an_sql_rec(c, e->args[0], out, pretty);
        if (e->ordinal >= 0) {
            const ty *st =
                e->args[0]->type->kind == TY_ARRAY ? e->args[0]->type->elem : e->args[0]->type;
            em_str_putc(out, '.');
            if (pretty)
                em_str_puts(out, st->fields[e->ordinal].name);
            else
                pl_quote_if_needed(out, st->fields[e->ordinal].name);
        } else {
            em_str_putc(out, '[');
            an_sql_rec(c, e->args[1], out, pretty);
            em_str_putc(out, ']');
        }
        return;
    case PX_SORT_ORDER:
        an_sql_rec(c, e->args[0], out, pretty);
        em_str_puts(out, e->descending ? " DESC" : " ASC");
        em_str_puts(out, e->nulls_first ? " NULLS FIRST" : " NULLS LAST");
        return;
    case PX_ALIAS:
        an_sql_rec(c, e->args[0], out, pretty);
        em_str_puts(out, " AS ");
        pl_quote_if_needed(out, e->parts[0]);
        return;
    case PX_CALL:
    case PX_AGG_CALL:
        an_call_sql(c, e, out, pretty);
        if (e->agg_filter) { /* AggregateExpression.sql */
            em_str_puts(out, " FILTER (WHERE ");
            an_sql_rec(c, e->agg_filter, out, pretty);
            em_str_putc(out, ')');
        }
        return;
    case PX_WINDOW_CALL:
        an_call_sql(c, e, out, pretty);
        if (e->window)
            an_window_sql(c, e->window, out, pretty);
        return;
    case PX_SCALAR_SUBQUERY:
    case PX_EXISTS:
    case PX_IN_SUBQUERY:
    case PX_OUTER_REF:
        an_subquery_sql(c, e, out, pretty); /* an_subquery.c */
        return;
    default:
        em_str_puts(out, "?");
        return;
    }
}

void an_pretty_sql(an_ctx *c, const pl_expr *e, em_str *out)
{
    an_sql_rec(c, e, out, true);
}

void an_expr_sql(an_ctx *c, const pl_expr *e, em_str *out)
{
    an_sql_rec(c, e, out, false);
}
