/*
 * an_leaf: the leaves of a plan and the relations that bring their own plans: Range,
 * LocalRelation, OneRowRelation, file reads (schema given or from the io/ callback), catalog
 * tables and views (through an_env.lookup_relation, qualified by their name), spark.sql
 * relations (parsed with their parameters, checked for unknown functions, resolved), VALUES
 * (Spark's ResolveInlineTables: each column widened to the common type of its values) and
 * spark.sql with DataFrame arguments (WithRelations).
 */
#include "analyzer/an_int.h"

#include <stdio.h>
#include <string.h>

#include "functions/fn_coerce.h"
#include "sql/sql.h"

int an_leaf(an_ctx *c, const pl_node *in, pl_node **out)
{
    pl_node *n = an_node_like(c, in->kind, 0, in);
    n->u = in->u;
    switch (in->kind) {
    case PL_RANGE:
        n->n_out = 1;
        n->out = em_arena_calloc(c->a, 1, sizeof(pl_attr));
        n->out[0].name = "id";
        n->out[0].type = ty_long();
        n->out[0].nullable = false;
        n->out[0].id = an_new_id(c);
        n->out[0].plan_id = in->plan_id;
        break;
    case PL_LOCAL: {
        const ty *t = in->u.local.schema;
        int k = t ? t->n_fields : 0;
        n->n_out = k;
        n->out = em_arena_calloc(c->a, (size_t)(k ? k : 1), sizeof(pl_attr));
        for (int idx = 0; idx < k; idx++) {
            n->out[idx].name = t->fields[idx].name;
            n->out[idx].type = t->fields[idx].type;
            n->out[idx].nullable = t->fields[idx].nullable;
            n->out[idx].id = an_new_id(c);
            n->out[idx].plan_id = in->plan_id;
        }
        break;
    }
    case PL_ONE_ROW:
        n->n_out = 0;
        n->out = em_arena_calloc(c->a, 1, sizeof(pl_attr));
        break;
    case PL_READ_SOURCE: {
        const ty *t;
        if (c->env->source_resolve) {
            /* the data-source layer: format, paths, listing, partitions, inference */
            const void *src = NULL;
            if (c->env->source_resolve(c->env->catalog_ctx, in, c->a, &t, &src, c->err))
                return c->err->code ? c->err->code : em_error_internal(c->err, "no source");
            n->u.read.source = src;
        } else if (!in->u.read.schema_str) {
            if (!c->env->source_schema)
                return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                                    "schema inference for data source reads", NULL);
            if (c->env->source_schema(c->env->catalog_ctx, in, c->a, &t, c->err))
                return c->err->code ? c->err->code : em_error_internal(c->err, "no schema");
        } else if (sql_parse_schema_any(in->u.read.schema_str, c->a, &t, c->err)) {
            return c->err->code;
        }
        if (t->kind != TY_STRUCT)
            return em_error_set(c->err, "INVALID_SCHEMA.NON_STRUCT_TYPE", "inputSchema",
                                in->u.read.schema_str, "dataType", "", NULL);
        n->n_out = t->n_fields;
        n->out = em_arena_calloc(c->a, (size_t)(t->n_fields ? t->n_fields : 1), sizeof(pl_attr));
        for (int idx = 0; idx < t->n_fields; idx++) {
            n->out[idx].name = t->fields[idx].name;
            n->out[idx].type = t->fields[idx].type;
            n->out[idx].nullable = true;
            n->out[idx].id = an_new_id(c);
            n->out[idx].plan_id = in->plan_id;
        }
        break;
    }
    default:
        return em_error_internal(c->err, "an_leaf: unexpected kind %d", (int)in->kind);
    }
    *out = n;
    return EM_OK;
}

/*
 * spark.sql(query, df=...) arrives as WithRelations(SQL, [SubqueryAlias(df, name)...])
 * (SparkConnectPlanner.transformSqlWithRefs): the names the SQL text reads resolve to the
 * referenced relations before the catalog. Over a DataFrame root (df.scalar(), df.exists(),
 * isin(df)) the references are found by plan id instead.
 */
int an_with_relations(an_ctx *c, const pl_node *in, pl_node **out)
{
    const pl_node *root = in->children[0];
    /* Added (DataFrame subqueries): over a DataFrame root, the references are the plans of
       the root's SubqueryExpressions, found by plan id (an_subquery.c). */
    bool df_root = root && root->kind != PL_SQL;
    for (int idx = 1; idx < in->n_children; idx++)
        if (!in->children[idx] || (!df_root && in->children[idx]->kind != PL_SUBQUERY_ALIAS))
            return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                                "WithRelations with subquery references", NULL);
    if (!root)
        return em_error_set(c->err, "UNSUPPORTED_FEATURE.NOT_IMPLEMENTED", "feature",
                            "WithRelations without a root", NULL);
    int saved_n = c->n_refs;
    const pl_node *const *saved = c->refs;
    c->n_refs = in->n_children - 1;
    c->refs = (const pl_node *const *)in->children + 1;
    int rc = an_node(c, root, out);
    c->n_refs = saved_n;
    c->refs = saved;
    return rc;
}

/* CHAR(n) / VARCHAR(n) columns of a table read as STRING (Spark 4 without
   spark.sql.preserveCharVarcharTypeInfo: CharVarcharUtils replaces them in the output; the
   stored values are already padded by the writes). A Project retypes them. */
static int an_leaf_char_as_string(an_ctx *c, pl_node **plan)
{
    pl_node *r = *plan;
    bool any = false;
    for (int idx = 0; idx < r->n_out && !any; idx++)
        any = r->out[idx].type &&
              (r->out[idx].type->kind == TY_CHAR || r->out[idx].type->kind == TY_VARCHAR);
    if (!any)
        return EM_OK;
    int n = r->n_out;
    pl_expr **exprs = em_arena_calloc(c->a, (size_t)n, sizeof(pl_expr *));
    pl_attr *attrs = an_copy_attrs(c, n, r->out);
    for (int idx = 0; idx < n; idx++) {
        exprs[idx] = an_colref(c, &r->out[idx], idx);
        const ty *t = r->out[idx].type;
        if (t && (t->kind == TY_CHAR || t->kind == TY_VARCHAR)) {
            pl_expr *cast = an_cast(c, exprs[idx], ty_string());
            cast->is_implicit = false;
            exprs[idx] = cast;
            attrs[idx].type = ty_string();
            attrs[idx].id = an_new_id(c);
        }
    }
    *plan = an_make_project(c, r, n, exprs, attrs, -1);
    return EM_OK;
}

int an_read_table(an_ctx *c, const pl_node *in, pl_node **out)
{
    pl_node *plan = NULL;
    int rc = 1;
    if (in->u.read.n_parts == 1)
        for (int idx = 0; idx < c->n_refs; idx++)
            if (c->refs[idx]->kind == PL_SUBQUERY_ALIAS && /* DataFrame-root refs: any kind */
                an_name_eq(c, c->refs[idx]->u.alias.alias, in->u.read.parts[0])) {
                plan = c->refs[idx]->children[0];
                rc = 0;
                break;
            }
    if (rc && c->env->lookup_relation)
        rc = c->env->lookup_relation(c->env->catalog_ctx, in->u.read.n_parts,
                                     (const char *const *)in->u.read.parts, c->a, &plan, c->err);
    if (rc < 0)
        return c->err->code ? c->err->code : em_error_internal(c->err, "catalog lookup failed");
    if (rc > 0) {
        const char *name =
            pl_quoted_name(c->a, in->u.read.n_parts, (const char *const *)in->u.read.parts);
        return em_error_set(c->err, "TABLE_OR_VIEW_NOT_FOUND", "relationName", name, NULL);
    }
    pl_node *r = plan;
    if (!plan->resolved) {
        /* A view's plan ids belong to the DataFrames it was made from: they must not bind
           columns of this query, so its registry entries are dropped afterwards. */
        int saved = c->n_plans;
        int rc = an_node(c, plan, &r);
        c->n_plans = saved;
        if (rc)
            return rc;
    }
    if (an_leaf_char_as_string(c, &r))
        return c->err->code;
    /* The table's columns are qualified by its name, as Spark's SubqueryAlias over a
       relation (the name as written: temp views have one part, tables more). */
    pl_node alias;
    memset(&alias, 0, sizeof alias);
    alias.kind = PL_SUBQUERY_ALIAS;
    alias.plan_id = in->plan_id;
    int np = in->u.read.n_parts;
    alias.u.alias.alias = in->u.read.parts[np - 1];
    alias.u.alias.n_qualifier = np - 1;
    alias.u.alias.qualifier = (const char **)in->u.read.parts;
    return an_subquery_alias(c, &alias, r, out);
}

/*
 * VALUES (...), (...): each column takes the wider common type of its values (Spark's
 * ResolveInlineTables); the rows become a UNION ALL of one-row projections.
 */
int an_inline_table(an_ctx *c, const pl_node *in, pl_node **out)
{
    int rows = in->u.inline_table.n_rows, cols = in->u.inline_table.n_cols;
    if (rows < 1)
        return em_error_internal(c->err, "VALUES without rows");
    an_scope empty;
    memset(&empty, 0, sizeof empty);
    pl_expr **vals =
        em_arena_calloc(c->a, (size_t)(rows * cols > 0 ? rows * cols : 1), sizeof(pl_expr *));
    for (int idx = 0; idx < rows * cols; idx++)
        if (an_expr(c, &empty, in->u.inline_table.values[idx], &vals[idx]))
            return c->err->code;
    const ty **types = em_arena_calloc(c->a, (size_t)(cols ? cols : 1), sizeof(ty *));
    bool *nullable = em_arena_calloc(c->a, (size_t)(cols ? cols : 1), 1);
    for (int col = 0; col < cols; col++) {
        const ty *t = ty_null();
        for (int row = 0; row < rows; row++) {
            const pl_expr *v = vals[row * cols + col];
            const ty *w = fn_wider_type(t, v->type, c->opts->ansi, c->a);
            if (!w) {
                char col_s[16];
                snprintf(col_s, sizeof col_s, "%d", col + 1);
                return em_error_set(
                    c->err, "INVALID_INLINE_TABLE.INCOMPATIBLE_TYPES_IN_INLINE_TABLE", "colName",
                    pl_quoted_name(c->a, 1, &in->u.inline_table.names[col]), NULL);
            }
            t = w;
            nullable[col] |= v->nullable;
        }
        types[col] = t;
    }
    /* Constant rows (the usual case) become a LocalRelation, as Spark evaluates them. */
    vec_batch *batch = vec_batch_new(cols, rows);
    bool folded = true;
    for (int col = 0; col < cols && folded; col++) {
        batch->cols[col] = vec_new(types[col], rows);
        for (int row = 0; row < rows && folded; row++) {
            pl_expr *v = vals[row * cols + col];
            if (!ty_equals_ignore_nullability(v->type, types[col]))
                v = an_cast(c, v, types[col]);
            vec *one = NULL;
            int rc = an_fold(c, v, &one);
            if (rc < 0) {
                vec_batch_free(batch);
                return c->err->code;
            }
            folded = rc == EM_OK && vec_append_from(batch->cols[col], one, 0, c->err) == EM_OK;
            vec_release(one);
        }
    }
    if (folded) {
        ty_field *fs = em_arena_calloc(c->a, (size_t)(cols ? cols : 1), sizeof *fs);
        pl_node *local = an_node_like(c, PL_LOCAL, 0, in);
        local->n_out = cols;
        local->out = em_arena_calloc(c->a, (size_t)(cols ? cols : 1), sizeof(pl_attr));
        for (int col = 0; col < cols; col++) {
            fs[col].name = in->u.inline_table.names[col];
            fs[col].type = types[col];
            fs[col].nullable = nullable[col];
            local->out[col].name = fs[col].name;
            local->out[col].type = types[col];
            local->out[col].nullable = nullable[col];
            local->out[col].id = an_new_id(c);
            local->out[col].plan_id = in->plan_id;
        }
        local->u.local.schema = ty_struct(c->a, cols, fs);
        pl_local_add_batch(c->a, local, batch);
        *out = local;
        return EM_OK;
    }
    vec_batch_free(batch);
    em_error_clear(c->err);
    pl_node *acc = NULL;
    pl_attr *first = NULL;
    for (int row = 0; row < rows; row++) {
        pl_expr **exprs = em_arena_calloc(c->a, (size_t)(cols ? cols : 1), sizeof(pl_expr *));
        pl_attr *attrs = em_arena_calloc(c->a, (size_t)(cols ? cols : 1), sizeof(pl_attr));
        for (int col = 0; col < cols; col++) {
            pl_expr *v = vals[row * cols + col];
            if (!ty_equals_ignore_nullability(v->type, types[col]))
                v = an_cast(c, v, types[col]);
            exprs[col] = v;
            attrs[col].name = in->u.inline_table.names[col];
            attrs[col].type = types[col];
            attrs[col].nullable = nullable[col];
            attrs[col].id = row == 0 ? an_new_id(c) : first[col].id;
            attrs[col].plan_id = in->plan_id;
        }
        if (row == 0)
            first = attrs;
        pl_node *one = pl_node_new(c->a, PL_ONE_ROW, 0);
        one->resolved = true;
        one->out = em_arena_calloc(c->a, 1, sizeof(pl_attr));
        pl_node *p = an_make_project(c, one, cols, exprs, attrs, -1);
        if (!acc) {
            acc = p;
            continue;
        }
        pl_node *u = an_node_like(c, PL_SET_OP, 2, NULL);
        u->children[0] = acc;
        u->children[1] = p;
        u->u.set_op.type = PL_SETOP_UNION;
        u->u.set_op.is_all = true;
        u->n_out = cols;
        u->out = first;
        acc = u;
    }
    acc->plan_id = in->plan_id;
    *out = acc;
    return EM_OK;
}

int an_sql_relation(an_ctx *c, const pl_node *in, pl_node **out)
{
    sql_params params = {
        .n_pos = in->u.sql.n_pos_args,
        .pos = in->u.sql.pos_args,
        .n_named = in->u.sql.n_named_args,
        .names = in->u.sql.arg_names,
        .named = in->u.sql.named_args,
    };
    pl_node *parsed;
    bool has_params = params.n_pos > 0 || params.n_named > 0;
    if (sql_parse_statement_ex(in->u.sql.query, NULL, has_params ? &params : NULL, c->a, &parsed,
                               c->err))
        return c->err->code;
    const char *saved = c->sql_text;
    c->sql_text = in->u.sql.query;
    int rc = an_lookup_functions(c, parsed);
    if (rc == EM_OK)
        rc = an_node(c, parsed, out);
    c->sql_text = saved;
    if (rc)
        return rc;
    if (in->plan_id >= 0) {
        pl_node *n = pl_node_new(c->a, (*out)->kind, 0);
        *n = **out;
        n->plan_id = in->plan_id;
        *out = n;
    }
    return EM_OK;
}
