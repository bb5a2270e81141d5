/*
 * cl_proto.c: the plan IR (ember_dataframe / ember_column trees) -> protobuf-c messages.
 *
 * Every message is allocated in the caller's per-request arena and only lives until the request
 * is packed; strings and byte buffers point into the IR nodes (which outlive the request) or
 * into the arena. The field choices follow PySpark's LogicalPlan.plan / Expression.to_plan
 * methods: which optional fields are set (and so visible on the wire) matters as much as their
 * values.
 */
#include <string.h>

#include "client/cl_int.h"
#include "common/em_mem.h"

/* protobuf-c INIT macros leave union members unbraced; harmless in compound literals. */
#pragma GCC diagnostic ignored "-Wmissing-braces"

/* A new zero-initialised protobuf-c message of type T in arena a. */
#define CL_NEW(a, T, INIT) ((T *)cl_proto_dup((a), &(T)INIT, sizeof(T)))
/* Sets an optional (synthetic oneof) field; protobuf-c's case value is the field number. */
static void *cl_proto_dup(em_arena *a, const void *init, size_t size)
{
    void *p = em_arena_alloc(a, size);
    memcpy(p, init, size);
    return p;
}

static char **cl_proto_strs(em_arena *a, char **strs, size_t n)
{
    char **out = em_arena_alloc(a, sizeof(char *) * (n + 1));
    for (size_t idx = 0; idx < n; idx++)
        out[idx] = strs[idx];
    return out;
}

static Spark__Connect__Expression **cl_proto_exprs(em_arena *a, ember_column *const *cols, size_t n)
{
    Spark__Connect__Expression **out = em_arena_alloc(a, sizeof(void *) * (n + 1));
    for (size_t idx = 0; idx < n; idx++)
        out[idx] = cl_proto_expression(a, cols[idx]);
    return out;
}

/* ---------------------------------------------------------------------------- literals ---- */

static Spark__Connect__Expression__Literal *cl_proto_literal(em_arena *a, const cl_lit *l)
{
    Spark__Connect__Expression__Literal *p =
        CL_NEW(a, Spark__Connect__Expression__Literal, SPARK__CONNECT__EXPRESSION__LITERAL__INIT);
    switch (l->kind) {
    case CL_L_NULL: {
        Spark__Connect__DataType *dt =
            CL_NEW(a, Spark__Connect__DataType, SPARK__CONNECT__DATA_TYPE__INIT);
        dt->kind_case = SPARK__CONNECT__DATA_TYPE__KIND_NULL;
        dt->null = CL_NEW(a, Spark__Connect__DataType__NULL, SPARK__CONNECT__DATA_TYPE__NULL__INIT);
        p->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_NULL;
        p->null = dt;
        break;
    }
    case CL_L_BOOL:
        p->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_BOOLEAN;
        p->boolean = l->b;
        break;
    case CL_L_BYTE:
        p->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_BYTE;
        p->byte = (int32_t)l->i64;
        break;
    case CL_L_SHORT:
        p->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_SHORT;
        p->short_ = (int32_t)l->i64;
        break;
    case CL_L_INT:
        p->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_INTEGER;
        p->integer = (int32_t)l->i64;
        break;
    case CL_L_LONG:
        p->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_LONG;
        p->long_ = l->i64;
        break;
    case CL_L_FLOAT:
        p->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_FLOAT;
        p->float_ = (float)l->f64;
        break;
    case CL_L_DOUBLE:
        p->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_DOUBLE;
        p->double_ = l->f64;
        break;
    case CL_L_DECIMAL: {
        Spark__Connect__Expression__Literal__Decimal *d =
            CL_NEW(a, Spark__Connect__Expression__Literal__Decimal,
                   SPARK__CONNECT__EXPRESSION__LITERAL__DECIMAL__INIT);
        d->value = l->str;
        CL_OPT(d, precision, 2, l->i32a);
        CL_OPT(d, scale, 3, l->i32b);
        p->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_DECIMAL;
        p->decimal = d;
        break;
    }
    case CL_L_STRING:
        p->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_STRING;
        p->string = l->str;
        break;
    case CL_L_BINARY:
        p->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_BINARY;
        p->binary.data = (uint8_t *)l->str;
        p->binary.len = l->len;
        break;
    case CL_L_DATE:
        p->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_DATE;
        p->date = (int32_t)l->i64;
        break;
    case CL_L_TIMESTAMP:
        p->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_TIMESTAMP;
        p->timestamp = l->i64;
        break;
    case CL_L_TIMESTAMP_NTZ:
        p->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_TIMESTAMP_NTZ;
        p->timestamp_ntz = l->i64;
        break;
    case CL_L_DAY_TIME:
        p->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_DAY_TIME_INTERVAL;
        p->day_time_interval = l->i64;
        break;
    case CL_L_YEAR_MONTH:
        p->literal_type_case =
            SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_YEAR_MONTH_INTERVAL;
        p->year_month_interval = (int32_t)l->i64;
        break;
    case CL_L_CALENDAR: {
        Spark__Connect__Expression__Literal__CalendarInterval *ci =
            CL_NEW(a, Spark__Connect__Expression__Literal__CalendarInterval,
                   SPARK__CONNECT__EXPRESSION__LITERAL__CALENDAR_INTERVAL__INIT);
        ci->months = l->i32a;
        ci->days = l->i32b;
        ci->microseconds = l->i64;
        p->literal_type_case = SPARK__CONNECT__EXPRESSION__LITERAL__LITERAL_TYPE_CALENDAR_INTERVAL;
        p->calendar_interval = ci;
        break;
    }
    }
    return p;
}

/* ------------------------------------------------------------------------- expressions ---- */

static Spark__Connect__Expression__SortOrder *cl_proto_sort_order(em_arena *a,
                                                                  const ember_column *c)
{
    Spark__Connect__Expression__SortOrder *so = CL_NEW(
        a, Spark__Connect__Expression__SortOrder, SPARK__CONNECT__EXPRESSION__SORT_ORDER__INIT);
    if (c->kind != CL_C_SORT) {
        /* Not reachable through the public API (sort columns pass cl_sort_col). */
        so->child = cl_proto_expression(a, c);
        so->direction =
            SPARK__CONNECT__EXPRESSION__SORT_ORDER__SORT_DIRECTION__SORT_DIRECTION_ASCENDING;
        so->null_ordering = SPARK__CONNECT__EXPRESSION__SORT_ORDER__NULL_ORDERING__SORT_NULLS_FIRST;
        return so;
    }
    so->child = cl_proto_expression(a, c->args[0]);
    so->direction = c->ival;
    so->null_ordering = c->ival2;
    return so;
}

static Spark__Connect__Expression__Window__WindowFrame__FrameBoundary *
cl_proto_boundary(em_arena *a, int64_t v, bool lower, bool rows)
{
    Spark__Connect__Expression__Window__WindowFrame__FrameBoundary *b =
        CL_NEW(a, Spark__Connect__Expression__Window__WindowFrame__FrameBoundary,
               SPARK__CONNECT__EXPRESSION__WINDOW__WINDOW_FRAME__FRAME_BOUNDARY__INIT);
    if (v == 0) {
        b->boundary_case =
            SPARK__CONNECT__EXPRESSION__WINDOW__WINDOW_FRAME__FRAME_BOUNDARY__BOUNDARY_CURRENT_ROW;
        b->current_row = 1;
    } else if ((lower && v == INT64_MIN) || (!lower && v == INT64_MAX)) {
        b->boundary_case =
            SPARK__CONNECT__EXPRESSION__WINDOW__WINDOW_FRAME__FRAME_BOUNDARY__BOUNDARY_UNBOUNDED;
        b->unbounded = 1;
    } else {
        /* PySpark: row frames send integer offsets, range frames long ones. */
        ember_column lit;
        memset(&lit, 0, sizeof lit);
        lit.kind = CL_C_LIT;
        lit.lit.kind = rows ? CL_L_INT : CL_L_LONG;
        lit.lit.i64 = v;
        b->boundary_case =
            SPARK__CONNECT__EXPRESSION__WINDOW__WINDOW_FRAME__FRAME_BOUNDARY__BOUNDARY_VALUE;
        b->value = cl_proto_expression(a, &lit);
    }
    return b;
}

static Spark__Connect__Expression__Window *cl_proto_window(em_arena *a, const ember_column *c)
{
    Spark__Connect__Expression__Window *w =
        CL_NEW(a, Spark__Connect__Expression__Window, SPARK__CONNECT__EXPRESSION__WINDOW__INIT);
    const cl_window_spec *spec = c->win;
    w->window_function = cl_proto_expression(a, c->args[0]);
    w->n_partition_spec = spec->n_partition;
    w->partition_spec = cl_proto_exprs(a, spec->partition, spec->n_partition);
    w->n_order_spec = spec->n_order;
    w->order_spec = em_arena_alloc(a, sizeof(void *) * (spec->n_order + 1));
    for (size_t idx = 0; idx < spec->n_order; idx++)
        w->order_spec[idx] = cl_proto_sort_order(a, spec->order[idx]);
    if (spec->frame_type) {
        bool rows = spec->frame_type == 1;
        Spark__Connect__Expression__Window__WindowFrame *f =
            CL_NEW(a, Spark__Connect__Expression__Window__WindowFrame,
                   SPARK__CONNECT__EXPRESSION__WINDOW__WINDOW_FRAME__INIT);
        f->frame_type =
            rows ? SPARK__CONNECT__EXPRESSION__WINDOW__WINDOW_FRAME__FRAME_TYPE__FRAME_TYPE_ROW
                 : SPARK__CONNECT__EXPRESSION__WINDOW__WINDOW_FRAME__FRAME_TYPE__FRAME_TYPE_RANGE;
        f->lower = cl_proto_boundary(a, spec->frame_start, true, rows);
        f->upper = cl_proto_boundary(a, spec->frame_end, false, rows);
        w->frame_spec = f;
    }
    return w;
}

static Spark__Connect__Expression__UnresolvedFunction *
cl_proto_function(em_arena *a, const char *name, ember_column *const *args, size_t n, bool distinct)
{
    Spark__Connect__Expression__UnresolvedFunction *f =
        CL_NEW(a, Spark__Connect__Expression__UnresolvedFunction,
               SPARK__CONNECT__EXPRESSION__UNRESOLVED_FUNCTION__INIT);
    f->function_name = (char *)name;
    f->n_arguments = n;
    f->arguments = cl_proto_exprs(a, args, n);
    f->is_distinct = distinct;
    return f;
}

Spark__Connect__Expression *cl_proto_expression(em_arena *a, const ember_column *c)
{
    Spark__Connect__Expression *e =
        CL_NEW(a, Spark__Connect__Expression, SPARK__CONNECT__EXPRESSION__INIT);
    switch (c->kind) {
    case CL_C_ATTR: {
        Spark__Connect__Expression__UnresolvedAttribute *u =
            CL_NEW(a, Spark__Connect__Expression__UnresolvedAttribute,
                   SPARK__CONNECT__EXPRESSION__UNRESOLVED_ATTRIBUTE__INIT);
        u->unparsed_identifier = c->name;
        if (c->has_plan_id)
            CL_OPT(u, plan_id, 2, c->plan_id);
        CL_OPT(u, is_metadata_column, 3, c->flag);
        e->expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_UNRESOLVED_ATTRIBUTE;
        e->unresolved_attribute = u;
        break;
    }
    case CL_C_STAR: {
        Spark__Connect__Expression__UnresolvedStar *u =
            CL_NEW(a, Spark__Connect__Expression__UnresolvedStar,
                   SPARK__CONNECT__EXPRESSION__UNRESOLVED_STAR__INIT);
        if (c->name)
            CL_OPT(u, unparsed_target, 1, c->name);
        if (c->has_plan_id)
            CL_OPT(u, plan_id, 2, c->plan_id);
        e->expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_UNRESOLVED_STAR;
        e->unresolved_star = u;
        break;
    }
    case CL_C_LIT:
        e->expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_LITERAL;
        e->literal = cl_proto_literal(a, &c->lit);
        break;
    case CL_C_FUNC:
        e->expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_UNRESOLVED_FUNCTION;
        e->unresolved_function = cl_proto_function(a, c->name, c->args, c->n_args, c->flag);
        break;
    case CL_C_CASE_WHEN:
        /* CaseWhen.to_plan: when(c1, v1, c2, v2, ..., [else]). */
        e->expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_UNRESOLVED_FUNCTION;
        e->unresolved_function = cl_proto_function(a, "when", c->args, c->n_args, false);
        break;
    case CL_C_CALL: {
        Spark__Connect__CallFunction *f =
            CL_NEW(a, Spark__Connect__CallFunction, SPARK__CONNECT__CALL_FUNCTION__INIT);
        f->function_name = c->name;
        f->n_arguments = c->n_args;
        f->arguments = cl_proto_exprs(a, c->args, c->n_args);
        e->expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_CALL_FUNCTION;
        e->call_function = f;
        break;
    }
    case CL_C_SQL: {
        Spark__Connect__Expression__ExpressionString *s =
            CL_NEW(a, Spark__Connect__Expression__ExpressionString,
                   SPARK__CONNECT__EXPRESSION__EXPRESSION_STRING__INIT);
        s->expression = c->name;
        e->expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_EXPRESSION_STRING;
        e->expression_string = s;
        break;
    }
    case CL_C_ALIAS: {
        Spark__Connect__Expression__Alias *al =
            CL_NEW(a, Spark__Connect__Expression__Alias, SPARK__CONNECT__EXPRESSION__ALIAS__INIT);
        al->expr = cl_proto_expression(a, c->args[0]);
        al->n_name = c->n_names;
        al->name = cl_proto_strs(a, c->names, c->n_names);
        if (c->metadata)
            CL_OPT(al, metadata, 3, c->metadata);
        e->expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_ALIAS;
        e->alias = al;
        break;
    }
    case CL_C_CAST: {
        Spark__Connect__Expression__Cast *ca =
            CL_NEW(a, Spark__Connect__Expression__Cast, SPARK__CONNECT__EXPRESSION__CAST__INIT);
        ca->expr = cl_proto_expression(a, c->args[0]);
        ca->cast_to_type_case = SPARK__CONNECT__EXPRESSION__CAST__CAST_TO_TYPE_TYPE_STR;
        ca->type_str = c->name;
        ca->eval_mode = c->ival;
        e->expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_CAST;
        e->cast = ca;
        break;
    }
    case CL_C_SORT:
        e->expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_SORT_ORDER;
        e->sort_order = cl_proto_sort_order(a, c);
        break;
    case CL_C_EXTRACT: {
        Spark__Connect__Expression__UnresolvedExtractValue *x =
            CL_NEW(a, Spark__Connect__Expression__UnresolvedExtractValue,
                   SPARK__CONNECT__EXPRESSION__UNRESOLVED_EXTRACT_VALUE__INIT);
        x->child = cl_proto_expression(a, c->args[0]);
        x->extraction = cl_proto_expression(a, c->args[1]);
        e->expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_UNRESOLVED_EXTRACT_VALUE;
        e->unresolved_extract_value = x;
        break;
    }
    case CL_C_WINDOW:
        e->expr_type_case = SPARK__CONNECT__EXPRESSION__EXPR_TYPE_WINDOW;
        e->window = cl_proto_window(a, c);
        break;
    }
    return e;
}

/* --------------------------------------------------------------------------- relations ---- */

/* A relation received from the server, unpacked into the arena with a fresh plan id. */
static Spark__Connect__Relation *cl_proto_cached(em_arena *a, ember_dataframe *df)
{
    ProtobufCAllocator alloc;
    cl_arena_allocator(a, &alloc);
    Spark__Connect__Relation *r = spark__connect__relation__unpack(&alloc, df->blob_len, df->blob);
    if (!r) /* validated when received; keep the request well-formed regardless */
        r = CL_NEW(a, Spark__Connect__Relation, SPARK__CONNECT__RELATION__INIT);
    if (!r->common)
        r->common =
            CL_NEW(a, Spark__Connect__RelationCommon, SPARK__CONNECT__RELATION_COMMON__INIT);
    CL_OPT(r->common, plan_id, 2, df->plan_id);
    return r;
}

static Spark__Connect__Aggregate *cl_proto_aggregate(em_arena *a, ember_dataframe *df)
{
    Spark__Connect__Aggregate *ag =
        CL_NEW(a, Spark__Connect__Aggregate, SPARK__CONNECT__AGGREGATE__INIT);
    ag->input = cl_proto_relation(a, df->in[0]);
    ag->group_type = (Spark__Connect__Aggregate__GroupType)df->i64[0];
    ag->n_grouping_expressions = df->n_cols;
    ag->grouping_expressions = cl_proto_exprs(a, df->cols, df->n_cols);
    ag->n_aggregate_expressions = df->n_cols2;
    ag->aggregate_expressions = cl_proto_exprs(a, df->cols2, df->n_cols2);
    if (df->i64[0] == SPARK__CONNECT__AGGREGATE__GROUP_TYPE__GROUP_TYPE_PIVOT) {
        Spark__Connect__Aggregate__Pivot *pv =
            CL_NEW(a, Spark__Connect__Aggregate__Pivot, SPARK__CONNECT__AGGREGATE__PIVOT__INIT);
        pv->col = cl_proto_expression(a, df->cond);
        pv->n_values = df->n_cols3;
        pv->values = em_arena_alloc(a, sizeof(void *) * (df->n_cols3 + 1));
        for (size_t idx = 0; idx < df->n_cols3; idx++)
            pv->values[idx] = cl_proto_literal(a, &df->cols3[idx]->lit);
        ag->pivot = pv;
    }
    return ag;
}

static Spark__Connect__Read *cl_proto_read(em_arena *a, ember_dataframe *df)
{
    Spark__Connect__Read *rd = CL_NEW(a, Spark__Connect__Read, SPARK__CONNECT__READ__INIT);
    if (df->kind == CL_R_TABLE) {
        Spark__Connect__Read__NamedTable *nt =
            CL_NEW(a, Spark__Connect__Read__NamedTable, SPARK__CONNECT__READ__NAMED_TABLE__INIT);
        nt->unparsed_identifier = df->text;
        rd->read_type_case = SPARK__CONNECT__READ__READ_TYPE_NAMED_TABLE;
        rd->named_table = nt;
        return rd;
    }
    Spark__Connect__Read__DataSource *ds =
        CL_NEW(a, Spark__Connect__Read__DataSource, SPARK__CONNECT__READ__DATA_SOURCE__INIT);
    if (df->text)
        CL_OPT(ds, format, 1, df->text);
    if (df->text2)
        CL_OPT(ds, schema, 2, df->text2);
    ds->n_options = df->n_strs;
    ds->options = em_arena_alloc(a, sizeof(void *) * (df->n_strs + 1));
    for (size_t idx = 0; idx < df->n_strs; idx++) {
        Spark__Connect__Read__DataSource__OptionsEntry *o =
            CL_NEW(a, Spark__Connect__Read__DataSource__OptionsEntry,
                   SPARK__CONNECT__READ__DATA_SOURCE__OPTIONS_ENTRY__INIT);
        o->key = df->strs[idx];
        o->value = df->strs2[idx];
        ds->options[idx] = o;
    }
    ds->n_paths = df->n_strs3;
    ds->paths = cl_proto_strs(a, df->strs3, df->n_strs3);
    rd->read_type_case = SPARK__CONNECT__READ__READ_TYPE_DATA_SOURCE;
    rd->data_source = ds;
    return rd;
}

static Spark__Connect__SQL *cl_proto_sql(em_arena *a, ember_dataframe *df)
{
    Spark__Connect__SQL *q = CL_NEW(a, Spark__Connect__SQL, SPARK__CONNECT__SQL__INIT);
    q->query = df->text;
    q->n_pos_arguments = df->n_cols;
    q->pos_arguments = cl_proto_exprs(a, df->cols, df->n_cols);
    q->n_named_arguments = df->n_strs;
    q->named_arguments = em_arena_alloc(a, sizeof(void *) * (df->n_strs + 1));
    for (size_t idx = 0; idx < df->n_strs; idx++) {
        Spark__Connect__SQL__NamedArgumentsEntry *na =
            CL_NEW(a, Spark__Connect__SQL__NamedArgumentsEntry,
                   SPARK__CONNECT__SQL__NAMED_ARGUMENTS_ENTRY__INIT);
        na->key = df->strs[idx];
        na->value = cl_proto_expression(a, df->cols2[idx]);
        q->named_arguments[idx] = na;
    }
    return q;
}

Spark__Connect__Relation *cl_proto_relation(em_arena *a, ember_dataframe *df)
{
    if (df->kind == CL_R_CACHED)
        return cl_proto_cached(a, df);
    Spark__Connect__Relation *r =
        CL_NEW(a, Spark__Connect__Relation, SPARK__CONNECT__RELATION__INIT);
    r->common = CL_NEW(a, Spark__Connect__RelationCommon, SPARK__CONNECT__RELATION_COMMON__INIT);
    CL_OPT(r->common, plan_id, 2, df->plan_id);
    Spark__Connect__Relation *in0 = df->in[0] ? cl_proto_relation(a, df->in[0]) : NULL;
    switch (df->kind) {
    case CL_R_RANGE: {
        Spark__Connect__Range *rg = CL_NEW(a, Spark__Connect__Range, SPARK__CONNECT__RANGE__INIT);
        CL_OPT(rg, start, 1, df->i64[0]);
        rg->end = df->i64[1];
        rg->step = df->i64[2];
        if (df->i64[3] > 0)
            CL_OPT(rg, num_partitions, 4, (int32_t)df->i64[3]);
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_RANGE;
        r->range = rg;
        break;
    }
    case CL_R_SQL:
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_SQL;
        r->sql = cl_proto_sql(a, df);
        break;
    case CL_R_TABLE:
    case CL_R_DATA_SOURCE:
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_READ;
        r->read = cl_proto_read(a, df);
        break;
    case CL_R_LOCAL: {
        Spark__Connect__LocalRelation *lr =
            CL_NEW(a, Spark__Connect__LocalRelation, SPARK__CONNECT__LOCAL_RELATION__INIT);
        if (df->blob) {
            lr->_data_case = SPARK__CONNECT__LOCAL_RELATION___DATA_DATA;
            lr->data.data = df->blob;
            lr->data.len = df->blob_len;
        }
        if (df->text)
            CL_OPT(lr, schema, 2, df->text);
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_LOCAL_RELATION;
        r->local_relation = lr;
        break;
    }
    case CL_R_CACHED:
        break; /* handled above */
    case CL_R_PROJECT: {
        Spark__Connect__Project *p =
            CL_NEW(a, Spark__Connect__Project, SPARK__CONNECT__PROJECT__INIT);
        p->input = in0;
        p->n_expressions = df->n_cols;
        p->expressions = cl_proto_exprs(a, df->cols, df->n_cols);
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_PROJECT;
        r->project = p;
        break;
    }
    case CL_R_FILTER: {
        Spark__Connect__Filter *f = CL_NEW(a, Spark__Connect__Filter, SPARK__CONNECT__FILTER__INIT);
        f->input = in0;
        f->condition = cl_proto_expression(a, df->cond);
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_FILTER;
        r->filter = f;
        break;
    }
    case CL_R_WITH_COLUMNS: {
        Spark__Connect__WithColumns *w =
            CL_NEW(a, Spark__Connect__WithColumns, SPARK__CONNECT__WITH_COLUMNS__INIT);
        w->input = in0;
        w->n_aliases = df->n_cols;
        w->aliases = em_arena_alloc(a, sizeof(void *) * (df->n_cols + 1));
        for (size_t idx = 0; idx < df->n_cols; idx++) {
            Spark__Connect__Expression__Alias *al = CL_NEW(a, Spark__Connect__Expression__Alias,
                                                           SPARK__CONNECT__EXPRESSION__ALIAS__INIT);
            al->expr = cl_proto_expression(a, df->cols[idx]);
            al->n_name = 1;
            al->name = cl_proto_strs(a, &df->strs[idx], 1);
            w->aliases[idx] = al;
        }
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_WITH_COLUMNS;
        r->with_columns = w;
        break;
    }
    case CL_R_RENAME: {
        Spark__Connect__WithColumnsRenamed *w = CL_NEW(a, Spark__Connect__WithColumnsRenamed,
                                                       SPARK__CONNECT__WITH_COLUMNS_RENAMED__INIT);
        w->input = in0;
        w->n_renames = df->n_strs;
        w->renames = em_arena_alloc(a, sizeof(void *) * (df->n_strs + 1));
        for (size_t idx = 0; idx < df->n_strs; idx++) {
            Spark__Connect__WithColumnsRenamed__Rename *rn =
                CL_NEW(a, Spark__Connect__WithColumnsRenamed__Rename,
                       SPARK__CONNECT__WITH_COLUMNS_RENAMED__RENAME__INIT);
            rn->col_name = df->strs[idx];
            rn->new_col_name = df->strs2[idx];
            w->renames[idx] = rn;
        }
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_WITH_COLUMNS_RENAMED;
        r->with_columns_renamed = w;
        break;
    }
    case CL_R_DROP: {
        Spark__Connect__Drop *d = CL_NEW(a, Spark__Connect__Drop, SPARK__CONNECT__DROP__INIT);
        d->input = in0;
        d->n_columns = df->n_cols;
        d->columns = cl_proto_exprs(a, df->cols, df->n_cols);
        d->n_column_names = df->n_strs;
        d->column_names = cl_proto_strs(a, df->strs, df->n_strs);
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_DROP;
        r->drop = d;
        break;
    }
    case CL_R_LIMIT: {
        Spark__Connect__Limit *l = CL_NEW(a, Spark__Connect__Limit, SPARK__CONNECT__LIMIT__INIT);
        l->input = in0;
        l->limit = (int32_t)df->i64[0];
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_LIMIT;
        r->limit = l;
        break;
    }
    case CL_R_OFFSET: {
        Spark__Connect__Offset *o = CL_NEW(a, Spark__Connect__Offset, SPARK__CONNECT__OFFSET__INIT);
        o->input = in0;
        o->offset = (int32_t)df->i64[0];
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_OFFSET;
        r->offset = o;
        break;
    }
    case CL_R_SORT: {
        Spark__Connect__Sort *s = CL_NEW(a, Spark__Connect__Sort, SPARK__CONNECT__SORT__INIT);
        s->input = in0;
        s->n_order = df->n_cols;
        s->order = em_arena_alloc(a, sizeof(void *) * (df->n_cols + 1));
        for (size_t idx = 0; idx < df->n_cols; idx++)
            s->order[idx] = cl_proto_sort_order(a, df->cols[idx]);
        CL_OPT(s, is_global, 3, df->flag);
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_SORT;
        r->sort = s;
        break;
    }
    case CL_R_AGGREGATE:
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_AGGREGATE;
        r->aggregate = cl_proto_aggregate(a, df);
        break;
    case CL_R_DEDUP: {
        Spark__Connect__Deduplicate *d =
            CL_NEW(a, Spark__Connect__Deduplicate, SPARK__CONNECT__DEDUPLICATE__INIT);
        d->input = in0;
        d->n_column_names = df->n_strs;
        d->column_names = cl_proto_strs(a, df->strs, df->n_strs);
        CL_OPT(d, all_columns_as_keys, 3, df->flag);
        CL_OPT(d, within_watermark, 4, 0);
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_DEDUPLICATE;
        r->deduplicate = d;
        break;
    }
    case CL_R_SET_OP: {
        Spark__Connect__SetOperation *so =
            CL_NEW(a, Spark__Connect__SetOperation, SPARK__CONNECT__SET_OPERATION__INIT);
        so->left_input = in0;
        so->right_input = cl_proto_relation(a, df->in[1]);
        so->set_op_type = (Spark__Connect__SetOperation__SetOpType)df->i64[0];
        CL_OPT(so, is_all, 4, df->flag);
        CL_OPT(so, by_name, 5, df->flag2);
        CL_OPT(so, allow_missing_columns, 6, df->flag3);
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_SET_OP;
        r->set_op = so;
        break;
    }
    case CL_R_ALIAS: {
        Spark__Connect__SubqueryAlias *sa =
            CL_NEW(a, Spark__Connect__SubqueryAlias, SPARK__CONNECT__SUBQUERY_ALIAS__INIT);
        sa->input = in0;
        sa->alias = df->text;
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_SUBQUERY_ALIAS;
        r->subquery_alias = sa;
        break;
    }
    case CL_R_JOIN: {
        Spark__Connect__Join *j = CL_NEW(a, Spark__Connect__Join, SPARK__CONNECT__JOIN__INIT);
        j->left = in0;
        j->right = cl_proto_relation(a, df->in[1]);
        if (df->cond)
            j->join_condition = cl_proto_expression(a, df->cond);
        j->n_using_columns = df->n_strs;
        j->using_columns = cl_proto_strs(a, df->strs, df->n_strs);
        j->join_type = (Spark__Connect__Join__JoinType)df->i64[0];
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_JOIN;
        r->join = j;
        break;
    }
    case CL_R_TO_DF: {
        Spark__Connect__ToDF *t = CL_NEW(a, Spark__Connect__ToDF, SPARK__CONNECT__TO_DF__INIT);
        t->input = in0;
        t->n_column_names = df->n_strs;
        t->column_names = cl_proto_strs(a, df->strs, df->n_strs);
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_TO_DF;
        r->to_df = t;
        break;
    }
    case CL_R_SHOW: {
        Spark__Connect__ShowString *s =
            CL_NEW(a, Spark__Connect__ShowString, SPARK__CONNECT__SHOW_STRING__INIT);
        s->input = in0;
        s->num_rows = (int32_t)df->i64[0];
        s->truncate = (int32_t)df->i64[1];
        s->vertical = df->flag;
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_SHOW_STRING;
        r->show_string = s;
        break;
    }
    case CL_R_SAMPLE: {
        Spark__Connect__Sample *s = CL_NEW(a, Spark__Connect__Sample, SPARK__CONNECT__SAMPLE__INIT);
        s->input = in0;
        s->lower_bound = df->dbl[0];
        s->upper_bound = df->dbl[1];
        CL_OPT(s, with_replacement, 4, df->flag);
        CL_OPT(s, seed, 5, df->i64[0]);
        s->deterministic_order = 0;
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_SAMPLE;
        r->sample = s;
        break;
    }
    case CL_R_HINT: {
        Spark__Connect__Hint *h = CL_NEW(a, Spark__Connect__Hint, SPARK__CONNECT__HINT__INIT);
        h->input = in0;
        h->name = df->text;
        h->n_parameters = df->n_cols;
        h->parameters = cl_proto_exprs(a, df->cols, df->n_cols);
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_HINT;
        r->hint = h;
        break;
    }
    case CL_R_REPARTITION: {
        Spark__Connect__Repartition *p =
            CL_NEW(a, Spark__Connect__Repartition, SPARK__CONNECT__REPARTITION__INIT);
        p->input = in0;
        p->num_partitions = (int32_t)df->i64[0];
        CL_OPT(p, shuffle, 3, df->flag);
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_REPARTITION;
        r->repartition = p;
        break;
    }
    case CL_R_NA_FILL: {
        Spark__Connect__NAFill *f = CL_NEW(a, Spark__Connect__NAFill, SPARK__CONNECT__NAFILL__INIT);
        f->input = in0;
        f->n_cols = df->n_strs;
        f->cols = cl_proto_strs(a, df->strs, df->n_strs);
        f->n_values = df->n_cols;
        f->values = em_arena_alloc(a, sizeof(void *) * (df->n_cols + 1));
        for (size_t idx = 0; idx < df->n_cols; idx++)
            f->values[idx] = cl_proto_literal(a, &df->cols[idx]->lit);
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_FILL_NA;
        r->fill_na = f;
        break;
    }
    case CL_R_NA_DROP: {
        Spark__Connect__NADrop *d = CL_NEW(a, Spark__Connect__NADrop, SPARK__CONNECT__NADROP__INIT);
        d->input = in0;
        d->n_cols = df->n_strs;
        d->cols = cl_proto_strs(a, df->strs, df->n_strs);
        if (df->i64[0] >= 0)
            CL_OPT(d, min_non_nulls, 3, (int32_t)df->i64[0]);
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_DROP_NA;
        r->drop_na = d;
        break;
    }
    case CL_R_NA_REPLACE: {
        Spark__Connect__NAReplace *p =
            CL_NEW(a, Spark__Connect__NAReplace, SPARK__CONNECT__NAREPLACE__INIT);
        p->input = in0;
        p->n_cols = df->n_strs;
        p->cols = cl_proto_strs(a, df->strs, df->n_strs);
        p->n_replacements = df->n_cols;
        p->replacements = em_arena_alloc(a, sizeof(void *) * (df->n_cols + 1));
        for (size_t idx = 0; idx < df->n_cols; idx++) {
            Spark__Connect__NAReplace__Replacement *rp =
                CL_NEW(a, Spark__Connect__NAReplace__Replacement,
                       SPARK__CONNECT__NAREPLACE__REPLACEMENT__INIT);
            rp->old_value = cl_proto_literal(a, &df->cols[idx]->lit);
            rp->new_value = cl_proto_literal(a, &df->cols2[idx]->lit);
            p->replacements[idx] = rp;
        }
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_REPLACE;
        r->replace = p;
        break;
    }
    case CL_R_DESCRIBE: {
        Spark__Connect__StatDescribe *d =
            CL_NEW(a, Spark__Connect__StatDescribe, SPARK__CONNECT__STAT_DESCRIBE__INIT);
        d->input = in0;
        d->n_cols = df->n_strs;
        d->cols = cl_proto_strs(a, df->strs, df->n_strs);
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_DESCRIBE;
        r->describe = d;
        break;
    }
    case CL_R_SUMMARY: {
        Spark__Connect__StatSummary *d =
            CL_NEW(a, Spark__Connect__StatSummary, SPARK__CONNECT__STAT_SUMMARY__INIT);
        d->input = in0;
        d->n_statistics = df->n_strs;
        d->statistics = cl_proto_strs(a, df->strs, df->n_strs);
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_SUMMARY;
        r->summary = d;
        break;
    }
    case CL_R_REPART_EXPR: {
        Spark__Connect__RepartitionByExpression *p =
            CL_NEW(a, Spark__Connect__RepartitionByExpression,
                   SPARK__CONNECT__REPARTITION_BY_EXPRESSION__INIT);
        p->input = in0;
        p->n_partition_exprs = df->n_cols;
        p->partition_exprs = cl_proto_exprs(a, df->cols, df->n_cols);
        if (df->i64[0] > 0)
            CL_OPT(p, num_partitions, 3, (int32_t)df->i64[0]);
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_REPARTITION_BY_EXPRESSION;
        r->repartition_by_expression = p;
        break;
    }
    case CL_R_CROSSTAB: {
        Spark__Connect__StatCrosstab *s =
            CL_NEW(a, Spark__Connect__StatCrosstab, SPARK__CONNECT__STAT_CROSSTAB__INIT);
        s->input = in0;
        s->col1 = df->text;
        s->col2 = df->text2;
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_CROSSTAB;
        r->crosstab = s;
        break;
    }
    case CL_R_FREQ_ITEMS: {
        Spark__Connect__StatFreqItems *s =
            CL_NEW(a, Spark__Connect__StatFreqItems, SPARK__CONNECT__STAT_FREQ_ITEMS__INIT);
        s->input = in0;
        s->n_cols = df->n_strs;
        s->cols = cl_proto_strs(a, df->strs, df->n_strs);
        CL_OPT(s, support, 3, df->dbl[0]);
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_FREQ_ITEMS;
        r->freq_items = s;
        break;
    }
    case CL_R_APPROX_QUANTILE: {
        Spark__Connect__StatApproxQuantile *s = CL_NEW(a, Spark__Connect__StatApproxQuantile,
                                                       SPARK__CONNECT__STAT_APPROX_QUANTILE__INIT);
        s->input = in0;
        s->n_cols = df->n_strs;
        s->cols = cl_proto_strs(a, df->strs, df->n_strs);
        s->n_probabilities = df->n_dbls;
        s->probabilities = df->dbls;
        s->relative_error = df->dbl[0];
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_APPROX_QUANTILE;
        r->approx_quantile = s;
        break;
    }
    case CL_R_COV: {
        Spark__Connect__StatCov *s =
            CL_NEW(a, Spark__Connect__StatCov, SPARK__CONNECT__STAT_COV__INIT);
        s->input = in0;
        s->col1 = df->text;
        s->col2 = df->text2;
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_COV;
        r->cov = s;
        break;
    }
    case CL_R_CORR: {
        Spark__Connect__StatCorr *s =
            CL_NEW(a, Spark__Connect__StatCorr, SPARK__CONNECT__STAT_CORR__INIT);
        s->input = in0;
        s->col1 = df->text;
        s->col2 = df->text2;
        if (df->text3)
            CL_OPT(s, method, 4, df->text3);
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_CORR;
        r->corr = s;
        break;
    }
    case CL_R_SAMPLE_BY: {
        Spark__Connect__StatSampleBy *s =
            CL_NEW(a, Spark__Connect__StatSampleBy, SPARK__CONNECT__STAT_SAMPLE_BY__INIT);
        s->input = in0;
        s->col = cl_proto_expression(a, df->cond);
        s->n_fractions = df->n_cols;
        s->fractions = em_arena_alloc(a, sizeof(void *) * (df->n_cols + 1));
        for (size_t idx = 0; idx < df->n_cols; idx++) {
            Spark__Connect__StatSampleBy__Fraction *f =
                CL_NEW(a, Spark__Connect__StatSampleBy__Fraction,
                       SPARK__CONNECT__STAT_SAMPLE_BY__FRACTION__INIT);
            f->stratum = cl_proto_literal(a, &df->cols[idx]->lit);
            f->fraction = df->dbls[idx];
            s->fractions[idx] = f;
        }
        CL_OPT(s, seed, 5, df->i64[0]);
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_SAMPLE_BY;
        r->sample_by = s;
        break;
    }
    case CL_R_UNPIVOT: {
        Spark__Connect__Unpivot *u =
            CL_NEW(a, Spark__Connect__Unpivot, SPARK__CONNECT__UNPIVOT__INIT);
        u->input = in0;
        u->n_ids = df->n_cols;
        u->ids = cl_proto_exprs(a, df->cols, df->n_cols);
        if (df->flag) {
            Spark__Connect__Unpivot__Values *v =
                CL_NEW(a, Spark__Connect__Unpivot__Values, SPARK__CONNECT__UNPIVOT__VALUES__INIT);
            v->n_values = df->n_cols2;
            v->values = cl_proto_exprs(a, df->cols2, df->n_cols2);
            CL_OPT(u, values, 3, v);
        }
        u->variable_column_name = df->text;
        u->value_column_name = df->text2;
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_UNPIVOT;
        r->unpivot = u;
        break;
    }
    case CL_R_TAIL: {
        Spark__Connect__Tail *t = CL_NEW(a, Spark__Connect__Tail, SPARK__CONNECT__TAIL__INIT);
        t->input = in0;
        t->limit = (int32_t)df->i64[0];
        r->rel_type_case = SPARK__CONNECT__RELATION__REL_TYPE_TAIL;
        r->tail = t;
        break;
    }
    }
    return r;
}
