/*
 * cx_relation_transpose: Relation.transpose (df.transpose(indexColumn)), as Spark's
 * ResolveTranspose rule computes it while analyzing:
 *
 *  - the index column is the given attribute or else the input's first column; it must be of
 *    an atomic type (TRANSPOSE_INVALID_INDEX_COLUMN);
 *  - the other columns are cast to their least common type (AnsiTypeCoercion
 *    .findTightestCommonType, TRANSPOSE_NO_LEAST_COMMON_TYPE when there is none; string when
 *    there is no other column);
 *  - the rows with a non-null index, sorted by the index, the index cast to string, at most
 *    spark.sql.transposeMaxValues (+1 to detect TRANSPOSE_EXCEED_ROW_LIMIT), are collected;
 *  - the answer has a non-null string column `key` holding the other columns' names, then one
 *    column per collected row, named by its index value, holding that row's values.
 *
 * The result is a PL_LOCAL built here from the collected rows (ctx->run_plan); the input's
 * schema comes from ctx->input_schema. Without those callbacks: NOT_IMPLEMENTED.
 */
#include "connect/cx.h"

#include "common/em_mem.h"
#include "common/em_str.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define CX_TP_MAX_DEFAULT 500

static const char *cx_tp_prim_name(const ty *t)
{
    static const char *const names[TY_KIND_COUNT] = {
        [TY_NULL] = "NullType",
        [TY_BOOLEAN] = "BooleanType",
        [TY_BYTE] = "ByteType",
        [TY_SHORT] = "ShortType",
        [TY_INT] = "IntegerType",
        [TY_LONG] = "LongType",
        [TY_FLOAT] = "FloatType",
        [TY_DOUBLE] = "DoubleType",
        [TY_STRING] = "StringType",
        [TY_BINARY] = "BinaryType",
        [TY_DATE] = "DateType",
        [TY_TIMESTAMP] = "TimestampType",
        [TY_TIMESTAMP_NTZ] = "TimestampNTZType",
        [TY_CALENDAR_INTERVAL] = "CalendarIntervalType",
        [TY_VARIANT] = "VariantType",
    };
    return t->kind < TY_KIND_COUNT ? names[t->kind] : NULL;
}

/* Scala's DataType.toString (the form Spark interpolates into some messages). */
static void cx_tp_scala_type(const ty *t, em_str *s)
{
    const char *p = cx_tp_prim_name(t);
    if (p) {
        em_str_puts(s, p);
        return;
    }
    switch (t->kind) {
    case TY_ARRAY:
        em_str_puts(s, "ArrayType(");
        cx_tp_scala_type(t->elem, s);
        em_str_puts(s, t->contains_null ? ",true)" : ",false)");
        return;
    case TY_MAP:
        em_str_puts(s, "MapType(");
        cx_tp_scala_type(t->key, s);
        em_str_putc(s, ',');
        cx_tp_scala_type(t->value, s);
        em_str_puts(s, t->value_contains_null ? ",true)" : ",false)");
        return;
    case TY_STRUCT:
        em_str_puts(s, "StructType(");
        for (int idx = 0; idx < t->n_fields; idx++) {
            em_str_printf(s, "%sStructField(%s,", idx ? "," : "", t->fields[idx].name);
            cx_tp_scala_type(t->fields[idx].type, s);
            em_str_puts(s, t->fields[idx].nullable ? ",true)" : ",false)");
        }
        em_str_putc(s, ')');
        return;
    default:
        ty_simple_string(t, s);
        return;
    }
}

static int cx_tp_numeric_rank(const ty *t)
{
    switch (t->kind) {
    case TY_BYTE:
        return 1;
    case TY_SHORT:
        return 2;
    case TY_INT:
        return 3;
    case TY_LONG:
        return 4;
    case TY_FLOAT:
        return 5;
    case TY_DOUBLE:
        return 6;
    default:
        return 0;
    }
}

static bool cx_tp_is_string(const ty *t)
{
    return t->kind == TY_STRING || t->kind == TY_VARCHAR || t->kind == TY_CHAR;
}

/* AnsiTypeCoercion.findTightestCommonType for the cases transpose meets; NULL when none. */
static const ty *cx_tp_tightest(const ty *x, const ty *y)
{
    if (ty_equals_ignore_nullability(x, y))
        return x;
    if (x->kind == TY_NULL)
        return y;
    if (y->kind == TY_NULL)
        return x;
    int rx = cx_tp_numeric_rank(x), ry = cx_tp_numeric_rank(y);
    if (rx && ry) {
        const ty *w = rx > ry ? x : y;
        return w->kind == TY_FLOAT ? ty_double() : w;
    }
    if (cx_tp_is_string(x) && cx_tp_is_string(y))
        return ty_string();
    if ((x->kind == TY_DATE || x->kind == TY_TIMESTAMP || x->kind == TY_TIMESTAMP_NTZ) &&
        (y->kind == TY_DATE || y->kind == TY_TIMESTAMP || y->kind == TY_TIMESTAMP_NTZ)) {
        if (x->kind == TY_TIMESTAMP || y->kind == TY_TIMESTAMP)
            return ty_timestamp();
        return ty_timestamp_ntz();
    }
    return NULL;
}

static int cx_tp_sql_error(em_error *err, const char *cls, const ty *t1, const ty *t2)
{
    em_str a, b;
    em_str_init(&a, 0);
    em_str_init(&b, 0);
    em_str_putc(&a, '"');
    ty_sql(t1, &a);
    em_str_putc(&a, '"');
    em_str_putc(&b, '"');
    ty_sql(t2, &b);
    em_str_putc(&b, '"');
    int rc = em_error_set(err, cls, "dt1", a.data, "dt2", b.data, NULL);
    em_str_release(&a);
    em_str_release(&b);
    return rc;
}

static pl_expr *cx_tp_col(em_arena *a, const char *name)
{
    return pl_attr_new(a, 1, &name, -1);
}

static pl_expr *cx_tp_cast_as(em_arena *a, const char *name, const ty *to)
{
    pl_expr *c = pl_expr_new(a, PX_CAST, 1);
    c->args[0] = cx_tp_col(a, name);
    c->cast_type = to;
    pl_expr *al = pl_expr_new(a, PX_ALIAS, 1);
    al->args[0] = c;
    al->n_parts = 1;
    al->parts = em_arena_calloc(a, 1, sizeof(char *));
    al->parts[0] = name;
    return al;
}

/* The index column's position in schema, or -1 with err set. */
static int cx_tp_index(const Spark__Connect__Transpose *m, cx_ctx *ctx, const ty *schema,
                       em_error *err)
{
    if (m->n_index_columns == 0)
        return 0;
    pl_expr *e = NULL;
    if (cx_expression(m->index_columns[0], ctx, &e, err))
        return -1;
    if (e->kind == PX_ATTR)
        for (int f = 0; f < schema->n_fields; f++)
            if (strcasecmp(schema->fields[f].name, e->parts[e->n_parts - 1]) == 0)
                return f;
    em_error_set(err, "TRANSPOSE_INVALID_INDEX_COLUMN", "reason",
                 "Index column must be an atomic attribute", NULL);
    return -1;
}

int cx_transpose(const Spark__Connect__Transpose *m, cx_ctx *ctx, pl_node **out, em_error *err)
{
    em_arena *a = ctx->arena;
    if (!m->input)
        return cx_invalid_plan(err, "the relation needs a plan input");
    if (m->n_index_columns > 1)
        return cx_invalid_plan(err, "The number of index columns should be either 0 or 1.");
    if (!ctx->input_schema || !ctx->run_plan)
        return cx_not_implemented(err, "Relation.transpose (no executor)");
    pl_node *copy = NULL;
    const ty *schema = NULL;
    if (cx_relation(m->input, ctx, &copy, err) ||
        ctx->input_schema(ctx->cb_ctx, copy, a, &schema, err))
        return err ? err->code : EM_EUSER;
    if (schema->n_fields == 0) {
        pl_node *empty = pl_node_new(a, PL_LOCAL, 0);
        empty->u.local.schema = schema;
        *out = empty;
        return EM_OK;
    }
    int index = cx_tp_index(m, ctx, schema, err);
    if (index < 0)
        return err ? err->code : EM_EUSER;
    const ty *it = schema->fields[index].type;
    if (ty_is_nested(it) || it->kind == TY_CALENDAR_INTERVAL || it->kind == TY_NULL ||
        it->kind == TY_VARIANT) {
        em_str s;
        em_str_init(&s, 0);
        em_str_puts(&s, "Index column must be of atomic type, but found: ");
        cx_tp_scala_type(it, &s);
        int rc = em_error_set(err, "TRANSPOSE_INVALID_INDEX_COLUMN", "reason", s.data, NULL);
        em_str_release(&s);
        return rc;
    }
    /* the least common type of the other columns */
    int n_other = schema->n_fields - 1;
    const ty *lct = NULL;
    for (int f = 0; f < schema->n_fields; f++) {
        if (f == index)
            continue;
        const ty *t = schema->fields[f].type;
        if (!lct) {
            lct = t;
            continue;
        }
        const ty *w = cx_tp_tightest(lct, t);
        if (!w)
            return cx_tp_sql_error(err, "TRANSPOSE_NO_LEAST_COMMON_TYPE", lct, t);
        lct = w;
    }
    if (!lct)
        lct = ty_string();
    /* collect: Limit(max + 1, Project[index as string, others as lct](Sort(Filter(index not
       null)))) */
    const char *iname = schema->fields[index].name;
    int64_t max = ctx->transpose_max_values > 0 ? ctx->transpose_max_values : CX_TP_MAX_DEFAULT;
    pl_node *in = NULL;
    if (cx_relation(m->input, ctx, &in, err))
        return err ? err->code : EM_EUSER;
    pl_node *filter = pl_node_new(a, PL_FILTER, 1);
    filter->children[0] = in;
    pl_expr *nn = pl_func_new(a, "isnotnull", 1, (pl_expr *[]){cx_tp_col(a, iname)});
    filter->u.filter.cond = nn;
    pl_node *sort = pl_node_new(a, PL_SORT, 1);
    sort->children[0] = filter;
    sort->u.sort.is_global = true;
    sort->n_exprs = 1;
    sort->exprs = em_arena_calloc(a, 1, sizeof(pl_expr *));
    sort->exprs[0] = pl_expr_new(a, PX_SORT_ORDER, 1);
    sort->exprs[0]->args[0] = cx_tp_col(a, iname);
    sort->exprs[0]->nulls_first = true;
    pl_node *proj = pl_node_new(a, PL_PROJECT, 1);
    proj->children[0] = sort;
    proj->n_exprs = schema->n_fields;
    proj->exprs = em_arena_calloc(a, (size_t)schema->n_fields, sizeof(pl_expr *));
    proj->exprs[0] = cx_tp_cast_as(a, iname, ty_string());
    const char **names = em_arena_calloc(a, (size_t)(n_other ? n_other : 1), sizeof(char *));
    for (int f = 0, k = 0; f < schema->n_fields; f++) {
        if (f == index)
            continue;
        names[k] = schema->fields[f].name;
        proj->exprs[k + 1] = cx_tp_cast_as(a, names[k], lct);
        k++;
    }
    pl_node *limit = pl_node_new(a, PL_LIMIT, 1);
    limit->children[0] = proj;
    limit->u.limit.n = max + 1;
    pl_node *local = NULL;
    if (ctx->run_plan(ctx->cb_ctx, limit, a, &local, err))
        return err ? err->code : EM_EUSER;
    const vec_batch *rows = local->u.local.n_batches ? local->u.local.batches[0] : NULL;
    int64_t n_rows = rows ? rows->n_rows : 0;
    if (n_rows > max) {
        char buf[32];
        snprintf(buf, sizeof buf, "%lld", (long long)max);
        return em_error_set(err, "TRANSPOSE_EXCEED_ROW_LIMIT", "maxValues", buf, "config",
                            "spark.sql.transposeMaxValues", NULL);
    }
    /* the transposed table: key, then one column per collected row */
    int n_cols = 1 + (int)n_rows;
    ty_field *fields = em_arena_calloc(a, (size_t)n_cols, sizeof *fields);
    fields[0] = (ty_field){.name = "key", .type = ty_string(), .nullable = false};
    vec_batch *b = vec_batch_new(n_cols, n_other);
    b->cols[0] = vec_new(ty_string(), n_other);
    for (int k = 0; k < n_other; k++)
        vec_append_str(b->cols[0], names[k], (int64_t)strlen(names[k]), NULL);
    for (int64_t r = 0; r < n_rows; r++) {
        int32_t len;
        const char *p = vec_str(rows->cols[0], r, &len);
        fields[1 + r] =
            (ty_field){.name = em_arena_strndup(a, p, (size_t)len), .type = lct, .nullable = true};
        vec *col = vec_new(lct, n_other);
        b->cols[1 + r] = col;
        for (int k = 0; k < n_other; k++)
            if (vec_append_from(col, rows->cols[1 + k], r, err)) {
                vec_batch_free(b);
                return err ? err->code : EM_EUSER;
            }
    }
    pl_node *res = pl_node_new(a, PL_LOCAL, 0);
    res->u.local.schema = ty_struct(a, n_cols, fields);
    pl_local_add_batch(a, res, b);
    *out = res;
    return EM_OK;
}
