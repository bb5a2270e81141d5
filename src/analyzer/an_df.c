/*
 * an_df: DataFrame methods Spark implements as plan rewrites, resolved into Projects, Filters
 * and unions the way Spark's DataFrameNaFunctions / Dataset / analyzer build them:
 *   na.fill      coalesce(col, cast(value as col type)) AS col for the columns whose type the
 *                value's category accepts (numeric, string, boolean); float/double columns
 *                also replace NaN (Spark's nanvl(col, null))
 *   na.drop      Filter keeping rows with at least n non-null (and non-NaN) values among the
 *                columns (AtLeastNNonNulls); how = any is n = number of columns
 *   na.replace   CASE WHEN col = old THEN cast(new as col type) ... ELSE col END AS col for the
 *                columns of the replacement keys' type (numeric keys compare as double)
 *   unpivot      UNION ALL over the value columns of (ids..., 'name' AS variable, value)
 *   to(schema)   columns reordered by name and cast to the schema's types; missing nullable
 *                columns read NULL (Project.matchSchema)
 */
#include "analyzer/an_int.h"

#include <stdio.h>
#include <string.h>

#include "functions/fn_coerce.h"

/* The input columns a na.* call applies to (all when cols is empty). */
static int an_na_targets(an_ctx *c, const pl_node *in, const pl_node *child, bool **sel)
{
    int n = child->n_out;
    bool *s = em_arena_calloc(c->a, (size_t)(n ? n : 1), 1);
    if (in->u.na.n_cols == 0) {
        for (int idx = 0; idx < n; idx++)
            s[idx] = true;
    } else {
        an_scope sc;
        an_scope_of(child, &sc);
        for (int k = 0; k < in->u.na.n_cols; k++) {
            int np;
            const char **parts;
            if (pl_parse_attr_name(c->a, in->u.na.cols[k], &np, &parts, c->err))
                return c->err->code;
            pl_expr *r;
            const char *name;
            if (an_resolve_name(c, &sc, np, parts, &r, &name))
                return c->err->code;
            if (!r)
                return an_unresolved_column(c, &sc, np, parts, NULL);
            if (r->kind == PX_COLREF)
                s[r->col_index] = true;
        }
    }
    *sel = s;
    return EM_OK;
}

static pl_node *an_na_project(an_ctx *c, const pl_node *in, pl_node *child, pl_expr **exprs,
                              const bool *changed)
{
    int n = child->n_out;
    pl_attr *attrs = an_copy_attrs(c, n, child->out);
    for (int idx = 0; idx < n; idx++)
        if (changed[idx]) {
            attrs[idx].id = an_new_id(c);
            attrs[idx].type = exprs[idx]->type;
            attrs[idx].nullable = exprs[idx]->nullable;
            attrs[idx].n_qual = 0;
            attrs[idx].qual = NULL;
            attrs[idx].qualifier = NULL;
        }
    return an_make_project(c, child, n, exprs, attrs, in->plan_id);
}

static bool an_is_float(const ty *t)
{
    return t->kind == TY_FLOAT || t->kind == TY_DOUBLE;
}

/* col with NaN turned into NULL for float/double columns (Spark's nanvl(col, null)). */
static int an_nan_to_null(an_ctx *c, pl_expr *col, pl_expr **out)
{
    if (!an_is_float(col->type)) {
        *out = col;
        return EM_OK;
    }
    pl_expr *isnan_args[1] = {col};
    pl_expr *isnan;
    if (an_make_call(c, "isnan", 1, isnan_args, &isnan))
        return c->err->code;
    pl_expr *null = pl_lit_null(c->a, col->type);
    null->resolved = true;
    pl_expr *if_args[3] = {isnan, null, col};
    return an_make_call(c, "if", 3, if_args, out);
}

/* Does the fill / replace value's category accept the column type (Spark's fillValue)? */
static bool an_value_accepts(const ty *value, const ty *col)
{
    if (ty_is_numeric(value))
        return ty_is_numeric(col);
    if (ty_is_string(value))
        return col->kind == TY_STRING;
    if (value->kind == TY_BOOLEAN)
        return col->kind == TY_BOOLEAN;
    return false;
}

static int an_fill_na(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    bool *sel;
    if (an_na_targets(c, in, child, &sel))
        return c->err->code;
    int n = child->n_out;
    pl_expr **exprs = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof(pl_expr *));
    bool *changed = em_arena_calloc(c->a, (size_t)(n ? n : 1), 1);
    for (int idx = 0; idx < n; idx++) {
        pl_expr *col = an_colref(c, &child->out[idx], idx);
        exprs[idx] = col;
        if (!sel[idx])
            continue;
        const pl_expr *value = in->u.na.values[0];
        if (in->u.na.n_values > 1) {
            /* fill(Map(col -> value)): the value given for this column. */
            value = NULL;
            for (int k = 0; k < in->u.na.n_cols; k++)
                if (an_name_eq(c, in->u.na.cols[k], child->out[idx].name))
                    value = in->u.na.values[k];
            if (!value)
                continue;
        } else if (!an_value_accepts(value->type, child->out[idx].type)) {
            continue;
        }
        pl_expr *lit;
        if (an_expr(c, &(an_scope){0}, value, &lit))
            return c->err->code;
        pl_expr *base;
        if (an_nan_to_null(c, col, &base))
            return c->err->code;
        pl_expr *args[2] = {base, an_cast(c, lit, child->out[idx].type)};
        args[1]->is_implicit = false;
        if (an_make_call(c, "coalesce", 2, args, &exprs[idx]))
            return c->err->code;
        changed[idx] = true;
    }
    *out = an_na_project(c, in, child, exprs, changed);
    return EM_OK;
}

static int an_drop_na(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    bool *sel;
    if (an_na_targets(c, in, child, &sel))
        return c->err->code;
    int n_sel = 0;
    pl_expr *count = NULL;
    for (int idx = 0; idx < child->n_out; idx++) {
        if (!sel[idx])
            continue;
        n_sel++;
        pl_expr *col = an_colref(c, &child->out[idx], idx), *cond, *nn;
        pl_expr *nn_args[1] = {col};
        if (an_make_call(c, "isnotnull", 1, nn_args, &nn))
            return c->err->code;
        cond = nn;
        if (an_is_float(col->type)) {
            pl_expr *isnan, *notnan;
            pl_expr *a1[1] = {col};
            if (an_make_call(c, "isnan", 1, a1, &isnan))
                return c->err->code;
            pl_expr *a2[1] = {isnan};
            if (an_make_call(c, "not", 1, a2, &notnan))
                return c->err->code;
            pl_expr *a3[2] = {nn, notnan};
            if (an_make_call(c, "and", 2, a3, &cond))
                return c->err->code;
        }
        pl_expr *one = pl_lit_int(c->a, 1), *zero = pl_lit_int(c->a, 0);
        one->resolved = zero->resolved = true;
        pl_expr *if_args[3] = {cond, one, zero}, *term;
        if (an_make_call(c, "if", 3, if_args, &term))
            return c->err->code;
        if (count) {
            pl_expr *plus_args[2] = {count, term};
            if (an_make_call(c, "+", 2, plus_args, &count))
                return c->err->code;
        } else {
            count = term;
        }
    }
    int min = in->u.na.has_min_non_nulls ? in->u.na.min_non_nulls : n_sel;
    pl_expr *cond;
    if (!count) {
        cond = pl_lit_bool(c->a, min <= 0);
        cond->resolved = true;
    } else {
        pl_expr *lim = pl_lit_int(c->a, min);
        lim->resolved = true;
        pl_expr *ge_args[2] = {count, lim};
        if (an_make_call(c, ">=", 2, ge_args, &cond))
            return c->err->code;
    }
    pl_node *f = an_node_like(c, PL_FILTER, 1, in);
    f->children[0] = child;
    f->u.filter.cond = cond;
    f->n_out = child->n_out;
    f->out = child->out;
    *out = f;
    return EM_OK;
}

static int an_replace(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    bool *sel;
    if (an_na_targets(c, in, child, &sel))
        return c->err->code;
    int n = child->n_out, k = in->u.na.n_values;
    pl_expr **exprs = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof(pl_expr *));
    bool *changed = em_arena_calloc(c->a, (size_t)(n ? n : 1), 1);
    const ty *key_type = k > 0 ? in->u.na.old_values[0]->type : ty_null();
    bool numeric = ty_is_numeric(key_type);
    for (int idx = 0; idx < n; idx++) {
        pl_expr *col = an_colref(c, &child->out[idx], idx);
        exprs[idx] = col;
        const ty *ct = child->out[idx].type;
        bool match =
            numeric ? ty_is_numeric(ct) : (k > 0 && ty_equals_ignore_nullability(ct, key_type));
        if (!sel[idx] || !match || k == 0)
            continue;
        /* CaseKeyWhen(col, [k1, cast(v1), ..., col]) = CASE WHEN col = k1 THEN ... END. */
        pl_expr **args = em_arena_calloc(c->a, (size_t)(2 * k + 1), sizeof(pl_expr *));
        for (int r = 0; r < k; r++) {
            pl_expr *old_v, *new_v;
            if (an_expr(c, &(an_scope){0}, in->u.na.old_values[r], &old_v) ||
                an_expr(c, &(an_scope){0}, in->u.na.values[r], &new_v))
                return c->err->code;
            if (numeric && old_v->type->kind != TY_DOUBLE)
                old_v = an_cast(c, old_v, ty_double());
            pl_expr *eq_args[2] = {col, old_v};
            if (an_make_call(c, "==", 2, eq_args, &args[2 * r]))
                return c->err->code;
            args[2 * r + 1] = an_cast(c, new_v, ct);
            args[2 * r + 1]->is_implicit = false;
        }
        args[2 * k] = col;
        if (an_make_call(c, "when", 2 * k + 1, args, &exprs[idx]))
            return c->err->code;
        changed[idx] = true;
    }
    *out = an_na_project(c, in, child, exprs, changed);
    return EM_OK;
}

static int an_unpivot(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    if (in->u.unpivot.sql_unpivot)
        return an_sql_unpivot(c, in, child, out); /* the SQL clause: an_unpivot.c */
    an_scope s;
    an_scope_of(child, &s);
    int n_ids = in->n_exprs;
    pl_expr **ids = em_arena_calloc(c->a, (size_t)(n_ids ? n_ids : 1), sizeof(pl_expr *));
    const char **id_names = em_arena_calloc(c->a, (size_t)(n_ids ? n_ids : 1), sizeof(char *));
    for (int idx = 0; idx < n_ids; idx++) {
        if (an_expr(c, &s, in->exprs[idx], &ids[idx]))
            return c->err->code;
        id_names[idx] = an_output_name(c, in->exprs[idx], ids[idx]);
    }
    int n_vals = 0;
    pl_expr **vals;
    const char **val_names;
    if (in->u.unpivot.has_values) {
        n_vals = in->u.unpivot.n_values;
        vals = em_arena_calloc(c->a, (size_t)(n_vals ? n_vals : 1), sizeof(pl_expr *));
        val_names = em_arena_calloc(c->a, (size_t)(n_vals ? n_vals : 1), sizeof(char *));
        for (int idx = 0; idx < n_vals; idx++) {
            if (an_expr(c, &s, in->u.unpivot.values[idx], &vals[idx]))
                return c->err->code;
            val_names[idx] = an_output_name(c, in->u.unpivot.values[idx], vals[idx]);
        }
    } else {
        /* Every column that is not an id. */
        vals = em_arena_calloc(c->a, (size_t)(s.n ? s.n : 1), sizeof(pl_expr *));
        val_names = em_arena_calloc(c->a, (size_t)(s.n ? s.n : 1), sizeof(char *));
        for (int idx = 0; idx < s.n; idx++) {
            bool is_id = false;
            for (int k = 0; k < n_ids && !is_id; k++)
                is_id = ids[k]->kind == PX_COLREF && ids[k]->attr_id == s.attrs[idx].id;
            if (is_id)
                continue;
            vals[n_vals] = an_colref(c, &s.attrs[idx], idx);
            val_names[n_vals++] = s.attrs[idx].name;
        }
    }
    if (n_vals == 0)
        return em_error_set(c->err, "UNPIVOT_REQUIRES_VALUE_COLUMNS", NULL);
    const ty *vt = vals[0]->type;
    bool nullable = false;
    for (int idx = 0; idx < n_vals; idx++) {
        const ty *w = fn_tightest_common_type(vt, vals[idx]->type, c->opts->ansi, c->a);
        if (!w)
            w = fn_wider_type(vt, vals[idx]->type, c->opts->ansi, c->a);
        if (!w) {
            em_str types;
            em_str_init(&types, 0);
            for (int k = 0; k < n_vals; k++) {
                if (k)
                    em_str_puts(&types, ", ");
                em_str_putc(&types, '"');
                ty_sql(vals[k]->type, &types);
                em_str_putc(&types, '"');
            }
            em_error_set(c->err, "UNPIVOT_VALUE_DATA_TYPE_MISMATCH", "types", types.data, NULL);
            em_str_release(&types);
            return c->err->code;
        }
        vt = w;
        nullable |= vals[idx]->nullable;
    }
    int n = n_ids + 2;
    pl_attr *first = NULL;
    pl_node *acc = NULL;
    for (int v = 0; v < n_vals; v++) {
        pl_expr **exprs = em_arena_calloc(c->a, (size_t)n, sizeof(pl_expr *));
        pl_attr *attrs = em_arena_calloc(c->a, (size_t)n, sizeof(pl_attr));
        for (int idx = 0; idx < n_ids; idx++) {
            exprs[idx] = ids[idx];
            if (v > 0) {
                attrs[idx] = first[idx];
            } else if (ids[idx]->kind == PX_COLREF) {
                attrs[idx] = s.attrs[ids[idx]->col_index];
                attrs[idx].name = id_names[idx];
            } else {
                attrs[idx].name = id_names[idx];
                attrs[idx].type = ids[idx]->type;
                attrs[idx].nullable = ids[idx]->nullable;
                attrs[idx].id = an_new_id(c);
                attrs[idx].plan_id = -1;
            }
        }
        exprs[n_ids] = pl_lit_string(c->a, val_names[v], (int64_t)strlen(val_names[v]));
        exprs[n_ids]->resolved = true;
        exprs[n_ids + 1] =
            ty_equals_ignore_nullability(vals[v]->type, vt) ? vals[v] : an_cast(c, vals[v], vt);
        for (int k = n_ids; k < n; k++) {
            if (v > 0) {
                attrs[k] = first[k];
                continue;
            }
            attrs[k].name = k == n_ids ? in->u.unpivot.variable_name : in->u.unpivot.value_name;
            attrs[k].type = k == n_ids ? ty_string() : vt;
            attrs[k].nullable = k == n_ids ? false : nullable;
            attrs[k].id = an_new_id(c);
            attrs[k].plan_id = in->plan_id;
        }
        if (v == 0)
            first = attrs;
        pl_node *p = an_make_project(c, child, n, exprs, attrs, -1);
        if (!acc) {
            acc = p;
            continue;
        }
        pl_node *u = an_node_like(c, PL_SET_OP, 2, NULL);
        u->children[0] = acc;
        u->children[1] = p;
        u->u.set_op.type = PL_SETOP_UNION;
        u->u.set_op.is_all = true;
        u->n_out = n;
        u->out = first;
        acc = u;
    }
    acc->plan_id = in->plan_id;
    *out = acc;
    return EM_OK;
}

static int an_to_schema(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    const ty *st = in->u.to_schema.schema;
    int n = st->n_fields;
    pl_expr **exprs = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof(pl_expr *));
    pl_attr *attrs = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof(pl_attr));
    for (int idx = 0; idx < n; idx++) {
        const ty_field *f = &st->fields[idx];
        int found = -1, n_found = 0;
        for (int k = 0; k < child->n_out; k++)
            if (an_name_eq(c, child->out[k].name, f->name)) {
                found = found < 0 ? k : found;
                n_found++;
            }
        if (n_found > 1) {
            char cnt[16];
            snprintf(cnt, sizeof cnt, "%d", n_found);
            return em_error_set(c->err, "AMBIGUOUS_COLUMN_OR_FIELD", "name",
                                pl_quoted_name(c->a, 1, &f->name), "n", cnt, NULL);
        }
        memset(&attrs[idx], 0, sizeof(pl_attr));
        attrs[idx].name = f->name;
        attrs[idx].type = f->type;
        attrs[idx].id = an_new_id(c);
        attrs[idx].plan_id = in->plan_id;
        if (found < 0) {
            if (!f->nullable) {
                /* unresolvedColumnError over the child's names only (no qualifiers). */
                pl_attr *names = an_copy_attrs(c, child->n_out, child->out);
                for (int k = 0; k < child->n_out; k++)
                    names[k].n_qual = 0;
                an_scope s;
                memset(&s, 0, sizeof s);
                s.n = child->n_out;
                s.attrs = names;
                return an_unresolved_column(c, &s, 1, &f->name, NULL);
            }
            exprs[idx] = pl_lit_null(c->a, f->type);
            exprs[idx]->resolved = true;
            attrs[idx].nullable = true;
            continue;
        }
        pl_expr *col = an_colref(c, &child->out[found], found);
        exprs[idx] =
            ty_equals_ignore_nullability(col->type, f->type) ? col : an_cast(c, col, f->type);
        attrs[idx].nullable = col->nullable;
    }
    *out = an_make_project(c, child, n, exprs, attrs, in->plan_id);
    return EM_OK;
}

int an_to_df(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    if (in->u.names.n != child->n_out) {
        char e[16], t[16];
        snprintf(e, sizeof e, "%d", in->u.names.n);
        snprintf(t, sizeof t, "%d", child->n_out);
        return em_error_set(c->err, "ASSIGNMENT_ARITY_MISMATCH", "numExpr", e, "numTarget", t,
                            NULL);
    }
    int n = child->n_out;
    pl_expr **exprs = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof *exprs);
    pl_attr *attrs = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof *attrs);
    for (int idx = 0; idx < n; idx++) {
        exprs[idx] = an_colref(c, &child->out[idx], idx);
        attrs[idx] = an_new_attr(c, in->u.names.names[idx], exprs[idx], in->plan_id);
    }
    *out = an_make_project(c, child, n, exprs, attrs, in->plan_id);
    return EM_OK;
}

int an_rename(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    int n = child->n_out;
    pl_expr **exprs = em_arena_calloc(c->a, (size_t)(n ? n : 1), sizeof *exprs);
    pl_attr *attrs = an_copy_attrs(c, n, child->out);
    for (int idx = 0; idx < n; idx++) {
        exprs[idx] = an_colref(c, &child->out[idx], idx);
        bool renamed = false;
        for (int k = 0; k < in->u.rename.n; k++) {
            if (an_name_eq(c, attrs[idx].name, in->u.rename.from[k])) {
                attrs[idx].name = in->u.rename.to[k];
                renamed = true;
            }
        }
        if (renamed) {
            /* Alias(attr, newName): a new attribute without qualifier. */
            attrs[idx] = an_new_attr(c, attrs[idx].name, exprs[idx], in->plan_id);
        }
    }
    *out = an_make_project(c, child, n, exprs, attrs, in->plan_id);
    return EM_OK;
}

int an_with_columns(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    /* SchemaUtils.checkColumnNameDuplication over the new names. */
    for (int x = 0; x < in->n_exprs; x++)
        for (int y = 0; y < x; y++)
            if (an_name_eq(c, in->exprs[x]->parts[0], in->exprs[y]->parts[0])) {
                em_str q;
                em_str_init(&q, 0);
                pl_quote_ident(&q,
                               c->case_sensitive ? in->exprs[x]->parts[0] : in->exprs[y]->parts[0]);
                em_error_set(c->err, "COLUMN_ALREADY_EXISTS", "columnName", q.data, NULL);
                em_str_release(&q);
                return c->err->code;
            }
    an_scope s;
    an_scope_of(child, &s);
    s.allow_window = true;
    pl_expr **values =
        em_arena_calloc(c->a, (size_t)(in->n_exprs ? in->n_exprs : 1), sizeof *values);
    for (int k = 0; k < in->n_exprs; k++)
        if (an_expr(c, &s, in->exprs[k]->args[0], &values[k]))
            return c->err->code;
    an_list l = {0};
    bool *placed = em_arena_calloc(c->a, (size_t)(in->n_exprs ? in->n_exprs : 1), 1);
    for (int idx = 0; idx < child->n_out; idx++) {
        int match = -1;
        for (int k = 0; k < in->n_exprs && match < 0; k++)
            if (an_name_eq(c, child->out[idx].name, in->exprs[k]->parts[0]))
                match = k;
        if (match < 0) {
            an_list_push(c, &l, an_colref(c, &child->out[idx], idx), child->out[idx]);
        } else {
            placed[match] = true;
            an_list_push(c, &l, values[match],
                         an_new_attr(c, in->exprs[match]->parts[0], values[match], in->plan_id));
        }
    }
    for (int k = 0; k < in->n_exprs; k++)
        if (!placed[k])
            an_list_push(c, &l, values[k],
                         an_new_attr(c, in->exprs[k]->parts[0], values[k], in->plan_id));
    if (an_extract_windows(c, child, l.n, l.exprs, &child))
        return c->err->code;
    *out = an_make_project(c, child, l.n, l.exprs, l.attrs, in->plan_id);
    return EM_OK;
}

int an_drop(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    int n = child->n_out;
    bool *gone = em_arena_calloc(c->a, (size_t)(n ? n : 1), 1);
    an_scope s;
    an_scope_of(child, &s);
    for (int k = 0; k < in->n_exprs; k++) {
        const pl_expr *e = in->exprs[k];
        if (e->kind != PX_ATTR)
            continue; /* only column references can name a column to drop */
        pl_expr *r = NULL;
        const char *name;
        if (e->plan_id >= 0) {
            if (an_expr(c, &s, e, &r)) {
                /* An unresolvable dataframe column is a no-op for drop. */
                em_error_clear(c->err);
                r = NULL;
            }
        } else if (an_resolve_name(c, &s, e->n_parts, e->parts, &r, &name)) {
            return c->err->code;
        }
        if (r && r->kind == PX_COLREF)
            for (int idx = 0; idx < n; idx++)
                if (child->out[idx].id == r->attr_id)
                    gone[idx] = true;
    }
    for (int k = 0; k < in->u.names.n; k++)
        for (int idx = 0; idx < n; idx++)
            if (an_name_eq(c, child->out[idx].name, in->u.names.names[k]))
                gone[idx] = true;
    an_list l = {0};
    for (int idx = 0; idx < n; idx++)
        if (!gone[idx])
            an_list_push(c, &l, an_colref(c, &child->out[idx], idx), child->out[idx]);
    *out =
        an_make_project(c, child, l.n, l.exprs ? l.exprs : em_arena_calloc(c->a, 1, 8),
                        l.attrs ? l.attrs : em_arena_calloc(c->a, 1, sizeof(pl_attr)), in->plan_id);
    return EM_OK;
}

int an_df_node(an_ctx *c, const pl_node *in, pl_node *child, pl_node **out)
{
    switch (in->kind) {
    case PL_FILL_NA:
        return an_fill_na(c, in, child, out);
    case PL_DROP_NA:
        return an_drop_na(c, in, child, out);
    case PL_REPLACE:
        return an_replace(c, in, child, out);
    case PL_UNPIVOT:
        return an_unpivot(c, in, child, out);
    case PL_TO_SCHEMA:
        return an_to_schema(c, in, child, out);
    default:
        return em_error_internal(c->err, "an_df_node: unexpected kind %d", (int)in->kind);
    }
}
