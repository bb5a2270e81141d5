/*
 * an_star: `* EXCEPT (cols)` (Spark 4's UnresolvedStarExcept), applied to the columns a star
 * expanded to (an_expand_star in an_expr.c calls it when the PX_STAR has arguments).
 *
 * Spark's three steps: (1) the star expands as usual; (2) each excluded name resolves over the
 * expanded columns (as attributes: their names and qualifiers), UNRESOLVED_COLUMN with the
 * expanded columns as suggestions otherwise; a nested name (`data.s2.f2`) resolves to a struct
 * field chain, whose links must all be struct fields (EXCEPT_NESTED_COLUMN_INVALID_TYPE);
 * (3) the columns are filtered: a column named by a whole except is dropped, a column named
 * only through nested excepts is rebuilt as a struct (CreateStruct: not nullable) of its
 * fields, filtered the same way, recursively; a column named both whole and nested, or twice,
 * is EXCEPT_OVERLAPPING_COLUMNS (the excepts as written, joined with ", ").
 */
#include "analyzer/an_int.h"

#include <string.h>

/* One except resolved to a column of the current level and the field path below it. */
typedef struct an_except {
    int col;
    int n_path;
    const char **path;
} an_except;

static int an_star_overlap(an_ctx *c, const pl_expr *star)
{
    em_str cols;
    em_str_init(&cols, 0);
    for (int k = 0; k < star->n_args; k++) {
        if (k)
            em_str_puts(&cols, ", ");
        for (int p = 0; p < star->args[k]->n_parts; p++) {
            if (p)
                em_str_putc(&cols, '.');
            em_str_puts(&cols, star->args[k]->parts[p]);
        }
    }
    em_error_set(c->err, "EXCEPT_OVERLAPPING_COLUMNS", "columns", cols.data ? cols.data : "", NULL);
    em_str_release(&cols);
    return c->err->code;
}

/* The root column and field names of a resolved except (a COLREF under struct extractions). */
static int an_except_root(an_ctx *c, const pl_expr *r, an_except *out)
{
    int depth = 0;
    for (const pl_expr *e = r; e->kind == PX_EXTRACT; e = e->args[0])
        depth++;
    out->n_path = depth;
    out->path = em_arena_calloc(c->a, (size_t)(depth ? depth : 1), sizeof(char *));
    const pl_expr *e = r;
    for (int k = depth - 1; k >= 0; k--, e = e->args[0]) {
        const pl_expr *base = e->args[0];
        if (base->type->kind != TY_STRUCT || e->args[1]->kind != PX_LITERAL) {
            em_str sql, type;
            em_str_init(&sql, 0);
            em_str_init(&type, 0);
            an_expr_sql(c, e, &sql);
            ty_sql(base->type, &type);
            em_error_set(c->err, "EXCEPT_NESTED_COLUMN_INVALID_TYPE", "columnName",
                         sql.data ? sql.data : "", "dataType", type.data ? type.data : "", NULL);
            em_str_release(&sql);
            em_str_release(&type);
            return c->err->code;
        }
        out->path[k] = base->type->fields[e->ordinal >= 0 ? e->ordinal : 0].name;
        if (e->ordinal < 0) {
            int32_t len;
            const char *s = vec_str(e->args[1]->lit, 0, &len);
            out->path[k] = em_arena_strndup(c->a, s, (size_t)len);
        }
    }
    if (e->kind != PX_COLREF)
        return em_error_internal(c->err, "star except: unexpected %d", (int)e->kind);
    out->col = e->col_index;
    return EM_OK;
}

/* Filters columns (exprs / names, n of them) by the excepts; results replace the arrays. */
static int an_except_filter(an_ctx *c, const pl_expr *star, int *n, pl_expr ***exprs,
                            const char ***names, int n_ex, const an_except *ex)
{
    int cnt = *n;
    pl_expr **oe = em_arena_calloc(c->a, (size_t)(cnt ? cnt : 1), sizeof(pl_expr *));
    const char **on = em_arena_calloc(c->a, (size_t)(cnt ? cnt : 1), sizeof(char *));
    int kept = 0;
    for (int idx = 0; idx < cnt; idx++) {
        int n_mine = 0, n_whole = 0;
        for (int k = 0; k < n_ex; k++)
            if (ex[k].col == idx) {
                n_mine++;
                n_whole += ex[k].n_path == 0;
            }
        if (n_mine == 0) {
            oe[kept] = (*exprs)[idx];
            on[kept++] = (*names)[idx];
            continue;
        }
        if (n_whole > 0 && n_mine > 1)
            return an_star_overlap(c, star);
        if (n_whole == 1)
            continue; /* dropped */
        /* Nested excepts only: rebuild the struct from its filtered fields. */
        pl_expr *col = (*exprs)[idx];
        const ty *st = col->type;
        int nf = st->n_fields;
        pl_expr **fe = em_arena_calloc(c->a, (size_t)(nf ? nf : 1), sizeof(pl_expr *));
        const char **fn = em_arena_calloc(c->a, (size_t)(nf ? nf : 1), sizeof(char *));
        for (int f = 0; f < nf; f++) {
            fn[f] = st->fields[f].name;
            if (an_extract_field(c, col, fn[f], &fe[f]))
                return c->err->code;
        }
        an_except *sub = em_arena_calloc(c->a, (size_t)n_mine, sizeof *sub);
        int n_sub = 0;
        for (int k = 0; k < n_ex; k++) {
            if (ex[k].col != idx)
                continue;
            int found = -1;
            for (int f = 0; f < nf && found < 0; f++)
                if (an_name_eq(c, fn[f], ex[k].path[0]))
                    found = f;
            if (found < 0)
                return em_error_internal(c->err, "star except: field %s", ex[k].path[0]);
            sub[n_sub].col = found;
            sub[n_sub].n_path = ex[k].n_path - 1;
            sub[n_sub].path = ex[k].path + 1;
            n_sub++;
        }
        if (an_except_filter(c, star, &nf, &fe, &fn, n_sub, sub))
            return c->err->code;
        pl_expr **args = em_arena_calloc(c->a, (size_t)(nf > 0 ? 2 * nf : 1), sizeof(pl_expr *));
        for (int f = 0; f < nf; f++) {
            args[2 * f] = pl_lit_string(c->a, fn[f], (int64_t)strlen(fn[f]));
            args[2 * f]->resolved = true;
            args[2 * f + 1] = fe[f];
        }
        pl_expr *rebuilt;
        if (an_make_call(c, "named_struct", 2 * nf, args, &rebuilt))
            return c->err->code;
        oe[kept] = rebuilt;
        on[kept++] = (*names)[idx];
    }
    *n = kept;
    *exprs = oe;
    *names = on;
    return EM_OK;
}

int an_star_except(an_ctx *c, const an_scope *s, const pl_expr *star, int *n, pl_expr ***exprs,
                   const char ***names)
{
    /* The expanded columns as attributes (Spark: expandedCols.map(_.toAttribute)). */
    int cnt = *n;
    pl_attr *attrs = em_arena_calloc(c->a, (size_t)(cnt ? cnt : 1), sizeof(pl_attr));
    for (int idx = 0; idx < cnt; idx++) {
        const pl_expr *e = (*exprs)[idx];
        if (e->kind == PX_COLREF && e->col_index >= 0 && e->col_index < s->n &&
            s->attrs[e->col_index].id == e->attr_id) {
            attrs[idx] = s->attrs[e->col_index];
        } else {
            attrs[idx].type = e->type;
            attrs[idx].nullable = e->nullable;
            attrs[idx].plan_id = -1;
        }
        attrs[idx].name = (*names)[idx];
        attrs[idx].id = an_new_id(c); /* distinct per position */
    }
    an_scope es;
    memset(&es, 0, sizeof es);
    es.n = cnt;
    es.attrs = attrs;
    an_except *ex = em_arena_calloc(c->a, (size_t)star->n_args, sizeof *ex);
    for (int k = 0; k < star->n_args; k++) {
        const pl_expr *name = star->args[k];
        pl_expr *r = NULL;
        const char *out_name;
        if (an_resolve_name(c, &es, name->n_parts, (const char *const *)name->parts, &r, &out_name))
            return c->err->code;
        if (!r)
            return an_unresolved_column(c, &es, name->n_parts, (const char *const *)name->parts,
                                        name);
        if (an_except_root(c, r, &ex[k]))
            return c->err->code;
    }
    return an_except_filter(c, star, n, exprs, names, star->n_args, ex);
}
