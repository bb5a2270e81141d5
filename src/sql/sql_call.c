/*
 * sql_call: function calls and the special forms Spark's grammar gives their own syntax:
 * CAST / TRY_CAST, CASE, STRUCT(...), EXTRACT(f FROM x), POSITION(a IN b), SUBSTRING(s FROM p
 * FOR n), TRIM(BOTH t FROM s), OVERLAY(s PLACING r FROM p FOR n), TIMESTAMPADD(unit, n, ts),
 * FIRST/LAST/ANY_VALUE(x IGNORE NULLS), lambdas, window specifications (OVER) and the WINDOW
 * clause. Each maps to the PX_FUNC name Spark's AstBuilder resolves it to (see README.md).
 */
#include "sql/sql_int.h"

#include "common/em_mem.h"

#include <string.h>
#include <strings.h>

/* A growable argument list in the arena. */
typedef struct sql_args {
    int n, cap;
    pl_expr **items;
} sql_args;

static void sql_args_push(sql_parser *p, sql_args *a, pl_expr *e)
{
    if (a->n == a->cap) {
        int cap = a->cap ? a->cap * 2 : 4;
        pl_expr **grown = em_arena_alloc(p->arena, (size_t)cap * sizeof *grown);
        if (a->n)
            memcpy(grown, a->items, (size_t)a->n * sizeof *grown);
        a->items = grown;
        a->cap = cap;
    }
    a->items[a->n++] = e;
}

/* toSQLId of one name: `name` with inner backticks doubled. */
static char *sql_quote_id(sql_parser *p, const char *name)
{
    em_str s;
    em_str_init(&s, 0);
    em_str_putc(&s, '`');
    for (const char *c = name; *c; c++) {
        if (*c == '`')
            em_str_putc(&s, '`');
        em_str_putc(&s, *c);
    }
    em_str_putc(&s, '`');
    char *out = em_arena_strndup(p->arena, s.data, s.len);
    em_str_release(&s);
    return out;
}

/* ---- lambdas ------------------------------------------------------------------------------ */

bool sql_at_lambda(const sql_parser *p)
{
    if (sql_is_ident_tok(p, sql_tok(p, 0), false) && sql_tok(p, 1)->kind == TK_ARROW)
        return true;
    if (sql_peek(p) != TK_LPAREN)
        return false;
    int k = 1, n = 0;
    while (true) {
        if (!sql_is_ident_tok(p, sql_tok(p, k), false))
            return false;
        n++;
        k++;
        if (sql_tok(p, k)->kind == TK_RPAREN)
            return n >= 2 && sql_tok(p, k + 1)->kind == TK_ARROW;
        if (sql_tok(p, k)->kind != TK_COMMA)
            return false;
        k++;
    }
}

/* Turns column references naming a lambda parameter into lambda variables (Spark turns every
   attribute of the body into one; only the parameters' names can resolve to one). */
static int sql_bind_lambda_vars(sql_parser *p, pl_expr *e, int n, const char **names, int depth)
{
    if (!e)
        return EM_OK;
    if (depth > SQL_MAX_DEPTH)
        return em_error_set(p->err, "FAILED_TO_PARSE_TOO_COMPLEX", NULL);
    if (e->kind == PX_ATTR && e->n_parts > 0) {
        for (int idx = 0; idx < n; idx++) {
            if (strcasecmp(e->parts[0], names[idx]) == 0) {
                e->kind = PX_LAMBDA_VAR;
                break;
            }
        }
        return EM_OK;
    }
    for (int idx = 0; idx < e->n_args; idx++)
        if (sql_bind_lambda_vars(p, e->args[idx], n, names, depth + 1))
            return EM_EUSER;
    if (e->window) {
        for (int idx = 0; idx < e->window->n_partition; idx++)
            if (sql_bind_lambda_vars(p, e->window->partition[idx], n, names, depth + 1))
                return EM_EUSER;
        for (int idx = 0; idx < e->window->n_order; idx++)
            if (sql_bind_lambda_vars(p, e->window->order[idx], n, names, depth + 1))
                return EM_EUSER;
    }
    return EM_OK;
}

pl_expr *sql_parse_lambda(sql_parser *p)
{
    int start = sql_cur_start(p);
    int n = 0;
    const char **names;
    if (sql_peek(p) == TK_LPAREN) {
        if (sql_parse_ident_list(p, &n, &names))
            return NULL;
    } else {
        names = em_arena_alloc(p->arena, sizeof *names);
        names[0] = sql_parse_ident(p);
        if (!names[0])
            return NULL;
        n = 1;
    }
    if (sql_expect(p, TK_ARROW))
        return NULL;
    pl_expr *body = sql_parse_expression(p);
    if (!body || sql_bind_lambda_vars(p, body, n, names, 0))
        return NULL;
    pl_expr *e = pl_expr_new(p->arena, PX_LAMBDA, 1);
    e->args[0] = body;
    e->n_parts = n;
    e->parts = names;
    sql_span(e, start, body->src_stop);
    return e;
}

/* ---- CASE ------------------------------------------------------------------------------ */

pl_expr *sql_parse_case(sql_parser *p)
{
    int start = sql_cur_start(p);
    p->pos++; /* CASE */
    pl_expr *value = NULL;
    if (!sql_at_kw(p, KW_WHEN)) {
        value = sql_parse_expression(p);
        if (!value)
            return NULL;
    }
    sql_args args = {0};
    if (!sql_at_kw(p, KW_WHEN)) {
        sql_syntax_error(p);
        return NULL;
    }
    while (sql_accept_kw(p, KW_WHEN)) {
        pl_expr *cond = sql_parse_expression(p);
        if (!cond || sql_expect_kw(p, KW_THEN))
            return NULL;
        pl_expr *result = sql_parse_expression(p);
        if (!result)
            return NULL;
        if (value) {
            /* CASE v WHEN x: EqualTo(v, x); v is copied per branch so no node is shared. */
            pl_expr *v = args.n == 0 ? value : sql_copy_or_fail(p, value);
            if (!v)
                return NULL;
            cond = sql_func2(p, "==", v, cond, value->src_start, cond->src_stop);
        }
        sql_args_push(p, &args, cond);
        sql_args_push(p, &args, result);
    }
    if (sql_accept_kw(p, KW_ELSE)) {
        pl_expr *other = sql_parse_expression(p);
        if (!other)
            return NULL;
        sql_args_push(p, &args, other);
    }
    if (sql_expect_kw(p, KW_END))
        return NULL;
    return sql_func(p, "when", args.n, args.items, start, sql_prev_stop(p));
}

/* ---- windows ----------------------------------------------------------------------------- */

static int sql_parse_frame_bound(sql_parser *p, pl_frame_bound *b)
{
    int start = sql_cur_start(p);
    if (sql_accept_kw(p, KW_UNBOUNDED)) {
        if (!sql_accept_kw(p, KW_PRECEDING) && !sql_accept_kw(p, KW_FOLLOWING))
            return sql_syntax_error(p);
        b->kind = PX_BOUND_UNBOUNDED;
        return EM_OK;
    }
    if (sql_at_kw(p, KW_CURRENT) && sql_at_kw_ahead(p, 1, KW_ROW)) {
        p->pos += 2;
        b->kind = PX_BOUND_CURRENT_ROW;
        return EM_OK;
    }
    pl_expr *v = sql_parse_expression(p);
    if (!v)
        return EM_EUSER;
    b->kind = PX_BOUND_VALUE;
    if (sql_accept_kw(p, KW_PRECEDING))
        b->value = sql_func1(p, "-", v, start, sql_prev_stop(p)); /* Spark's UnaryMinus */
    else if (sql_accept_kw(p, KW_FOLLOWING))
        b->value = v;
    else
        return sql_syntax_error(p);
    return EM_OK;
}

/* ( [PARTITION|DISTRIBUTE BY ...] [ORDER|SORT BY ...] [frame] ) or ( CLUSTER BY ... [frame] ) */
static pl_window_spec *sql_parse_window_def(sql_parser *p)
{
    if (sql_expect(p, TK_LPAREN))
        return NULL;
    pl_window_spec *w = em_arena_calloc(p->arena, 1, sizeof *w);
    sql_args part = {0}, order = {0};
    if ((sql_at_kw(p, KW_PARTITION) || sql_at_kw(p, KW_DISTRIBUTE) || sql_at_kw(p, KW_CLUSTER)) &&
        sql_at_kw_ahead(p, 1, KW_BY)) {
        bool cluster = sql_at_kw(p, KW_CLUSTER);
        p->pos += 2;
        do {
            pl_expr *e = sql_parse_expression(p);
            if (!e)
                return NULL;
            sql_args_push(p, &part, e);
        } while (sql_accept(p, TK_COMMA));
        if (cluster)
            goto frame;
    }
    if ((sql_at_kw(p, KW_ORDER) || sql_at_kw(p, KW_SORT)) && sql_at_kw_ahead(p, 1, KW_BY)) {
        p->pos += 2;
        do {
            pl_expr *e = sql_parse_sort_item(p);
            if (!e)
                return NULL;
            sql_args_push(p, &order, e);
        } while (sql_accept(p, TK_COMMA));
    }
frame:
    if (sql_at_kw(p, KW_ROWS) || sql_at_kw(p, KW_RANGE)) {
        w->has_frame = true;
        w->frame_type = sql_at_kw(p, KW_ROWS) ? PX_FRAME_ROWS : PX_FRAME_RANGE;
        p->pos++;
        if (sql_accept_kw(p, KW_BETWEEN)) {
            if (sql_parse_frame_bound(p, &w->lower) || sql_expect_kw(p, KW_AND) ||
                sql_parse_frame_bound(p, &w->upper))
                return NULL;
        } else {
            if (sql_parse_frame_bound(p, &w->lower))
                return NULL;
            w->upper.kind = PX_BOUND_CURRENT_ROW;
        }
    }
    if (sql_expect(p, TK_RPAREN))
        return NULL;
    w->n_partition = part.n;
    w->partition = part.items;
    w->n_order = order.n;
    w->order = order.items;
    return w;
}

/* A copy of a named window for one OVER (NULL with an error when refused). */
static pl_window_spec *sql_copy_window(sql_parser *p, const pl_window_spec *src)
{
    pl_expr holder;
    memset(&holder, 0, sizeof holder);
    holder.kind = PX_WINDOW;
    holder.window = (pl_window_spec *)src;
    pl_expr *c = sql_copy_or_fail(p, &holder);
    return c ? c->window : NULL;
}

/* OVER windowSpec after a call. */
static pl_expr *sql_parse_over(sql_parser *p, pl_expr *func)
{
    pl_expr *e = pl_expr_new(p->arena, PX_WINDOW, 1);
    e->args[0] = func;
    const sql_token *t = sql_tok(p, 0);
    bool paren_ref = t->kind == TK_LPAREN && sql_is_ident_tok(p, sql_tok(p, 1), false) &&
                     sql_tok(p, 2)->kind == TK_RPAREN;
    if (sql_is_ident_tok(p, t, false) || paren_ref) {
        if (paren_ref)
            p->pos++;
        const sql_token *nt = sql_tok(p, 0);
        const char *name = sql_parse_ident_ec(p);
        if (!name || (paren_ref && sql_expect(p, TK_RPAREN)))
            return NULL;
        sql_winref *ref = em_arena_calloc(p->arena, 1, sizeof *ref);
        ref->window = e;
        ref->name = name;
        ref->start = nt->start;
        ref->stop = nt->stop;
        ref->next = p->winrefs;
        p->winrefs = ref;
    } else {
        e->window = sql_parse_window_def(p);
        if (!e->window)
            return NULL;
    }
    sql_span(e, func->src_start, sql_prev_stop(p));
    return e;
}

typedef struct sql_named_window {
    const char *name;
    pl_window_spec *spec; /* NULL: a reference to ref_name */
    const char *ref_name;
} sql_named_window;

int sql_parse_window_clause(sql_parser *p, sql_winref *mark)
{
    int start = sql_cur_start(p);
    p->pos++; /* WINDOW */
    int n = 0, cap = 4;
    sql_named_window *defs = em_arena_alloc(p->arena, (size_t)cap * sizeof *defs);
    do {
        const char *name = sql_parse_ident_ec(p);
        if (!name || sql_expect_kw(p, KW_AS))
            return EM_EUSER;
        if (n == cap) {
            sql_named_window *grown = em_arena_alloc(p->arena, (size_t)cap * 2 * sizeof *defs);
            memcpy(grown, defs, (size_t)n * sizeof *defs);
            defs = grown;
            cap *= 2;
        }
        sql_named_window *d = &defs[n++];
        memset(d, 0, sizeof *d);
        d->name = name;
        bool paren_ref = sql_peek(p) == TK_LPAREN && sql_is_ident_tok(p, sql_tok(p, 1), false) &&
                         sql_tok(p, 2)->kind == TK_RPAREN;
        if (sql_is_ident_tok(p, sql_tok(p, 0), false) || paren_ref) {
            if (paren_ref)
                p->pos++;
            d->ref_name = sql_parse_ident_ec(p);
            if (!d->ref_name || (paren_ref && sql_expect(p, TK_RPAREN)))
                return EM_EUSER;
        } else {
            d->spec = sql_parse_window_def(p);
            if (!d->spec)
                return EM_EUSER;
        }
    } while (sql_accept(p, TK_COMMA));
    int stop = sql_prev_stop(p);
    /* Spark's withWindowClause: names are case-sensitive map keys. */
    for (int idx = 0; idx < n; idx++) {
        for (int other = 0; other < idx; other++) {
            if (strcmp(defs[idx].name, defs[other].name) == 0) {
                sql_defer(p, start, stop, "INVALID_SQL_SYNTAX.REPETITIVE_WINDOW_DEFINITION",
                          "windowName", sql_quote_id(p, defs[idx].name), NULL);
                return EM_OK;
            }
        }
    }
    for (int idx = 0; idx < n; idx++) {
        if (defs[idx].spec)
            continue;
        const sql_named_window *target = NULL;
        for (int other = 0; other < n; other++)
            if (strcmp(defs[other].name, defs[idx].ref_name) == 0)
                target = &defs[other];
        if (!target) {
            sql_defer(p, start, stop, "INVALID_SQL_SYNTAX.UNRESOLVED_WINDOW_REFERENCE",
                      "windowName", sql_quote_id(p, defs[idx].ref_name), NULL);
            return EM_OK;
        }
        if (!target->spec) {
            sql_defer(p, start, stop, "INVALID_SQL_SYNTAX.INVALID_WINDOW_REFERENCE", "windowName",
                      sql_quote_id(p, defs[idx].ref_name), NULL);
            return EM_OK;
        }
    }
    for (sql_winref *ref = p->winrefs; ref && ref != mark; ref = ref->next) {
        if (ref->window->window)
            continue;
        for (int idx = 0; idx < n; idx++) {
            if (strcmp(defs[idx].name, ref->name) != 0)
                continue;
            const pl_window_spec *spec = defs[idx].spec;
            for (int other = 0; !spec && other < n; other++)
                if (strcmp(defs[other].name, defs[idx].ref_name) == 0)
                    spec = defs[other].spec;
            if (spec) {
                ref->window->window = sql_copy_window(p, spec);
                if (!ref->window->window)
                    return EM_EUSER;
            }
            break;
        }
    }
    return EM_OK;
}

int sql_resolve_winrefs(sql_parser *p, sql_winref *mark)
{
    for (sql_winref *ref = p->winrefs; ref && ref != mark; ref = ref->next) {
        if (!ref->window->window) {
            sql_defer_jvm(p, "org.apache.spark.sql.AnalysisException", ref->start, ref->stop,
                          "MISSING_WINDOW_SPECIFICATION", "windowName", ref->name, "docroot",
                          "https://spark.apache.org/docs/latest", NULL);
            return EM_OK;
        }
    }
    return EM_OK;
}

/* ---- special forms ------------------------------------------------------------------------ */

static bool sql_is_datetime_unit(const sql_token *t)
{
    if (t->kind != TK_IDENT)
        return false;
    switch (t->kw) {
    case KW_YEAR:
    case KW_QUARTER:
    case KW_MONTH:
    case KW_WEEK:
    case KW_DAY:
    case KW_DAYOFYEAR:
    case KW_HOUR:
    case KW_MINUTE:
    case KW_SECOND:
    case KW_MILLISECOND:
    case KW_MICROSECOND:
        return true;
    default:
        return false;
    }
}

static pl_expr *sql_parse_cast(sql_parser *p, bool is_try)
{
    int start = sql_cur_start(p);
    p->pos += 2; /* CAST ( */
    pl_expr *e = sql_parse_expression(p);
    if (!e || sql_expect_kw(p, KW_AS))
        return NULL;
    const ty *type = sql_parse_data_type(p);
    if (!type || sql_expect(p, TK_RPAREN))
        return NULL;
    return sql_make_cast(p, e, type, is_try ? PX_EVAL_TRY : PX_EVAL_UNSPECIFIED, start,
                         sql_prev_stop(p));
}

/* TIMESTAMPADD(unit, n, ts) and TIMESTAMPDIFF(unit, a, b) with a datetime unit keyword. */
static pl_expr *sql_parse_timestamp_fn(sql_parser *p, const char *name)
{
    int start = sql_cur_start(p);
    p->pos += 2;
    const sql_token *ut = sql_tok(p, 0);
    p->pos++;
    pl_expr *unit = sql_lit_string(p, p->text + ut->start, ut->stop - ut->start + 1);
    sql_span(unit, ut->start, ut->stop);
    if (sql_expect(p, TK_COMMA))
        return NULL;
    pl_expr *a = sql_parse_value_expression(p);
    if (!a || sql_expect(p, TK_COMMA))
        return NULL;
    pl_expr *b = sql_parse_value_expression(p);
    if (!b || sql_expect(p, TK_RPAREN))
        return NULL;
    pl_expr *args[3] = {unit, a, b};
    return sql_func(p, name, 3, args, start, sql_prev_stop(p));
}

/* Arguments of a call from the current token up to ')' (first may be pre-parsed).
   ignore_nulls_inside: FIRST/LAST/ANY_VALUE(x IGNORE NULLS). */
static int sql_parse_call_args(sql_parser *p, sql_args *args, pl_expr *first,
                               bool *ignore_nulls_inside)
{
    if (!first && sql_accept(p, TK_RPAREN))
        return EM_OK;
    while (true) {
        pl_expr *e;
        if (first) {
            e = sql_parse_expression_from(p, first);
            first = NULL;
        } else if (sql_is_ident_tok(p, sql_tok(p, 0), false) &&
                   sql_tok(p, 1)->kind == TK_FAT_ARROW) {
            int start = sql_cur_start(p);
            const char *name = sql_parse_ident(p);
            p->pos++;
            pl_expr *v = name ? sql_parse_expression(p) : NULL;
            if (!v)
                return EM_EUSER;
            e = pl_expr_new(p->arena, PX_NAMED_ARG, 1);
            e->name = name;
            e->args[0] = v;
            sql_span(e, start, v->src_stop);
        } else {
            e = sql_parse_expression(p);
        }
        if (!e)
            return EM_EUSER;
        sql_args_push(p, args, e);
        if (ignore_nulls_inside && args->n == 1 && sql_at_kw(p, KW_IGNORE) &&
            sql_at_kw_ahead(p, 1, KW_NULLS) && sql_tok(p, 2)->kind == TK_RPAREN) {
            p->pos += 2;
            *ignore_nulls_inside = true;
        }
        if (!sql_accept(p, TK_COMMA))
            break;
    }
    return sql_expect(p, TK_RPAREN);
}

static bool sql_name_is(const char *name, const char *want)
{
    return strcasecmp(name, want) == 0;
}

/* f(...) IGNORE NULLS for functions other than first / last / any_value: lag and lead take it
   as their fourth argument (offset 1 and default NULL filled in), nth_value as its third
   (Spark's Lag / Lead / NthValue ignoreNulls); anything else is refused after the parse as
   FunctionResolution refuses it. */
static void sql_window_ignore_nulls(sql_parser *p, const char *name, sql_args *args,
                                    int nulls_start, int start)
{
    bool laglead = sql_name_is(name, "lag") || sql_name_is(name, "lead");
    if (laglead && args->n >= 1 && args->n <= 3) {
        if (args->n < 2)
            sql_args_push(p, args, sql_lit_int(p, 1));
        if (args->n < 3)
            sql_args_push(p, args, pl_lit_null(p->arena, ty_null()));
    } else if (!(sql_name_is(name, "nth_value") && args->n == 2)) {
        char *pretty = em_arena_printf(p->arena, "`%s`", name);
        for (char *c = pretty; *c; c++)
            if (*c >= 'A' && *c <= 'Z')
                *c = (char)(*c - 'A' + 'a');
        sql_defer_jvm(p, "org.apache.spark.sql.AnalysisException", start, sql_prev_stop(p),
                      "INVALID_SQL_SYNTAX.FUNCTION_WITH_UNSUPPORTED_SYNTAX", "prettyName", pretty,
                      "syntax", "IGNORE NULLS", NULL);
        return;
    }
    pl_expr *yes = sql_lit_bool(p, true);
    sql_span(yes, nulls_start, sql_prev_stop(p));
    sql_args_push(p, args, yes);
}

pl_expr *sql_parse_call(sql_parser *p)
{
    const sql_token *t = sql_tok(p, 0);
    int start = t->start;
    bool single = sql_tok(p, 1)->kind == TK_LPAREN;
    sql_kw kw = t->kind == TK_IDENT && single ? t->kw : KW__NONE;
    pl_expr *first = NULL;
    switch (kw) {
    case KW_CAST:
    case KW_TRY_CAST:
        return sql_parse_cast(p, kw == KW_TRY_CAST);
    case KW_STRUCT: {
        p->pos += 2;
        sql_args args = {0};
        if (sql_peek(p) != TK_RPAREN) {
            do {
                pl_expr *e = sql_parse_named_expression(p);
                if (!e)
                    return NULL;
                sql_args_push(p, &args, e);
            } while (sql_accept(p, TK_COMMA));
        }
        if (sql_expect(p, TK_RPAREN))
            return NULL;
        return sql_func(p, "struct", args.n, args.items, start, sql_prev_stop(p));
    }
    case KW_EXTRACT:
        if (sql_is_ident_tok(p, sql_tok(p, 2), false) && sql_at_kw_ahead(p, 3, KW_FROM)) {
            const sql_token *ft = sql_tok(p, 2);
            p->pos += 4;
            pl_expr *field = sql_lit_string(p, p->text + ft->start, ft->stop - ft->start + 1);
            sql_span(field, ft->start, ft->stop);
            pl_expr *src = sql_parse_value_expression(p);
            if (!src || sql_expect(p, TK_RPAREN))
                return NULL;
            return sql_func2(p, "extract", field, src, start, sql_prev_stop(p));
        }
        break;
    case KW_IDENTIFIER:
        sql_not_implemented(p, start, t->stop, "the IDENTIFIER clause");
        return NULL;
    case KW_TIMESTAMPADD:
    case KW_DATEADD:
    case KW_DATE_ADD:
        if (sql_is_datetime_unit(sql_tok(p, 2)) && sql_tok(p, 3)->kind == TK_COMMA)
            return sql_parse_timestamp_fn(p, "timestampadd");
        break;
    case KW_TIMESTAMPDIFF:
    case KW_DATEDIFF:
    case KW_DATE_DIFF:
    case KW_TIMEDIFF:
        if (sql_is_datetime_unit(sql_tok(p, 2)) && sql_tok(p, 3)->kind == TK_COMMA)
            return sql_parse_timestamp_fn(p, "timestampdiff");
        break;
    case KW_TRIM: {
        const sql_token *opt = sql_tok(p, 2);
        bool has_opt = opt->kind == TK_IDENT &&
                       (opt->kw == KW_BOTH || opt->kw == KW_LEADING || opt->kw == KW_TRAILING) &&
                       sql_tok(p, 3)->kind != TK_COMMA && sql_tok(p, 3)->kind != TK_RPAREN;
        int save = p->pos;
        p->pos += 2;
        pl_expr *trim_str = NULL;
        if (has_opt)
            p->pos++;
        if (!sql_at_kw(p, KW_FROM)) {
            trim_str = sql_parse_value_expression(p);
            if (!trim_str)
                return NULL;
        }
        if (has_opt || sql_at_kw(p, KW_FROM)) {
            if (sql_expect_kw(p, KW_FROM))
                return NULL;
            pl_expr *src = sql_parse_value_expression(p);
            if (!src || sql_expect(p, TK_RPAREN))
                return NULL;
            const char *name = !has_opt || opt->kw == KW_BOTH ? "trim"
                               : opt->kw == KW_LEADING        ? "ltrim"
                                                              : "rtrim";
            if (trim_str)
                return sql_func2(p, name, trim_str, src, start, sql_prev_stop(p));
            return sql_func1(p, name, src, start, sql_prev_stop(p));
        }
        if (!trim_str) {
            p->pos = save;
            break;
        }
        first = trim_str;
        break;
    }
    case KW_POSITION:
    case KW_SUBSTR:
    case KW_SUBSTRING:
    case KW_OVERLAY: {
        if (sql_tok(p, 2)->kind == TK_RPAREN)
            break;
        p->pos += 2;
        pl_expr *a = sql_parse_value_expression(p);
        if (!a)
            return NULL;
        if (kw == KW_POSITION && sql_accept_kw(p, KW_IN)) {
            pl_expr *b = sql_parse_value_expression(p);
            if (!b || sql_expect(p, TK_RPAREN))
                return NULL;
            return sql_func2(p, "position", a, b, start, sql_prev_stop(p));
        }
        if ((kw == KW_SUBSTR || kw == KW_SUBSTRING) && sql_accept_kw(p, KW_FROM)) {
            pl_expr *pos = sql_parse_value_expression(p);
            if (!pos)
                return NULL;
            sql_args args = {0};
            sql_args_push(p, &args, a);
            sql_args_push(p, &args, pos);
            if (sql_accept_kw(p, KW_FOR) || sql_accept(p, TK_COMMA)) {
                pl_expr *len = sql_parse_value_expression(p);
                if (!len)
                    return NULL;
                sql_args_push(p, &args, len);
            }
            if (sql_expect(p, TK_RPAREN))
                return NULL;
            return sql_func(p, "substring", args.n, args.items, start, sql_prev_stop(p));
        }
        if (kw == KW_OVERLAY && sql_accept_kw(p, KW_PLACING)) {
            sql_args args = {0};
            sql_args_push(p, &args, a);
            pl_expr *r = sql_parse_value_expression(p);
            if (!r || sql_expect_kw(p, KW_FROM))
                return NULL;
            sql_args_push(p, &args, r);
            pl_expr *pos = sql_parse_value_expression(p);
            if (!pos)
                return NULL;
            sql_args_push(p, &args, pos);
            if (sql_accept_kw(p, KW_FOR)) {
                pl_expr *len = sql_parse_value_expression(p);
                if (!len)
                    return NULL;
                sql_args_push(p, &args, len);
            }
            if (sql_expect(p, TK_RPAREN))
                return NULL;
            return sql_func(p, "overlay", args.n, args.items, start, sql_prev_stop(p));
        }
        first = a; /* an ordinary call whose first argument is already parsed */
        break;
    }
    default:
        break;
    }

    /* functionName ( [DISTINCT|ALL] args ) ... */
    const char *name;
    if (first) {
        name = sql_tok_text(p, t);
    } else {
        em_str s;
        em_str_init(&s, 0);
        do {
            const sql_token *pt = sql_tok(p, 0);
            const char *part = sql_is_ident_tok(p, pt, false) ? sql_parse_ident(p) : NULL;
            if (!part && pt->kind == TK_IDENT && !em_error_is_set(p->err)) {
                part = sql_tok_text(p, pt); /* a reserved word as a function name */
                p->pos++;
            }
            if (!part) {
                em_str_release(&s);
                if (!em_error_is_set(p->err))
                    sql_syntax_error(p);
                return NULL;
            }
            if (s.len)
                em_str_putc(&s, '.');
            em_str_puts(&s, part);
        } while (sql_peek(p) == TK_DOT && (p->pos++, true));
        name = em_arena_strndup(p->arena, s.data ? s.data : "", s.len);
        em_str_release(&s);
        if (sql_expect(p, TK_LPAREN))
            return NULL;
    }
    bool distinct = false;
    if (!first && sql_at_kw(p, KW_DISTINCT) && sql_tok(p, 1)->kind != TK_RPAREN) {
        p->pos++;
        distinct = true;
    } else if (!first && sql_at_kw(p, KW_ALL) && sql_can_start_expression(p, 1) &&
               sql_tok(p, 1)->kind != TK_RPAREN && sql_tok(p, 1)->kind != TK_COMMA) {
        p->pos++;
    }
    bool agg_ignore = sql_name_is(name, "first") || sql_name_is(name, "last") ||
                      sql_name_is(name, "any_value") || sql_name_is(name, "first_value") ||
                      sql_name_is(name, "last_value");
    bool ignore_nulls = false;
    sql_args args = {0};
    if (sql_parse_call_args(p, &args, first, agg_ignore ? &ignore_nulls : NULL))
        return NULL;
    /* COUNT(*) is COUNT(1) (AstBuilder.visitFunctionCall). */
    if (!distinct && args.n == 1 && args.items[0]->kind == PX_STAR && args.items[0]->n_parts == 0 &&
        sql_name_is(name, "count")) {
        pl_expr *one = sql_lit_int(p, 1);
        sql_span(one, args.items[0]->src_start, args.items[0]->src_stop);
        args.items[0] = one;
    }
    if (sql_at_kw(p, KW_WITHIN) && sql_at_kw_ahead(p, 1, KW_GROUP) &&
        sql_tok(p, 2)->kind == TK_LPAREN) {
        p->pos += 3;
        if (!sql_at_kw(p, KW_ORDER) || !sql_at_kw_ahead(p, 1, KW_BY)) {
            sql_syntax_error(p);
            return NULL;
        }
        p->pos += 2;
        do {
            if (!sql_parse_sort_item(p))
                return NULL;
        } while (sql_accept(p, TK_COMMA));
        if (sql_expect(p, TK_RPAREN))
            return NULL;
        sql_defer_not_implemented(p, start, sql_prev_stop(p), "WITHIN GROUP");
    }
    pl_expr *agg_filter = NULL; /* FILTER (WHERE cond): checked by the analyzer */
    if (sql_at_kw(p, KW_FILTER) && sql_tok(p, 1)->kind == TK_LPAREN &&
        sql_at_kw_ahead(p, 2, KW_WHERE)) {
        p->pos += 3;
        agg_filter = sql_parse_expression(p);
        if (!agg_filter || sql_expect(p, TK_RPAREN))
            return NULL;
    }
    int nulls_start = -1;
    if ((sql_at_kw(p, KW_IGNORE) || sql_at_kw(p, KW_RESPECT)) && sql_at_kw_ahead(p, 1, KW_NULLS)) {
        bool ignore = sql_at_kw(p, KW_IGNORE);
        nulls_start = sql_cur_start(p);
        p->pos += 2;
        if (ignore && !agg_ignore)
            sql_window_ignore_nulls(p, name, &args, nulls_start, start);
        else
            ignore_nulls = ignore_nulls || ignore;
    }
    if (ignore_nulls) {
        /* First(x, ignoreNulls = true) is first(x, true). */
        pl_expr *yes = sql_lit_bool(p, true);
        sql_span(yes, nulls_start >= 0 ? nulls_start : start, sql_prev_stop(p));
        sql_args_push(p, &args, yes);
    }
    pl_expr *call = pl_func_new(p->arena, name, args.n, args.items);
    call->is_distinct = distinct;
    call->agg_filter = agg_filter;
    sql_span(call, start, sql_prev_stop(p));
    if (sql_accept_kw(p, KW_OVER))
        return sql_parse_over(p, call);
    return call;
}
