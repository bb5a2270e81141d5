/*
 * sql_expr: expressions, following SqlBaseParser.g4's booleanExpression / predicate /
 * valueExpression / primaryExpression rules and AstBuilder's mapping onto plan IR.
 *
 * Precedence, loosest first (all binary operators left-associative):
 *   OR; AND; NOT / !; one optional predicate after a value (BETWEEN, IN, LIKE, ILIKE, RLIKE,
 *   IS ...); comparison (= == <=> <> != < <= > >=); |; ^; &; << >> >>>; + - ||; * / % DIV;
 *   unary - + ~; postfix [ ] . :: COLLATE on a primary.
 * A chain of the same AND / OR is built as a balanced tree, as Spark's visitLogicalBinary does
 * (it changes generated column names, so it is mirrored exactly).
 *
 * Operators become PX_FUNC with the names PySpark uses for the same operator (README.md has the
 * table), so the analyzer sees one vocabulary from both front doors.
 */
#include "sql/sql_int.h"

#include "common/em_mem.h"

#include <string.h>

void sql_span(pl_expr *e, int start, int stop)
{
    if (e) {
        e->src_start = start;
        e->src_stop = stop;
    }
}

pl_expr *sql_func(sql_parser *p, const char *name, int n_args, pl_expr *const *args, int start,
                  int stop)
{
    pl_expr *e = pl_func_new(p->arena, name, n_args, args);
    sql_span(e, start, stop);
    return e;
}

pl_expr *sql_func1(sql_parser *p, const char *name, pl_expr *a, int start, int stop)
{
    return sql_func(p, name, 1, &a, start, stop);
}

pl_expr *sql_func2(sql_parser *p, const char *name, pl_expr *a, pl_expr *b, int start, int stop)
{
    pl_expr *args[2] = {a, b};
    return sql_func(p, name, 2, args, start, stop);
}

static bool sql_is_number_kind(sql_tk k)
{
    return k >= TK_INTEGER && k <= TK_BIGDECIMAL;
}

bool sql_can_start_expression(const sql_parser *p, int ahead)
{
    const sql_token *t = sql_tok(p, ahead);
    switch (t->kind) {
    case TK_LPAREN:
    case TK_MINUS:
    case TK_PLUS:
    case TK_TILDE:
    case TK_BANG:
    case TK_QUESTION:
    case TK_COLON:
    case TK_STAR:
    case TK_STRING:
    case TK_DQSTRING:
    case TK_QIDENT:
        return true;
    case TK_IDENT:
        return sql_is_ident_tok(p, t, false) || t->kw != KW__NONE;
    default:
        return sql_is_number_kind(t->kind);
    }
}

/* ---- boolean level ----------------------------------------------------------------------- */

static pl_expr *sql_parse_not(sql_parser *p, pl_expr *first);
static pl_expr *sql_subquery_expr(sql_parser *p, pl_expr_kind kind, pl_node *q, int n_vals,
                                  pl_expr *const *vals, int start, int stop);
static pl_expr *sql_parse_predicated(sql_parser *p, pl_expr *first);
static pl_expr *sql_parse_binary(sql_parser *p, int min_prec, pl_expr *left);

/* Spark's reduceToExpressionTree: a balanced tree over items[low..high]. */
static pl_expr *sql_balance(sql_parser *p, const char *name, pl_expr **items, int low, int high)
{
    if (low == high)
        return items[low];
    if (high - low == 1)
        return sql_func2(p, name, items[low], items[high], items[low]->src_start,
                         items[high]->src_stop);
    int mid = low + (high - low) / 2;
    pl_expr *l = sql_balance(p, name, items, low, mid);
    pl_expr *r = sql_balance(p, name, items, mid + 1, high);
    return sql_func2(p, name, l, r, l->src_start, r->src_stop);
}

/* One level of AND (is_and) or OR: operands separated by the keyword, balanced. */
static pl_expr *sql_parse_logical(sql_parser *p, bool is_and, pl_expr *first)
{
    pl_expr *e = is_and ? sql_parse_not(p, first) : sql_parse_logical(p, true, first);
    if (!e)
        return NULL;
    sql_kw kw = is_and ? KW_AND : KW_OR;
    if (!sql_at_kw(p, kw))
        return e;
    int n = 1, cap = 8;
    pl_expr **items = em_malloc((size_t)cap * sizeof *items);
    items[0] = e;
    while (sql_accept_kw(p, kw)) {
        pl_expr *next = is_and ? sql_parse_not(p, NULL) : sql_parse_logical(p, true, NULL);
        if (!next) {
            em_free(items);
            return NULL;
        }
        if (n == cap) {
            cap *= 2;
            items = em_realloc(items, (size_t)cap * sizeof *items);
        }
        items[n++] = next;
    }
    pl_expr *out = sql_balance(p, is_and ? "and" : "or", items, 0, n - 1);
    em_free(items);
    return out;
}

/* Recursion is counted once per nesting level, in sql_parse_primary (and the prefix operator
   chains), so SQL_MAX_DEPTH is the number of nested parentheses / calls / casts allowed. */
pl_expr *sql_parse_expression_from(sql_parser *p, pl_expr *left)
{
    return sql_parse_logical(p, false, left);
}

pl_expr *sql_parse_expression(sql_parser *p)
{
    return sql_parse_expression_from(p, NULL);
}

static pl_expr *sql_parse_not(sql_parser *p, pl_expr *first)
{
    if (!first && (sql_at_kw(p, KW_NOT) || sql_peek(p) == TK_BANG)) {
        int start = sql_cur_start(p);
        p->pos++;
        if (sql_enter(p))
            return NULL;
        pl_expr *inner = sql_parse_not(p, NULL);
        sql_leave(p);
        if (!inner)
            return NULL;
        return sql_func1(p, "not", inner, start, inner->src_stop);
    }
    if (!first && sql_at_kw(p, KW_EXISTS) && sql_tok(p, 1)->kind == TK_LPAREN &&
        sql_at_query_start(p, 2)) {
        int start = sql_cur_start(p);
        p->pos += 2;
        pl_node *q = sql_parse_query(p);
        if (!q || sql_expect(p, TK_RPAREN))
            return NULL;
        return sql_subquery_expr(p, PX_EXISTS, q, 0, NULL, start, sql_prev_stop(p));
    }
    return sql_parse_predicated(p, first);
}

/* errorCapturingNot before BETWEEN / IN / LIKE / ILIKE / RLIKE: returns 1 for NOT, 2 for '!'
   (which Spark rejects after parsing), 0 when absent. */
static int sql_accept_predicate_not(sql_parser *p)
{
    bool is_not = sql_at_kw(p, KW_NOT), is_bang = sql_peek(p) == TK_BANG;
    if (!is_not && !is_bang)
        return 0;
    const sql_token *n = sql_tok(p, 1);
    if (n->kind != TK_IDENT)
        return 0;
    switch (n->kw) {
    case KW_BETWEEN:
    case KW_IN:
    case KW_LIKE:
    case KW_ILIKE:
    case KW_RLIKE:
    case KW_REGEXP:
        break;
    default:
        return 0;
    }
    const sql_token *t = sql_tok(p, 0);
    if (is_bang && !p->opts.legacy_bang_equals_not)
        sql_defer(p, t->start, t->stop, "SYNTAX_DISCONTINUED.BANG_EQUALS_NOT", "clause", "!", NULL);
    p->pos++;
    return is_bang ? 2 : 1;
}

static pl_expr *sql_maybe_not(sql_parser *p, int negated, pl_expr *e)
{
    if (!e || !negated)
        return e;
    return sql_func1(p, "not", e, e->src_start, e->src_stop);
}

/* A subquery expression over the parsed query q (n_vals compared values for IN). */
static pl_expr *sql_subquery_expr(sql_parser *p, pl_expr_kind kind, pl_node *q, int n_vals,
                                  pl_expr *const *vals, int start, int stop)
{
    pl_expr *e = pl_expr_new(p->arena, kind, n_vals);
    for (int idx = 0; idx < n_vals; idx++)
        e->args[idx] = vals[idx];
    e->n_in_values = n_vals;
    e->subquery = q;
    sql_span(e, start, stop);
    return e;
}

/* Collects arguments of an IN list (pred_start: where `[NOT] IN` starts, the query context of
   an IN subquery, as Spark's predicate rule spans it). */
static pl_expr *sql_parse_in_list(sql_parser *p, pl_expr *v, int pred_start)
{
    int open = p->pos;
    if (sql_expect(p, TK_LPAREN))
        return NULL;
    if (sql_at_query_start(p, 0)) {
        pl_node *q = sql_parse_query(p);
        if (!q || sql_expect(p, TK_RPAREN))
            return NULL;
        (void)open;
        /* (a, b) IN (SELECT x, y ...): the row constructor's items are the compared values. */
        bool row = v->kind == PX_FUNC && v->name && strcmp(v->name, "struct") == 0 &&
                   v->n_args > 1 && v->src_start >= 0 && v->src_start < p->len &&
                   p->text[v->src_start] == '(';
        if (row)
            return sql_subquery_expr(p, PX_IN_SUBQUERY, q, v->n_args, v->args, pred_start,
                                     sql_prev_stop(p));
        return sql_subquery_expr(p, PX_IN_SUBQUERY, q, 1, &v, pred_start, sql_prev_stop(p));
    }
    int n = 1, cap = 8;
    pl_expr **args = em_malloc((size_t)cap * sizeof *args);
    args[0] = v;
    do {
        pl_expr *e = sql_parse_expression(p);
        if (!e) {
            em_free(args);
            return NULL;
        }
        if (n == cap) {
            cap *= 2;
            args = em_realloc(args, (size_t)cap * sizeof *args);
        }
        args[n++] = e;
    } while (sql_accept(p, TK_COMMA));
    if (sql_expect(p, TK_RPAREN)) {
        em_free(args);
        return NULL;
    }
    pl_expr *out = sql_func(p, "in", n, args, v->src_start, sql_prev_stop(p));
    em_free(args);
    return out;
}

static pl_expr *sql_parse_predicated(sql_parser *p, pl_expr *first)
{
    pl_expr *v = first ? first : sql_parse_value_expression(p);
    if (!v)
        return NULL;
    int start = v->src_start;
    int save = p->pos;
    int negated = sql_accept_predicate_not(p);
    const sql_token *t = sql_tok(p, 0);
    if (t->kind != TK_IDENT) {
        p->pos = save;
        return v;
    }
    switch (t->kw) {
    case KW_BETWEEN: {
        p->pos++;
        pl_expr *lo = sql_parse_value_expression(p);
        if (!lo || sql_expect_kw(p, KW_AND))
            return NULL;
        pl_expr *hi = sql_parse_value_expression(p);
        if (!hi)
            return NULL;
        pl_expr *args[3] = {v, lo, hi};
        return sql_maybe_not(p, negated, sql_func(p, "between", 3, args, start, hi->src_stop));
    }
    case KW_IN:
        p->pos++;
        return sql_maybe_not(p, negated, sql_parse_in_list(p, v, sql_tok(p, save - p->pos)->start));
    case KW_RLIKE:
    case KW_REGEXP: {
        p->pos++;
        pl_expr *pat = sql_parse_value_expression(p);
        if (!pat)
            return NULL;
        return sql_maybe_not(p, negated, sql_func2(p, "rlike", v, pat, start, pat->src_stop));
    }
    case KW_LIKE:
    case KW_ILIKE: {
        const char *name = t->kw == KW_LIKE ? "like" : "ilike";
        p->pos++;
        if ((sql_at_kw(p, KW_ANY) || sql_at_kw(p, KW_SOME) || sql_at_kw(p, KW_ALL)) &&
            sql_tok(p, 1)->kind == TK_LPAREN) {
            /* LikeAny / LikeAll / NotLikeAny / NotLikeAll: their three-valued results are those
               of OR (ANY) / AND (ALL) over the single LIKEs (negated each for NOT). */
            bool all = sql_at_kw(p, KW_ALL);
            p->pos += 2;
            sql_exprs pats = {0};
            if (!sql_accept(p, TK_RPAREN)) {
                do {
                    pl_expr *pat = sql_parse_expression(p);
                    if (!pat)
                        return NULL;
                    sql_exprs_push(p, &pats, pat);
                } while (sql_accept(p, TK_COMMA));
                if (sql_expect(p, TK_RPAREN))
                    return NULL;
            }
            if (pats.n == 0) {
                sql_defer(p, t->start, sql_prev_stop(p), "_LEGACY_ERROR_TEMP_0064", "msg",
                          "Expected something between '(' and ')'.", NULL);
                return v;
            }
            pl_expr *acc = NULL;
            for (int idx = 0; idx < pats.n; idx++) {
                pl_expr *x = idx ? sql_copy_or_fail(p, v) : v;
                if (!x)
                    return NULL;
                pl_expr *one = sql_func2(p, name, x, pats.items[idx], start, sql_prev_stop(p));
                if (negated)
                    one = sql_func1(p, "not", one, start, sql_prev_stop(p));
                acc =
                    acc ? sql_func2(p, all ? "and" : "or", acc, one, start, sql_prev_stop(p)) : one;
            }
            return acc;
        }
        pl_expr *pat = sql_parse_value_expression(p);
        if (!pat)
            return NULL;
        pl_expr *like;
        if (sql_at_kw(p, KW_ESCAPE)) {
            p->pos++;
            int esc_start = sql_cur_start(p);
            int64_t len;
            char *esc = sql_parse_string(p, &len);
            if (!esc)
                return NULL;
            /* One character (one UTF-16 unit in Spark; one code point here). */
            int chars = 0;
            for (int64_t idx = 0; idx < len; idx++)
                if (((unsigned char)esc[idx] & 0xC0) != 0x80)
                    chars++;
            if (chars != 1) {
                em_str q;
                em_str_init(&q, 0);
                em_str_putc(&q, '\'');
                for (int64_t idx = 0; idx < len; idx++) {
                    if (esc[idx] == '\\' || esc[idx] == '\'')
                        em_str_putc(&q, '\\');
                    em_str_putc(&q, esc[idx]);
                }
                em_str_putc(&q, '\'');
                sql_defer(p, start, sql_prev_stop(p), "INVALID_ESC", "invalidEscape", q.data, NULL);
                em_str_release(&q);
            }
            pl_expr *lit = sql_lit_string(p, esc, len);
            sql_span(lit, esc_start, sql_prev_stop(p));
            pl_expr *args[3] = {v, pat, lit};
            like = sql_func(p, name, 3, args, start, sql_prev_stop(p));
        } else {
            like = sql_func2(p, name, v, pat, start, pat->src_stop);
        }
        return sql_maybe_not(p, negated, like);
    }
    case KW_IS: {
        if (negated) {
            p->pos = save;
            return v;
        }
        p->pos++;
        bool is_not = false;
        if (sql_at_kw(p, KW_NOT) || sql_peek(p) == TK_BANG) {
            if (sql_peek(p) == TK_BANG && !p->opts.legacy_bang_equals_not) {
                const sql_token *b = sql_tok(p, 0);
                sql_defer(p, b->start, b->stop, "SYNTAX_DISCONTINUED.BANG_EQUALS_NOT", "clause",
                          "!", NULL);
            }
            is_not = true;
            p->pos++;
        }
        const sql_token *k = sql_tok(p, 0);
        int stop = k->stop;
        if (k->kind == TK_IDENT && k->kw == KW_NULL) {
            p->pos++;
            return sql_func1(p, is_not ? "isNotNull" : "isNull", v, start, stop);
        }
        if (k->kind == TK_IDENT && (k->kw == KW_TRUE || k->kw == KW_FALSE)) {
            p->pos++;
            pl_expr *lit = sql_lit_bool(p, k->kw == KW_TRUE);
            sql_span(lit, k->start, k->stop);
            pl_expr *eq = sql_func2(p, "<=>", v, lit, start, stop);
            return is_not ? sql_func1(p, "not", eq, start, stop) : eq;
        }
        if (k->kind == TK_IDENT && k->kw == KW_UNKNOWN) {
            p->pos++;
            return sql_func1(p, is_not ? "isNotUnknown" : "isUnknown", v, start, stop);
        }
        if (k->kind == TK_IDENT && k->kw == KW_DISTINCT) {
            p->pos++;
            if (sql_expect_kw(p, KW_FROM))
                return NULL;
            pl_expr *r = sql_parse_value_expression(p);
            if (!r)
                return NULL;
            pl_expr *eq = sql_func2(p, "<=>", v, r, start, r->src_stop);
            return is_not ? eq : sql_func1(p, "not", eq, start, r->src_stop);
        }
        sql_syntax_error(p);
        return NULL;
    }
    default:
        p->pos = save;
        return v;
    }
}

/* ---- value level ------------------------------------------------------------------------- */

typedef struct sql_binop {
    int prec;
    const char *name;
} sql_binop;

/* The binary operator at the cursor, or prec 0. */
static sql_binop sql_peek_binop(const sql_parser *p)
{
    sql_binop none = {0, NULL};
    const sql_token *t = sql_tok(p, 0);
    switch (t->kind) {
    case TK_EQ:
        return (sql_binop){1, "=="};
    case TK_NSEQ:
        return (sql_binop){1, "<=>"};
    case TK_NEQ:
    case TK_NEQJ:
        return (sql_binop){1, "!="};
    case TK_LT:
        return (sql_binop){1, "<"};
    case TK_LTE:
        return (sql_binop){1, "<="};
    case TK_GT:
        return (sql_binop){1, ">"};
    case TK_GTE:
        return (sql_binop){1, ">="};
    case TK_PIPE:
        return (sql_binop){2, "|"};
    case TK_HAT:
        return (sql_binop){3, "^"};
    case TK_AMP:
        return (sql_binop){4, "&"};
    case TK_SHL:
        return (sql_binop){5, "<<"};
    case TK_SHR:
        return (sql_binop){5, ">>"};
    case TK_SHRU:
        return (sql_binop){5, ">>>"};
    case TK_PLUS:
        return (sql_binop){6, "+"};
    case TK_MINUS:
        return (sql_binop){6, "-"};
    case TK_CONCAT:
        return (sql_binop){6, "concat"};
    case TK_STAR:
        return (sql_binop){7, "*"};
    case TK_SLASH:
        return (sql_binop){7, "/"};
    case TK_PERCENT:
        return (sql_binop){7, "%"};
    case TK_IDENT:
        if (t->kw == KW_DIV && sql_can_start_expression(p, 1) && !sql_at_kw_ahead(p, 1, KW_FROM))
            return (sql_binop){7, "div"};
        return none;
    default:
        return none;
    }
}

static pl_expr *sql_make_binop(sql_parser *p, const char *name, pl_expr *l, pl_expr *r)
{
    int start = l->src_start, stop = r->src_stop;
    if (strcmp(name, "!=") == 0) /* <> and != are Not(EqualTo), as PySpark's != */
        return sql_func1(p, "not", sql_func2(p, "==", l, r, start, stop), start, stop);
    return sql_func2(p, name, l, r, start, stop);
}

static pl_expr *sql_parse_unary(sql_parser *p)
{
    sql_tk k = sql_peek(p);
    if ((k == TK_MINUS && !sql_is_number_kind(sql_tok(p, 1)->kind)) || k == TK_PLUS ||
        k == TK_TILDE) {
        int start = sql_cur_start(p);
        p->pos++;
        if (sql_enter(p))
            return NULL;
        pl_expr *operand = sql_parse_unary(p);
        sql_leave(p);
        if (!operand)
            return NULL;
        /* Unary minus is "-" with one argument: Spark prints it "(- x)", unlike PySpark's
           negative(x). Unary plus is Spark's "positive" (printed "(+ x)"). */
        const char *name = k == TK_MINUS ? "-" : k == TK_PLUS ? "positive" : "~";
        return sql_func1(p, name, operand, start, operand->src_stop);
    }
    return sql_parse_primary(p);
}

static pl_expr *sql_parse_binary(sql_parser *p, int min_prec, pl_expr *left)
{
    if (!left)
        left = sql_parse_unary(p);
    if (!left)
        return NULL;
    while (true) {
        sql_binop op = sql_peek_binop(p);
        if (op.prec < min_prec || op.prec == 0)
            return left;
        p->pos++;
        pl_expr *right = sql_parse_unary(p);
        if (!right)
            return NULL;
        while (true) {
            sql_binop next = sql_peek_binop(p);
            if (next.prec <= op.prec)
                break;
            right = sql_parse_binary(p, op.prec + 1, right);
            if (!right)
                return NULL;
        }
        left = sql_make_binop(p, op.name, left, right);
    }
}

pl_expr *sql_parse_value_expression(sql_parser *p)
{
    return sql_parse_binary(p, 1, NULL);
}

/* ---- primary ----------------------------------------------------------------------------- */

static pl_expr *sql_attr(sql_parser *p, int n_parts, const char **parts, int start, int stop)
{
    pl_expr *e = pl_expr_new(p->arena, PX_ATTR, 0);
    e->n_parts = n_parts;
    e->parts = parts;
    sql_span(e, start, stop);
    return e;
}

static pl_expr *sql_star(sql_parser *p, int n_parts, const char **parts, int start, int stop)
{
    pl_expr *e = pl_expr_new(p->arena, PX_STAR, 0);
    e->n_parts = n_parts;
    e->parts = parts;
    sql_span(e, start, stop);
    /* exceptClause (Spark 4: `* EXCEPT (a, b.c)`): the excluded columns become PX_ATTR
       arguments of the star (UnresolvedStarExcept), resolved after the star expands. */
    if (sql_at_kw(p, KW_EXCEPT) && sql_tok(p, 1)->kind == TK_LPAREN) {
        p->pos++;
        if (sql_expect(p, TK_LPAREN))
            return NULL;
        int cap = 4, n_ex = 0;
        pl_expr **ex = em_arena_calloc(p->arena, (size_t)cap, sizeof *ex);
        do {
            int n, col_start = sql_tok(p, 0)->start;
            const char **cols;
            if (sql_parse_multipart(p, &n, &cols))
                return NULL;
            if (n_ex == cap) {
                pl_expr **grown = em_arena_calloc(p->arena, (size_t)cap * 2, sizeof *grown);
                memcpy(grown, ex, (size_t)n_ex * sizeof *ex);
                ex = grown;
                cap *= 2;
            }
            ex[n_ex++] = sql_attr(p, n, cols, col_start, sql_prev_stop(p));
        } while (sql_accept(p, TK_COMMA));
        if (sql_expect(p, TK_RPAREN))
            return NULL;
        e->n_args = n_ex;
        e->args = ex;
        sql_span(e, start, sql_prev_stop(p));
    }
    return e;
}

/* A parameter marker: the value bound to it (a deep copy), or a deferred error. */
static pl_expr *sql_parse_param(sql_parser *p)
{
    const sql_token *t = sql_tok(p, 0);
    const sql_params *prm = p->params;
    int start = t->start, stop = t->stop;
    pl_expr *value = NULL;
    const char *name;
    if (t->kind == TK_QUESTION) {
        p->pos++;
        name = em_arena_printf(p->arena, "_%d", t->start);
        if (prm && p->n_pos_used < prm->n_pos)
            value = prm->pos[p->n_pos_used];
        p->n_pos_used++;
    } else {
        p->pos++; /* ':' */
        const sql_token *id = sql_tok(p, 0);
        name = sql_parse_ident(p);
        if (!name)
            return NULL;
        stop = id->stop;
        for (int idx = 0; prm && idx < prm->n_named; idx++)
            if (strcmp(prm->names[idx], name) == 0)
                value = prm->named[idx];
    }
    if (!value) {
        sql_defer_jvm(p, "org.apache.spark.sql.catalyst.ExtendedAnalysisException", start, stop,
                      "UNBOUND_SQL_PARAMETER", "name", name, NULL);
        return pl_lit_null(p->arena, ty_null());
    }
    pl_expr *copy = sql_copy_or_fail(p, value);
    sql_span(copy, start, stop);
    return copy;
}

/* Length of `ident (. ident)*` at ahead (in tokens), 0 when not an identifier. */
static int sql_qualified_len(const sql_parser *p, int ahead)
{
    if (!sql_is_ident_tok(p, sql_tok(p, ahead), false))
        return 0;
    int n = 1;
    while (sql_tok(p, ahead + n)->kind == TK_DOT &&
           sql_is_ident_tok(p, sql_tok(p, ahead + n + 1), false))
        n += 2;
    return n;
}

static pl_expr *sql_parse_alias_suffix(sql_parser *p, pl_expr *e);
static bool sql_is_clause_word(sql_kw kw);
static bool sql_at_ident_list(const sql_parser *p, int ahead);

static pl_expr *sql_parse_paren(sql_parser *p)
{
    int start = sql_cur_start(p);
    if (sql_at_lambda(p))
        return sql_parse_lambda(p);
    if (sql_at_query_start(p, 1)) {
        p->pos++;
        pl_node *q = sql_parse_query(p);
        if (!q || sql_expect(p, TK_RPAREN))
            return NULL;
        return sql_subquery_expr(p, PX_SCALAR_SUBQUERY, q, 0, NULL, start, sql_prev_stop(p));
    }
    p->pos++;
    pl_expr *first = sql_parse_expression(p);
    if (!first)
        return NULL;
    if (sql_accept(p, TK_RPAREN))
        return first; /* the inner expression keeps its own span, as in Spark */
    /* A row constructor: ( namedExpression, namedExpression, ... ) becomes struct(...). */
    if (sql_peek(p) != TK_COMMA) {
        first = sql_parse_alias_suffix(p, first);
        if (!first || sql_expect(p, TK_COMMA))
            return NULL;
        p->pos--;
    }
    int n = 0, cap = 4;
    pl_expr **items = em_arena_alloc(p->arena, (size_t)cap * sizeof *items);
    items[n++] = first;
    while (sql_accept(p, TK_COMMA)) {
        pl_expr *e = sql_parse_named_expression(p);
        if (!e)
            return NULL;
        if (n == cap) {
            pl_expr **grown = em_arena_alloc(p->arena, (size_t)cap * 2 * sizeof *items);
            memcpy(grown, items, (size_t)n * sizeof *items);
            items = grown;
            cap *= 2;
        }
        items[n++] = e;
    }
    if (sql_expect(p, TK_RPAREN))
        return NULL;
    return sql_func(p, "struct", n, items, start, sql_prev_stop(p));
}

static bool sql_is_string_token(const sql_parser *p, const sql_token *t)
{
    return t->kind == TK_STRING || (t->kind == TK_DQSTRING && !p->opts.double_quoted_identifiers);
}

static pl_expr *sql_parse_primary_base(sql_parser *p)
{
    const sql_token *t = sql_tok(p, 0);
    int start = t->start;
    if (sql_is_number_kind(t->kind)) {
        p->pos++;
        pl_expr *e = sql_number_literal(p, t, -1);
        sql_span(e, t->start, t->stop);
        return e;
    }
    if (t->kind == TK_MINUS && sql_is_number_kind(sql_tok(p, 1)->kind)) {
        const sql_token *num = sql_tok(p, 1);
        p->pos += 2;
        pl_expr *e = sql_number_literal(p, num, t->start);
        sql_span(e, t->start, num->stop);
        return e;
    }
    if (sql_is_string_token(p, t)) {
        int64_t len;
        char *s = sql_parse_string(p, &len);
        if (!s)
            return NULL;
        pl_expr *e = sql_lit_string(p, s, len);
        sql_span(e, start, sql_prev_stop(p));
        return e;
    }
    switch (t->kind) {
    case TK_QUESTION:
        return sql_parse_param(p);
    case TK_COLON:
        if (sql_is_ident_tok(p, sql_tok(p, 1), false))
            return sql_parse_param(p);
        break;
    case TK_STAR:
        p->pos++;
        return sql_star(p, 0, NULL, t->start, t->stop);
    case TK_LPAREN:
        return sql_parse_paren(p);
    default:
        break;
    }
    if (!sql_is_ident_tok(p, t, false) && !(t->kind == TK_IDENT && t->kw != KW__NONE)) {
        sql_syntax_error(p);
        return NULL;
    }
    const sql_token *next = sql_tok(p, 1);
    if (t->kind == TK_IDENT) {
        switch (t->kw) {
        case KW_NULL: {
            p->pos++;
            pl_expr *e = pl_lit_null(p->arena, ty_null());
            sql_span(e, t->start, t->stop);
            return e;
        }
        case KW_TRUE:
        case KW_FALSE: {
            p->pos++;
            pl_expr *e = sql_lit_bool(p, t->kw == KW_TRUE);
            sql_span(e, t->start, t->stop);
            return e;
        }
        case KW_INTERVAL:
            if (sql_at_interval_literal(p))
                return sql_parse_interval(p);
            break;
        case KW_CASE:
            if (sql_at_kw_ahead(p, 1, KW_WHEN) ||
                (sql_can_start_expression(p, 1) && !sql_at_kw_ahead(p, 1, KW_FROM) &&
                 !sql_at_kw_ahead(p, 1, KW_AS)))
                return sql_parse_case(p);
            break;
        case KW_CURRENT_DATE:
        case KW_CURRENT_TIMESTAMP:
        case KW_CURRENT_TIME:
        case KW_CURRENT_USER:
        case KW_USER:
        case KW_SESSION_USER:
            /* Under enforced reserved keywords these are functions; otherwise Spark keeps a
               column reference that the analyzer falls back to the function for. */
            if (p->opts.enforce_reserved_keywords && next->kind != TK_LPAREN) {
                p->pos++;
                const char *fname = t->kw == KW_CURRENT_DATE        ? "current_date"
                                    : t->kw == KW_CURRENT_TIMESTAMP ? "current_timestamp"
                                    : t->kw == KW_CURRENT_TIME      ? "current_time"
                                                                    : "current_user";
                return sql_func(p, fname, 0, NULL, t->start, t->stop);
            }
            break;
        default:
            break;
        }
        if (!sql_is_ident_tok(p, t, false) && next->kind != TK_LPAREN) {
            sql_syntax_error(p);
            return NULL;
        }
    }
    /* literalType 'string' (typed literal), including unsupported type words. */
    if ((t->kind == TK_IDENT || t->kind == TK_QIDENT) && sql_is_string_token(p, next))
        return sql_typed_literal(p, p->pos);
    if (next->kind == TK_ARROW)
        return sql_parse_lambda(p);
    int qlen = sql_qualified_len(p, 0);
    if (qlen == 0 && next->kind == TK_LPAREN)
        qlen = 1; /* a reserved word used as a function name (LEFT, RIGHT, FILTER...) */
    const sql_token *after = sql_tok(p, qlen);
    if (after->kind == TK_LPAREN)
        return sql_parse_call(p);
    if (after->kind == TK_DOT && sql_tok(p, qlen + 1)->kind == TK_STAR) {
        int n = (qlen + 1) / 2;
        const char **parts = em_arena_alloc(p->arena, (size_t)n * sizeof *parts);
        for (int idx = 0; idx < n; idx++) {
            parts[idx] = sql_parse_ident(p);
            if (!parts[idx])
                return NULL;
            p->pos++; /* '.' */
        }
        int stop = sql_tok(p, 0)->stop;
        p->pos++; /* '*' */
        return sql_star(p, n, parts, start, stop);
    }
    const char **parts = em_arena_alloc(p->arena, sizeof *parts);
    parts[0] = sql_parse_ident(p);
    if (!parts[0])
        return NULL;
    return sql_attr(p, 1, parts, start, t->stop);
}

/* char(n) / varchar(n) cast targets become string, as CharVarcharUtils does for casts. */
static const ty *sql_cast_target(const ty *t)
{
    if (t && (t->kind == TY_CHAR || t->kind == TY_VARCHAR))
        return ty_string();
    return t;
}

pl_expr *sql_make_cast(sql_parser *p, pl_expr *e, const ty *type, pl_eval_mode mode, int start,
                       int stop)
{
    pl_expr *c = pl_expr_new(p->arena, PX_CAST, 1);
    c->args[0] = e;
    c->cast_type = sql_cast_target(type);
    c->eval_mode = mode;
    sql_span(c, start, stop);
    return c;
}

pl_expr *sql_parse_primary(sql_parser *p)
{
    if (sql_enter(p))
        return NULL;
    pl_expr *e = sql_parse_primary_base(p);
    while (e) {
        int start = e->src_start;
        if (sql_accept(p, TK_LBRACKET)) {
            pl_expr *idx = sql_parse_value_expression(p);
            if (!idx || sql_expect(p, TK_RBRACKET)) {
                e = NULL;
                break;
            }
            pl_expr *x = pl_expr_new(p->arena, PX_EXTRACT, 2);
            x->args[0] = e;
            x->args[1] = idx;
            sql_span(x, start, sql_prev_stop(p));
            e = x;
        } else if (sql_peek(p) == TK_DOT) {
            p->pos++;
            const sql_token *ft = sql_tok(p, 0);
            const char *field = sql_parse_ident(p);
            if (!field) {
                e = NULL;
                break;
            }
            if (e->kind == PX_ATTR) {
                const char **parts =
                    em_arena_alloc(p->arena, (size_t)(e->n_parts + 1) * sizeof *parts);
                memcpy(parts, e->parts, (size_t)e->n_parts * sizeof *parts);
                parts[e->n_parts] = field;
                e->parts = parts;
                e->n_parts++;
                e->src_stop = ft->stop;
            } else {
                pl_expr *x = pl_expr_new(p->arena, PX_EXTRACT, 2);
                x->args[0] = e;
                x->args[1] = sql_lit_string(p, field, (int64_t)strlen(field));
                sql_span(x->args[1], ft->start, ft->stop);
                sql_span(x, start, ft->stop);
                e = x;
            }
        } else if (sql_accept(p, TK_DCOLON)) {
            const ty *type = sql_parse_data_type(p);
            if (!type) {
                e = NULL;
                break;
            }
            e = sql_make_cast(p, e, type, PX_EVAL_UNSPECIFIED, start, sql_prev_stop(p));
        } else if (sql_at_kw(p, KW_COLLATE)) {
            p->pos++;
            int n_parts;
            const char **parts;
            if (sql_parse_multipart(p, &n_parts, &parts)) {
                e = NULL;
                break;
            }
            em_str s;
            em_str_init(&s, 0);
            for (int idx = 0; idx < n_parts; idx++) {
                if (idx)
                    em_str_putc(&s, '.');
                em_str_puts(&s, parts[idx]);
            }
            pl_expr *name = sql_lit_string(p, s.data, (int64_t)s.len);
            sql_span(name, sql_tok(p, -n_parts * 2 + 1)->start, sql_prev_stop(p));
            em_str_release(&s);
            e = sql_func2(p, "collate", e, name, start, sql_prev_stop(p));
        } else if (sql_peek(p) == TK_COLON &&
                   (sql_is_ident_tok(p, sql_tok(p, 1), false) ||
                    sql_tok(p, 1)->kind == TK_LBRACKET || sql_tok(p, 1)->kind == TK_QIDENT)) {
            sql_not_implemented(p, start, sql_tok(p, 1)->stop, "the ':' path extraction");
            e = NULL;
        } else {
            break;
        }
    }
    sql_leave(p);
    return e;
}

/* ---- named expressions and sort items ---------------------------------------------------- */

/* Words that end a select item rather than naming it (they continue the query). */
static bool sql_is_clause_word(sql_kw kw)
{
    switch (kw) {
    case KW_FROM:
    case KW_WHERE:
    case KW_GROUP:
    case KW_HAVING:
    case KW_ORDER:
    case KW_LIMIT:
    case KW_OFFSET:
    case KW_WINDOW:
    case KW_SORT:
    case KW_CLUSTER:
    case KW_DISTRIBUTE:
    case KW_UNION:
    case KW_EXCEPT:
    case KW_MINUS:
    case KW_INTERSECT:
    case KW_LATERAL:
    case KW_INTO:
    case KW_FOR:
    case KW_USING:
    case KW_ON:
        return true;
    default:
        return false;
    }
}

/* `( ident, ... )` exactly at ahead. */
static bool sql_at_ident_list(const sql_parser *p, int ahead)
{
    if (sql_tok(p, ahead)->kind != TK_LPAREN)
        return false;
    int k = ahead + 1;
    while (true) {
        if (!sql_is_ident_tok(p, sql_tok(p, k), false))
            return false;
        k++;
        if (sql_tok(p, k)->kind == TK_RPAREN)
            return true;
        if (sql_tok(p, k)->kind != TK_COMMA)
            return false;
        k++;
    }
}

/* [AS] alias | [AS] (a, b, ...) after an expression; e itself when no alias follows. */
static pl_expr *sql_parse_alias_suffix(sql_parser *p, pl_expr *e)
{
    bool has_as = sql_accept_kw(p, KW_AS);
    const sql_token *t = sql_tok(p, 0);
    int n = 0;
    const char **names = NULL;
    if (sql_at_ident_list(p, 0) && (has_as || e->kind != PX_ATTR)) {
        if (sql_parse_ident_list(p, &n, &names))
            return NULL;
    } else if (has_as || (sql_is_ident_tok(p, t, false) &&
                          !(t->kind == TK_IDENT && sql_is_clause_word(t->kw)))) {
        const char *name = sql_parse_ident_ec(p);
        if (!name)
            return NULL;
        n = 1;
        names = em_arena_alloc(p->arena, sizeof *names);
        names[0] = name;
    } else {
        return e;
    }
    pl_expr *a = pl_expr_new(p->arena, PX_ALIAS, 1);
    a->args[0] = e;
    a->n_parts = n;
    a->parts = names;
    sql_span(a, e->src_start, sql_prev_stop(p));
    return a;
}

pl_expr *sql_parse_named_expression(sql_parser *p)
{
    pl_expr *e = sql_parse_expression(p);
    if (!e)
        return NULL;
    return sql_parse_alias_suffix(p, e);
}

pl_expr *sql_parse_sort_item(sql_parser *p)
{
    pl_expr *e = sql_parse_expression(p);
    if (!e)
        return NULL;
    pl_expr *s = pl_expr_new(p->arena, PX_SORT_ORDER, 1);
    s->args[0] = e;
    if (sql_accept_kw(p, KW_DESC))
        s->descending = true;
    else
        sql_accept_kw(p, KW_ASC);
    s->nulls_first = !s->descending;
    if (sql_accept_kw(p, KW_NULLS)) {
        if (sql_accept_kw(p, KW_FIRST))
            s->nulls_first = true;
        else if (sql_accept_kw(p, KW_LAST))
            s->nulls_first = false;
        else {
            sql_syntax_error(p);
            return NULL;
        }
    }
    sql_span(s, e->src_start, sql_prev_stop(p));
    return s;
}
