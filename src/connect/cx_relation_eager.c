/*
 * cx_relation_eager: the relations whose translation depends on data, which Spark's planner
 * computes by collecting a Dataset while it builds the plan, and the df.stat functions built
 * from ordinary operators:
 *
 *  - GroupedData.pivot without values (RelationalGroupedDataset.collectPivotValues): the
 *    distinct values of the pivot column, at most spark.sql.pivotMaxValues (+1 to detect
 *    overflow, then _LEGACY_ERROR_TEMP_1324), sorted ascending (nulls first), become the
 *    pivot values of the Aggregate node. No value at all leaves a plain group-by of the groups
 *    (Spark's Pivot with no values outputs just the grouping columns).
 *  - crosstab (StatFunctions.crossTabulate): groupBy(c1 as string, "null" for null AS
 *    "<c1>_<c2>").pivot(c2 as string without backticks, "null" for null).count().na.fill(0).
 *  - freq_items (FrequentItems.singlePassFreqItems): the Karp-Schenker-Papadimitriou counter
 *    map of 1 / support slots per column, run here over the collected column (as one
 *    partition); one row of "<col>_freqItems" arrays, the items in the order Spark's Scala
 *    HashMap returns them.
 *  - approx_quantile (StatFunctions.multipleApproxQuantiles): one Aggregate computing
 *    percentile_approx(double value, probabilities, accuracy) per column over the non-null,
 *    non-NaN values (an empty array when none), as one array<array<double>> column.
 *  - sample_by (DataFrameStatFunctions.sampleBy): Filter(rand(seed) < fraction of the row's
 *    stratum, 0 for others).
 *
 * Collection goes through ctx->run_plan (connect's resolve + optimize + execute). Without it
 * (the connect-plans runner), inputs known to be empty (LocalRelations without rows under
 * row-preserving nodes) collect nothing; anything else raises NOT_IMPLEMENTED.
 */
#include "connect/cx.h"

#include "common/em_mem.h"
#include "common/em_str.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CX_HAS(msg, field)      ((msg)->_##field##_case != 0)
#define CX_EG_PIVOT_MAX_DEFAULT 10000

typedef Spark__Connect__Relation cx_rel;

/* ---- small IR builders ---- */

static pl_expr *cx_eg_col(em_arena *a, const char *name)
{
    int n;
    const char **parts;
    if (pl_parse_attr_name(a, name, &n, &parts, NULL))
        return pl_attr_new(a, 1, &name, -1);
    return pl_attr_new(a, n, parts, -1);
}

static pl_expr *cx_eg_call(em_arena *a, const char *name, int n, pl_expr *x, pl_expr *y, pl_expr *z)
{
    pl_expr *args[3] = {x, y, z};
    return pl_func_new(a, name, n, args);
}

static pl_expr *cx_eg_cast(em_arena *a, pl_expr *e, const ty *to)
{
    pl_expr *c = pl_expr_new(a, PX_CAST, 1);
    c->args[0] = e;
    c->cast_type = to;
    return c;
}

static pl_expr *cx_eg_alias(em_arena *a, pl_expr *e, const char *name)
{
    pl_expr *al = pl_expr_new(a, PX_ALIAS, 1);
    al->args[0] = e;
    al->n_parts = 1;
    al->parts = em_arena_calloc(a, 1, sizeof(char *));
    al->parts[0] = name;
    return al;
}

static pl_expr *cx_eg_str(em_arena *a, const char *s)
{
    return pl_lit_string(a, s, (int64_t)strlen(s));
}

static pl_node *cx_eg_unary(em_arena *a, pl_kind kind, pl_node *child)
{
    pl_node *n = pl_node_new(a, kind, 1);
    n->children[0] = child;
    return n;
}

static pl_node *cx_eg_project(em_arena *a, pl_node *child, int n, pl_expr **exprs)
{
    pl_node *p = cx_eg_unary(a, PL_PROJECT, child);
    p->n_exprs = n;
    p->exprs = exprs;
    return p;
}

/* A Spark `require` failure: IllegalArgumentException "requirement failed: <msg>". */
static int cx_eg_require(em_error *err, const char *msg)
{
    char buf[512];
    snprintf(buf, sizeof buf, "requirement failed: %s", msg);
    return em_error_set_jvm(err, "java.lang.IllegalArgumentException", "INTERNAL_ERROR", "message",
                            buf, NULL);
}

/* Java's Double.toString for the values Spark prints in messages (shortest round trip, ".0"
   on integral values, E notation outside [1e-3, 1e7)). */
static void cx_eg_java_double(double v, char *buf, size_t size)
{
    if (isnan(v)) {
        snprintf(buf, size, "NaN");
        return;
    }
    if (isinf(v)) {
        snprintf(buf, size, v > 0 ? "Infinity" : "-Infinity");
        return;
    }
    double mag = fabs(v);
    bool sci = mag != 0 && (mag < 1e-3 || mag >= 1e7);
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, size, sci ? "%.*E" : "%.*f", sci ? prec - 1 : prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    if (sci) { /* 1.0E-5: mantissa keeps ".0", exponent without '+' and leading zeros */
        char mant[64], *e = strchr(buf, 'E');
        if (!e)
            return;
        int exp = atoi(e + 1);
        snprintf(mant, sizeof mant, "%.*s", (int)(e - buf), buf);
        snprintf(buf, size, "%s%sE%d", mant, strchr(mant, '.') ? "" : ".0", exp);
        return;
    }
    /* trim trailing zeros but keep one digit after the point */
    size_t len = strlen(buf);
    while (len > 2 && buf[len - 1] == '0' && buf[len - 2] != '.')
        buf[--len] = '\0';
}

/* ---- collecting ---- */

/* True when n produces no rows whatever: a LocalRelation without rows under nodes that never
   add rows. */
static bool cx_eg_known_empty(const pl_node *n)
{
    switch (n->kind) {
    case PL_LOCAL:
        for (int b = 0; b < n->u.local.n_batches; b++)
            if (n->u.local.batches[b]->n_rows > 0)
                return false;
        return true;
    case PL_PROJECT:
    case PL_FILTER:
    case PL_SORT:
    case PL_LIMIT:
    case PL_OFFSET:
    case PL_TAIL:
    case PL_DEDUP:
    case PL_SUBQUERY_ALIAS:
    case PL_TO_DF:
    case PL_RENAME:
    case PL_WITH_COLUMNS:
    case PL_DROP:
    case PL_SAMPLE:
    case PL_REPARTITION:
    case PL_HINT:
    case PL_TO_SCHEMA:
    case PL_FILL_NA:
    case PL_DROP_NA:
    case PL_REPLACE:
        return n->n_children == 1 && n->children[0] && cx_eg_known_empty(n->children[0]);
    default:
        return false;
    }
}

/* Runs plan (consumed) to the end: *out is a PL_LOCAL (no batches when known empty). */
static int cx_eg_collect(cx_ctx *ctx, pl_node *plan, const char *what, pl_node **out, em_error *err)
{
    if (ctx->run_plan)
        return ctx->run_plan(ctx->cb_ctx, plan, ctx->arena, out, err);
    if (!cx_eg_known_empty(plan))
        return cx_not_implemented(err, what);
    *out = pl_node_new(ctx->arena, PL_LOCAL, 0);
    return EM_OK;
}

static int64_t cx_eg_local_rows(const pl_node *local)
{
    int64_t n = 0;
    for (int b = 0; b < local->u.local.n_batches; b++)
        n += local->u.local.batches[b]->n_rows;
    return n;
}

/* ---- pivot without values ---- */

static const char *cx_eg_expr_name(em_arena *a, const pl_expr *e)
{
    if (e->kind == PX_ATTR && e->n_parts > 0) {
        em_str s;
        em_str_init(&s, 0);
        for (int idx = 0; idx < e->n_parts; idx++) {
            if (idx)
                em_str_append(&s, ".", 1);
            em_str_append(&s, e->parts[idx], strlen(e->parts[idx]));
        }
        const char *r = em_arena_strndup(a, s.data, s.len);
        em_str_release(&s);
        return r;
    }
    return e->name ? e->name : "pivot";
}

/* Collects the sorted distinct values of pcol over in (both fresh, consumed) into agg. */
static int cx_eg_pivot_values(cx_ctx *ctx, pl_node *in, pl_expr *pcol, pl_node *agg, em_error *err)
{
    em_arena *a = ctx->arena;
    int64_t max = ctx->pivot_max_values > 0 ? ctx->pivot_max_values : CX_EG_PIVOT_MAX_DEFAULT;
    const char *pname = cx_eg_expr_name(a, pcol);
    /* select(pivot).distinct().limit(max + 1).sort(pivot) */
    pl_expr **sel = em_arena_calloc(a, 1, sizeof *sel);
    sel[0] = cx_eg_alias(a, pcol, "__pivot_value");
    pl_node *dedup = cx_eg_unary(a, PL_DEDUP, cx_eg_project(a, in, 1, sel));
    dedup->u.dedup.all_columns_as_keys = true;
    pl_node *limit = cx_eg_unary(a, PL_LIMIT, dedup);
    limit->u.limit.n = max + 1;
    pl_node *sort = cx_eg_unary(a, PL_SORT, limit);
    sort->u.sort.is_global = true;
    pl_expr *order = pl_expr_new(a, PX_SORT_ORDER, 1);
    order->args[0] = cx_eg_col(a, "__pivot_value");
    order->nulls_first = true;
    sort->n_exprs = 1;
    sort->exprs = em_arena_calloc(a, 1, sizeof(pl_expr *));
    sort->exprs[0] = order;
    pl_node *local = NULL;
    if (cx_eg_collect(ctx, sort, "pivot without explicit values (no executor)", &local, err))
        return err ? err->code : EM_EUSER;
    int64_t n = cx_eg_local_rows(local);
    if (n > max) {
        char buf[32];
        snprintf(buf, sizeof buf, "%lld", (long long)max);
        return em_error_set(err, "_LEGACY_ERROR_TEMP_1324", "pivotColumn", pname, "maxValues", buf,
                            "config", "spark.sql.pivotMaxValues", NULL);
    }
    if (n == 0) {
        agg->u.agg.group_type = PL_GROUP_BY;
        agg->exprs = agg->groups;
        agg->n_exprs = agg->n_groups;
        agg->u.agg.pivot_col = NULL;
        return EM_OK;
    }
    pl_expr **vals = em_arena_calloc(a, (size_t)n, sizeof *vals);
    int64_t k = 0;
    for (int b = 0; b < local->u.local.n_batches; b++) {
        vec_batch *batch = local->u.local.batches[b];
        for (int64_t row = 0; row < batch->n_rows; row++) {
            vec *one = vec_slice(batch->cols[0], row, 1, err);
            if (!one)
                return err ? err->code : EM_EUSER;
            vals[k++] = pl_lit_new(a, one);
        }
    }
    agg->u.agg.n_pivot_values = (int)n;
    agg->u.agg.pivot_values = vals;
    return EM_OK;
}

int cx_pivot_collect(const cx_rel *input, const Spark__Connect__Expression *col, cx_ctx *ctx,
                     pl_node *agg, em_error *err)
{
    pl_node *in = NULL;
    pl_expr *pcol = NULL;
    if (!input)
        return cx_invalid_plan(err, "Aggregate needs a plan input");
    if (cx_relation(input, ctx, &in, err) || cx_expression(col, ctx, &pcol, err))
        return err ? err->code : EM_EUSER;
    return cx_eg_pivot_values(ctx, in, pcol, agg, err);
}

/* ---- crosstab ---- */

/* when(isnull(c), 'null').otherwise(cast(c as string)) [regexp_replace(.., '`', '')] */
static pl_expr *cx_eg_ct_key(em_arena *a, const char *name, bool strip_backticks)
{
    pl_expr *s = cx_eg_cast(a, cx_eg_col(a, name), ty_string());
    if (strip_backticks)
        s = cx_eg_call(a, "regexp_replace", 3, s, cx_eg_str(a, "`"), cx_eg_str(a, ""));
    return cx_eg_call(a, "when", 3, cx_eg_call(a, "isnull", 1, cx_eg_col(a, name), NULL, NULL),
                      cx_eg_str(a, "null"), s);
}

int cx_crosstab(const Spark__Connect__StatCrosstab *m, cx_ctx *ctx, pl_node **out, em_error *err)
{
    em_arena *a = ctx->arena;
    if (!m->input)
        return cx_invalid_plan(err, "the relation needs a plan input");
    size_t l1 = strlen(m->col1), l2 = strlen(m->col2);
    char *name = em_arena_alloc(a, l1 + l2 + 2);
    memcpy(name, m->col1, l1);
    name[l1] = '_';
    memcpy(name + l1 + 1, m->col2, l2 + 1);
    pl_node *agg = pl_node_new(a, PL_AGGREGATE, 1);
    if (cx_relation(m->input, ctx, &agg->children[0], err))
        return err ? err->code : EM_EUSER;
    agg->u.agg.group_type = PL_GROUP_PIVOT;
    agg->n_groups = 1;
    agg->groups = em_arena_calloc(a, 1, sizeof(pl_expr *));
    agg->groups[0] = cx_eg_alias(a, cx_eg_ct_key(a, m->col1, false), name);
    agg->n_exprs = 1;
    agg->exprs = em_arena_calloc(a, 1, sizeof(pl_expr *));
    agg->exprs[0] =
        cx_eg_alias(a, cx_eg_call(a, "count", 1, pl_lit_int(a, 1), NULL, NULL), "count");
    agg->u.agg.pivot_col = cx_eg_ct_key(a, m->col2, true);
    pl_node *in = NULL;
    if (cx_relation(m->input, ctx, &in, err))
        return err ? err->code : EM_EUSER;
    if (cx_eg_pivot_values(ctx, in, cx_eg_ct_key(a, m->col2, true), agg, err))
        return err ? err->code : EM_EUSER;
    /* .na.fill(0L): the counts of absent pairs are 0, not null */
    pl_node *fill = cx_eg_unary(a, PL_FILL_NA, agg);
    fill->u.na.n_values = 1;
    fill->u.na.values = em_arena_calloc(a, 1, sizeof(pl_expr *));
    fill->u.na.values[0] = pl_lit_long(a, 0);
    fill->u.na.cols = em_arena_calloc(a, 1, sizeof(char *));
    *out = fill;
    return EM_OK;
}

/* ---- freq_items ---- */

/* One counter slot: the key is row `row` of the collected column. */
typedef struct cx_eg_slot {
    int64_t row;
    int64_t count;
    uint64_t hash;
} cx_eg_slot;

typedef struct cx_eg_counter {
    const vec *col;
    int width; /* fixed width in bytes, 0 for strings / binary */
    int size;  /* at most this many slots */
    int n;
    cx_eg_slot *slots; /* compact, insertion order */
    int *index;        /* open addressing into slots, -1 empty; cap a power of two */
    int cap;
} cx_eg_counter;

static uint64_t cx_eg_hash(const cx_eg_counter *c, int64_t row)
{
    if (vec_is_null(c->col, row))
        return 0x9e3779b97f4a7c15ull;
    const unsigned char *p;
    int32_t len;
    if (c->width) {
        p = (const unsigned char *)c->col->values + (size_t)row * (size_t)c->width;
        len = c->width;
    } else {
        p = (const unsigned char *)vec_str(c->col, row, &len);
    }
    uint64_t h = 1469598103934665603ull;
    for (int32_t idx = 0; idx < len; idx++)
        h = (h ^ p[idx]) * 1099511628211ull;
    return h;
}

static bool cx_eg_same(const cx_eg_counter *c, int64_t r1, int64_t r2)
{
    bool n1 = vec_is_null(c->col, r1), n2 = vec_is_null(c->col, r2);
    if (n1 || n2)
        return n1 && n2;
    if (c->width)
        return memcmp((const char *)c->col->values + (size_t)r1 * (size_t)c->width,
                      (const char *)c->col->values + (size_t)r2 * (size_t)c->width,
                      (size_t)c->width) == 0;
    int32_t l1, l2;
    const char *p1 = vec_str(c->col, r1, &l1), *p2 = vec_str(c->col, r2, &l2);
    return l1 == l2 && memcmp(p1, p2, (size_t)l1) == 0;
}

static void cx_eg_reindex(cx_eg_counter *c)
{
    for (int idx = 0; idx < c->cap; idx++)
        c->index[idx] = -1;
    for (int s = 0; s < c->n; s++) {
        int pos = (int)(c->slots[s].hash & (uint64_t)(c->cap - 1));
        while (c->index[pos] >= 0)
            pos = (pos + 1) & (c->cap - 1);
        c->index[pos] = s;
    }
}

/* FrequentItems' add(map, key, 1). */
static void cx_eg_count(cx_eg_counter *c, int64_t row)
{
    uint64_t h = cx_eg_hash(c, row);
    int pos = (int)(h & (uint64_t)(c->cap - 1));
    while (c->index[pos] >= 0) {
        cx_eg_slot *s = &c->slots[c->index[pos]];
        if (s->hash == h && cx_eg_same(c, s->row, row)) {
            s->count++;
            return;
        }
        pos = (pos + 1) & (c->cap - 1);
    }
    if (c->n < c->size) {
        c->slots[c->n] = (cx_eg_slot){.row = row, .count = 1, .hash = h};
        c->index[pos] = c->n++;
        return;
    }
    int64_t min = c->slots[0].count;
    for (int s = 1; s < c->n; s++)
        if (c->slots[s].count < min)
            min = c->slots[s].count;
    /* remainder = 1 - min >= 0 only when min is 1: the new key and every key at 1 leave, the
       rest drop by 1; otherwise every count drops by 1. Either way all counts drop by 1 and
       the new key does not stay. */
    int kept = 0;
    for (int s = 0; s < c->n; s++) {
        c->slots[s].count--;
        if (c->slots[s].count > 0)
            c->slots[kept++] = c->slots[s];
    }
    if (kept != c->n) {
        c->n = kept;
        cx_eg_reindex(c);
    }
}

/* ---- freq_items: the element order of Scala's mutable.HashMap ----
 * CollectFrequentItems.eval returns the keys of its mutable.HashMap in iteration order: buckets
 * in index order (improveHash(key.##) & (table length - 1)), a bucket's nodes by ascending hash,
 * equal hashes in insertion order. The table starts at 16 slots and doubles before an insert
 * that reaches 3/4 of it; the final buffer holds just the result's keys. key.## is Scala's hash
 * of the boxed Java value Spark stores: an Integer / Short / Byte is its value, a Long its
 * value when it fits an int (else Long.hashCode), a Double / Float an int, long or float hash
 * when it is one exactly, a UTF8String Murmur3_x86_32.hashUnsafeBytes(bytes, 42), null 0.
 */

static uint32_t cx_eg_rotl(uint32_t x, int r)
{
    return (x << r) | (x >> (32 - r));
}

static uint32_t cx_eg_mix(uint32_t h1, uint32_t k1)
{
    k1 *= 0xcc9e2d51u;
    k1 = cx_eg_rotl(k1, 15);
    k1 *= 0x1b873593u;
    h1 ^= k1;
    h1 = cx_eg_rotl(h1, 13);
    return h1 * 5 + 0xe6546b64u;
}

/* Spark's Murmur3_x86_32.hashUnsafeBytes: 4-byte little-endian words, then each remaining byte
   (sign-extended) as a word of its own, then fmix with the length. */
static int32_t cx_eg_murmur3(const unsigned char *p, int32_t len, uint32_t seed)
{
    uint32_t h1 = seed;
    int32_t aligned = len - len % 4;
    for (int32_t idx = 0; idx < aligned; idx += 4)
        h1 = cx_eg_mix(h1, (uint32_t)p[idx] | (uint32_t)p[idx + 1] << 8 |
                               (uint32_t)p[idx + 2] << 16 | (uint32_t)p[idx + 3] << 24);
    for (int32_t idx = aligned; idx < len; idx++)
        h1 = cx_eg_mix(h1, (uint32_t)(int32_t)(signed char)p[idx]);
    h1 ^= (uint32_t)len;
    h1 ^= h1 >> 16;
    h1 *= 0x85ebca6bu;
    h1 ^= h1 >> 13;
    h1 *= 0xc2b2ae35u;
    h1 ^= h1 >> 16;
    return (int32_t)h1;
}

static int32_t cx_eg_long_hash(int64_t v)
{
    if (v >= INT32_MIN && v <= INT32_MAX)
        return (int32_t)v;
    uint64_t u = (uint64_t)v;
    return (int32_t)(uint32_t)(u ^ (u >> 32));
}

static int32_t cx_eg_float_bits_hash(float f)
{
    uint32_t bits;
    if (isnan(f))
        bits = 0x7fc00000u;
    else
        memcpy(&bits, &f, sizeof bits);
    return (int32_t)bits;
}

static int32_t cx_eg_double_hash(double d)
{
    if (d >= -2147483648.0 && d <= 2147483647.0 && (double)(int32_t)d == d)
        return (int32_t)d;
    if (d >= -9223372036854775808.0 && d < 9223372036854775808.0 && (double)(int64_t)d == d)
        return cx_eg_long_hash((int64_t)d);
    if (!isnan(d) && (double)(float)d == d)
        return cx_eg_float_bits_hash((float)d);
    uint64_t bits;
    if (isnan(d))
        bits = 0x7ff8000000000000ull;
    else
        memcpy(&bits, &d, sizeof bits);
    return (int32_t)(uint32_t)(bits ^ (bits >> 32));
}

/* key.## for row `row`; false for kinds whose Java hash is not modelled here. */
static bool cx_eg_scala_hash(const vec *col, int64_t row, int32_t *out)
{
    if (vec_is_null(col, row)) {
        *out = 0;
        return true;
    }
    switch (col->type->kind) {
    case TY_BOOLEAN:
        *out = VEC_VALUES(col, uint8_t)[row] ? 1231 : 1237;
        return true;
    case TY_BYTE:
        *out = VEC_VALUES(col, int8_t)[row];
        return true;
    case TY_SHORT:
        *out = VEC_VALUES(col, int16_t)[row];
        return true;
    case TY_INT:
    case TY_DATE:
        *out = VEC_VALUES(col, int32_t)[row];
        return true;
    case TY_LONG:
    case TY_TIMESTAMP:
    case TY_TIMESTAMP_NTZ:
        *out = cx_eg_long_hash(VEC_VALUES(col, int64_t)[row]);
        return true;
    case TY_FLOAT: {
        float f = VEC_VALUES(col, float)[row];
        *out = (double)(int32_t)f == (double)f && f >= -2147483648.0f && f < 2147483648.0f
                   ? (int32_t)f
                   : cx_eg_double_hash((double)f);
        return true;
    }
    case TY_DOUBLE:
        *out = cx_eg_double_hash(VEC_VALUES(col, double)[row]);
        return true;
    case TY_STRING:
    case TY_VARCHAR:
    case TY_CHAR: {
        int32_t len;
        const char *p = vec_str(col, row, &len);
        *out = cx_eg_murmur3((const unsigned char *)p, len, 42);
        return true;
    }
    default:
        return false;
    }
}

typedef struct cx_eg_order {
    uint32_t bucket;
    int32_t hash;
    int pos; /* insertion position: ties keep it */
} cx_eg_order;

static int cx_eg_order_cmp(const void *x, const void *y)
{
    const cx_eg_order *p = x, *q = y;
    if (p->bucket != q->bucket)
        return p->bucket < q->bucket ? -1 : 1;
    if (p->hash != q->hash)
        return p->hash < q->hash ? -1 : 1;
    return p->pos - q->pos;
}

/* Reorders c->slots into the HashMap's iteration order (unchanged when a kind is not modelled). */
static void cx_eg_scala_order(cx_eg_counter *c)
{
    if (c->n < 2)
        return;
    uint32_t table = 16;
    for (int k = 1; k <= c->n; k++)
        if ((double)k >= table * 0.75)
            table *= 2;
    cx_eg_order *ord = em_malloc((size_t)c->n * sizeof *ord);
    bool ok = true;
    for (int s = 0; s < c->n && ok; s++) {
        int32_t h = 0;
        ok = cx_eg_scala_hash(c->col, c->slots[s].row, &h);
        int32_t improved = (int32_t)((uint32_t)h ^ ((uint32_t)h >> 16));
        ord[s] =
            (cx_eg_order){.bucket = (uint32_t)improved & (table - 1), .hash = improved, .pos = s};
    }
    if (ok) {
        qsort(ord, (size_t)c->n, sizeof *ord, cx_eg_order_cmp);
        cx_eg_slot *sorted = em_malloc((size_t)c->n * sizeof *sorted);
        for (int s = 0; s < c->n; s++)
            sorted[s] = c->slots[ord[s].pos];
        memcpy(c->slots, sorted, (size_t)c->n * sizeof *sorted);
        em_free(sorted);
    }
    em_free(ord);
}

/* cast(array(items...) as array<T>) for one column of the collected rows. */
static int cx_eg_freq_column(cx_ctx *ctx, const vec *col, const ty *type, bool nullable, int size,
                             pl_expr **out, em_error *err)
{
    em_arena *a = ctx->arena;
    cx_eg_counter c = {.col = col, .width = ty_fixed_width(type), .size = size};
    if (!c.width && type->kind != TY_STRING && type->kind != TY_BINARY &&
        type->kind != TY_VARCHAR && type->kind != TY_CHAR)
        return cx_not_implemented(err, "freqItems over a column of a nested type");
    if (type->kind == TY_BOOLEAN)
        c.width = 1;
    c.cap = 4;
    while (c.cap < 2 * size + 2)
        c.cap *= 2;
    c.slots = em_malloc((size_t)size * sizeof *c.slots);
    c.index = em_malloc((size_t)c.cap * sizeof *c.index);
    cx_eg_reindex(&c);
    for (int64_t row = 0; row < col->len; row++)
        cx_eg_count(&c, row);
    cx_eg_scala_order(&c);
    pl_expr *arr = pl_expr_new(a, PX_FUNC, c.n);
    arr->name = "array";
    int rc = EM_OK;
    for (int s = 0; s < c.n && rc == EM_OK; s++) {
        vec *one = vec_slice(col, c.slots[s].row, 1, err);
        if (!one)
            rc = err ? err->code : EM_EUSER;
        else
            arr->args[s] = pl_lit_new(a, one);
    }
    em_free(c.slots);
    em_free(c.index);
    if (rc)
        return rc;
    *out = cx_eg_cast(a, arr, ty_array(a, type, nullable));
    return EM_OK;
}

int cx_freq_items(const Spark__Connect__StatFreqItems *m, cx_ctx *ctx, pl_node **out, em_error *err)
{
    em_arena *a = ctx->arena;
    if (!m->input)
        return cx_invalid_plan(err, "the relation needs a plan input");
    double support = CX_HAS(m, support) ? m->support : 0.01;
    if (!(support >= 1e-4 && support <= 1.0)) {
        char num[64], msg[160];
        cx_eg_java_double(support, num, sizeof num);
        snprintf(msg, sizeof msg, "Support must be in [1e-4, 1], but got %s.", num);
        return cx_eg_require(err, msg);
    }
    int size = (int)(1.0 / support);
    int n_cols = (int)m->n_cols;
    pl_expr **sel = em_arena_calloc(a, (size_t)(n_cols ? n_cols : 1), sizeof *sel);
    for (int idx = 0; idx < n_cols; idx++)
        sel[idx] = cx_eg_col(a, m->cols[idx]);
    pl_node *in = NULL;
    if (cx_relation(m->input, ctx, &in, err))
        return err ? err->code : EM_EUSER;
    pl_expr **res = em_arena_calloc(a, (size_t)(n_cols ? n_cols : 1), sizeof *res);
    if (!ctx->run_plan && cx_eg_known_empty(in)) {
        /* No executor (connect-plans runner) and no rows: every array is empty; collect_list
           over the empty input gives them the column's element type. */
        for (int idx = 0; idx < n_cols; idx++) {
            const char *nm = em_arena_printf(a, "%s_freqItems", m->cols[idx]);
            res[idx] = cx_eg_alias(
                a, cx_eg_call(a, "collect_list", 1, cx_eg_col(a, m->cols[idx]), NULL, NULL), nm);
        }
        pl_node *agg = cx_eg_unary(a, PL_AGGREGATE, in);
        agg->u.agg.group_type = PL_GROUP_BY;
        agg->n_exprs = n_cols;
        agg->exprs = res;
        *out = agg;
        return EM_OK;
    }
    pl_node *local = NULL;
    if (cx_eg_collect(ctx, cx_eg_project(a, in, n_cols, sel), "freqItems (no executor)", &local,
                      err))
        return err ? err->code : EM_EUSER;
    const ty *schema = local->u.local.schema;
    vec_batch *batch = local->u.local.n_batches == 1 ? local->u.local.batches[0] : NULL;
    if (!schema || schema->n_fields != n_cols)
        return em_error_internal(err, "freqItems: the collected columns do not match");
    for (int idx = 0; idx < n_cols; idx++) {
        const ty *t = schema->fields[idx].type;
        vec *empty = NULL;
        const vec *col = batch ? batch->cols[idx] : (empty = vec_new(t, 0));
        int rc = cx_eg_freq_column(ctx, col, t, schema->fields[idx].nullable, size, &res[idx], err);
        vec_release(empty);
        if (rc)
            return rc;
        res[idx] = cx_eg_alias(a, res[idx], em_arena_printf(a, "%s_freqItems", m->cols[idx]));
    }
    *out = cx_eg_project(a, pl_node_new(a, PL_ONE_ROW, 0), n_cols, res);
    return EM_OK;
}

/* ---- approx_quantile ---- */

static const char *cx_eg_type_name(em_arena *a, const ty *t)
{
    switch (t->kind) {
    case TY_STRING:
        return "StringType";
    case TY_BOOLEAN:
        return "BooleanType";
    case TY_BINARY:
        return "BinaryType";
    case TY_DATE:
        return "DateType";
    case TY_TIMESTAMP:
        return "TimestampType";
    case TY_TIMESTAMP_NTZ:
        return "TimestampNTZType";
    default: {
        em_str s;
        em_str_init(&s, 0);
        ty_simple_string(t, &s);
        const char *r = em_arena_strndup(a, s.data, s.len);
        em_str_release(&s);
        return r;
    }
    }
}

/* Spark's require: every column numeric (when the analyzer can tell the input's schema). */
static int cx_eg_check_numeric(const Spark__Connect__StatApproxQuantile *m, cx_ctx *ctx,
                               em_error *err)
{
    if (!ctx->input_schema)
        return EM_OK;
    pl_node *copy = NULL;
    const ty *schema = NULL;
    if (cx_relation(m->input, ctx, &copy, err) ||
        ctx->input_schema(ctx->cb_ctx, copy, ctx->arena, &schema, err))
        return err ? err->code : EM_EUSER;
    for (size_t idx = 0; idx < m->n_cols; idx++)
        for (int f = 0; f < schema->n_fields; f++) {
            if (strcasecmp(schema->fields[f].name, m->cols[idx]) != 0)
                continue;
            const ty *t = schema->fields[f].type;
            if (ty_is_numeric(t))
                break;
            char msg[256];
            snprintf(msg, sizeof msg,
                     "Quantile calculation for column %s with data type %s is not supported.",
                     m->cols[idx], cx_eg_type_name(ctx->arena, t));
            return cx_eg_require(err, msg);
        }
    return EM_OK;
}

int cx_approx_quantile(const Spark__Connect__StatApproxQuantile *m, cx_ctx *ctx, pl_node **out,
                       em_error *err)
{
    em_arena *a = ctx->arena;
    if (!m->input)
        return cx_invalid_plan(err, "the relation needs a plan input");
    if (!(m->relative_error >= 0)) {
        char num[64], msg[128];
        cx_eg_java_double(m->relative_error, num, sizeof num);
        snprintf(msg, sizeof msg, "Relative Error must be non-negative but got %s", num);
        return cx_eg_require(err, msg);
    }
    for (size_t idx = 0; idx < m->n_probabilities; idx++)
        if (!(m->probabilities[idx] >= 0 && m->probabilities[idx] <= 1.0))
            return cx_eg_require(err, "percentile should be in the range [0.0, 1.0]");
    if (cx_eg_check_numeric(m, ctx, err))
        return err->code;
    /* approx_percentile needs an integer accuracy */
    double inv = m->relative_error == 0 ? 2147483647.0 : ceil(1.0 / m->relative_error);
    int32_t accuracy = inv >= 2147483647.0 ? 2147483647 : (int32_t)inv;
    const ty *dbl_arr = ty_array(a, ty_double(), true);
    int n_cols = (int)m->n_cols;
    pl_expr *outer = pl_expr_new(a, PX_FUNC, n_cols);
    outer->name = "array";
    for (int idx = 0; idx < n_cols; idx++) {
        pl_expr *probs = pl_expr_new(a, PX_FUNC, (int)m->n_probabilities);
        probs->name = "array";
        for (size_t p = 0; p < m->n_probabilities; p++)
            probs->args[p] = pl_lit_double(a, m->probabilities[p]);
        /* null and NaN values are left out */
        pl_expr *v = cx_eg_cast(a, cx_eg_col(a, m->cols[idx]), ty_double());
        pl_expr *vv = cx_eg_call(a, "when", 3,
                                 cx_eg_call(a, "isnan", 1,
                                            cx_eg_cast(a, cx_eg_col(a, m->cols[idx]), ty_double()),
                                            NULL, NULL),
                                 pl_lit_null(a, ty_double()), v);
        pl_expr *pa = cx_eg_call(a, "percentile_approx", 3, vv, probs, pl_lit_int(a, accuracy));
        pl_expr *none = cx_eg_cast(a, pl_func_new(a, "array", 0, NULL), dbl_arr);
        outer->args[idx] = cx_eg_call(a, "coalesce", 2, pa, none, NULL);
    }
    pl_node *agg = pl_node_new(a, PL_AGGREGATE, 1);
    if (cx_relation(m->input, ctx, &agg->children[0], err))
        return err ? err->code : EM_EUSER;
    agg->u.agg.group_type = PL_GROUP_BY;
    agg->n_exprs = 1;
    agg->exprs = em_arena_calloc(a, 1, sizeof(pl_expr *));
    agg->exprs[0] =
        cx_eg_alias(a, cx_eg_cast(a, outer, ty_array(a, dbl_arr, true)), "approx_quantile");
    *out = agg;
    return EM_OK;
}

/* ---- sample_by ---- */

static void cx_eg_render_lit(const pl_expr *e, em_str *s)
{
    char buf[64];
    const vec *v = e->lit;
    if (!v || vec_is_null(v, 0)) {
        em_str_append(s, "null", 4);
        return;
    }
    switch (v->type->kind) {
    case TY_BYTE:
        snprintf(buf, sizeof buf, "%d", VEC_VALUES(v, int8_t)[0]);
        break;
    case TY_SHORT:
        snprintf(buf, sizeof buf, "%d", VEC_VALUES(v, int16_t)[0]);
        break;
    case TY_INT:
        snprintf(buf, sizeof buf, "%d", VEC_VALUES(v, int32_t)[0]);
        break;
    case TY_LONG:
        snprintf(buf, sizeof buf, "%lld", (long long)VEC_VALUES(v, int64_t)[0]);
        break;
    case TY_DOUBLE:
        cx_eg_java_double(VEC_VALUES(v, double)[0], buf, sizeof buf);
        break;
    case TY_STRING: {
        int32_t len;
        const char *p = vec_str(v, 0, &len);
        em_str_append(s, p, (size_t)len);
        return;
    }
    default:
        snprintf(buf, sizeof buf, "?");
        break;
    }
    em_str_append(s, buf, strlen(buf));
}

int cx_sample_by(const Spark__Connect__StatSampleBy *m, cx_ctx *ctx, pl_node **out, em_error *err)
{
    em_arena *a = ctx->arena;
    if (!m->input || !m->col)
        return cx_invalid_plan(err, "StatSampleBy needs an input and a column");
    int k = (int)m->n_fractions;
    pl_expr **strata = em_arena_calloc(a, (size_t)(k ? k : 1), sizeof *strata);
    bool bad = false;
    for (int idx = 0; idx < k; idx++) {
        if (!m->fractions[idx]->stratum)
            return cx_invalid_plan(err, "StatSampleBy.Fraction needs a stratum");
        if (cx_literal(m->fractions[idx]->stratum, ctx, &strata[idx], err))
            return err ? err->code : EM_EUSER;
        double f = m->fractions[idx]->fraction;
        bad |= !(f >= 0.0 && f <= 1.0);
    }
    if (bad) { /* require(...): "Fractions must be in [0, 1], but got Map(k -> v, ...)." */
        em_str s;
        em_str_init(&s, 0);
        em_str_append(&s, "Fractions must be in [0, 1], but got Map(", 41);
        for (int idx = 0; idx < k; idx++) {
            char num[64];
            if (idx)
                em_str_append(&s, ", ", 2);
            cx_eg_render_lit(strata[idx], &s);
            cx_eg_java_double(m->fractions[idx]->fraction, num, sizeof num);
            em_str_append(&s, " -> ", 4);
            em_str_append(&s, num, strlen(num));
        }
        em_str_append(&s, ").", 2);
        int rc = cx_eg_require(err, s.data);
        em_str_release(&s);
        return rc;
    }
    pl_expr *col = NULL;
    pl_node *f = pl_node_new(a, PL_FILTER, 1);
    if (cx_relation(m->input, ctx, &f->children[0], err) || cx_expression(m->col, ctx, &col, err))
        return err ? err->code : EM_EUSER;
    /* The stratum's fraction: CASE WHEN col = s1 THEN f1 ... ELSE 0.0 END (first match wins,
       as a map keeps one fraction per stratum: later duplicates override, so go backwards). */
    pl_expr *frac = pl_lit_double(a, 0.0);
    if (k > 0) {
        pl_expr *w = pl_expr_new(a, PX_FUNC, 2 * k + 1);
        w->name = "when";
        for (int idx = 0; idx < k; idx++) {
            int src = k - 1 - idx;
            w->args[2 * idx] = cx_eg_call(a, "==", 2, col, strata[src], NULL);
            w->args[2 * idx + 1] = pl_lit_double(a, m->fractions[src]->fraction);
        }
        w->args[2 * k] = frac;
        frac = w;
    }
    int64_t seed = CX_HAS(m, seed) ? m->seed : (int64_t)((uint64_t)random() << 32 ^ random());
    f->u.filter.cond = cx_eg_call(
        a, "<", 2, cx_eg_call(a, "rand", 1, pl_lit_long(a, seed), NULL, NULL), frac, NULL);
    *out = f;
    return EM_OK;
}
