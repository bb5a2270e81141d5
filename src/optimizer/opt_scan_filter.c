/*
 * opt_scan_filter: filters into data-source scans (Spark's FileSourceStrategy /
 * DataSourceStrategy "PushedFilters"). A Filter over a file scan (PL_READ_SOURCE), directly or
 * through Projects that only pass columns on, gives the scan a copy of its conjuncts as
 * u.read.pushed_filters, rewritten over the scan's output columns. The scan (exec/
 * op_scan_source.c -> io/source_prune.c) uses the forms it understands (column or CAST(column)
 * compared with a literal, IN of literals, IS [NOT] NULL, AND of these) to skip files by their
 * partition values and Parquet row groups by their statistics; other conjuncts are ignored
 * there.
 *
 * Invariants: the Filter stays where it is and still evaluates every conjunct (pruning is only a
 * hint, as in Spark, where the Filter stays above the scan); only deterministic conjuncts
 * without subqueries or raise_error are pushed; the scan's output is unchanged. Runs after
 * pushdown and pruning, when filters sit as low as they go.
 */
#include <string.h>

#include "optimizer/opt_int.h"

/* The deepest node under n reached through column-only Projects; map[i] (for n's output i)
   becomes the column of that node it is, or -1. Returns the scan, or NULL. */
static pl_node *opt_sf_scan_below(opt_ctx *c, pl_node *n, int **map_out)
{
    int width = n->n_out;
    int *map = em_arena_calloc(c->a, (size_t)width + 1, sizeof *map);
    for (int idx = 0; idx < width; idx++)
        map[idx] = idx;
    for (int guard = 0; guard < 16; guard++) {
        if (n->kind == PL_READ_SOURCE) {
            *map_out = map;
            return n;
        }
        if (n->kind != PL_PROJECT || n->n_children != 1)
            return NULL;
        for (int idx = 0; idx < width; idx++) {
            if (map[idx] < 0)
                continue;
            const pl_expr *e = n->exprs[map[idx]];
            map[idx] =
                e->kind == PX_COLREF && e->col_index >= 0 && e->col_index < n->children[0]->n_out
                    ? e->col_index
                    : -1;
        }
        n = n->children[0];
    }
    return NULL;
}

/* Adds e (over the scan's columns) to the scan's pushed filters unless it is there already. */
static void opt_sf_push(opt_ctx *c, pl_node *scan, pl_expr *e)
{
    int n = scan->u.read.n_pushed_filters;
    for (int idx = 0; idx < n; idx++)
        if (opt_expr_equal(scan->u.read.pushed_filters[idx], e))
            return;
    /* a new array: the old one may be shared with the input plan */
    pl_expr **list = em_arena_calloc(c->a, (size_t)n + 1, sizeof *list);
    if (n)
        memcpy(list, scan->u.read.pushed_filters, (size_t)n * sizeof *list);
    list[n] = e;
    scan->u.read.pushed_filters = list;
    scan->u.read.n_pushed_filters = n + 1;
}

static void opt_sf_filter(opt_ctx *c, pl_node *f)
{
    int *map = NULL;
    pl_node *scan = opt_sf_scan_below(c, f->children[0], &map);
    if (!scan)
        return;
    pl_expr **conj = NULL;
    int n_conj = opt_conjuncts(c, f->u.filter.cond, &conj);
    int width = f->children[0]->n_out;
    bool *refs = em_arena_calloc(c->a, (size_t)width + 1, sizeof *refs);
    for (int idx = 0; idx < n_conj; idx++) {
        pl_expr *e = conj[idx];
        if (!opt_expr_movable(e) || !opt_expr_refs_within(e, 0, width, NULL))
            continue;
        memset(refs, 0, (size_t)width * sizeof *refs);
        opt_expr_refs(e, refs, width);
        bool ok = true;
        for (int col = 0; col < width && ok; col++)
            ok = !refs[col] || map[col] >= 0;
        if (ok)
            opt_sf_push(c, scan, opt_expr_remap(c, e, map, width));
    }
}

static void opt_sf_walk(opt_ctx *c, pl_node *n, int depth)
{
    if (!n || depth > 10000)
        return;
    if (n->kind == PL_FILTER && n->n_children == 1 && n->u.filter.cond)
        opt_sf_filter(c, n);
    for (int idx = 0; idx < n->n_children; idx++)
        opt_sf_walk(c, n->children[idx], depth + 1);
}

int opt_scan_filter(opt_ctx *c, pl_node **root)
{
    opt_sf_walk(c, *root, 0);
    return EM_OK;
}
