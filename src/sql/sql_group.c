/*
 * sql_group: the GROUP BY clause (Spark's aggregationClause and groupingAnalytics) into the
 * grouping fields of a PL_AGGREGATE: groups, u.agg.group_type, u.agg.sets.
 *
 * Forms:
 *  - GROUP BY a, b: plain groups (PL_GROUP_BY);
 *  - GROUP BY a, b WITH ROLLUP | WITH CUBE, GROUP BY ROLLUP(a, b) / CUBE(a, b): PL_GROUP_ROLLUP
 *    / PL_GROUP_CUBE over the groups (the analyzer derives the sets);
 *  - everything else with grouping analytics becomes PL_GROUP_SETS with the sets computed here,
 *    as Spark's AstBuilder and GroupingAnalytics do: each GROUP BY element selects a list of
 *    sets (a plain expression: [[e]]; ROLLUP over set tuples: the prefixes, longest first;
 *    CUBE: every subset in Spark's cubeExprs order; GROUPING SETS: its sets, nested analytics
 *    contributing theirs), and the query's sets are the cross product of the elements' lists,
 *    concatenating left to right. groups = every expression of the elements, distinct (by
 *    text), in order: what grouping_id() numbers;
 *  - the Hive form GROUP BY a, b GROUPING SETS ((a), (c)): the sets as written, groups = a, b
 *    then the sets' expressions not among them.
 * An empty set inside ROLLUP / CUBE is _LEGACY_ERROR_TEMP_0051 (deferred, as AstBuilder).
 */
#include "sql/sql_int.h"

#include "common/em_mem.h"

#include <string.h>

/* The most sets a GROUP BY may expand to (a CUBE of 12 columns is 4096). */
#define SQL_MAX_GROUPING_SETS 4096

/* A list of grouping sets. */
typedef struct sql_set_list {
    int n, cap;
    sql_exprs *sets;
} sql_set_list;

static void sql_sets_push(sql_parser *p, sql_set_list *l, sql_exprs set)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 8;
        sql_exprs *grown = em_arena_calloc(p->arena, (size_t)cap, sizeof *grown);
        if (l->n)
            memcpy(grown, l->sets, (size_t)l->n * sizeof *grown);
        l->sets = grown;
        l->cap = cap;
    }
    l->sets[l->n++] = set;
}

/* The concatenation of two sets (a new list). */
static sql_exprs sql_set_concat(sql_parser *p, const sql_exprs *x, const sql_exprs *y)
{
    sql_exprs r = {0};
    for (int idx = 0; idx < x->n; idx++)
        sql_exprs_push(p, &r, x->items[idx]);
    for (int idx = 0; idx < y->n; idx++)
        sql_exprs_push(p, &r, y->items[idx]);
    return r;
}

/* groupingSet: ( [expr, ...] ) or expr. A parenthesized group followed by ',' or ')' is a set
   (a column tuple); otherwise it starts an expression such as (a) + 1. Decided by scanning to
   the matching parenthesis, so nothing is parsed twice. */
static int sql_parse_grouping_set(sql_parser *p, sql_exprs *set)
{
    if (sql_peek(p) == TK_LPAREN && !sql_at_lambda(p)) {
        int depth = 0, k = 0;
        for (; sql_tok(p, k)->kind != TK_EOF; k++) {
            if (sql_tok(p, k)->kind == TK_LPAREN)
                depth++;
            else if (sql_tok(p, k)->kind == TK_RPAREN && --depth == 0)
                break;
        }
        sql_tk after = sql_tok(p, k + 1)->kind;
        if (after == TK_COMMA || after == TK_RPAREN) {
            p->pos++;
            if (sql_accept(p, TK_RPAREN))
                return EM_OK;
            do {
                pl_expr *e = sql_parse_expression(p);
                if (!e)
                    return EM_EUSER;
                sql_exprs_push(p, set, sql_maybe_ordinal(p, e));
            } while (sql_accept(p, TK_COMMA));
            return sql_expect(p, TK_RPAREN);
        }
    }
    pl_expr *e = sql_parse_expression(p);
    if (!e)
        return EM_EUSER;
    sql_exprs_push(p, set, sql_maybe_ordinal(p, e));
    return EM_OK;
}

/* Adds e to groups unless an equal expression (same text) is there: Spark's
   distinctGroupByExprs. */
static void sql_push_distinct(sql_parser *p, sql_exprs *groups, pl_expr *e)
{
    em_str a, b;
    em_str_init(&a, 0);
    sql_dump_expr(e, &a);
    for (int idx = 0; idx < groups->n; idx++) {
        em_str_init(&b, 0);
        sql_dump_expr(groups->items[idx], &b);
        bool same = a.len == b.len && (a.len == 0 || memcmp(a.data, b.data, a.len) == 0);
        em_str_release(&b);
        if (same) {
            em_str_release(&a);
            return;
        }
    }
    em_str_release(&a);
    sql_exprs_push(p, groups, e);
}

/* Spark's cubeExprs0: cube(x :: xs) = cube(xs).map(x ++ _) ++ cube(xs); cube(Nil) = [[]]. */
static int sql_cube_sets(sql_parser *p, const sql_exprs *tuples, int n, sql_set_list *out)
{
    if (n == 0) {
        sql_exprs empty = {0};
        sql_sets_push(p, out, empty);
        return EM_OK;
    }
    sql_set_list rest = {0};
    if (sql_cube_sets(p, tuples + 1, n - 1, &rest))
        return EM_EUSER;
    for (int k = 0; k < rest.n; k++)
        sql_sets_push(p, out, sql_set_concat(p, &tuples[0], &rest.sets[k]));
    for (int k = 0; k < rest.n; k++)
        sql_sets_push(p, out, rest.sets[k]);
    return EM_OK;
}

/*
 * groupingAnalytics at the cursor (ROLLUP / CUBE / GROUPING SETS, keyword already checked):
 * its selected sets into *sets, its expressions (Spark's children) into *children; *simple is
 * set for a ROLLUP / CUBE whose sets are single expressions.
 */
static int sql_parse_analytics(sql_parser *p, sql_set_list *sets, sql_exprs *children,
                               pl_group_type *type, bool *simple)
{
    int start = sql_cur_start(p);
    bool rollup = sql_at_kw(p, KW_ROLLUP), cube = sql_at_kw(p, KW_CUBE);
    *simple = false;
    if (rollup || cube) {
        p->pos += 2; /* ROLLUP ( */
        *type = rollup ? PL_GROUP_ROLLUP : PL_GROUP_CUBE;
        sql_exprs *tuples = NULL;
        int n = 0, cap = 0;
        bool has_empty = false, all_single = true;
        do {
            sql_exprs set = {0};
            if (sql_parse_grouping_set(p, &set))
                return EM_EUSER;
            if (n == cap) {
                cap = cap ? cap * 2 : 8;
                sql_exprs *grown = em_arena_calloc(p->arena, (size_t)cap, sizeof *grown);
                if (n)
                    memcpy(grown, tuples, (size_t)n * sizeof *grown);
                tuples = grown;
            }
            tuples[n++] = set;
            has_empty |= set.n == 0;
            all_single &= set.n == 1;
            for (int idx = 0; idx < set.n; idx++)
                sql_exprs_push(p, children, set.items[idx]);
        } while (sql_accept(p, TK_COMMA));
        if (sql_expect(p, TK_RPAREN))
            return EM_EUSER;
        if (has_empty)
            sql_defer(p, start, sql_prev_stop(p), "_LEGACY_ERROR_TEMP_0051", "element",
                      rollup ? "ROLLUP" : "CUBE", NULL);
        *simple = all_single;
        if (rollup) {
            /* rollupExprs: inits, longest first. */
            for (int k = n; k >= 0; k--) {
                sql_exprs set = {0};
                for (int t = 0; t < k; t++)
                    set = sql_set_concat(p, &set, &tuples[t]);
                sql_sets_push(p, sets, set);
            }
        } else {
            if (n > 12)
                return sql_not_implemented(p, start, sql_prev_stop(p),
                                           "cube over more than 12 grouping sets");
            if (sql_cube_sets(p, tuples, n, sets))
                return EM_EUSER;
        }
        return EM_OK;
    }
    p->pos += 3; /* GROUPING SETS ( */
    *type = PL_GROUP_SETS;
    do {
        if ((sql_at_kw(p, KW_ROLLUP) || sql_at_kw(p, KW_CUBE)) &&
            sql_tok(p, 1)->kind == TK_LPAREN) {
            sql_exprs ignored_children = {0};
            pl_group_type nested_type;
            bool nested_simple;
            if (sql_parse_analytics(p, sets, &ignored_children, &nested_type, &nested_simple))
                return EM_EUSER;
        } else if (sql_at_kw(p, KW_GROUPING) && sql_at_kw_ahead(p, 1, KW_SETS) &&
                   sql_tok(p, 2)->kind == TK_LPAREN) {
            sql_exprs ignored_children = {0};
            pl_group_type nested_type;
            bool nested_simple;
            if (sql_parse_analytics(p, sets, &ignored_children, &nested_type, &nested_simple))
                return EM_EUSER;
        } else {
            sql_exprs set = {0};
            if (sql_parse_grouping_set(p, &set))
                return EM_EUSER;
            sql_sets_push(p, sets, set);
        }
        if (sets->n > SQL_MAX_GROUPING_SETS)
            return sql_not_implemented(p, start, sql_prev_stop(p), "more than 4096 grouping sets");
    } while (sql_accept(p, TK_COMMA));
    /* GroupingSets' children: the flattened sets. */
    for (int k = 0; k < sets->n; k++)
        for (int idx = 0; idx < sets->sets[k].n; idx++)
            sql_exprs_push(p, children, sets->sets[k].items[idx]);
    return sql_expect(p, TK_RPAREN);
}

static bool sql_at_analytics(sql_parser *p)
{
    if ((sql_at_kw(p, KW_ROLLUP) || sql_at_kw(p, KW_CUBE)) && sql_tok(p, 1)->kind == TK_LPAREN)
        return true;
    return sql_at_kw(p, KW_GROUPING) && sql_at_kw_ahead(p, 1, KW_SETS) &&
           sql_tok(p, 2)->kind == TK_LPAREN;
}

static void sql_store_sets(sql_parser *p, pl_node *agg, const sql_set_list *sets)
{
    int n = sets->n;
    agg->u.agg.n_sets = n;
    agg->u.agg.set_sizes = em_arena_calloc(p->arena, (size_t)(n ? n : 1), sizeof(int));
    agg->u.agg.sets = em_arena_calloc(p->arena, (size_t)(n ? n : 1), sizeof(pl_expr **));
    for (int k = 0; k < n; k++) {
        agg->u.agg.set_sizes[k] = sets->sets[k].n;
        agg->u.agg.sets[k] = sets->sets[k].items;
    }
}

int sql_parse_group_by(sql_parser *p, pl_node *agg)
{
    int start = sql_cur_start(p);
    p->pos += 2;                /* GROUP BY */
    sql_exprs plain = {0};      /* the elements, when none is an analytics */
    sql_set_list product = {0}; /* the cross product so far */
    sql_exprs children = {0};   /* every element's expressions, in order */
    int n_analytics = 0, n_elems = 0;
    pl_group_type single_type = PL_GROUP_BY;
    bool single_simple = false;
    sql_exprs first = {0};
    sql_exprs empty = {0};
    sql_sets_push(p, &product, empty);
    do {
        sql_set_list mine = {0};
        if (sql_at_analytics(p)) {
            n_analytics++;
            sql_exprs kids = {0};
            if (sql_parse_analytics(p, &mine, &kids, &single_type, &single_simple))
                return EM_EUSER;
            for (int idx = 0; idx < kids.n; idx++)
                sql_exprs_push(p, &children, kids.items[idx]);
            if (n_elems == 0)
                first = kids;
        } else {
            pl_expr *e = sql_parse_expression(p);
            if (!e)
                return EM_EUSER;
            e = sql_maybe_ordinal(p, e);
            sql_exprs_push(p, &plain, e);
            sql_exprs_push(p, &children, e);
            sql_exprs one = {0};
            sql_exprs_push(p, &one, e);
            sql_sets_push(p, &mine, one);
        }
        n_elems++;
        if ((int64_t)product.n * mine.n > SQL_MAX_GROUPING_SETS)
            return sql_not_implemented(p, start, sql_prev_stop(p), "more than 4096 grouping sets");
        sql_set_list next = {0};
        for (int x = 0; x < product.n; x++)
            for (int y = 0; y < mine.n; y++)
                sql_sets_push(p, &next, sql_set_concat(p, &product.sets[x], &mine.sets[y]));
        product = next;
    } while (sql_accept(p, TK_COMMA));

    if (n_analytics == 0) {
        agg->n_groups = plain.n;
        agg->groups = plain.items;
        agg->u.agg.group_type = PL_GROUP_BY;
        /* The older forms: GROUP BY a, b WITH ROLLUP | WITH CUBE | GROUPING SETS (...). */
        if (sql_at_kw(p, KW_WITH) &&
            (sql_at_kw_ahead(p, 1, KW_ROLLUP) || sql_at_kw_ahead(p, 1, KW_CUBE))) {
            agg->u.agg.group_type =
                sql_at_kw_ahead(p, 1, KW_ROLLUP) ? PL_GROUP_ROLLUP : PL_GROUP_CUBE;
            p->pos += 2;
        } else if (sql_at_kw(p, KW_GROUPING) && sql_at_kw_ahead(p, 1, KW_SETS)) {
            p->pos += 2;
            if (sql_expect(p, TK_LPAREN))
                return EM_EUSER;
            sql_set_list sets = {0};
            do {
                sql_exprs set = {0};
                if (sql_parse_grouping_set(p, &set))
                    return EM_EUSER;
                sql_sets_push(p, &sets, set);
                /* Hive: the user's GROUP BY list first, then the sets' other expressions. */
                for (int idx = 0; idx < set.n; idx++)
                    sql_push_distinct(p, &plain, set.items[idx]);
            } while (sql_accept(p, TK_COMMA));
            if (sql_expect(p, TK_RPAREN))
                return EM_EUSER;
            agg->n_groups = plain.n;
            agg->groups = plain.items;
            agg->u.agg.group_type = PL_GROUP_SETS;
            sql_store_sets(p, agg, &sets);
        }
        return EM_OK;
    }
    sql_exprs groups = {0};
    for (int idx = 0; idx < children.n; idx++)
        sql_push_distinct(p, &groups, children.items[idx]);
    agg->n_groups = groups.n;
    agg->groups = groups.items;
    if (n_elems == 1 && single_type != PL_GROUP_SETS && single_simple && groups.n == first.n) {
        agg->u.agg.group_type = single_type; /* ROLLUP(a, b) / CUBE(a, b): sets derived later */
        return EM_OK;
    }
    agg->u.agg.group_type = PL_GROUP_SETS;
    sql_store_sets(p, agg, &product);
    return EM_OK;
}
