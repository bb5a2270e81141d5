/*
 * an_join: joins and set operations.
 *
 * Joins: the condition resolves over left ++ right. USING columns follow Spark's
 * NaturalAndUsingJoinResolution: the first column of each side with the name is the key
 * (UNRESOLVED_USING_COLUMN_FOR_JOIN otherwise), the condition is the AND of key equalities,
 * and a Project above the join outputs the keys once (left keys; right keys for RIGHT OUTER;
 * coalesce(l, r) named like the left key for FULL OUTER) followed by the other columns of
 * both sides. Outer joins make the columns of the optional side nullable.
 *
 * Set operations: by position, the same arity (NUM_COLUMNS_MISMATCH), column types widened
 * to a common type with casts on the inputs (INCOMPATIBLE_COLUMN_TYPE when there is none);
 * unionByName first reorders the right side by name (and with allowMissingColumns adds NULL
 * columns on either side). The output takes the first input's names and attribute ids with
 * nullability merged. UNION with is_all = false means UNION DISTINCT.
 */
#include "analyzer/an_int.h"
#include "functions/fn_coerce.h"

#include <stdio.h>
#include <string.h>

static pl_attr *an_nullable_copy(an_ctx *c, int n, const pl_attr *attrs)
{
    pl_attr *out = an_copy_attrs(c, n, attrs);
    for (int idx = 0; idx < n; idx++)
        out[idx].nullable = true;
    return out;
}

static int an_find_key(an_ctx *c, const pl_node *side, const char *name, const char *which,
                       int *pos)
{
    for (int idx = 0; idx < side->n_out; idx++)
        if (an_name_eq(c, side->out[idx].name, name)) {
            *pos = idx;
            return EM_OK;
        }
    /* suggestion: the side's column names, sorted, quoted. */
    int n = side->n_out;
    const char **names = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof *names);
    for (int idx = 0; idx < n; idx++)
        names[idx] = side->out[idx].name;
    for (int x = 1; x < n; x++)
        for (int y = x; y > 0 && strcmp(names[y - 1], names[y]) > 0; y--) {
            const char *t = names[y];
            names[y] = names[y - 1];
            names[y - 1] = t;
        }
    em_str sug, col;
    em_str_init(&sug, 0);
    em_str_init(&col, 0);
    for (int idx = 0; idx < n; idx++) {
        if (idx)
            em_str_puts(&sug, ", ");
        pl_quote_ident(&sug, names[idx]);
    }
    pl_quote_ident(&col, name);
    em_error_set(c->err, "UNRESOLVED_USING_COLUMN_FOR_JOIN", "colName", col.data, "side", which,
                 "suggestion", sug.data ? sug.data : "", NULL);
    em_str_release(&sug);
    em_str_release(&col);
    return c->err->code;
}

static pl_expr *an_and(an_ctx *c, pl_expr *x, pl_expr *y, int *rc)
{
    const fn_def *def = fn_lookup("and");
    if (!def) {
        *rc = em_error_set(c->err, "UNRESOLVED_ROUTINE", "routineName", "`and`", "searchPath",
                           "[`system`.`builtin`]", NULL);
        return NULL;
    }
    pl_expr *args[2] = {x, y};
    pl_expr *call = pl_func_new(c->a, "and", 2, args);
    call->kind = PX_CALL;
    call->fn = def;
    if (def->bind(def, c->a, call, c->opts, c->err)) {
        *rc = c->err->code;
        return NULL;
    }
    call->resolved = true;
    return call;
}

static pl_expr *an_call2(an_ctx *c, const char *name, pl_expr *x, pl_expr *y, int *rc)
{
    const fn_def *def = fn_lookup(name);
    if (!def) {
        char q[64];
        snprintf(q, sizeof q, "`%s`", name);
        *rc = em_error_set(c->err, "UNRESOLVED_ROUTINE", "routineName", q, "searchPath",
                           "[`system`.`builtin`]", NULL);
        return NULL;
    }
    pl_expr *args[2] = {x, y};
    pl_expr *call = pl_func_new(c->a, name, 2, args);
    call->kind = PX_CALL;
    call->fn = def;
    if (def->bind(def, c->a, call, c->opts, c->err)) {
        *rc = c->err->code;
        return NULL;
    }
    call->resolved = true;
    return call;
}

/* NATURAL JOIN keys: the left side's column names that the right side also has, each once,
   in the left side's order (Spark: left.output.map(_.name).intersect(right's names)). */
static void an_natural_keys(an_ctx *c, const pl_node *left, const pl_node *right, int *n_keys,
                            const char ***keys)
{
    const char **names =
        em_arena_calloc(c->a, (size_t)(left->n_out ? left->n_out : 1), sizeof *names);
    int n = 0;
    for (int l = 0; l < left->n_out; l++) {
        const char *name = left->out[l].name;
        bool seen = false, in_right = false;
        for (int k = 0; k < n && !seen; k++)
            seen = an_name_eq(c, names[k], name);
        for (int r = 0; r < right->n_out && !in_right && !seen; r++)
            in_right = an_name_eq(c, right->out[r].name, name);
        if (!seen && in_right)
            names[n++] = name;
    }
    *n_keys = n;
    *keys = names;
}

/* A view of side's visible columns (its first n_vis outputs) for the USING key lookup. */
static pl_node an_visible_view(const pl_node *side, int n_vis)
{
    pl_node v = *side;
    v.n_out = n_vis;
    return v;
}

int an_join(an_ctx *c, const pl_node *in, pl_node *left, pl_node *right, pl_node **out)
{
    pl_join_type jt = in->u.join.type;
    bool semi = jt == PL_JOIN_LEFT_SEMI || jt == PL_JOIN_LEFT_ANTI;
    /* Sides with hidden USING keys (nested USING joins, an_hidden.c) join exposed; their
       hidden columns follow the visible ones in the condition's scope. */
    int nlv = left->n_out, nrv = right->n_out, lh = 0, rh = 0;
    if ((left->n_hidden > 0 && !left->hidden_exposed) ||
        (right->n_hidden > 0 && !right->hidden_exposed)) {
        if (an_expose_hidden(c, left, &left) || an_expose_hidden(c, right, &right))
            return c->err->code;
        lh = left->hidden_exposed ? left->n_hidden : 0;
        rh = right->hidden_exposed ? right->n_hidden : 0;
        nlv = left->n_out - lh;
        nrv = right->n_out - rh;
    }
    int nl = left->n_out, nr = right->n_out; /* physical widths */
    int nsc = nl + nr;
    pl_attr *both = em_arena_calloc(c->a, (size_t)(nsc ? nsc : 1), sizeof(pl_attr));
    int *map = em_arena_calloc(c->a, (size_t)(nsc ? nsc : 1), sizeof(int));
    int at = 0;
    for (int idx = 0; idx < nlv; idx++, at++) {
        both[at] = left->out[idx];
        map[at] = idx;
    }
    for (int idx = 0; idx < nrv; idx++, at++) {
        both[at] = right->out[idx];
        map[at] = nl + idx;
    }
    for (int idx = 0; idx < lh; idx++, at++) {
        both[at] = left->out[nlv + idx];
        map[at] = nlv + idx;
    }
    for (int idx = 0; idx < rh; idx++, at++) {
        both[at] = right->out[nrv + idx];
        map[at] = nl + nrv + idx;
    }
    an_scope s;
    memset(&s, 0, sizeof s);
    s.n = nlv + nrv;
    s.attrs = both;
    s.n_hidden = lh + rh;
    s.hidden = both + s.n;

    pl_node *j = an_node_like(c, PL_JOIN, 2, in);
    j->children[0] = left;
    j->children[1] = right;
    j->u.join.type =
        jt == PL_JOIN_INNER && !in->u.join.cond && in->u.join.n_using == 0 ? PL_JOIN_INNER : jt;
    int rc = EM_OK;
    pl_expr *cond = NULL;
    if (in->u.join.cond) {
        if (an_expr(c, &s, in->u.join.cond, &cond))
            return c->err->code;
        if (cond->type->kind != TY_BOOLEAN && cond->type->kind != TY_NULL)
            return em_error_set(c->err, "DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN", "sqlExpr", "",
                                "filter", "", "type", "", NULL);
        if (lh + rh > 0)
            an_remap_colrefs(cond, map, nsc);
    }
    int nk = in->u.join.n_using;
    const char **using_cols = in->u.join.using_cols;
    pl_node lview = an_visible_view(left, nlv), rview = an_visible_view(right, nrv);
    if (in->u.join.natural)
        an_natural_keys(c, &lview, &rview, &nk, &using_cols);
    int *lk = em_arena_calloc(c->a, (size_t)(nk ? nk : 1), sizeof(int));
    int *rk = em_arena_calloc(c->a, (size_t)(nk ? nk : 1), sizeof(int));
    for (int k = 0; k < nk; k++) {
        if (an_find_key(c, &lview, using_cols[k], "left", &lk[k]) ||
            an_find_key(c, &rview, using_cols[k], "right", &rk[k]))
            return c->err->code;
        pl_expr *eq = an_call2(c, "==", an_colref(c, &left->out[lk[k]], lk[k]),
                               an_colref(c, &right->out[rk[k]], nl + rk[k]), &rc);
        if (!eq)
            return rc;
        cond = cond ? an_and(c, cond, eq, &rc) : eq;
        if (!cond)
            return rc;
    }
    j->u.join.cond = cond;
    j->u.join.n_using = 0;

    bool left_nullable = jt == PL_JOIN_RIGHT_OUTER || jt == PL_JOIN_FULL_OUTER;
    bool right_nullable = jt == PL_JOIN_LEFT_OUTER || jt == PL_JOIN_FULL_OUTER;
    pl_attr *lo = left_nullable ? an_nullable_copy(c, nl, left->out) : left->out;
    pl_attr *ro = right_nullable ? an_nullable_copy(c, nr, right->out) : right->out;
    j->n_out = semi ? nl : nl + nr;
    j->out = em_arena_calloc(c->a, (size_t)(j->n_out ? j->n_out : 1), sizeof(pl_attr));
    if (nl)
        memcpy(j->out, lo, (size_t)nl * sizeof(pl_attr));
    if (!semi && nr)
        memcpy(j->out + nl, ro, (size_t)nr * sizeof(pl_attr));
    if (lh + rh > 0) {
        /* The visible row of both sides; the sides' hidden columns stay hidden above. */
        int nv = semi ? nlv : nlv + nrv, nhid = semi ? lh : lh + rh;
        pl_expr **ve = em_arena_calloc(c->a, (size_t)(nv ? nv : 1), sizeof(pl_expr *));
        pl_attr *va = em_arena_calloc(c->a, (size_t)(nv ? nv : 1), sizeof(pl_attr));
        pl_attr *ha = em_arena_calloc(c->a, (size_t)(nhid ? nhid : 1), sizeof(pl_attr));
        for (int idx = 0; idx < nv; idx++) {
            int phys = idx < nlv ? idx : nl + (idx - nlv);
            ve[idx] = an_colref(c, &j->out[phys], phys);
            va[idx] = j->out[phys];
        }
        for (int idx = 0; idx < nhid; idx++)
            ha[idx] = j->out[idx < lh ? nlv + idx : nl + nrv + (idx - lh)];
        j->plan_id = -1;
        pl_node *p0 = an_make_project(c, j, nv, ve, va, nk == 0 ? in->plan_id : -1);
        p0->n_hidden = nhid;
        p0->hidden = ha;
        j = p0;
        nl = nlv;
        nr = semi ? 0 : nrv;
    }
    if (nk == 0) {
        *out = j;
        return EM_OK;
    }

    /* USING: the Project that outputs each key once; the other side's keys are hidden
       (Spark's NaturalAndUsingJoinResolution: right keys for INNER / LEFT OUTER, left keys for
       RIGHT OUTER, both for FULL OUTER, none for semi / anti joins), followed by the hidden
       columns of nested USING joins. */
    j->plan_id = -1;
    int cap = nl + nr;
    pl_expr **exprs = em_arena_calloc(c->a, (size_t)(cap ? cap : 1), sizeof(pl_expr *));
    pl_attr *attrs = em_arena_calloc(c->a, (size_t)(cap ? cap : 1), sizeof(pl_attr));
    int n = 0;
    bool *lkey = em_arena_calloc(c->a, (size_t)(nl ? nl : 1), 1);
    bool *rkey = em_arena_calloc(c->a, (size_t)(nr ? nr : 1), 1);
    for (int k = 0; k < nk; k++) {
        lkey[lk[k]] = true;
        if (!semi)
            rkey[rk[k]] = true;
    }
    int n_own = semi ? 0 : jt == PL_JOIN_FULL_OUTER ? 2 * nk : nk;
    int n_hid = n_own + j->n_hidden;
    pl_attr *hid = em_arena_calloc(c->a, (size_t)(n_hid ? n_hid : 1), sizeof(pl_attr));
    int nh = 0;
    for (int k = 0; k < nk; k++) {
        if (jt == PL_JOIN_FULL_OUTER) {
            pl_expr *co = an_call2(c, "coalesce", an_colref(c, &j->out[lk[k]], lk[k]),
                                   an_colref(c, &j->out[nl + rk[k]], nl + rk[k]), &rc);
            if (!co)
                return rc;
            exprs[n] = co;
            memset(&attrs[n], 0, sizeof(pl_attr));
            attrs[n].name = left->out[lk[k]].name;
            attrs[n].type = co->type;
            attrs[n].nullable = co->nullable;
            attrs[n].id = an_new_id(c);
            attrs[n].plan_id = in->plan_id;
        } else if (jt == PL_JOIN_RIGHT_OUTER) {
            exprs[n] = an_colref(c, &j->out[nl + rk[k]], nl + rk[k]);
            attrs[n] = j->out[nl + rk[k]];
        } else {
            exprs[n] = an_colref(c, &j->out[lk[k]], lk[k]);
            attrs[n] = j->out[lk[k]];
        }
        n++;
    }
    if (jt == PL_JOIN_RIGHT_OUTER || jt == PL_JOIN_FULL_OUTER)
        for (int k = 0; k < nk; k++)
            hid[nh++] = j->out[lk[k]];
    if (!semi && jt != PL_JOIN_RIGHT_OUTER)
        for (int k = 0; k < nk; k++)
            hid[nh++] = j->out[nl + rk[k]];
    for (int idx = 0; idx < j->n_hidden; idx++)
        hid[nh++] = j->hidden[idx];
    for (int idx = 0; idx < nl; idx++)
        if (!lkey[idx]) {
            exprs[n] = an_colref(c, &j->out[idx], idx);
            attrs[n++] = j->out[idx];
        }
    for (int idx = 0; !semi && idx < nr; idx++)
        if (!rkey[idx]) {
            exprs[n] = an_colref(c, &j->out[nl + idx], nl + idx);
            attrs[n++] = j->out[nl + idx];
        }
    pl_node *p = an_make_project(c, j, n, exprs, attrs, in->plan_id);
    p->n_hidden = nh;
    p->hidden = nh ? hid : NULL;
    *out = p;
    return EM_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* Set operations                                                                              */

static const char *an_ordinal_word(int n)
{
    static const char *const words[] = {"first", "second",  "third",  "fourth", "fifth",
                                        "sixth", "seventh", "eighth", "ninth",  "tenth"};
    return n >= 1 && n <= 10 ? words[n - 1] : "other";
}

static const char *an_set_op_name(const pl_node *in)
{
    switch (in->u.set_op.type) {
    case PL_SETOP_UNION:
        return "UNION";
    case PL_SETOP_INTERSECT:
        return in->u.set_op.is_all ? "INTERSECT ALL" : "INTERSECT";
    default:
        return in->u.set_op.is_all ? "EXCEPT ALL" : "EXCEPT";
    }
}

/* Projects child onto the given expressions (NULL entries = NULL literal of type types[i]). */
static pl_node *an_project_cols(an_ctx *c, pl_node *child, int n, const int *cols,
                                const ty *const *types, const char *const *names)
{
    pl_expr **exprs = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof(pl_expr *));
    pl_attr *attrs = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof(pl_attr));
    for (int idx = 0; idx < n; idx++) {
        if (cols[idx] >= 0) {
            exprs[idx] = an_colref(c, &child->out[cols[idx]], cols[idx]);
            attrs[idx] = child->out[cols[idx]];
        } else {
            exprs[idx] = pl_lit_null(c->a, types[idx]);
            exprs[idx]->resolved = true;
            memset(&attrs[idx], 0, sizeof(pl_attr));
            attrs[idx].name = names[idx];
            attrs[idx].type = types[idx];
            attrs[idx].nullable = true;
            attrs[idx].id = an_new_id(c);
            attrs[idx].plan_id = -1;
        }
    }
    return an_make_project(c, child, n, exprs, attrs, -1);
}

static int an_by_name(an_ctx *c, const pl_node *in, pl_node **left, pl_node **right)
{
    pl_node *l = *left, *r = *right;
    bool allow = in->u.set_op.allow_missing_columns;
    int nl = l->n_out, nr = r->n_out;
    /* Right columns in left's order; with allowMissingColumns, right-only columns go last. */
    int cap = nl + nr;
    int *rcols = em_arena_calloc(c->a, (size_t)(cap ? cap : 1), sizeof(int));
    int *lcols = em_arena_calloc(c->a, (size_t)(cap ? cap : 1), sizeof(int));
    const ty **types = em_arena_calloc(c->a, (size_t)(cap ? cap : 1), sizeof(ty *));
    const char **names = em_arena_calloc(c->a, (size_t)(cap ? cap : 1), sizeof(char *));
    bool *used = em_arena_calloc(c->a, (size_t)(nr ? nr : 1), 1);
    int n = 0;
    bool left_grows = false, right_needs = false;
    for (int idx = 0; idx < nl; idx++) {
        int found = -1;
        for (int k = 0; k < nr && found < 0; k++)
            if (an_name_eq(c, l->out[idx].name, r->out[k].name))
                found = k;
        if (found < 0 && !allow) {
            em_str fields;
            em_str_init(&fields, 0);
            for (int k = 0; k < nr; k++) {
                if (k)
                    em_str_puts(&fields, ", ");
                em_str_puts(&fields, r->out[k].name);
            }
            /* ResolveUnion: cannotResolveColumnNameAmongAttributesError (names unquoted). */
            em_error_set(c->err, "_LEGACY_ERROR_TEMP_1201", "colName", l->out[idx].name,
                         "fieldNames", fields.data ? fields.data : "", NULL);
            em_str_release(&fields);
            return c->err->code;
        }
        lcols[n] = idx;
        rcols[n] = found;
        types[n] = l->out[idx].type;
        names[n] = l->out[idx].name;
        if (found >= 0)
            used[found] = true;
        else
            right_needs = true;
        n++;
    }
    if (allow)
        for (int k = 0; k < nr; k++)
            if (!used[k]) {
                lcols[n] = -1;
                rcols[n] = k;
                types[n] = r->out[k].type;
                names[n] = r->out[k].name;
                left_grows = true;
                n++;
            }
    if (!allow && nr != nl) {
        char a[16], b[16];
        snprintf(a, sizeof a, "%d", nl);
        snprintf(b, sizeof b, "%d", nr);
        return em_error_set(c->err, "NUM_COLUMNS_MISMATCH", "operator", "UNION", "firstNumColumns",
                            a, "invalidOrdinalNum", "second", "invalidNumColumns", b, NULL);
    }
    if (left_grows)
        *left = an_project_cols(c, l, n, lcols, types, names);
    bool reorder = right_needs || left_grows || n != nr;
    for (int idx = 0; idx < n && !reorder; idx++)
        reorder = rcols[idx] != idx;
    if (reorder)
        *right = an_project_cols(c, r, n, rcols, types, names);
    return EM_OK;
}

static bool an_type_has(const ty *t, ty_kind kind)
{
    if (!t)
        return false;
    if (t->kind == kind)
        return true;
    switch (t->kind) {
    case TY_ARRAY:
        return an_type_has(t->elem, kind);
    case TY_MAP:
        return an_type_has(t->key, kind) || an_type_has(t->value, kind);
    case TY_STRUCT:
        for (int f = 0; f < t->n_fields; f++)
            if (an_type_has(t->fields[f].type, kind))
                return true;
        return false;
    default:
        return false;
    }
}

int an_check_set_keys(an_ctx *c, int n, const pl_attr *attrs, const int *keys)
{
    static const struct {
        ty_kind kind;
        const char *cls;
    } banned[] = {{TY_MAP, "UNSUPPORTED_FEATURE.SET_OPERATION_ON_MAP_TYPE"},
                  {TY_VARIANT, "UNSUPPORTED_FEATURE.SET_OPERATION_ON_VARIANT_TYPE"}};
    for (size_t b = 0; b < sizeof banned / sizeof banned[0]; b++)
        for (int k = 0; k < n; k++) {
            const pl_attr *a = &attrs[keys ? keys[k] : k];
            if (!an_type_has(a->type, banned[b].kind))
                continue;
            em_str name, type;
            em_str_init(&name, 0);
            em_str_init(&type, 0);
            pl_quote_ident(&name, a->name ? a->name : "");
            em_str_putc(&type, '"');
            ty_sql(a->type, &type);
            em_str_putc(&type, '"');
            em_error_set(c->err, banned[b].cls, "colName", name.data ? name.data : "", "dataType",
                         type.data ? type.data : "", NULL);
            em_str_release(&name);
            em_str_release(&type);
            return c->err->code;
        }
    return EM_OK;
}

int an_set_op(an_ctx *c, const pl_node *in, pl_node *left, pl_node *right, pl_node **out)
{
    if (in->u.set_op.by_name && an_by_name(c, in, &left, &right))
        return c->err->code;
    int n = left->n_out;
    if (right->n_out != n) {
        char a[16], b[16];
        snprintf(a, sizeof a, "%d", n);
        snprintf(b, sizeof b, "%d", right->n_out);
        return em_error_set(c->err, "NUM_COLUMNS_MISMATCH", "operator", an_set_op_name(in),
                            "firstNumColumns", a, "invalidOrdinalNum", "second",
                            "invalidNumColumns", b, NULL);
    }
    const ty **types = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof(ty *));
    bool cast_l = false, cast_r = false;
    for (int idx = 0; idx < n; idx++) {
        const ty *w = fn_wider_type(left->out[idx].type, right->out[idx].type, c->opts->ansi, c->a);
        if (!w) {
            em_str t1, t2;
            em_str_init(&t1, 0);
            em_str_init(&t2, 0);
            em_str_putc(&t1, '"');
            ty_sql(right->out[idx].type, &t1);
            em_str_putc(&t1, '"');
            em_str_putc(&t2, '"');
            ty_sql(left->out[idx].type, &t2);
            em_str_putc(&t2, '"');
            em_error_set(c->err, "INCOMPATIBLE_COLUMN_TYPE", "operator", an_set_op_name(in),
                         "columnOrdinalNumber", an_ordinal_word(idx + 1), "tableOrdinalNumber",
                         "second", "dataType1", t1.data, "dataType2", t2.data, "hint", "", NULL);
            em_str_release(&t1);
            em_str_release(&t2);
            return c->err->code;
        }
        types[idx] = w;
        cast_l |= !ty_equals_ignore_nullability(w, left->out[idx].type);
        cast_r |= !ty_equals_ignore_nullability(w, right->out[idx].type);
    }
    pl_node *sides[2] = {left, right};
    bool cast[2] = {cast_l, cast_r};
    for (int sd = 0; sd < 2; sd++) {
        if (!cast[sd])
            continue;
        pl_node *ch = sides[sd];
        pl_expr **exprs = em_arena_calloc(c->a, (size_t)n, sizeof(pl_expr *));
        pl_attr *attrs = an_copy_attrs(c, n, ch->out);
        for (int idx = 0; idx < n; idx++) {
            exprs[idx] = an_colref(c, &ch->out[idx], idx);
            if (!ty_equals_ignore_nullability(types[idx], ch->out[idx].type)) {
                exprs[idx] = an_cast(c, exprs[idx], types[idx]);
                attrs[idx].type = types[idx];
                attrs[idx].id = an_new_id(c);
                attrs[idx].n_qual = 0;
                attrs[idx].qual = NULL;
                attrs[idx].qualifier = NULL;
            }
        }
        sides[sd] = an_make_project(c, ch, n, exprs, attrs, -1);
    }
    pl_node *so = an_node_like(c, PL_SET_OP, 2, in);
    so->children[0] = sides[0];
    so->children[1] = sides[1];
    so->u.set_op = in->u.set_op;
    so->u.set_op.by_name = false;
    so->u.set_op.allow_missing_columns = false;
    so->n_out = n;
    so->out = an_copy_attrs(c, n, sides[0]->out);
    for (int idx = 0; idx < n; idx++) {
        so->out[idx].type = types[idx];
        if (in->u.set_op.type == PL_SETOP_UNION)
            so->out[idx].nullable = sides[0]->out[idx].nullable || sides[1]->out[idx].nullable;
        else if (in->u.set_op.type == PL_SETOP_INTERSECT)
            so->out[idx].nullable = sides[0]->out[idx].nullable && sides[1]->out[idx].nullable;
    }
    /* CheckAnalysis.mapColumnInSetOperation: INTERSECT, EXCEPT and DISTINCT (UNION) compare
       whole rows, which maps (and variants) cannot be. */
    if ((in->u.set_op.type != PL_SETOP_UNION || !in->u.set_op.is_all) &&
        an_check_set_keys(c, n, so->out, NULL))
        return c->err->code;
    *out = so;
    return EM_OK;
}
